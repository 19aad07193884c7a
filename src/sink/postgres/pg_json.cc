#include "sink/postgres/pg_json.h"

#include "core/count_table_json.h"

namespace gb {

std::string DumpJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string CounterDeltasJson(const CountTable& deltas) { return DumpJson(CountTableJson(deltas)); }

}  // namespace gb
