-- The profile database (DB-profiles): trader profiles (T2) and the baselines of the anomaly
-- checks (T3), a projection of the declarations and inspections of the main database that
-- storage/sqlite/profile_folder.cpp keeps up to date, folding what was committed since its
-- watermarks. Derived data only: deleting the file rebuilds it. The trader of a declaration is
-- its importer (imports), its exporter (exports), else its declarant. Values are hundredths of
-- the invoice currency, kept per currency: no exchange rates are held.
CREATE TABLE fold_state (
  name  TEXT PRIMARY KEY,  -- 'declarations' | 'inspections': the last id folded;
  value INTEGER NOT NULL   -- 'clean': 1 if the last process to write it stopped cleanly
) WITHOUT ROWID;
INSERT INTO fold_state VALUES ('declarations', 0), ('inspections', 0), ('clean', 1);

CREATE TABLE trader_profiles (
  tax_id         TEXT PRIMARY KEY,
  declarations   INTEGER NOT NULL,
  first_filed_at TEXT,            -- NULL until a filing is folded (findings may come first)
  last_filed_at  TEXT,
  inspections    INTEGER NOT NULL DEFAULT 0,
  violations     INTEGER NOT NULL DEFAULT 0   -- findings other than compliant
) WITHOUT ROWID;

CREATE TABLE trader_months (
  tax_id       TEXT NOT NULL,
  month        TEXT NOT NULL,  -- YYYY-MM
  lane         TEXT NOT NULL,
  currency     TEXT NOT NULL,
  declarations INTEGER NOT NULL,
  value        INTEGER NOT NULL,
  PRIMARY KEY (tax_id, month, lane, currency)
) WITHOUT ROWID;

-- Daily totals: the trailing 90 days of the volume checks.
CREATE TABLE trader_days (
  tax_id       TEXT NOT NULL,
  currency     TEXT NOT NULL,
  day          TEXT NOT NULL,  -- YYYY-MM-DD
  declarations INTEGER NOT NULL,
  value        INTEGER NOT NULL,
  PRIMARY KEY (tax_id, currency, day)
) WITHOUT ROWID;

CREATE TABLE trader_goods (
  tax_id   TEXT NOT NULL,
  heading  TEXT NOT NULL,  -- HS heading, 4 digits
  currency TEXT NOT NULL,
  items    INTEGER NOT NULL,
  value    INTEGER NOT NULL,
  PRIMARY KEY (tax_id, heading, currency)
) WITHOUT ROWID;

CREATE TABLE trader_origins (
  tax_id   TEXT NOT NULL,
  country  TEXT NOT NULL,
  currency TEXT NOT NULL,
  items    INTEGER NOT NULL,
  value    INTEGER NOT NULL,
  PRIMARY KEY (tax_id, country, currency)
) WITHOUT ROWID;

CREATE TABLE trader_partners (
  tax_id       TEXT NOT NULL,
  name         TEXT NOT NULL,
  country      TEXT NOT NULL,
  currency     TEXT NOT NULL,
  declarations INTEGER NOT NULL,
  value        INTEGER NOT NULL,
  PRIMARY KEY (tax_id, name, country, currency)
) WITHOUT ROWID;

-- Unit values per HS subheading, unit and currency as log histograms (domain::ValueHistogram);
-- scope is the trader's tax id, or '' for every trader.
CREATE TABLE unit_values (
  scope     TEXT NOT NULL,
  hs6       TEXT NOT NULL,
  unit      TEXT NOT NULL,
  currency  TEXT NOT NULL,
  histogram BLOB NOT NULL,
  PRIMARY KEY (scope, hs6, unit, currency)
) WITHOUT ROWID;

-- Invoice amounts of every declaration per currency: what "high value" means nationally.
CREATE TABLE declaration_values (
  currency  TEXT PRIMARY KEY,
  histogram BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE trader_findings (
  tax_id             TEXT NOT NULL,
  outcome            TEXT NOT NULL,
  count              INTEGER NOT NULL,
  revenue_adjustment INTEGER NOT NULL,
  PRIMARY KEY (tax_id, outcome)
) WITHOUT ROWID;
