-- watch: rows in the destination, from the planner's statistics (no COUNT(*));
-- -1 until the table was first analysed.
SELECT coalesce((SELECT reltuples::bigint FROM pg_class
                 WHERE oid = to_regclass('gazelle_timeline_entries')), -1)
