-- rejects retry: rows that now load leave the rejects table.
DELETE FROM gb_rejects WHERE id = ANY($1::bigint[])
