-- A year counted again from zero (a recount unit), in the transaction that adds it.
DELETE FROM gb_counters WHERE run_id = ?1 AND year = ?2
