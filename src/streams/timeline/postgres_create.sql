-- Gazelle ids are ASCII: their columns compare bytes (COLLATE "C"), which keeps
-- the unique index and the foreign key off the database's locale rules.
CREATE TABLE IF NOT EXISTS gazelle_timeline_entries (
  id bigserial PRIMARY KEY,
  external_id text COLLATE "C" NOT NULL UNIQUE,
  client_id text COLLATE "C" /* references clients */,
  piano_id text COLLATE "C" /* references pianos */,
  user_id text COLLATE "C" REFERENCES users(id) ON DELETE SET NULL,
  invoice_id text COLLATE "C" /* references invoices */,
  estimate_id text COLLATE "C" /* references estimates */,
  occurred_at timestamptz,
  entry_type text CHECK (entry_type IN (
    'CONTACT_EMAIL_AUTOMATED', 'CONTACT_EMAIL_MANUAL', 'CONTACT_SMS_AUTOMATED',
    'CONTACT_SMS_MANUAL', 'CONTACT_PHONE_AUTOMATED', 'CONTACT_PHONE_MANUAL_TALKED',
    'CONTACT_PHONE_MANUAL_MESSAGE', 'CONTACT_POST_AUTOMATED', 'CONTACT_POST_MANUAL',
    'CONTACT_OTHER_MANUAL', 'ERROR_MESSAGE', 'SYSTEM_MESSAGE', 'SYSTEM_NOTIFICATION',
    'USER_COMMENT', 'SERVICE_ENTRY_AUTOMATED', 'SERVICE_ENTRY_MANUAL', 'APPOINTMENT',
    'APPOINTMENT_LOG', 'INVOICE', 'INVOICE_LOG', 'INVOICE_PAYMENT', 'INVOICE_SYNC',
    'PIANO_MEASUREMENT', 'SCHEDULED_MESSAGE_EMAIL', 'SCHEDULED_MESSAGE_SMS',
    'SCHEDULED_MESSAGE_PHONE', 'ESTIMATE', 'ESTIMATE_LOG',
    'NOTE', 'CONTACT_EMAIL', 'APPOINTMENT_COMPLETION')),
  title text,
  description text,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
)
