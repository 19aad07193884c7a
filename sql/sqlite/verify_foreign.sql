-- verify: rows whose id is not of the API's scheme (tme_ + 20 lowercase hex),
-- in [?1, ?2) or without a date at all: old imports the source does not have.
SELECT external_id, count(*) OVER () FROM gazelle_timeline_entries
WHERE NOT (length(external_id) = 24 AND external_id GLOB
  'tme_[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]')
  AND (occurred_at IS NULL OR (occurred_at >= ?1 AND occurred_at < ?2))
ORDER BY external_id LIMIT ?3
