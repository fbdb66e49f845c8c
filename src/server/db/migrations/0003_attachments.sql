-- Attachments: evidence and other files that business objects (matters,
-- documents, reports…) carry. The bytes live in the row: they commit and roll
-- back with the change that uploads or links them, they are in every backup
-- (PGlite data-dir image or pg_dump) without a second store to keep in step,
-- and the same code runs on PGlite and PostgreSQL. The cost is database size
-- and memory per request (a file is read whole); modules/attachments/README.md
-- gives the figures and the limit that keeps it reasonable.
CREATE TABLE attachments (
  id uuid PRIMARY KEY,
  -- set together when a business module links the file (e.g. 'matter', its id)
  owner_type text,
  owner_id text,
  filename text NOT NULL CHECK (char_length(filename) BETWEEN 1 AND 200),
  mime text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES users(id),
  uploaded_at timestamptz NOT NULL,
  -- the uploader's unit at upload time, for unit-scoped queries
  unit_id uuid NOT NULL REFERENCES units(id),
  deleted_at timestamptz,
  CHECK ((owner_type IS NULL) = (owner_id IS NULL)),
  CHECK (octet_length(content) = size)
);

-- Office files, images and archives are already compressed: storing them out
-- of line without pglz saves the CPU of a compression attempt that gains nothing.
ALTER TABLE attachments ALTER COLUMN content SET STORAGE EXTERNAL;

-- An owner's files (the matter page lists its evidence).
CREATE INDEX attachments_owner ON attachments (owner_type, owner_id) WHERE deleted_at IS NULL;

-- An uploader's files not yet linked to anything (linking checks, clean-up of abandoned uploads).
CREATE INDEX attachments_unlinked ON attachments (uploaded_by, uploaded_at) WHERE owner_type IS NULL AND deleted_at IS NULL;
