-- Rows sync found gone from the source: kept in their table, never deleted,
-- listed here (the table, its external id, when the gone was found). The
-- business's tables are not altered for it; `NOT EXISTS` in this table
-- leaves them out of the counts.
CREATE TABLE IF NOT EXISTS gb_missing (
  tbl TEXT NOT NULL,
  external_id TEXT NOT NULL,
  since TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (tbl, external_id)
)
