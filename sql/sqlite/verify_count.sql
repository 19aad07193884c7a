-- verify: rows of an occurred_at range [?1, ?2) as ISO 8601 UTC text (occurred_at index).
SELECT count(*) FROM gazelle_timeline_entries WHERE occurred_at >= ?1 AND occurred_at < ?2
