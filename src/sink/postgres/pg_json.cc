#include "sink/postgres/pg_json.h"

namespace gb {

std::string DumpJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string CounterDeltasJson(const CountTable& deltas) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [key, c] : deltas) {
    rows.push_back({{"year", key.year},
                    {"type", key.type},
                    {"inserted", c.inserted},
                    {"updated", c.updated},
                    {"unchanged", c.unchanged},
                    {"repaired", c.repaired},
                    {"rejected", c.rejected},
                    {"skipped", c.skipped}});
  }
  return DumpJson(rows);
}

}  // namespace gb
