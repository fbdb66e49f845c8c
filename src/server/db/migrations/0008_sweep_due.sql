-- The first day the sweeper has work for a matter (domain nextSweepOn), kept
-- with every write so the daily sweep reads only the matters that are due
-- instead of every open one. Rows written before this column existed get a
-- day long past when they could have work (open, or closed with a look-back
-- possibly pending): the first sweep visits each of them once and stores the
-- real day.
ALTER TABLE matters ADD COLUMN sweep_due date;
UPDATE matters SET sweep_due = DATE '2000-01-01'
  WHERE sweep_due IS NULL AND (state IN ('assigned', 'in_progress') OR (state = 'closed' AND snapshot->>'lookBackDue' IS NULL));
CREATE INDEX matters_sweep_due ON matters (sweep_due) WHERE sweep_due IS NOT NULL;
