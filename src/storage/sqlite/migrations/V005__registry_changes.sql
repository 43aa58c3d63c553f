-- Every new version of an enterprise, in commit order, whatever wrote it (the API, a CLI import
-- in another process, a provisional registration at filing): a server follows this log to keep
-- its in-memory copy of the registry (storage/sqlite/baseline_index.h) current.
CREATE TABLE registry_changes (
  seq    INTEGER PRIMARY KEY,
  tax_id TEXT NOT NULL
);
CREATE TRIGGER registry_changes_log AFTER INSERT ON enterprise_versions
BEGIN
  INSERT INTO registry_changes (tax_id) VALUES (NEW.tax_id);
END;
