// Piano-service measurements written in free text ("humidité 45 %", "A=442Hz",
// "21,5°C", "70°F"), parsed into structured values for metadata. A hand
// scanner rather than std::regex: it runs on every comment of every row, and
// must stay fast and total (fuzzed) on hostile input.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gb {

struct Measurement {
  std::string kind;                      // "humidity", "frequency", "temperature"
  double value = 0;                      // in `unit`; °F is converted to °C
  std::string unit;                      // "%", "Hz", "°C"
  std::string raw;                       // the matched text, as written
  std::optional<double> original_value;  // for °F: the value as written
  std::string original_unit;             // "°F"
};

class MeasurementExtractor {
 public:
  std::vector<Measurement> Extract(std::string_view text) const;

  // {"humidity": 45.5, "frequency": 440.0, "temperature_c": 21.5,
  //  "measurements": [{kind, value, unit, raw, ...}, ...]}; the single
  // values are the first of each kind (easy to query), the list has them all.
  // As JSON text, compact with sorted keys; empty when there is nothing.
  static std::string ToJsonText(const std::vector<Measurement>& found);
};

}  // namespace gb
