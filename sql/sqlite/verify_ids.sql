-- verify --list-missing: the external ids of an occurred_at range [?1, ?2).
SELECT external_id FROM gazelle_timeline_entries WHERE occurred_at >= ?1 AND occurred_at < ?2
