// The specification's validation rules for an executable document against a
// schema (the rules graphql-js 16 runs in `validate`): operation names unique
// and a lone anonymous operation, root types exist, fields exist on their
// type, leaf/composite selections, arguments known, unique, required and of
// the right type (enum literals are names, not strings), directives known, at
// an allowed location and not repeated, fragments named once, on existing
// composite types, used, defined, spreadable and without cycles, variables
// unique, of input types, defined, used and allowed where they are used, and
// fields under one response name mergeable (validator_merge.cc). Messages and
// extensions.code as graphql-ruby words them.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "graphql/ast.h"
#include "graphql/graphql_error.h"
#include "graphql/schema.h"

namespace gb::graphql {

// Every error found (none: the document is valid).
GraphqlErrors Validate(const Schema& schema, const Document& document);

class Validator {
 public:
  Validator(const Schema& schema, const Document& document) : schema_(schema), doc_(document) {}
  GraphqlErrors Run();

 private:
  // A variable used somewhere, with the type its position expects (none
  // inside a custom scalar) and whether that position has a default.
  struct VarUse {
    std::string name;
    std::optional<TypeRef> expected;
    bool location_has_default = false;
    Location loc;
  };
  // What one definition (operation or fragment) uses directly.
  struct Uses {
    std::vector<VarUse> variables;
    std::vector<std::pair<std::string, Location>> spreads;
  };
  // A field as the merge rule sees it: where it was selected, and its definition.
  struct FieldAt {
    const TypeDef* parent;  // null when unknown
    const Selection* node;
    const FieldDef* def;  // null when unknown
  };
  using FieldMap = std::map<std::string, std::vector<FieldAt>>;

  void Error(std::string message, std::vector<Location> locations, std::string code,
             nlohmann::json path = nullptr, nlohmann::json extensions = nlohmann::json::object());

  void OperationNames();
  void FragmentDefinitions();
  void FragmentGraph(const std::map<std::string, Uses>& fragment_uses,
                     const std::vector<Uses>& operation_uses);
  void OperationVariables(const Operation& op, const Uses& direct,
                          const std::map<std::string, Uses>& fragment_uses);
  void VariableDefinitions(const Operation& op);
  bool AllowedUsage(const VariableDefinition& def, const VarUse& use) const;
  bool IsSubType(const TypeRef& sub, const TypeRef& super) const;

  void SelectionSet(const TypeDef* parent, const std::vector<Selection>& selections,
                    const nlohmann::json& path, Uses* uses, int depth);
  void Field(const TypeDef* parent, const Selection& sel, const nlohmann::json& path, Uses* uses,
             int depth);
  void Spread(const TypeDef* parent, const Selection& sel, const nlohmann::json& path, Uses* uses,
              int depth);
  void Arguments(const std::vector<Argument>& args, const std::vector<InputValueDef>* defs,
                 const std::string& owner, const std::string& owner_kind, const Location& at,
                 const nlohmann::json& path, Uses* uses);
  void Directives(const std::vector<Directive>& directives, const std::string& location,
                  const nlohmann::json& path, Uses* uses);
  void CollectVariables(const Value& value, const std::optional<TypeRef>& expected,
                        bool has_default, Uses* uses);
  const TypeDef* TypeCondition(const std::string& name, const Location& at,
                               const nlohmann::json& path);

  // validator_merge.cc: OverlappingFieldsCanBeMerged.
  void MergeCheck(const TypeDef* parent, const std::vector<Selection>& selections);
  void CollectFields(const TypeDef* parent, const std::vector<Selection>& selections, FieldMap* out,
                     std::set<std::string>* visited, int depth);
  // Why two fields of one response name cannot be merged (`kind`: field,
  // argument, return_type), or none.
  std::optional<std::string> Conflict(const FieldAt& a, const FieldAt& b, bool exclusive,
                                      std::string* kind, int depth);
  bool SameShape(const TypeRef& a, const TypeRef& b) const;

  const Schema& schema_;
  const Document& doc_;
  GraphqlErrors errors_;
  std::set<std::string> merge_reported_;
  int merge_budget_ =
      20000;  // pair comparisons: a hostile document cannot make it quadratic forever
};

}  // namespace gb::graphql
