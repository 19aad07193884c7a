-- verify: rows whose id is not of the API's scheme (tme_ + 20 lowercase hex),
-- in [$1, $2) or without a date at all: old imports the source does not have.
-- The total comes with every row of the sample (window count).
SELECT external_id, count(*) OVER () FROM gazelle_timeline_entries
WHERE external_id !~ '^tme_[0-9a-f]{20}$'
  AND (occurred_at IS NULL
       OR (occurred_at >= to_timestamp($1) AND occurred_at < to_timestamp($2)))
ORDER BY external_id LIMIT $3
