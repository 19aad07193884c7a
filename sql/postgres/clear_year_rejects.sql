-- The rejects of a year counted again: the recount meets those rows again.
DELETE FROM gazelle_backfill.gb_rejects WHERE run_id = $1 AND year = $2
