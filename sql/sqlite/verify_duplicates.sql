-- verify: external ids stored more than once in [?1, ?2) (a table without the UNIQUE constraint).
SELECT external_id, count(*) FROM gazelle_timeline_entries
WHERE occurred_at >= ?1 AND occurred_at < ?2
GROUP BY external_id HAVING count(*) > 1
ORDER BY external_id LIMIT ?3
