-- A year counted again from zero (a recount unit), in the transaction that adds it.
DELETE FROM gazelle_backfill.gb_counters WHERE run_id = $1 AND year = $2
