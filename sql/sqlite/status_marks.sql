-- watch: the rows of each table listed as gone from the source.
SELECT tbl, count(*) FROM gb_missing GROUP BY tbl ORDER BY tbl
