// The account's users: allUsers, a plain list (no paging) loaded in one
// request before the rest (Cutting::kList), into `users`; the timeline's
// user_id references it.
#include "streams/registry.h"
#include "streams/stream.h"
#include "streams/users.h"

namespace gb {

const StreamModule& UsersStream() {
  using namespace streams::users;
  static const StreamModule stream{
      .name = "users",
      .table = "users",
      .root = "allUsers",
      .page_document = kUsersList,
      .nested = std::nullopt,
      .time_fields = {},
      .date_fields = {},
      .postgres = {kPostgresCreate, kPostgresUpsert, {}, {}, {}},
      .sqlite = {kSqliteCreate, kSqliteUpsert, {}, {}, {}},
      .references = {},
      .cutting = Cutting::kList,
  };
  return stream;
}

}  // namespace gb
