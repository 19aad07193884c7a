// The 28 timeline entry types of the Gazelle API, and the legacy 8-value set
// the business's first table accepted (with the old script's mapping).
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace gb {

inline constexpr std::array<std::string_view, 28> kEntryTypes = {"CONTACT_EMAIL_AUTOMATED",
                                                                 "CONTACT_EMAIL_MANUAL",
                                                                 "CONTACT_SMS_AUTOMATED",
                                                                 "CONTACT_SMS_MANUAL",
                                                                 "CONTACT_PHONE_AUTOMATED",
                                                                 "CONTACT_PHONE_MANUAL_TALKED",
                                                                 "CONTACT_PHONE_MANUAL_MESSAGE",
                                                                 "CONTACT_POST_AUTOMATED",
                                                                 "CONTACT_POST_MANUAL",
                                                                 "CONTACT_OTHER_MANUAL",
                                                                 "ERROR_MESSAGE",
                                                                 "SYSTEM_MESSAGE",
                                                                 "SYSTEM_NOTIFICATION",
                                                                 "USER_COMMENT",
                                                                 "SERVICE_ENTRY_AUTOMATED",
                                                                 "SERVICE_ENTRY_MANUAL",
                                                                 "APPOINTMENT",
                                                                 "APPOINTMENT_LOG",
                                                                 "INVOICE",
                                                                 "INVOICE_LOG",
                                                                 "INVOICE_PAYMENT",
                                                                 "INVOICE_SYNC",
                                                                 "PIANO_MEASUREMENT",
                                                                 "SCHEDULED_MESSAGE_EMAIL",
                                                                 "SCHEDULED_MESSAGE_SMS",
                                                                 "SCHEDULED_MESSAGE_PHONE",
                                                                 "ESTIMATE",
                                                                 "ESTIMATE_LOG"};

// The legacy CHECK of the business's first table accepted only these 8.
inline constexpr std::array<std::string_view, 8> kLegacyEntryTypes = {
    "SERVICE_ENTRY_MANUAL", "SERVICE_ENTRY_AUTOMATED", "APPOINTMENT", "NOTE",
    "CONTACT_EMAIL",        "PIANO_MEASUREMENT",       "INVOICE",     "APPOINTMENT_COMPLETION"};

bool IsKnownEntryType(std::string_view type);

// The old script's mapping onto the legacy set: emails -> CONTACT_EMAIL,
// APPOINTMENT_LOG -> APPOINTMENT_COMPLETION, the legacy values unchanged,
// everything else -> NOTE.
std::string LegacyEntryType(std::string_view type);

}  // namespace gb
