// The business's first PostgreSQL table, as the old scripts created it: 8 entry
// types in a CHECK, no foreign key, varchar limits, and one row from an older
// import under another id scheme. Tests load into it without altering it.
#pragma once

namespace gb::test {

inline constexpr const char* kLegacyTable = R"(
CREATE TABLE users (id text PRIMARY KEY, first_name text);
CREATE TABLE gazelle_timeline_entries (
  id bigserial PRIMARY KEY,
  external_id text NOT NULL UNIQUE,
  client_id text, piano_id text, user_id text, invoice_id text, estimate_id text,
  occurred_at timestamptz,
  entry_type text CHECK (entry_type IN ('SERVICE_ENTRY_MANUAL', 'SERVICE_ENTRY_AUTOMATED',
    'APPOINTMENT', 'NOTE', 'CONTACT_EMAIL', 'PIANO_MEASUREMENT', 'INVOICE',
    'APPOINTMENT_COMPLETION')),
  title varchar(500), description varchar(2000),
  metadata jsonb, created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now());
INSERT INTO gazelle_timeline_entries (external_id, entry_type, title)
  VALUES ('old_import_1', 'NOTE', 'kept');
)";

}  // namespace gb::test
