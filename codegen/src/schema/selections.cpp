// Series selections (`{metric: NAME, match: {label: value}}`) and the other pieces the
// `alerts:` and `slos:` sections share. References are checked by `resolve`.
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "schema/sections.hpp"
#include "yaml/scalars.hpp"

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

// The values of one `match:` entry: a string or a sequence of strings.
void read_match_values(yaml::node_reader& reader, const yaml::entry& entry, std::string_view owner,
                       value_match& match) {
  const auto add = [&](const YAML::Node& node, source_position position) {
    if (!node.IsScalar() || node.Scalar().empty()) {
      reader.error(position, fmt::format("the values of '{}' in the 'match' of {} must be "
                                         "non-empty strings, found {}",
                                         entry.key, owner, yaml::describe(node)));
      return;
    }
    match.values.push_back(node.Scalar());
    match.value_positions.push_back(position);
  };
  if (entry.value.IsSequence()) {
    if (entry.value.size() == 0) {
      reader.error(entry.value_position,
                   fmt::format("'{}' in the 'match' of {} lists no value; list at least one or "
                               "remove it",
                               entry.key, owner));
    }
    for (const YAML::Node& node : entry.value) add(node, reader.item_position(node));
    return;
  }
  add(entry.value, entry.value_position);
}

}  // namespace

series_selection read_selection(yaml::node_reader& reader, const yaml::entry& entry,
                                std::string_view owner,
                                std::span<const std::string_view> extra_keys,
                                yaml::entry_map* extras) {
  series_selection selection;
  selection.position = entry.value_position;
  std::vector<std::string_view> allowed{"metric"sv, "match"sv};
  allowed.insert(allowed.end(), extra_keys.begin(), extra_keys.end());
  const std::string what = fmt::format("'{}' of {}", entry.key, owner);
  if (!entry.value.IsMap()) {
    reader.error(entry.value_position,
                 fmt::format("{} must be a mapping such as '{{metric: http_requests_total, "
                             "match: {{status: 5xx}}}}', found {}",
                             what, yaml::describe(entry.value)));
    return selection;
  }
  yaml::entry_map keys = reader.known_keys(entry.value, allowed, fmt::format("in {}", what));
  if (const auto it = keys.find("metric"); it != keys.end()) {
    if (std::optional<std::string> name = reader.string(it->second, what)) {
      selection.metric = {std::move(*name), it->second.value_position, nullptr};
    }
  } else {
    reader.error(
        selection.position,
        fmt::format("{} is missing required key 'metric'; name the metric it reads", what));
  }
  if (const auto it = keys.find("match"); it != keys.end()) {
    if (!it->second.value.IsMap()) {
      reader.error(it->second.value_position,
                   fmt::format("'match' of {} must be a mapping of label name to value(s), e.g. "
                               "'match: {{status: 5xx}}', found {}",
                               what, yaml::describe(it->second.value)));
    } else {
      std::vector<std::string> seen;
      for (const yaml::entry& label : reader.entries_of(it->second.value)) {
        if (std::find(seen.begin(), seen.end(), label.key) != seen.end()) {
          reader.error(label.key_position,
                       fmt::format("label '{}' is matched twice in {}; list its values once",
                                   label.key, what));
          continue;
        }
        seen.push_back(label.key);
        value_match& match = selection.match.emplace_back();
        match.label = {label.key, label.key_position, nullptr};
        read_match_values(reader, label, what, match);
      }
    }
  }
  if (extras != nullptr) {
    for (const std::string_view key : extra_keys) {
      if (auto it = keys.find(key); it != keys.end()) extras->insert(std::move(*it));
    }
  }
  return selection;
}

std::optional<double> read_number(yaml::node_reader& reader, const yaml::entry& entry,
                                  std::string_view owner, std::string_view expected) {
  if (const std::optional<yaml::number> number = yaml::number_of(entry.value);
      number && std::isfinite(number->value) && !number->underflow) {
    return number->value;
  }
  reader.error(entry.value_position, fmt::format("'{}' of {} must be {}, found {}", entry.key,
                                                 owner, expected, yaml::describe(entry.value)));
  return std::nullopt;
}

std::optional<double> read_min_rate(yaml::node_reader& reader, const yaml::entry& entry,
                                    std::string_view owner) {
  const std::optional<double> rate =
      read_number(reader, entry, owner, "a number of events per second greater than 0");
  if (rate && *rate <= 0) {
    reader.error(entry.value_position,
                 fmt::format("'min_rate' of {} must be greater than 0 (events per second), found "
                             "{}; remove it to alert at any traffic",
                             owner, entry.value.Scalar()));
    return std::nullopt;
  }
  return rate;
}

}  // namespace schemetric::codegen
