-- Entries with a link nulled (the row it points at was not there; the
-- original kept in metadata.unresolved_<link>_id: core/row_links.h).
SELECT count(*) FROM gazelle_timeline_entries
WHERE metadata LIKE '%"unresolved\_%' ESCAPE '\'
  AND (metadata ->> '$.unresolved_user_id' IS NOT NULL
       OR metadata ->> '$.unresolved_client_id' IS NOT NULL
       OR metadata ->> '$.unresolved_piano_id' IS NOT NULL
       OR metadata ->> '$.unresolved_invoice_id' IS NOT NULL
       OR metadata ->> '$.unresolved_estimate_id' IS NOT NULL)
