CREATE TEMP TABLE gb_stage (
  external_id text,
  client_id text,
  piano_id text,
  user_id text,
  invoice_id text,
  estimate_id text,
  occurred_at bigint,
  entry_type text,
  title text,
  description text,
  metadata text,
  year integer,
  src_type text,
  pre_repaired boolean  -- repaired by the transform (counted as repaired)
) ON COMMIT DROP
