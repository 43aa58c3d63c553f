-- Every change to a trader's offences (trader_offences, written with the seizures that name it),
-- in commit order, whatever wrote it (the API, an import, another process): a server follows
-- this log to keep the offences its risk checks read from memory current without a restart
-- (storage/sqlite/baseline_index.h), as it follows registry_changes (V005) for the registry.
-- A seizure rewrites its offences (deleted, then inserted): both show, once for each row.
CREATE TABLE offence_changes (
  seq    INTEGER PRIMARY KEY,
  tax_id TEXT NOT NULL
);
CREATE TRIGGER offence_changes_insert AFTER INSERT ON trader_offences
BEGIN
  INSERT INTO offence_changes (tax_id) VALUES (NEW.tax_id);
END;
CREATE TRIGGER offence_changes_delete AFTER DELETE ON trader_offences
BEGIN
  INSERT INTO offence_changes (tax_id) VALUES (OLD.tax_id);
END;
CREATE TRIGGER offence_changes_update AFTER UPDATE ON trader_offences
BEGIN
  INSERT INTO offence_changes (tax_id) VALUES (OLD.tax_id);
  INSERT INTO offence_changes (tax_id) SELECT NEW.tax_id WHERE NEW.tax_id != OLD.tax_id;
END;
