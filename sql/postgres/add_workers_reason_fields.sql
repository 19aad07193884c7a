-- Upgrade: a worker's reason as a code and its fields (core/wait_reason.h);
-- `reason` keeps the sentences earlier versions wrote (shown as they are).
ALTER TABLE gazelle_backfill.gb_workers
  ADD COLUMN IF NOT EXISTS reason_code text,
  ADD COLUMN IF NOT EXISTS reason_until timestamptz,
  ADD COLUMN IF NOT EXISTS reason_attempt integer,
  ADD COLUMN IF NOT EXISTS reason_http_status integer,
  ADD COLUMN IF NOT EXISTS reason_detail text,
  ADD COLUMN IF NOT EXISTS reason_rate bigint,
  ADD COLUMN IF NOT EXISTS reason_pace bigint
