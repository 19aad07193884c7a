-- The rejects of a stream counted again: the recount meets those objects again.
DELETE FROM gazelle_backfill.gb_rejects WHERE run_id = $1 AND year = 0 AND type = $2
