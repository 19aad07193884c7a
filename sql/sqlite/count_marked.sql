-- Rows of a table (?1) listed as gone from the source.
SELECT count(*) FROM gb_missing WHERE tbl = ?1
