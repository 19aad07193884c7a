// The columns of a row's links, in one table.
#include "core/row_links.h"

#include <array>
#include <utility>

namespace gb {
namespace {

using Link = std::optional<std::string> Row::*;

constexpr std::array<std::pair<std::string_view, Link>, 5> kLinks = {{
    {"client_id", &Row::client_id},
    {"piano_id", &Row::piano_id},
    {"user_id", &Row::user_id},
    {"invoice_id", &Row::invoice_id},
    {"estimate_id", &Row::estimate_id},
}};

}  // namespace

std::optional<std::string>* RowLink(Row& row, std::string_view column) {
  for (const auto& [name, link] : kLinks) {
    if (name == column) return &(row.*link);
  }
  return nullptr;
}

const std::optional<std::string>* RowLink(const Row& row, std::string_view column) {
  return RowLink(const_cast<Row&>(row), column);
}

}  // namespace gb
