#include "core/count_table_json.h"

namespace gb {

nlohmann::json CountTableJson(const CountTable& table) {
  nlohmann::json cells = nlohmann::json::array();
  for (const auto& [key, c] : table) {
    cells.push_back({{"year", key.year},
                     {"type", key.type},
                     {"inserted", c.inserted},
                     {"updated", c.updated},
                     {"unchanged", c.unchanged},
                     {"repaired", c.repaired},
                     {"unlinked", c.unlinked},
                     {"rejected", c.rejected},
                     {"skipped", c.skipped}});
  }
  return cells;
}

}  // namespace gb
