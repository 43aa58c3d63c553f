-- Clearance core: declarations with their items, decisions and inspections; risk rules with history.
CREATE TABLE declarations (
  id                  INTEGER PRIMARY KEY,
  declarant_tax_id    TEXT NOT NULL,
  declarant_reference TEXT NOT NULL,
  type                TEXT NOT NULL,
  office              TEXT NOT NULL,
  declarant_name      TEXT,
  declarant_address   TEXT,
  declarant_country   TEXT,
  has_importer        INTEGER NOT NULL,
  importer_tax_id     TEXT,
  importer_name       TEXT,
  importer_address    TEXT,
  importer_country    TEXT,
  has_exporter        INTEGER NOT NULL,
  exporter_tax_id     TEXT,
  exporter_name       TEXT,
  exporter_address    TEXT,
  exporter_country    TEXT,
  transport_mode      TEXT NOT NULL,
  conveyance_id       TEXT,
  departure_country   TEXT NOT NULL,
  loading_place       TEXT,
  discharge_place     TEXT,
  invoice_currency    TEXT NOT NULL,
  invoice_incoterm    TEXT NOT NULL,
  invoice_amount      INTEGER NOT NULL,  -- hundredths of the invoice currency
  item_count          INTEGER NOT NULL,
  lane                TEXT NOT NULL,
  score               REAL NOT NULL,
  status              TEXT NOT NULL,
  filed_at            TEXT NOT NULL,     -- RFC 3339 UTC
  updated_at          TEXT NOT NULL,
  UNIQUE (declarant_tax_id, declarant_reference)
);
CREATE INDEX declarations_by_lane ON declarations (lane, id);
CREATE INDEX declarations_by_status ON declarations (status, id);
CREATE INDEX declarations_by_importer ON declarations (importer_tax_id, id);
CREATE INDEX declarations_by_exporter ON declarations (exporter_tax_id, id);
CREATE INDEX declarations_by_filed_at ON declarations (filed_at);

CREATE TABLE goods_items (
  declaration_id INTEGER NOT NULL REFERENCES declarations (id),
  seq            INTEGER NOT NULL,
  hs_code        TEXT NOT NULL,
  description    TEXT NOT NULL,
  origin_country TEXT NOT NULL,
  quantity       REAL NOT NULL,
  unit           TEXT NOT NULL,
  net_mass_kg    REAL NOT NULL,
  gross_mass_kg  REAL NOT NULL,
  value          INTEGER NOT NULL,  -- hundredths
  PRIMARY KEY (declaration_id, seq)
) WITHOUT ROWID;

CREATE TABLE decision_reasons (
  declaration_id INTEGER NOT NULL REFERENCES declarations (id),
  seq            INTEGER NOT NULL,
  code           TEXT NOT NULL,
  message        TEXT NOT NULL,
  PRIMARY KEY (declaration_id, seq)
) WITHOUT ROWID;

CREATE TABLE inspections (
  id                 INTEGER PRIMARY KEY,
  declaration_id     INTEGER NOT NULL REFERENCES declarations (id),
  outcome            TEXT NOT NULL,
  description        TEXT NOT NULL,
  revenue_adjustment INTEGER NOT NULL,  -- hundredths
  officer            TEXT,
  resulting_status   TEXT NOT NULL,
  recorded_at        TEXT NOT NULL
);
CREATE INDEX inspections_by_declaration ON inspections (declaration_id);

-- The current version of each rule; every version, the current included, is in risk_rule_versions.
CREATE TABLE risk_rules (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  version     INTEGER NOT NULL,
  description TEXT NOT NULL,
  field       TEXT NOT NULL,
  operator    TEXT NOT NULL,
  vals        TEXT NOT NULL,  -- values joined by U+001F, which a value cannot contain
  lane        TEXT,
  weight      REAL NOT NULL,
  valid_from  TEXT,
  valid_to    TEXT,
  active      INTEGER NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
);

CREATE TABLE risk_rule_versions (
  rule_id     INTEGER NOT NULL REFERENCES risk_rules (id),
  version     INTEGER NOT NULL,
  code        TEXT NOT NULL,
  description TEXT NOT NULL,
  field       TEXT NOT NULL,
  operator    TEXT NOT NULL,
  vals        TEXT NOT NULL,
  lane        TEXT,
  weight      REAL NOT NULL,
  valid_from  TEXT,
  valid_to    TEXT,
  active      INTEGER NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  PRIMARY KEY (rule_id, version)
) WITHOUT ROWID;
