#include "engine/measurement_extractor.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace gb {
namespace {

std::vector<Measurement> Extract(std::string_view text) {
  return MeasurementExtractor().Extract(text);
}

TEST(MeasurementExtractorTest, HumidityPhrasings) {
  for (auto [text, value, raw] : std::vector<std::tuple<std::string, double, std::string>>{
           {"45 %", 45, "45 %"},
           {"RH at 45,5% today", 45.5, "45,5%"},
           {"humidité 45 %", 45, "45 %"},
           {"humidity: 38.25%", 38.25, "38.25%"},
           {"hum 52\xC2\xA0%", 52, "52\xC2\xA0%"}}) {
    auto found = Extract(text);
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_EQ(found[0].kind, "humidity");
    EXPECT_DOUBLE_EQ(found[0].value, value) << text;
    EXPECT_EQ(found[0].unit, "%");
    EXPECT_EQ(found[0].raw, raw);
  }
}

TEST(MeasurementExtractorTest, Frequencies) {
  auto found = Extract("Tuned to 440.5 Hz, then A=442Hz; pitch 438,2 hz.");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_DOUBLE_EQ(found[0].value, 440.5);
  EXPECT_EQ(found[0].raw, "440.5 Hz");
  EXPECT_DOUBLE_EQ(found[1].value, 442);
  EXPECT_EQ(found[1].raw, "442Hz");
  EXPECT_DOUBLE_EQ(found[2].value, 438.2);
  for (const auto& m : found) EXPECT_EQ(m.unit, "Hz");
}

TEST(MeasurementExtractorTest, TemperaturesCelsiusAndFahrenheit) {
  auto found = Extract(
      "Room 21 \xC2\xB0"
      "C, later 21,5\xC2\xB0"
      "C; outside 70\xC2\xB0"
      "F, -5\xC2\xBA"
      "C");
  ASSERT_EQ(found.size(), 4u);
  EXPECT_DOUBLE_EQ(found[0].value, 21);
  EXPECT_DOUBLE_EQ(found[1].value, 21.5);
  EXPECT_DOUBLE_EQ(found[2].value, 21.11);  // (70-32)*5/9, two decimals
  EXPECT_EQ(found[2].unit, "°C");
  EXPECT_EQ(found[2].original_unit, "°F");
  EXPECT_DOUBLE_EQ(*found[2].original_value, 70);
  EXPECT_EQ(found[2].raw, "70°F");
  EXPECT_DOUBLE_EQ(found[3].value, -5);
  EXPECT_EQ(found[3].raw, "-5ºC");
}

TEST(MeasurementExtractorTest, NoFalsePositives) {
  EXPECT_TRUE(Extract("").empty());
  EXPECT_TRUE(Extract("Invoice #4512 paid, 3 keys replaced").empty());
  EXPECT_TRUE(Extract("model RH45% code").empty());      // glued to a word
  EXPECT_TRUE(Extract("150 % markup").empty());          // not a humidity
  EXPECT_TRUE(Extract("file.mp3 at 44Hzx").empty());     // unit glued to a word
  EXPECT_TRUE(Extract("version 1.2.45 %").empty());      // part of a dotted number
  EXPECT_TRUE(Extract("21\xC2\xB0 angle").empty());      // degrees without a scale
  EXPECT_TRUE(Extract("1234567 Hz").empty());            // not a plausible reading
  EXPECT_TRUE(Extract("%%%%HzHz\xC2\xB0\xC2").empty());  // truncated UTF-8 at the end
}

TEST(MeasurementExtractorTest, JsonHasFirstValuesAndTheFullList) {
  auto json = nlohmann::json::parse(
      MeasurementExtractor::ToJsonText(Extract("45 % then 50 %, 440 Hz, 70\xC2\xB0"
                                               "F")));
  EXPECT_DOUBLE_EQ(json["humidity"].get<double>(), 45);
  EXPECT_DOUBLE_EQ(json["frequency"].get<double>(), 440);
  EXPECT_DOUBLE_EQ(json["temperature_c"].get<double>(), 21.11);
  ASSERT_EQ(json["measurements"].size(), 4u);
  EXPECT_EQ(json["measurements"][1]["raw"], "50 %");
  EXPECT_EQ(json["measurements"][3]["original_unit"], "°F");
  EXPECT_EQ(MeasurementExtractor::ToJsonText({}), "");
}

// The text is written by hand; stored rows (and reruns comparing them) need it
// to be exactly what nlohmann's dump of the same object printed before.
TEST(MeasurementExtractorTest, JsonTextIsWhatADumpOfTheSameObjectPrints) {
  const std::vector<std::string> texts = {
      "440 Hz",
      "45 %",
      "70\xC2\xB0"
      "F",
      "-3,5 \xC2\xB0"
      "C then 21.5\xC2\xB0"
      "C",
      "humidit\xC3\xA9 45\xC2\xA0% A=442Hz 68\xC2\xBA F 39%",
      "41 % 442 Hz 440 Hz 12 % 0 \xC2\xB0"
      "F 100 \xC2\xB0"
      "F",
      "1e5 Hz 0.1 % 99.99 % 212 \xC2\xB0"
      "F -40 \xC2\xB0"
      "F 437.25 Hz",
  };
  for (const auto& text : texts) {
    const std::string written = MeasurementExtractor::ToJsonText(Extract(text));
    ASSERT_FALSE(written.empty()) << text;
    EXPECT_EQ(written, nlohmann::json::parse(written).dump()) << text;
  }
}

}  // namespace
}  // namespace gb
