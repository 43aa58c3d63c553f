-- Identity (P1): users, sessions, API keys; tokens stored only as keyed hashes.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL,
  trader_tax_id TEXT,
  password_hash TEXT,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE api_keys (
  id         INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  label      TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- The audit trail: a hash chain (each entry's hash covers the previous one's), appended in the
-- same transaction as the change it records. Nothing updates or deletes it.
CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  role        TEXT NOT NULL,
  action      TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id   TEXT NOT NULL,
  remote      TEXT NOT NULL,
  outcome     TEXT NOT NULL,
  detail      TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
-- "Who touched this record": each B-tree a filing touches is another page in every commit's WAL
-- (5,000 filings a second), so the index leaves filings out and the declaration row keeps the
-- sequence number of its own filing entry instead. A search by actor walks the sequence.
CREATE INDEX audit_by_record ON audit_log(record_type, record_id)
  WHERE NOT (action = 'declaration.file' AND outcome = 'ok');
ALTER TABLE declarations ADD COLUMN audit_seq INTEGER;

-- The chain head at `seq`, signed with the node's Ed25519 key.
CREATE TABLE audit_checkpoints (
  id         INTEGER PRIMARY KEY,
  seq        INTEGER NOT NULL,
  head_hash  TEXT NOT NULL,
  at         TEXT NOT NULL,
  public_key TEXT NOT NULL,
  signature  TEXT NOT NULL
);
