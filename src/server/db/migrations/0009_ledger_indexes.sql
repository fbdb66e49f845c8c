-- The ledger's sort orders as covering indexes: each includes every column a
-- ledger filter reads, so the page's ids and its capped count come from an
-- index-only scan. Matter rows are wide (the snapshot, ~1.7 kB), and walking
-- them to test a filter was what made a page take seconds at a million
-- matters (docs/PERFORMANCE.md). The key columns match ledger.ts's ORDER BY
-- exactly, NULLS LAST both ways, with the id as the tie-breaker; they replace
-- the single-column indexes on deadline and opened_at.
--
-- unit_ids (lead and co-units, from the snapshot like the other ledger
-- columns) lets the "lead or co-unit" filter be tested inside those indexes,
-- and through its own GIN index when the unit is small.
ALTER TABLE matters ADD COLUMN unit_ids uuid[] NOT NULL DEFAULT '{}';
UPDATE matters m SET unit_ids = u.ids
  FROM (SELECT matter_id, array_agg(unit_id ORDER BY role DESC, unit_id) AS ids FROM matter_units GROUP BY matter_id) u
  WHERE u.matter_id = m.id;
CREATE INDEX matters_unit_ids ON matters USING gin (unit_ids);
DROP INDEX matters_deadline;
DROP INDEX matters_opened_at;
DROP INDEX matters_state_deadline;
CREATE INDEX matters_ledger_deadline ON matters (deadline, id)
  INCLUDE (state, light_mode, yellow_from, lead_unit_id, unit_ids, source, priority, categories, instructing_leader_id, opened_at, title);
CREATE INDEX matters_ledger_deadline_desc ON matters (deadline DESC NULLS LAST, id DESC)
  INCLUDE (state, light_mode, yellow_from, lead_unit_id, unit_ids, source, priority, categories, instructing_leader_id, opened_at, title);
CREATE INDEX matters_ledger_opened ON matters (opened_at, id)
  INCLUDE (state, light_mode, yellow_from, lead_unit_id, unit_ids, source, priority, categories, instructing_leader_id, deadline, title);
-- ledger.ts priorityRank, written the same way so the planner matches it
CREATE INDEX matters_ledger_priority ON matters ((CASE priority WHEN 'extra_urgent' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END), id)
  INCLUDE (state, light_mode, yellow_from, lead_unit_id, unit_ids, source, priority, categories, instructing_leader_id, opened_at, deadline, title);
-- A state filter (the commonest) by deadline: a range of this index.
CREATE INDEX matters_ledger_state ON matters (state, deadline, id)
  INCLUDE (light_mode, yellow_from, lead_unit_id, unit_ids, source, priority, categories, instructing_leader_id, opened_at, title);

-- cjk_bigrams() is an SQL function that builds an array per call (~0.1 ms):
-- its declared cost tells the planner to use its GIN index rather than call
-- it on every row of an index walk.
ALTER FUNCTION cjk_bigrams(text) COST 1000;
