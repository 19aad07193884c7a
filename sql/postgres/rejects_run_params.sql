-- rejects retry: the parameters of the run that rejected the rows.
SELECT params FROM gazelle_backfill.gb_runs WHERE id = $1
