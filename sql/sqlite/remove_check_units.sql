-- --restart: the closing check's units (top-ups, recounts) go with the old sweeps.
DELETE FROM gb_units
WHERE run_id = ?1
  AND (json_extract(spec, '$.stop_at') IS NOT NULL OR json_extract(spec, '$.count_year') IS NOT NULL)
