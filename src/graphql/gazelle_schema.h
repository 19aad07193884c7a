// The contract: Gazelle's private API schema (api/gazelle-private.graphql,
// introspected from the live service), embedded into the binary at build time
// and parsed once on first use.
#pragma once

#include "graphql/schema.h"

namespace gb::graphql {

// Aborts with the SDL's error if the embedded file does not parse (a build defect).
const Schema& GazelleSchema();

}  // namespace gb::graphql
