-- N3: the messages an investigation's members exchange, and where each of them stopped reading.
-- Messages are evidence: no route edits or deletes one, and the triggers below refuse it to
-- anyone with the database file too (short of dropping them, which the schema would show).

CREATE TABLE investigation_messages (
  id               INTEGER PRIMARY KEY,
  investigation_id INTEGER NOT NULL REFERENCES investigations (id),
  sent_at          TEXT NOT NULL,  -- RFC 3339 UTC
  author           TEXT NOT NULL,  -- a user name
  body             TEXT NOT NULL,
  reply_to         INTEGER REFERENCES investigation_messages (id)  -- same investigation
);
-- The conversation in order, and the unread ones after a marker.
CREATE INDEX investigation_messages_by_case ON investigation_messages (investigation_id, id);

CREATE TRIGGER investigation_messages_no_update BEFORE UPDATE ON investigation_messages
BEGIN
  SELECT RAISE(ABORT, 'investigation messages are never changed');
END;
CREATE TRIGGER investigation_messages_no_delete BEFORE DELETE ON investigation_messages
BEGIN
  SELECT RAISE(ABORT, 'investigation messages are never deleted');
END;

-- Each user's read marker in an investigation: the last message they have read. It only moves
-- forward (the store writes max(old, new)).
CREATE TABLE investigation_message_reads (
  investigation_id INTEGER NOT NULL,
  user_name        TEXT NOT NULL,
  up_to            INTEGER NOT NULL,
  PRIMARY KEY (investigation_id, user_name)
) WITHOUT ROWID;

-- A message's links to records live in record_links (V007) with owner_kind 'message'.
