-- The enterprise registry (T1). The current version in `enterprises`, every version (the
-- current included) in `enterprise_versions`, with who wrote it and when.
CREATE TABLE enterprises (
  tax_id            TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  address           TEXT NOT NULL,
  registration_date TEXT,
  status            TEXT NOT NULL,
  aeo               INTEGER NOT NULL DEFAULT 0,
  provisional       INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL,
  updated_at        TEXT NOT NULL,
  updated_by        TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE enterprise_versions (
  tax_id            TEXT NOT NULL,
  version           INTEGER NOT NULL,
  name              TEXT NOT NULL,
  address           TEXT NOT NULL,
  registration_date TEXT,
  status            TEXT NOT NULL,
  aeo               INTEGER NOT NULL,
  provisional       INTEGER NOT NULL,
  updated_at        TEXT NOT NULL,
  updated_by        TEXT NOT NULL,
  PRIMARY KEY (tax_id, version)
) WITHOUT ROWID;
