-- verify: rows of an occurred_at range [$1, $2) in epoch seconds (occurred_at index), the
-- rows sync found gone from the source left out.
SELECT count(*) FROM gazelle_timeline_entries t
WHERE occurred_at >= to_timestamp($1) AND occurred_at < to_timestamp($2)
  AND NOT EXISTS (SELECT 1 FROM gazelle_backfill.gb_missing m
                  WHERE m.tbl = 'gazelle_timeline_entries' AND m.external_id = t.external_id)
