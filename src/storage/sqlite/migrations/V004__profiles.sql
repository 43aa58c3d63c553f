-- Trader profiles (T2) and the baselines of the anomaly checks (T3), folded in by each filing's
-- own transaction, so that a profile is never recomputed from the declarations. The trader of
-- a declaration is its importer (imports), its exporter (exports), else its declarant. Values
-- are hundredths of the invoice currency, kept per currency: no exchange rates are held.
CREATE TABLE trader_profiles (
  tax_id         TEXT PRIMARY KEY,
  declarations   INTEGER NOT NULL,
  first_filed_at TEXT NOT NULL,
  last_filed_at  TEXT NOT NULL,
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

-- Declarations filed before this version: everything but the histograms, which start learning
-- from the next filing.
CREATE TEMP VIEW profile_source AS
  SELECT d.*, CASE
      WHEN d.type = 'IM' AND coalesce(d.importer_tax_id, '') != '' THEN d.importer_tax_id
      WHEN d.type = 'EX' AND coalesce(d.exporter_tax_id, '') != '' THEN d.exporter_tax_id
      ELSE d.declarant_tax_id END AS trader,
    CASE WHEN d.type = 'EX' THEN d.importer_name ELSE d.exporter_name END AS partner_name,
    CASE WHEN d.type = 'EX' THEN d.importer_country ELSE d.exporter_country END AS partner_country
  FROM declarations d;

INSERT INTO trader_profiles (tax_id, declarations, first_filed_at, last_filed_at)
  SELECT trader, count(*), min(filed_at), max(filed_at) FROM profile_source GROUP BY trader;
INSERT INTO trader_months
  SELECT trader, substr(filed_at, 1, 7), lane, invoice_currency, count(*), sum(invoice_amount)
  FROM profile_source GROUP BY 1, 2, 3, 4;
INSERT INTO trader_days
  SELECT trader, invoice_currency, substr(filed_at, 1, 10), count(*), sum(invoice_amount)
  FROM profile_source GROUP BY 1, 2, 3;
INSERT INTO trader_goods
  SELECT s.trader, substr(g.hs_code, 1, 4), s.invoice_currency, count(*), sum(g.value)
  FROM profile_source s JOIN goods_items g ON g.declaration_id = s.id GROUP BY 1, 2, 3;
INSERT INTO trader_origins
  SELECT s.trader, g.origin_country, s.invoice_currency, count(*), sum(g.value)
  FROM profile_source s JOIN goods_items g ON g.declaration_id = s.id GROUP BY 1, 2, 3;
INSERT INTO trader_partners
  SELECT trader, partner_name, coalesce(partner_country, ''), invoice_currency, count(*),
         sum(invoice_amount)
  FROM profile_source WHERE coalesce(partner_name, '') != '' GROUP BY 1, 2, 3, 4;
UPDATE trader_profiles SET
  inspections = (SELECT count(*) FROM inspections i JOIN profile_source s
                 ON s.id = i.declaration_id WHERE s.trader = trader_profiles.tax_id),
  violations = (SELECT count(*) FROM inspections i JOIN profile_source s
                ON s.id = i.declaration_id
                WHERE s.trader = trader_profiles.tax_id AND i.outcome != 'compliant');
INSERT INTO trader_findings
  SELECT s.trader, i.outcome, count(*), sum(i.revenue_adjustment)
  FROM inspections i JOIN profile_source s ON s.id = i.declaration_id GROUP BY 1, 2;
DROP VIEW profile_source;
