-- Saved ledger views: a user's named filter sets for 督查台账.
CREATE TABLE matter_views (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  name text NOT NULL,
  -- the ledger query string as the UI keeps it in the address bar
  query text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX matter_views_user_name ON matter_views (user_id, name);
