-- 督查通报: periodic bulletins generated from the supervision statistics.
-- A draft holds a snapshot of the figures taken when it was made, so what
-- the supervisor reviews and edits is exactly what gets published; the
-- .docx is generated once, at publishing, and kept as issued.
CREATE TABLE bulletins (
  id uuid PRIMARY KEY,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  period_from date NOT NULL,
  period_to date NOT NULL,
  -- the day the figures were computed (events after it are not counted)
  as_of date NOT NULL,
  praise text NOT NULL DEFAULT '',
  criticism text NOT NULL DEFAULT '',
  -- per-unit SupervisionStats rows with unit names, as computed by the domain
  stats jsonb NOT NULL,
  -- the matters overdue at the end of the period, with their lead unit
  overdue jsonb NOT NULL,
  docx bytea,
  status text NOT NULL CHECK (status IN ('draft', 'published')),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  published_by uuid REFERENCES users(id),
  published_at timestamptz,
  version integer NOT NULL,
  CHECK (period_from <= period_to),
  -- a published bulletin always has its document; a draft never has one
  CHECK ((status = 'published') = (docx IS NOT NULL AND published_at IS NOT NULL))
);
CREATE INDEX bulletins_listing ON bulletins (status, period_to DESC, created_at DESC);
