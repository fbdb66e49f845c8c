-- The ledger's default order (ledger-order.ts): open work first, then 暂缓
-- and 立项, closed last; within each, the nearest deadline first and none
-- last. Written exactly as ledger-order.ts renders it so the planner matches
-- it: the first page is 20 entries of this index, never a sort of the table.
-- It covers like the indexes of 0009 (every column a ledger filter reads; the
-- deadline itself too, since the key holds only its COALESCE).
CREATE INDEX matters_ledger_default ON matters (
  (CASE state WHEN 'closed' THEN 2 WHEN 'draft' THEN 1 WHEN 'suspended' THEN 1 ELSE 0 END),
  (COALESCE(deadline, '9999-12-31'::date)),
  id
) INCLUDE (state, deadline, light_mode, yellow_from, lead_unit_id, unit_ids, source, priority, categories, instructing_leader_id, opened_at, title);

-- The 工作台 cards that read the snapshot (todos.ts): few rows among a
-- million, found through these small partial indexes instead of a walk
-- through every snapshot. The predicates are todos.ts's has() verbatim.
CREATE INDEX matters_todo_requests ON matters (id)
  WHERE (coalesce(snapshot->'pendingExtension', 'null'::jsonb) <> 'null'::jsonb)
     OR (coalesce(snapshot->'pendingHelp', 'null'::jsonb) <> 'null'::jsonb);
CREATE INDEX matters_todo_look_back ON matters (id)
  WHERE (coalesce(snapshot->'lookBackDue', 'null'::jsonb) <> 'null'::jsonb);
-- Without statistics on these fields the planner guesses that almost every
-- row matches (<> on an expression) and walks the default index, reading a
-- hundred thousand snapshots for a page; with them it takes the partial
-- index and sorts the few rows (checked with EXPLAIN on 500,000 matters).
CREATE STATISTICS matters_todo_fields ON
  (coalesce(snapshot->'pendingExtension', 'null'::jsonb)),
  (coalesce(snapshot->'pendingHelp', 'null'::jsonb)),
  (coalesce(snapshot->'lookBackDue', 'null'::jsonb))
  FROM matters;

-- The board's 交办 column and its drill-down (assignedFrom/assignedTo): the
-- matters assigned in a period, a range of this index.
CREATE INDEX matters_assigned_at ON matters (assigned_at) WHERE assigned_at IS NOT NULL;
