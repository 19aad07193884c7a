-- Rows of a table ($1) listed as gone from the source.
SELECT count(*) FROM gazelle_backfill.gb_missing WHERE tbl = $1
