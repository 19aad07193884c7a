-- rejects retry: rows that now load leave the rejects table.
DELETE FROM gazelle_backfill.gb_rejects WHERE id = ANY($1::bigint[])
