-- Units kept informed of a matter they do not (or no longer) handle: the lead
-- unit whose 退回 was ruled justified (reason 'former_lead', seq = the
-- ruling), and a unit a leader's 批示 names (reason 'named', seq = the
-- 批示). Such a unit keeps a limited read view of the matter (its own events,
-- the ruling, the 批示 naming it) through matterReadScope; it never acts.
CREATE TABLE matter_informed_units (
  matter_id uuid NOT NULL REFERENCES matters(id),
  unit_id uuid NOT NULL REFERENCES units(id),
  reason text NOT NULL CHECK (reason IN ('former_lead', 'named')),
  seq integer NOT NULL,
  PRIMARY KEY (matter_id, unit_id, reason, seq)
);
CREATE INDEX matter_informed_units_unit ON matter_informed_units (unit_id, matter_id);

-- Justified returns recorded before this table existed.
INSERT INTO matter_informed_units (matter_id, unit_id, reason, seq)
  SELECT e.matter_id, (e.payload->>'oldLeadUnitId')::uuid, 'former_lead', e.seq
  FROM matter_events e
  WHERE e.type = 'return_ruled' AND e.payload->>'justified' = 'true' AND e.payload->>'oldLeadUnitId' IS NOT NULL
    AND EXISTS (SELECT 1 FROM units u WHERE u.id = (e.payload->>'oldLeadUnitId')::uuid)
  ON CONFLICT DO NOTHING;
