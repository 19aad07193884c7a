-- rejects retry: the parameters of the run that rejected the rows.
SELECT params FROM gb_runs WHERE id = $1
