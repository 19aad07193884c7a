#include "core/entry_types.h"

#include <gtest/gtest.h>

#include <set>

namespace gb {
namespace {

TEST(EntryTypes, TwentyEightDistinctKnownTypes) {
  std::set<std::string_view> unique(kEntryTypes.begin(), kEntryTypes.end());
  EXPECT_EQ(unique.size(), 28u);
  EXPECT_TRUE(IsKnownEntryType("PIANO_MEASUREMENT"));
  EXPECT_FALSE(IsKnownEntryType("NOTE"));
  EXPECT_FALSE(IsKnownEntryType("piano_measurement"));
}

TEST(EntryTypes, LegacyMappingLandsInTheEightValues) {
  std::set<std::string_view> legacy(kLegacyEntryTypes.begin(), kLegacyEntryTypes.end());
  for (auto type : kEntryTypes) {
    EXPECT_TRUE(legacy.count(LegacyEntryType(type))) << type;
  }
  EXPECT_EQ(LegacyEntryType("CONTACT_EMAIL_MANUAL"), "CONTACT_EMAIL");
  EXPECT_EQ(LegacyEntryType("APPOINTMENT_LOG"), "APPOINTMENT_COMPLETION");
  EXPECT_EQ(LegacyEntryType("SERVICE_ENTRY_MANUAL"), "SERVICE_ENTRY_MANUAL");
  EXPECT_EQ(LegacyEntryType("USER_COMMENT"), "NOTE");
}

}  // namespace
}  // namespace gb
