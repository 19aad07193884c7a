// libFuzzer target: the measurement extractor (engine/measurement_extractor)
// and the text repair in front of it, on arbitrary comment bytes. Both run on
// every comment of every row: they must be total (no crash, no throw) and the
// extractor must only report text that is really in the comment.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "engine/measurement_extractor.h"
#include "engine/text_repair.h"
#include "engine/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  gb::RepairedText repaired = gb::RepairText(bytes);
  if (!gb::IsValidUtf8(repaired.text) || repaired.text.find('\0') != std::string::npos) {
    std::abort();
  }
  if (repaired.changed == (repaired.text == bytes)) std::abort();
  const gb::MeasurementExtractor extractor;
  for (std::string_view text : {bytes, std::string_view(repaired.text)}) {
    auto found = extractor.Extract(text);
    for (const gb::Measurement& m : found) {
      if (text.find(m.raw) == std::string_view::npos) std::abort();
    }
    // The transformer stores this JSON text: it must be valid JSON, exactly as
    // nlohmann prints the same object (what rows stored before hold).
    const std::string json = gb::MeasurementExtractor::ToJsonText(found);
    if (!json.empty()) {
      const auto parsed = nlohmann::json::parse(json, nullptr, false);
      if (parsed.is_discarded() || parsed.dump() != json) std::abort();
    }
  }
  return 0;
}
