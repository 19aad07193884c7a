// A row's links to other objects of the account (client, piano, user,
// invoice, estimate), found by the destination column that holds each: the
// sinks and the engine name a missing reference by its column
// (core/violation.h) and reach the row's value through here.
//
// Each link may be declared a foreign key by the destination. One whose row is
// missing never stops a load: it is stored NULL, its original kept in the
// row's metadata under the link's key (lossless), the row counted repaired and
// unlinked; once the row it points at is loaded, the link is given back.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/record.h"

namespace gb {

struct EntryLink {
  std::string_view column;                  // "client_id"
  std::optional<std::string> Row::*member;  // where the row holds it
  std::string_view stream;                  // the stream loading the rows it points at: "clients"
  std::string_view metadata_key;            // where a nulled link is kept: "unresolved_client_id"
};

// The users' link first: the only one a table made by an earlier version declares.
inline constexpr std::array<EntryLink, 5> kEntryLinks = {{
    {"user_id", &Row::user_id, "users", "unresolved_user_id"},
    {"client_id", &Row::client_id, "clients", "unresolved_client_id"},
    {"piano_id", &Row::piano_id, "pianos", "unresolved_piano_id"},
    {"invoice_id", &Row::invoice_id, "invoices", "unresolved_invoice_id"},
    {"estimate_id", &Row::estimate_id, "estimates", "unresolved_estimate_id"},
}};

// A set of kEntryLinks, bit i for kEntryLinks[i].
using LinkSet = uint8_t;
inline constexpr LinkSet LinkBit(size_t i) { return static_cast<LinkSet>(1u << i); }

// The index in kEntryLinks of the link stored in `column`, or none.
std::optional<size_t> EntryLinkOf(std::string_view column);

// The row's link stored in `column` ("user_id", "client_id", ...), or nullptr
// when no link of the row is stored there.
std::optional<std::string>* RowLink(Row& row, std::string_view column);
const std::optional<std::string>* RowLink(const Row& row, std::string_view column);

// The row with the links in `links` (those it has) nulled and kept in its
// metadata, marked repaired and unlinked; the row unchanged when it has none
// of them. The metadata keeps its text, the kept links written before its keys.
Row WithUnresolvedLinks(const Row& row, LinkSet links);

}  // namespace gb
