-- Where a unit's checkpoint stands, after a save that matched no row: already
-- at this batch's end (our earlier COMMIT went through) or someone else's unit.
SELECT fetched, cursor, lease_owner, state FROM gazelle_backfill.gb_units WHERE id = $1 AND run_id = $2
