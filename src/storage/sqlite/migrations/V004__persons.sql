-- One registry of natural persons: the owners and legal representatives of enterprises (T1),
-- which the enforcement databases (N1-N3) will refer to as well. A person is identified by an
-- identity document number; every change to a person is versioned like an enterprise.
CREATE TABLE persons (
  id_number   TEXT PRIMARY KEY,  -- citizen identity card or passport number
  full_name   TEXT NOT NULL,
  nationality TEXT NOT NULL,     -- ISO 3166-1 alpha-2
  version     INTEGER NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE person_versions (
  id_number   TEXT NOT NULL,
  version     INTEGER NOT NULL,
  full_name   TEXT NOT NULL,
  nationality TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  PRIMARY KEY (id_number, version)
) WITHOUT ROWID;

-- Who owns and represents each enterprise now; earlier versions are in enterprise_versions.people.
CREATE TABLE enterprise_people (
  tax_id    TEXT NOT NULL,
  role      TEXT NOT NULL,  -- owner | legal_representative
  id_number TEXT NOT NULL REFERENCES persons (id_number),
  share     REAL,           -- per cent, owners only
  PRIMARY KEY (tax_id, role, id_number)
);  -- with a rowid: people are listed in the order they were entered
CREATE INDEX enterprise_people_by_person ON enterprise_people (id_number, tax_id);

-- domain::AddressKey of the address, so that enterprises at one address can be found; set on
-- every write (rows written before this version get theirs when next written).
ALTER TABLE enterprises ADD COLUMN address_key TEXT;
CREATE INDEX enterprises_by_address_key ON enterprises (address_key);

-- The owners and representatives of each version, as role, id number, name, nationality and
-- share joined by U+001F, one person after another joined by U+001E.
ALTER TABLE enterprise_versions ADD COLUMN people TEXT NOT NULL DEFAULT '';
