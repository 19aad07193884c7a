// The part of Gazelle's private schema the simulator serves: PrivateQuery
// with allTimelineEntries and allUsers, their connections, and the node types.
#pragma once

#include <string_view>
#include <vector>

namespace gb::sim::gql {

struct ArgDef {
  std::string_view name;
  std::string_view type;  // "Int", "[TimelineEntryType!]", ...
};

struct FieldDef {
  std::string_view name;
  std::string_view type;       // named type of the field (element type for lists)
  std::string_view type_text;  // as shown in messages: "String!", "[TimelineEntry!]!"
  std::vector<ArgDef> args;
};

struct TypeDef {
  std::string_view name;
  std::vector<FieldDef> fields;  // empty for scalars and enums
  bool IsLeaf() const { return fields.empty(); }
  const FieldDef* Field(std::string_view name) const;
};

const TypeDef* FindType(std::string_view name);
inline constexpr std::string_view kQueryType = "PrivateQuery";

}  // namespace gb::sim::gql
