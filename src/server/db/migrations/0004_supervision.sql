-- 督查督办: matters, their units, and their event log (the source of truth).
-- The domain snapshot lives in `snapshot`; the columns beside it are copies
-- kept for querying the ledger (filters, sort, scope) and are rewritten with
-- every event in the same transaction.

CREATE TABLE matter_counters (
  year integer PRIMARY KEY,
  last integer NOT NULL
);

CREATE TABLE matters (
  id uuid PRIMARY KEY,
  -- 督办编号 shown to people, e.g. 督办〔2026〕15号
  code text NOT NULL UNIQUE,
  parent_id uuid REFERENCES matters(id),
  title text NOT NULL,
  requirement text NOT NULL DEFAULT '',
  source text NOT NULL,
  -- the source's particulars: leader, date and text of a 批示, meeting, document number …
  source_ref jsonb NOT NULL DEFAULT '{}'::jsonb,
  priority text NOT NULL,
  categories text[] NOT NULL DEFAULT '{}',
  lead_unit_id uuid REFERENCES units(id),
  instructing_leader_id uuid REFERENCES users(id),
  state text NOT NULL,
  deadline date,
  original_deadline date,
  -- the light as of any day, without the calendar: 'none', a frozen 'red'/'green',
  -- or 'clock' = red from red_from, yellow from yellow_from, else green
  light_mode text NOT NULL,
  yellow_from date,
  red_from date,
  opened_by uuid NOT NULL REFERENCES users(id),
  opened_at timestamptz NOT NULL,
  assigned_at timestamptz,
  closed_at timestamptz,
  completed_on date,
  snapshot jsonb NOT NULL,
  version integer NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX matters_state_deadline ON matters (state, deadline);
CREATE INDEX matters_deadline ON matters (deadline);
CREATE INDEX matters_lead_unit ON matters (lead_unit_id, state);
CREATE INDEX matters_opened_at ON matters (opened_at DESC);
CREATE INDEX matters_closed_at ON matters (closed_at);
CREATE INDEX matters_parent ON matters (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX matters_leader ON matters (instructing_leader_id) WHERE instructing_leader_id IS NOT NULL;
CREATE INDEX matters_light ON matters (light_mode, red_from, yellow_from);
CREATE INDEX matters_categories ON matters USING gin (categories);
CREATE INDEX matters_title_trgm ON matters USING gin (title gin_trgm_ops);
CREATE INDEX matters_title_bigrams ON matters USING gin (cjk_bigrams(title));

-- Lead and co-units with the responsible person in each; the unit-scope
-- filter of the ledger runs on this table.
CREATE TABLE matter_units (
  matter_id uuid NOT NULL REFERENCES matters(id),
  unit_id uuid NOT NULL REFERENCES units(id),
  role text NOT NULL CHECK (role IN ('lead', 'co')),
  handler text,
  PRIMARY KEY (matter_id, unit_id)
);
CREATE INDEX matter_units_unit ON matter_units (unit_id, matter_id);

CREATE TABLE matter_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  matter_id uuid NOT NULL REFERENCES matters(id),
  seq integer NOT NULL,
  type text NOT NULL,
  -- a user id, or 'system' for the sweeper and parent bookkeeping
  actor_id text NOT NULL,
  at timestamptz NOT NULL,
  state text NOT NULL,
  comment text,
  attachment_ids text[] NOT NULL DEFAULT '{}',
  payload jsonb NOT NULL,
  -- two writers can never both append the same version of a matter
  UNIQUE (matter_id, seq)
);
CREATE INDEX matter_events_at ON matter_events (at);
CREATE INDEX matter_events_type_at ON matter_events (type, at);
