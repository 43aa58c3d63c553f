-- N1-N5: the national enforcement databases (after the WCO's nCEN). Lists inside a record
-- (route legs, names, documents) are stored joined by U+001F within an element and U+001E
-- between elements; what is filtered on has its own indexed table.

CREATE TABLE seizures (
  id               INTEGER PRIMARY KEY,
  version          INTEGER NOT NULL,
  occurred_at      TEXT NOT NULL,  -- YYYY-MM-DD or RFC 3339 UTC
  day              TEXT NOT NULL,  -- YYYY-MM-DD: filters and monthly figures
  office           TEXT NOT NULL,
  place            TEXT NOT NULL DEFAULT '',
  detection_method TEXT NOT NULL,
  category         TEXT NOT NULL,
  hs_code          TEXT NOT NULL DEFAULT '',
  description      TEXT NOT NULL,
  quantity         REAL,
  unit             TEXT NOT NULL DEFAULT '',
  estimated_value  REAL,
  currency         TEXT NOT NULL DEFAULT '',
  concealment      TEXT NOT NULL DEFAULT '',
  transport_mode   TEXT NOT NULL DEFAULT '',
  conveyance       TEXT NOT NULL DEFAULT '',
  departure        TEXT NOT NULL DEFAULT '',
  destination      TEXT NOT NULL DEFAULT '',
  route            TEXT NOT NULL DEFAULT '',
  declaration_id   INTEGER,
  narrative        TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  updated_by       TEXT NOT NULL
);
CREATE INDEX seizures_by_day ON seizures (day);
CREATE INDEX seizures_by_category ON seizures (category, day);
CREATE INDEX seizures_by_office ON seizures (office, day);

-- Every country a seizure's goods passed: departure, legs and destination.
CREATE TABLE seizure_countries (
  country    TEXT NOT NULL,
  seizure_id INTEGER NOT NULL,
  PRIMARY KEY (country, seizure_id)
) WITHOUT ROWID;

CREATE TABLE seizure_parties (
  seizure_id INTEGER NOT NULL,
  kind       TEXT NOT NULL,  -- person | company
  party_id   INTEGER NOT NULL,
  role       TEXT NOT NULL,
  PRIMARY KEY (seizure_id, kind, party_id, role)
);  -- with a rowid: parties are listed in the order they were given
CREATE INDEX seizure_parties_by_party ON seizure_parties (kind, party_id);

-- Images and documents, content-addressed: the same bytes are stored once.
CREATE TABLE blobs (
  sha256     TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  size       INTEGER NOT NULL,
  content    BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE seizure_attachments (
  seizure_id INTEGER NOT NULL,
  sha256     TEXT NOT NULL REFERENCES blobs (sha256),
  kind       TEXT NOT NULL,  -- photo | xray | document
  file_name  TEXT NOT NULL DEFAULT '',
  added_at   TEXT NOT NULL,
  added_by   TEXT NOT NULL,
  PRIMARY KEY (seizure_id, sha256)
) WITHOUT ROWID;

-- Suspects. `names`: the first is the name the person is known by, then aliases.
CREATE TABLE suspect_persons (
  id            INTEGER PRIMARY KEY,
  version       INTEGER NOT NULL,
  names         TEXT NOT NULL,
  date_of_birth TEXT NOT NULL DEFAULT '',
  nationality   TEXT NOT NULL DEFAULT '',
  documents     TEXT NOT NULL DEFAULT '',  -- type, number, country
  notes         TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  updated_by    TEXT NOT NULL
);
CREATE TABLE suspect_documents (
  number    TEXT NOT NULL,
  person_id INTEGER NOT NULL,
  PRIMARY KEY (number, person_id)
) WITHOUT ROWID;

CREATE TABLE offending_companies (
  id         INTEGER PRIMARY KEY,
  version    INTEGER NOT NULL,
  name       TEXT NOT NULL,
  aliases    TEXT NOT NULL DEFAULT '',
  tax_id     TEXT NOT NULL DEFAULT '',
  country    TEXT NOT NULL DEFAULT '',
  address    TEXT NOT NULL DEFAULT '',
  notes      TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE INDEX offending_companies_by_tax_id ON offending_companies (tax_id);

-- A registered trader's offences: written with each seizure that names it, so that the
-- trader's compliance record shows them.
CREATE TABLE trader_offences (
  tax_id     TEXT NOT NULL,
  seizure_id INTEGER NOT NULL,
  role       TEXT NOT NULL,
  day        TEXT NOT NULL,
  category   TEXT NOT NULL,
  PRIMARY KEY (tax_id, seizure_id, role)
) WITHOUT ROWID;

-- Full text of seizures: the description, place, narrative and parties' names, reduced to
-- lower case without marks (domain::NameTokens) before they are indexed; and `facets`, one
-- token per filterable value (category, office, transport, route country, HS prefix, day,
-- month, year: seizure_facets.h), so that words and filters are answered by one index walk.
CREATE VIRTUAL TABLE seizure_text USING fts5 (body, facets,
                                              tokenize = 'unicode61 remove_diacritics 2');

-- Every name and alias of suspects and companies, reduced the same way. rowid = id * 2 for a
-- person, id * 2 + 1 for a company.
CREATE VIRTUAL TABLE name_text USING fts5 (names, tokenize = 'unicode61 remove_diacritics 2');
-- The words of those names, and each word one deletion away, for typo-tolerant look-ups.
CREATE TABLE name_words (
  variant TEXT NOT NULL,
  word    TEXT NOT NULL,
  PRIMARY KEY (variant, word)
) WITHOUT ROWID;

CREATE TABLE concealment_methods (
  code     TEXT PRIMARY KEY,
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO concealment_methods (code, added_at, added_by) VALUES
  ('none', '2026-11-23T00:00:00Z', 'system'), ('luggage', '2026-11-23T00:00:00Z', 'system'),
  ('false_bottom', '2026-11-23T00:00:00Z', 'system'), ('body_carry', '2026-11-23T00:00:00Z', 'system'),
  ('swallowed', '2026-11-23T00:00:00Z', 'system'), ('clothing', '2026-11-23T00:00:00Z', 'system'),
  ('in_goods', '2026-11-23T00:00:00Z', 'system'), ('misdeclared', '2026-11-23T00:00:00Z', 'system'),
  ('vehicle_cavity', '2026-11-23T00:00:00Z', 'system'),
  ('container_structure', '2026-11-23T00:00:00Z', 'system'),
  ('mail_parcel', '2026-11-23T00:00:00Z', 'system'), ('other', '2026-11-23T00:00:00Z', 'system');

CREATE TABLE suspicions (
  id          INTEGER PRIMARY KEY,
  version     INTEGER NOT NULL,
  received_on TEXT NOT NULL,
  source      TEXT NOT NULL,
  category    TEXT NOT NULL DEFAULT '',
  summary     TEXT NOT NULL,
  narrative   TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
);

CREATE TABLE investigations (
  id              INTEGER PRIMARY KEY,
  version         INTEGER NOT NULL,
  title           TEXT NOT NULL,
  summary         TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL,
  lead            TEXT NOT NULL,
  supervisor      TEXT NOT NULL DEFAULT '',
  opened_from_kind TEXT,
  opened_from_id  INTEGER,
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  updated_by      TEXT NOT NULL
);
CREATE TABLE investigation_members (
  investigation_id INTEGER NOT NULL,
  user_name        TEXT NOT NULL,
  PRIMARY KEY (investigation_id, user_name)
) WITHOUT ROWID;
CREATE INDEX investigation_members_by_user ON investigation_members (user_name);
CREATE TABLE investigation_notes (
  id               INTEGER PRIMARY KEY,
  investigation_id INTEGER NOT NULL,
  at               TEXT NOT NULL,
  author           TEXT NOT NULL,
  text             TEXT NOT NULL
);
CREATE INDEX investigation_notes_by_case ON investigation_notes (investigation_id, id);
CREATE TABLE investigation_tasks (
  id               INTEGER PRIMARY KEY,
  investigation_id INTEGER NOT NULL,
  version          INTEGER NOT NULL,
  title            TEXT NOT NULL,
  assignee         TEXT NOT NULL DEFAULT '',
  due              TEXT NOT NULL DEFAULT '',
  status           TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  updated_by       TEXT NOT NULL
);
CREATE INDEX investigation_tasks_by_case ON investigation_tasks (investigation_id, id);

-- Links from a suspicion or investigation (owner) to any record.
CREATE TABLE record_links (
  owner_kind TEXT NOT NULL,  -- suspicion | investigation
  owner_id   INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  id         INTEGER NOT NULL,
  PRIMARY KEY (owner_kind, owner_id, kind, id)
) WITHOUT ROWID;
CREATE INDEX record_links_by_target ON record_links (kind, id);
