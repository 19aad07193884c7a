// A row's links to other objects of the account (client, piano, user,
// invoice, estimate), found by the destination column that holds each: the
// sinks and the engine name a missing reference by its column
// (core/violation.h) and reach the row's value through here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/record.h"

namespace gb {

// The row's link stored in `column` ("user_id", "client_id", ...), or nullptr
// when no link of the row is stored there.
std::optional<std::string>* RowLink(Row& row, std::string_view column);
const std::optional<std::string>* RowLink(const Row& row, std::string_view column);

}  // namespace gb
