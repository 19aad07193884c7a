#include "sim/graphql_schema.h"

#include <map>

namespace gb::sim::gql {
namespace {

std::vector<FieldDef> Connection(std::string_view node, std::string_view nodes_text,
                                 std::string_view edge, std::string_view edges_text) {
  return {{"totalCount", "Int", "Int!", {}},
          {"nodes", node, nodes_text, {}},
          {"edges", edge, edges_text, {}},
          {"pageInfo", "PageInfo", "PageInfo!", {}}};
}

std::map<std::string_view, TypeDef> BuildTypes() {
  std::map<std::string_view, TypeDef> t;
  auto add = [&](TypeDef def) { t.emplace(def.name, std::move(def)); };
  for (std::string_view scalar :
       {"Int", "Float", "String", "ID", "Boolean", "CoreDateTime", "TimelineEntryType"}) {
    add({scalar, {}});
  }
  add({"PrivateQuery",
       {{"allTimelineEntries",
         "TimelineEntryConnection",
         "TimelineEntryConnection!",
         {{"first", "Int"},
          {"after", "String"},
          {"last", "Int"},
          {"before", "String"},
          {"clientId", "String"},
          {"pianoId", "String"},
          {"invoiceId", "String"},
          {"estimateId", "String"},
          {"types", "[TimelineEntryType!]"},
          {"search", "String"},
          {"occurredAtGet", "CoreDateTime"}}},
        {"allUsers",
         "UserConnection",
         "UserConnection!",
         {{"first", "Int"}, {"after", "String"}, {"last", "Int"}, {"before", "String"}}}}});
  add({"TimelineEntryConnection", Connection("TimelineEntry", "[TimelineEntry!]!",
                                             "TimelineEntryEdge", "[TimelineEntryEdge!]!")});
  add({"UserConnection", Connection("User", "[User!]!", "UserEdge", "[UserEdge!]!")});
  add({"TimelineEntryEdge",
       {{"cursor", "String", "String!", {}}, {"node", "TimelineEntry", "TimelineEntry!", {}}}});
  add({"UserEdge", {{"cursor", "String", "String!", {}}, {"node", "User", "User!", {}}}});
  add({"PageInfo",
       {{"hasNextPage", "Boolean", "Boolean!", {}},
        {"hasPreviousPage", "Boolean", "Boolean!", {}},
        {"startCursor", "String", "String", {}},
        {"endCursor", "String", "String", {}}}});
  add({"TimelineEntry",
       {{"id", "String", "String!", {}},
        {"occurredAt", "CoreDateTime", "CoreDateTime!", {}},
        {"type", "TimelineEntryType", "TimelineEntryType!", {}},
        {"summary", "String", "String", {}},
        {"comment", "String", "String", {}},
        {"client", "Client", "Client!", {}},
        {"piano", "Piano", "Piano", {}},
        {"user", "User", "User", {}},
        {"invoice", "Invoice", "Invoice", {}},
        {"estimate", "Estimate", "Estimate", {}}}});
  for (std::string_view id_only : {"Client", "Piano", "Invoice", "Estimate"}) {
    add({id_only, {{"id", "String", "String!", {}}}});
  }
  add({"User",
       {{"id", "String", "String!", {}},
        {"firstName", "String", "String", {}},
        {"lastName", "String", "String", {}},
        {"email", "String", "String", {}},
        {"role", "String", "String", {}}}});
  return t;
}

}  // namespace

const FieldDef* TypeDef::Field(std::string_view field) const {
  for (const auto& f : fields) {
    if (f.name == field) return &f;
  }
  return nullptr;
}

const TypeDef* FindType(std::string_view name) {
  static const auto* types = new std::map<std::string_view, TypeDef>(BuildTypes());
  auto it = types->find(name);
  return it == types->end() ? nullptr : &it->second;
}

}  // namespace gb::sim::gql
