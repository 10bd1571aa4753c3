// The `tests:` of a raw `expr` alert: input series in promtool's notation, an evaluation time
// and the alerts expected then. Structured alerts get their tests generated instead.
#include <array>

#include <fmt/format.h>

#include "schema/sections.hpp"
#include "yaml/scalars.hpp"

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

constexpr std::array test_keys{"series"sv, "at"sv, "alerts"sv};
constexpr std::array expected_alert_keys{"labels"sv, "value"sv};

void read_series(yaml::node_reader& reader, const yaml::entry& entry, std::string_view owner,
                 raw_test& test) {
  if (!entry.value.IsMap() || entry.value.size() == 0) {
    reader.error(entry.value_position,
                 fmt::format("'series' of a test of {} must be a mapping of series to values in "
                             "promtool's notation, e.g. 'task_queue_depth{{task_priority=\"high\"}}"
                             ": 0+10x20', found {}",
                             owner, yaml::describe(entry.value)));
    return;
  }
  for (const yaml::entry& series : reader.entries_of(entry.value)) {
    if (auto values = reader.string(series, owner)) {
      test.series.push_back({series.key, std::move(*values), series.key_position});
    }
  }
}

raw_test_alert read_expected_alert(yaml::node_reader& reader, const yaml::item& item,
                                   std::string_view owner) {
  raw_test_alert expected;
  expected.position = item.position;
  if (!item.node.IsMap()) {
    reader.error(item.position,
                 fmt::format("each expected alert of a test of {} must be a mapping with "
                             "'labels' and 'value', found {}",
                             owner, yaml::describe(item.node)));
    return expected;
  }
  const yaml::entry_map keys = reader.known_keys(item.node, expected_alert_keys,
                                                 fmt::format("in an expected alert of {}", owner));
  if (const auto it = keys.find("labels"); it != keys.end()) {
    if (!it->second.value.IsMap()) {
      reader.error(it->second.value_position,
                   fmt::format("'labels' of an expected alert of {} must be a mapping of label "
                               "name to value, found {}",
                               owner, yaml::describe(it->second.value)));
    } else {
      for (const yaml::entry& label : reader.entries_of(it->second.value)) {
        if (auto value = reader.string(label, owner)) {
          expected.labels.emplace_back(label.key, std::move(*value));
        }
      }
    }
  }
  if (const auto it = keys.find("value"); it != keys.end()) {
    if (auto value = read_number(reader, it->second, owner, "the alert's value, a number")) {
      expected.value = *value;
    }
  } else {
    reader.error(item.position,
                 fmt::format("an expected alert of {} is missing 'value', the value of the "
                             "expression when it fires (its annotations are rendered with it)",
                             owner));
  }
  return expected;
}

raw_test read_test(yaml::node_reader& reader, const yaml::item& item, std::string_view owner) {
  raw_test test;
  test.position = item.position;
  if (!item.node.IsMap()) {
    reader.error(item.position, fmt::format("each test of {} must be a mapping with 'series', "
                                            "'at' and 'alerts', found {}",
                                            owner, yaml::describe(item.node)));
    return test;
  }
  const yaml::entry_map keys =
      reader.known_keys(item.node, test_keys, fmt::format("in a test of {}", owner));
  for (const std::string_view required : test_keys) {
    if (keys.contains(required)) continue;
    reader.error(item.position,
                 fmt::format("a test of {} is missing '{}'; a test gives 'series' (inputs), 'at' "
                             "(when to evaluate) and 'alerts' (those firing then; [] for none)",
                             owner, required));
  }
  if (const auto it = keys.find("series"); it != keys.end())
    read_series(reader, it->second, owner, test);
  if (const auto it = keys.find("at"); it != keys.end()) {
    if (auto at = reader.duration(it->second, owner)) test.at = *at;
  }
  if (const auto it = keys.find("alerts"); it != keys.end() && !it->second.value.IsNull()) {
    if (auto alerts = reader.sequence(it->second, owner, "expected alerts")) {
      for (const yaml::item& alert : *alerts) {
        test.alerts.push_back(read_expected_alert(reader, alert, owner));
      }
    }
  }
  return test;
}

}  // namespace

std::vector<raw_test> read_raw_tests(yaml::node_reader& reader, const yaml::entry& entry,
                                     std::string_view owner) {
  std::vector<raw_test> tests;
  if (auto items = reader.sequence(entry, owner, "tests")) {
    for (const yaml::item& item : *items) tests.push_back(read_test(reader, item, owner));
  }
  return tests;
}

}  // namespace schemetric::codegen
