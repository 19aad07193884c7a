-- rejects retry: a row that now loads leaves the rejects table.
DELETE FROM gb_rejects WHERE id = ?1
