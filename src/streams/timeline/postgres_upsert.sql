-- The staged rows as they are: a link to a row not there was nulled and kept
-- in metadata before staging (pre_repaired; core/row_links.h).
WITH src AS (
  SELECT s.* FROM gb_stage s
), ins AS (
  INSERT INTO gazelle_timeline_entries AS t
    (external_id, client_id, piano_id, user_id, invoice_id, estimate_id, occurred_at,
     entry_type, title, description, metadata, created_at, updated_at)
  SELECT external_id, client_id, piano_id, user_id, invoice_id, estimate_id,
         to_timestamp(occurred_at), entry_type, title, description, metadata::jsonb, now(), now()
  FROM src
  ORDER BY external_id
  ON CONFLICT (external_id) DO UPDATE SET
    client_id = EXCLUDED.client_id,
    piano_id = EXCLUDED.piano_id,
    user_id = EXCLUDED.user_id,
    invoice_id = EXCLUDED.invoice_id,
    estimate_id = EXCLUDED.estimate_id,
    occurred_at = EXCLUDED.occurred_at,
    entry_type = EXCLUDED.entry_type,
    title = EXCLUDED.title,
    description = EXCLUDED.description,
    metadata = EXCLUDED.metadata,
    updated_at = now()
  WHERE (t.client_id, t.piano_id, t.user_id, t.invoice_id, t.estimate_id, t.occurred_at,
         t.entry_type, t.title, t.description, t.metadata)
        IS DISTINCT FROM
        (EXCLUDED.client_id, EXCLUDED.piano_id, EXCLUDED.user_id, EXCLUDED.invoice_id,
         EXCLUDED.estimate_id, EXCLUDED.occurred_at, EXCLUDED.entry_type, EXCLUDED.title,
         EXCLUDED.description, EXCLUDED.metadata)
  RETURNING t.external_id, (t.xmax = 0) AS inserted
)
SELECT s.year, s.src_type,
       count(*) FILTER (WHERE i.inserted AND NOT s.pre_repaired) AS inserted,
       count(*) FILTER (WHERE NOT i.inserted AND NOT s.pre_repaired) AS updated,
       count(*) FILTER (WHERE s.pre_repaired) AS repaired
FROM src s LEFT JOIN ins i ON i.external_id = s.external_id
GROUP BY s.year, s.src_type
