// Why the database refused a row (an Error of kind kData), classified once by
// the sink's dialect from its own codes (PostgreSQL's SQLSTATE and error
// fields, SQLite's extended result codes): the engine decides how to repair or
// reject a row from this alone and never reads the code itself.
#pragma once

#include <string>

namespace gb {

enum class ViolationKind {
  kNone,              // not a refused row (or a refusal the dialect could not place)
  kMissingReference,  // a foreign key: the row links to a row that does not exist
  kUniqueViolation,   // a unique key the row would take is taken
  kNotNull,           // a required column is empty
  kCheck,             // a CHECK constraint refused a value
  kBadData,           // a value its column cannot hold (type, encoding, JSON, size)
};

struct Violation {
  ViolationKind kind = ViolationKind::kNone;
  // The row's column at fault: for kMissingReference the referencing column
  // ("user_id"), which a lossless repair nulls; empty when the database did
  // not say and the sink could not tell.
  std::string column;
  // kMissingReference: the table the column references ("users"), when known.
  std::string referenced_table;
  std::string constraint;  // the constraint's name, when the database gives it
};

}  // namespace gb
