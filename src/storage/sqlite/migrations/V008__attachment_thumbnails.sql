-- A thumbnail (JPEG) of each attached image that could be read, made once from its bytes when
-- they are stored, with the image's own size. Beside `blobs`, not in it: reading a thumbnail
-- must not walk the overflow pages of a 16 MiB original.
CREATE TABLE blob_thumbnails (
  sha256        TEXT PRIMARY KEY REFERENCES blobs (sha256),
  source_width  INTEGER NOT NULL,
  source_height INTEGER NOT NULL,
  width         INTEGER NOT NULL,
  height        INTEGER NOT NULL,
  content       BLOB NOT NULL
) WITHOUT ROWID;
