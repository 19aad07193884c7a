// Values the simulator has no data for, written from the schema alone: a
// nullable field answers null (a list answers []), a non-null one a plausible
// value of its type (0, "", false, the first enum value, a date, an object of
// such values), so every field of a real type can be asked for. Also the
// --null-share switch: which nullable fields and list items of the data it
// does have answer null, deterministically per entity and field.
#pragma once

#include <cstdint>
#include <vector>

#include "graphql/execution_plan.h"
#include "graphql/schema.h"
#include "sim/json_writer.h"

namespace gb::sim {

class ValueWriter {
 public:
  ValueWriter(uint64_t seed, double null_share) : seed_(seed), null_share_(null_share) {}

  // A value of `type` (the field's full type) selected by `field`.
  void Default(JsonWriter& w, const graphql::TypeRef& type, const graphql::PlanField& field) const;
  // An object of type `object` with every field of `fields` defaulted.
  void DefaultObject(JsonWriter& w, const graphql::TypeDef& object,
                     const std::vector<graphql::PlanField>& fields) const;
  // One field of `object` without data (its key already written).
  void DefaultField(JsonWriter& w, const graphql::TypeDef& object,
                    const graphql::PlanField& field) const;

  // Whether the nullable field `field` of entity `entity` answers null (--null-share).
  bool Sprinkled(uint64_t entity, const graphql::PlanField& field) const;
  // Whether a list item answers null: `draw` decides per request and position.
  bool SprinkledItem(uint64_t draw) const;
  double null_share() const { return null_share_; }

 private:
  uint64_t seed_;
  double null_share_;
};

}  // namespace gb::sim
