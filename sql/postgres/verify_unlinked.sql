-- verify: rows of [$1, $2) with a link nulled (the row it points at was not
-- there; the original kept in metadata.unresolved_<link>_id: core/row_links.h).
SELECT count(*) FROM gazelle_timeline_entries
WHERE occurred_at >= to_timestamp($1) AND occurred_at < to_timestamp($2)
  AND metadata ?| ARRAY['unresolved_user_id', 'unresolved_client_id', 'unresolved_piano_id',
                        'unresolved_invoice_id', 'unresolved_estimate_id']
