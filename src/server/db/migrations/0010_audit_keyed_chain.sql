-- The keyed audit chain: every record written from now on carries a gapless
-- sequence number and the time of the record before it (both under its hash),
-- and an HMAC of its hash under a key kept outside the database (key_id names
-- the key, never holds it). Records written before this migration keep NULL
-- here and verify as they were written; none may follow a keyed record.
ALTER TABLE audit_log
  ADD COLUMN seq bigint,
  ADD COLUMN prev_at timestamptz,
  ADD COLUMN key_id text,
  ADD COLUMN mac text;
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);
