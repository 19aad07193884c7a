-- A stream counted again from zero (its recount unit), in the transaction that adds it.
DELETE FROM gb_counters WHERE run_id = ?1 AND year = 0 AND type = ?2
