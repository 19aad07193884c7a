// --db of every command: the flag, else $DATABASE_URL, else sqlite:gazelle.db,
// parsed once into the Database every sink of the command is built from. A
// value that names no database is a kConfig error said in the user's language.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "sink/database.h"
#include "source/credentials.h"

namespace gb::cli {

inline constexpr const char* kDefaultDatabaseUrl = "sqlite:gazelle.db";

// The --db value to use: `flag`, else $DATABASE_URL, else the default.
std::string ResolveDbUrl(const std::string& flag, const EnvLookup& env);

// ParseDatabase, with its refusals said for the command line.
Result<std::shared_ptr<const Database>> ParseDbUrl(const std::string& url);

// Both: what a command does with its --db flag.
Result<std::shared_ptr<const Database>> ParseDbFlag(const std::string& flag, const EnvLookup& env);

}  // namespace gb::cli
