-- Rows sync found gone from the source: kept in their table, never deleted,
-- listed here (the table, its external id, when the gone was found). The
-- business's tables are not altered for it; `NOT EXISTS` in this table
-- leaves them out of the counts.
CREATE TABLE IF NOT EXISTS gazelle_backfill.gb_missing (
  tbl text NOT NULL,
  external_id text COLLATE "C" NOT NULL,
  since timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tbl, external_id)
)
