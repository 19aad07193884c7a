-- verify: rows of an occurred_at range [$1, $2) in epoch seconds (occurred_at index).
SELECT count(*) FROM gazelle_timeline_entries
WHERE occurred_at >= to_timestamp($1) AND occurred_at < to_timestamp($2)
