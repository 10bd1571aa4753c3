// Tests of the YAML layer: core-schema numbers, Prometheus durations, and the node reader's
// messages and positions on small documents.
#include <chrono>
#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "yaml/duration.hpp"
#include "yaml/reader.hpp"
#include "yaml/scalars.hpp"

namespace schemetric::codegen::yaml {
namespace {

using namespace std::chrono_literals;
using namespace std::string_view_literals;

TEST(YamlNumbers, CoreSchemaForms) {
  const auto value_of = [](std::string_view text) {
    return parse_number(text).value().value;
  };
  EXPECT_EQ(value_of("12"), 12.0);
  EXPECT_EQ(value_of("-3"), -3.0);
  EXPECT_EQ(value_of("+4"), 4.0);
  EXPECT_EQ(value_of("0x1f"), 31.0);
  EXPECT_EQ(value_of("0o17"), 15.0);
  EXPECT_EQ(value_of("1.5"), 1.5);
  EXPECT_EQ(value_of(".5"), 0.5);
  EXPECT_EQ(value_of("1."), 1.0);
  EXPECT_EQ(value_of("1e-3"), 0.001);
  EXPECT_EQ(value_of("2.5E+2"), 250.0);
  EXPECT_EQ(value_of("-.inf"), -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(value_of(".NaN")));
  EXPECT_TRUE(parse_number("12")->integral);
  EXPECT_FALSE(parse_number("12.0")->integral);
  EXPECT_FALSE(parse_number("1e3")->integral);
  for (const std::string_view text : {""sv, "."sv, "1e"sv, "0x"sv, "0xg"sv, "1_000"sv, "one"sv,
                                      "1.2.3"sv, "-0x1"sv, "inf"sv, "1 "sv}) {
    EXPECT_FALSE(parse_number(text).has_value()) << text;
  }
}

TEST(YamlNumbers, OutOfRange) {
  EXPECT_EQ(parse_number("1e400")->value, std::numeric_limits<double>::infinity());
  EXPECT_FALSE(parse_number("1e400")->underflow);
  EXPECT_TRUE(parse_number("1e-400")->underflow);
  EXPECT_TRUE(parse_number("0." + std::string(400, '0') + "1")->underflow);
  EXPECT_EQ(parse_number("0x1ffffffffffffffff")->value, std::numeric_limits<double>::infinity());
}

TEST(YamlScalars, QuotedAndTaggedScalarsKeepTheirType) {
  const YAML::Node node = YAML::Load("[1, '1', !!str 2, true, \"true\", !!float 3, x]");
  EXPECT_EQ(classify(node[0]), scalar_kind::number);
  EXPECT_EQ(classify(node[1]), scalar_kind::string);
  EXPECT_EQ(classify(node[2]), scalar_kind::string);
  EXPECT_EQ(classify(node[3]), scalar_kind::boolean);
  EXPECT_EQ(classify(node[4]), scalar_kind::string);
  EXPECT_EQ(classify(node[5]), scalar_kind::number);
  EXPECT_EQ(describe(node[6]), "the string 'x'");
  EXPECT_EQ(integer_in_range(node[0], 1, 5), 1);
  EXPECT_EQ(integer_in_range(node[0], 2, 5), std::nullopt);
  EXPECT_EQ(integer_in_range(node[1], 0, 5), std::nullopt);
}

TEST(YamlDurations, PrometheusSyntax) {
  EXPECT_EQ(parse_duration("5m"), 5min);
  EXPECT_EQ(parse_duration("1h30m"), 90min);
  EXPECT_EQ(parse_duration("30d"), std::chrono::hours{30 * 24});
  EXPECT_EQ(parse_duration("1w"), std::chrono::hours{7 * 24});
  EXPECT_EQ(parse_duration("1y"), std::chrono::hours{365 * 24});
  EXPECT_EQ(parse_duration("1s500ms"), 1500ms);
  EXPECT_EQ(parse_duration("250ms"), 250ms);
  EXPECT_EQ(parse_duration("0"), 0ms);
  EXPECT_EQ(parse_duration("0s"), 0ms);
  EXPECT_EQ(parse_duration("90m"), 90min);  // any count in a unit
  for (const std::string_view text : {""sv, "5"sv, "m"sv, "5 m"sv, "30m1h"sv, "1h1h"sv, "1.5h"sv,
                                      "-5m"sv, "5M"sv, "1d 2h"sv, "5mss"sv, "1ms1s"sv}) {
    EXPECT_FALSE(parse_duration(text).has_value()) << text;
  }
  // Past 2^63 - 1 milliseconds.
  EXPECT_FALSE(parse_duration("300000000y").has_value());
  EXPECT_FALSE(parse_duration("99999999999999999999ms").has_value());
}

TEST(YamlDurations, FormatIsTheShortestSpelling) {
  EXPECT_EQ(format_duration(5min), "5m");
  EXPECT_EQ(format_duration(90min), "1h30m");
  EXPECT_EQ(format_duration(std::chrono::hours{30 * 24}), "4w2d");
  EXPECT_EQ(format_duration(std::chrono::hours{366 * 24}), "1y1d");
  EXPECT_EQ(format_duration(1500ms), "1s500ms");
  EXPECT_EQ(format_duration(0ms), "0s");
  for (const std::string_view text : {"5m"sv, "1h30m"sv, "2w3d"sv, "1y"sv, "59s999ms"sv}) {
    EXPECT_EQ(format_duration(parse_duration(text).value()), text);
  }
}

// A reader over `text`, whose root mapping's entries are read by `read`.
template <class Read>
std::string errors_reading(std::string_view text, Read read) {
  diagnostics diags("s.yaml");
  node_reader reader(text, diags);
  const YAML::Node root = YAML::Load(std::string{text});
  for (const entry& found : reader.entries_of(root)) read(reader, found);
  return diags.format();
}

TEST(YamlReader, DurationsAndTheirMessages) {
  std::vector<std::chrono::milliseconds> read;
  const std::string errors = errors_reading(
      "a: 5m\nb: 300\nc: 1.5h\nd: [5m]\ne: '10s'\n", [&](node_reader& reader, const entry& found) {
        if (auto duration = reader.duration(found, "alert 'X'")) read.push_back(*duration);
      });
  EXPECT_EQ(read, (std::vector<std::chrono::milliseconds>{5min, 10s}));
  EXPECT_EQ(errors,
            "s.yaml:2:4: error: 'b' of alert 'X' must be a duration such as '30s', '5m', '1h30m' "
            "or '30d' (an integer and a unit: ms, s, m, h, d, w or y, largest unit first), found "
            "the number 300; add a unit, e.g. '300s' or '300m'\n"
            "s.yaml:3:4: error: 'c' of alert 'X' must be a duration such as '30s', '5m', '1h30m' "
            "or '30d' (an integer and a unit: ms, s, m, h, d, w or y, largest unit first), found "
            "the string '1.5h'\n"
            "s.yaml:4:4: error: 'd' of alert 'X' must be a duration such as '30s', '5m', '1h30m' "
            "or '30d' (an integer and a unit: ms, s, m, h, d, w or y, largest unit first), found "
            "a sequence\n");
}

TEST(YamlReader, KnownKeysSuggestOrList) {
  constexpr std::array allowed{"type"sv, "help"sv};
  const std::string errors = errors_reading(
      "m: {tpye: gauge, owner: me, help: a, help: b}\n",
      [&](node_reader& reader, const entry& found) {
        const entry_map keys = reader.known_keys(found.value, allowed, "in metric 'm'");
        EXPECT_EQ(keys.size(), 1u);
        EXPECT_EQ(keys.at("help").value.Scalar(), "a");  // the first of a repeated key
      });
  EXPECT_EQ(errors,
            "s.yaml:1:5: error: unknown key 'tpye' in metric 'm'; did you mean 'type'?\n"
            "s.yaml:1:18: error: unknown key 'owner' in metric 'm'; allowed keys are 'type' or "
            "'help'\n"
            "s.yaml:1:38: error: duplicate key 'help' in metric 'm' (first given at 1:29); remove "
            "one of them\n");
}

TEST(YamlReader, SectionEntriesAreUnique) {
  const std::string errors =
      errors_reading("labels:\n  a: 1\n  b: 2\n  a: 3\nmetrics: [x]\n",
                     [&](node_reader& reader, const entry& found) {
                       const auto entries = reader.section_entries(
                           found, found.key == "labels" ? "label" : "metric");
                       if (found.key == "labels") {
                         ASSERT_TRUE(entries.has_value());
                         EXPECT_EQ(entries->size(), 2u);
                       } else {
                         EXPECT_FALSE(entries.has_value());
                       }
                     });
  EXPECT_EQ(errors,
            "s.yaml:4:3: error: duplicate label 'a' (first defined at 2:3); label names must be "
            "unique\n"
            "s.yaml:5:10: error: 'metrics' must be a mapping of metric name to definition, found a "
            "sequence\n");
}

TEST(YamlReader, KeywordsStringsBooleansAndSequences) {
  constexpr std::array words{"http"sv, "db"sv};
  std::vector<std::size_t> kinds;
  const std::string errors = errors_reading(
      "k: db\nl: htp\nm: grpc\nn: [a]\nb: yes\nc: True\ns: x\nt: [a,\n  ,\n  b]\n",
      [&](node_reader& reader, const entry& found) {
        if (found.key == "b" || found.key == "c") {
          (void)reader.boolean(found, "tracker 't'");
        } else if (found.key == "s") {
          EXPECT_EQ(reader.sequence(found, "", "names"), std::nullopt);
        } else if (found.key == "t") {
          const auto items = reader.sequence(found, "tracker 't'", "names");
          ASSERT_TRUE(items.has_value());
          ASSERT_EQ(items->size(), 3u);
          EXPECT_EQ((*items)[1].position, (source_position{9, 3}));  // the empty item's ","
        } else if (auto kind =
                       reader.keyword(found, "tracker 't'",
                                      {words, "kind", " of tracker 't'", "; expected ..."})) {
          kinds.push_back(*kind);
        }
      });
  EXPECT_EQ(kinds, (std::vector<std::size_t>{1}));
  EXPECT_EQ(errors,
            "s.yaml:2:4: error: unknown kind 'htp' of tracker 't'; did you mean 'http'?\n"
            "s.yaml:3:4: error: unknown kind 'grpc' of tracker 't'; expected ...\n"
            "s.yaml:4:4: error: 'n' of tracker 't' must be a string, found a sequence\n"
            "s.yaml:5:4: error: 'b' of tracker 't' must be true or false, found the string 'yes'\n"
            "s.yaml:7:4: error: 's' must be a sequence of names, found the string 'x'\n");
}

TEST(YamlReader, OneDocumentOnly) {
  diagnostics diags("s.yaml");
  EXPECT_FALSE(load_document("a: 1\n---\nb: 2\n", diags).has_value());
  EXPECT_FALSE(load_document("a: [1\n", diags).has_value());
  EXPECT_TRUE(load_document("", diags).value().IsNull());
  EXPECT_EQ(
      diags.format(),
      "s.yaml:2:1: error: invalid YAML: end of sequence flow not found\n"
      "s.yaml:3:1: error: the schema file must hold a single YAML document; remove the second "
      "one\n");
}

}  // namespace
}  // namespace schemetric::codegen::yaml
