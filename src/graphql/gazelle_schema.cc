// The embedded Gazelle schema (see gazelle_schema.h).
#include "graphql/gazelle_schema.h"

#include <cstdio>
#include <cstdlib>

#include "api/schema.h"

namespace gb::graphql {

const Schema& GazelleSchema() {
  static const Schema* schema = [] {
    auto parsed = Schema::FromSdl(api::kGazellePrivate);
    if (!parsed) {
      std::fprintf(stderr, "internal error: the embedded Gazelle schema: %s\n",
                   parsed.error().message.c_str());
      std::abort();
    }
    return new Schema(std::move(*parsed));
  }();
  return *schema;
}

}  // namespace gb::graphql
