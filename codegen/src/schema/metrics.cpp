// The `metrics:` section: metric families of every type with their type-specific keys.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <initializer_list>

#include <fmt/format.h>

#include "model/limits.hpp"
#include "schema/sections.hpp"
#include "support/text.hpp"
#include "yaml/scalars.hpp"

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

constexpr std::array metric_keys{"type"sv,        "help"sv,     "unit"sv,      "labels"sv,
                                 "value"sv,       "buckets"sv,  "quantiles"sv, "max_age_seconds"sv,
                                 "age_buckets"sv, "callback"sv, "health"sv,    "from_build"sv,
                                 "states"sv};

// The states a stateset with `health: true` must have.
constexpr std::array health_states{"healthy"sv, "degraded"sv, "unhealthy"sv};

// The largest `age_buckets` of a summary.
constexpr std::int64_t max_age_buckets = 60;

// Keys that only some metric types take, with the types that do (a bit per type).
struct type_specific_key {
  std::string_view key;
  std::string_view allowed_on;
  unsigned allowed_kinds;
  [[nodiscard]] constexpr bool allowed(metric_kind kind) const {
    return ((allowed_kinds >> static_cast<unsigned>(kind)) & 1U) != 0;
  }
};

constexpr unsigned kinds(std::initializer_list<metric_kind> allowed) {
  unsigned bits = 0;
  for (metric_kind kind : allowed) bits |= 1U << static_cast<unsigned>(kind);
  return bits;
}

constexpr std::array type_specific_keys{
    type_specific_key{"value", "counter and gauge metrics",
                      kinds({metric_kind::counter, metric_kind::gauge})},
    type_specific_key{"buckets", "histogram metrics", kinds({metric_kind::histogram})},
    type_specific_key{"quantiles", "summary metrics", kinds({metric_kind::summary})},
    type_specific_key{"max_age_seconds", "summary metrics", kinds({metric_kind::summary})},
    type_specific_key{"age_buckets", "summary metrics", kinds({metric_kind::summary})},
    type_specific_key{"callback", "gauge metrics", kinds({metric_kind::gauge})},
    type_specific_key{"health", "stateset metrics", kinds({metric_kind::stateset})},
    type_specific_key{"from_build", "info metrics", kinds({metric_kind::info})},
    type_specific_key{"states", "stateset metrics", kinds({metric_kind::stateset})},
    type_specific_key{"unit", "counter, gauge, histogram and summary metrics",
                      kinds({metric_kind::counter, metric_kind::gauge, metric_kind::histogram,
                             metric_kind::summary})},
};

// The words of `all` that `present` lacks.
std::vector<std::string_view> missing_from(std::span<const std::string_view> all,
                                           std::span<const label_value> present) {
  std::vector<std::string_view> missing;
  for (const std::string_view word : all) {
    const bool found = std::any_of(present.begin(), present.end(),
                                   [&](const label_value& value) { return value.text == word; });
    if (!found) missing.push_back(word);
  }
  return missing;
}

// How a strictly increasing list of numbers is named in messages.
struct number_list_words {
  std::string_view noun;        ///< "bucket bound"
  std::string_view short_noun;  ///< "bound": "... than the bound before it"
  std::string_view plural;      ///< "buckets": "buckets must be strictly increasing"
  std::string empty;            ///< the whole message for an empty list
  std::string owner;            ///< "histogram 'x'"
  std::size_t most;             ///< the longest list taken
};

// A strictly increasing list of numbers: histogram bucket bounds and summary quantiles.
// `accept` reports what else is wrong with one number and returns false for it.
template <class Accept>
std::vector<double> read_increasing_numbers(yaml::node_reader& reader, const yaml::entry& entry,
                                            const number_list_words& words, Accept accept) {
  std::vector<double> numbers;
  const std::optional<std::vector<yaml::item>> items = reader.sequence(entry, "", "numbers");
  if (!items) return numbers;
  if (items->empty()) {
    reader.error(entry.value_position, words.empty);
    return numbers;
  }
  // Each one is a series per label combination, and the generated rule tests search them.
  if (items->size() > words.most) {
    reader.error(entry.value_position,
                 fmt::format("{} has {} {}; at most {} are supported: keep those the alerts and "
                             "dashboards need",
                             words.owner, items->size(), words.plural, words.most));
    return numbers;
  }
  std::string previous;  // the text of the last accepted number
  for (const yaml::item& item : *items) {
    const std::optional<yaml::number> number = yaml::number_of(item.node);
    if (!number) {
      reader.error(item.position, fmt::format("each {} must be a number, found {}", words.noun,
                                              yaml::describe(item.node)));
      continue;
    }
    if (!accept(*number, item)) continue;
    if (!numbers.empty() && !(number->value > numbers.back())) {
      reader.error(
          item.position,
          fmt::format("{} {} is not greater than the {} before it, {}; {} must be "
                      "strictly increasing",
                      words.noun, item.node.Scalar(), words.short_noun, previous, words.plural));
      continue;
    }
    previous = item.node.Scalar();
    numbers.push_back(number->value);
  }
  return numbers;
}

void read_buckets(yaml::node_reader& reader, const yaml::entry& entry, metric_definition& metric) {
  const number_list_words words{
      "bucket bound",
      "bound",
      "buckets",
      fmt::format("'buckets' of histogram '{}' must not be empty; list at least one upper bound "
                  "(the +Inf bucket is implicit)",
                  metric.name),
      fmt::format("histogram '{}'", metric.name),
      limits::buckets};
  metric.buckets = read_increasing_numbers(
      reader, entry, words, [&](const yaml::number& number, const yaml::item& item) {
        if (number.underflow) {
          reader.error(item.position, fmt::format("bucket bound {} is too small to be "
                                                  "represented as a double; use a larger bound",
                                                  item.node.Scalar()));
          return false;
        }
        if (!std::isfinite(number.value)) {
          reader.error(item.position,
                       fmt::format("bucket bound {} is not a finite number; list finite upper "
                                   "bounds only (the +Inf bucket is implicit)",
                                   item.node.Scalar()));
          return false;
        }
        return true;
      });
}

void read_quantiles(yaml::node_reader& reader, const yaml::entry& entry,
                    metric_definition& metric) {
  const number_list_words words{
      "quantile",
      "quantile",
      "quantiles",
      fmt::format("'quantiles' of summary '{}' must not be empty; list at least one quantile, "
                  "e.g. 'quantiles: [0.5, 0.9, 0.99]'",
                  metric.name),
      fmt::format("summary '{}'", metric.name),
      limits::quantiles};
  metric.quantiles = read_increasing_numbers(
      reader, entry, words, [&](const yaml::number& number, const yaml::item& item) {
        // 0 and 1 are the minimum and the maximum of the window, as Prometheus clients expose
        // them (Go's go_gc_duration_seconds has quantile="0" and quantile="1").
        if (number.value >= 0 && number.value <= 1) return true;
        reader.error(item.position,
                     fmt::format("quantile {} is not between 0 and 1; write the median as 0.5, "
                                 "the 99th percentile as 0.99, the minimum as 0 and the maximum "
                                 "as 1",
                                 item.node.Scalar()));
        return false;
      });
}

void read_summary(yaml::node_reader& reader, const yaml::entry_map& keys,
                  source_position mapping_position, metric_definition& metric) {
  const std::string owner = fmt::format("summary '{}'", metric.name);
  if (const auto it = keys.find("quantiles"); it != keys.end()) {
    read_quantiles(reader, it->second, metric);
  } else {
    reader.error(mapping_position,
                 fmt::format("summary '{}' is missing required key 'quantiles'; list the "
                             "quantiles to report, e.g. 'quantiles: [0.5, 0.9, 0.99]'",
                             metric.name));
  }
  if (const auto it = keys.find("max_age_seconds"); it != keys.end()) {
    const std::optional<yaml::number> number = yaml::number_of(it->second.value);
    if (number && std::isfinite(number->value) && number->value > 0) {
      metric.max_age_seconds = number->value;
    } else {
      reader.error(it->second.value_position,
                   fmt::format("'max_age_seconds' of {} must be a finite number of seconds "
                               "greater than 0 (the window the quantiles cover, default 600), "
                               "found {}",
                               owner, yaml::describe(it->second.value)));
    }
  }
  if (const auto it = keys.find("age_buckets"); it != keys.end()) {
    if (const std::optional<std::int64_t> count =
            yaml::integer_in_range(it->second.value, 1, max_age_buckets)) {
      metric.age_buckets = static_cast<std::size_t>(*count);
    } else {
      reader.error(it->second.value_position,
                   fmt::format("'age_buckets' of {} must be an integer from 1 to {} (the slices "
                               "of the window, default 5), found {}",
                               owner, max_age_buckets, yaml::describe(it->second.value)));
    }
  }
}

void read_stateset(yaml::node_reader& reader, const yaml::entry_map& keys,
                   source_position mapping_position, metric_definition& metric) {
  if (const auto it = keys.find("states"); it != keys.end()) {
    metric.states =
        read_values(reader, it->second, "state", fmt::format("stateset '{}'", metric.name));
  } else {
    reader.error(mapping_position,
                 fmt::format("stateset '{}' is missing required key 'states'; list its states, "
                             "e.g. 'states: [healthy, degraded, unhealthy]'",
                             metric.name));
  }
  const auto health = keys.find("health");
  if (health == keys.end() || !metric.health) return;
  metric.health_position = health->second.key_position;
  if (metric.states.empty()) return;  // reported with the states
  const std::vector<std::string_view> missing = missing_from(health_states, metric.states);
  if (missing.empty()) return;
  reader.error(health->second.value_position,
               fmt::format("stateset '{}' has 'health: true' but lacks the state{} {}; a health "
                           "stateset has the states 'healthy', 'degraded' and 'unhealthy' (and "
                           "may have more, e.g. 'unknown'): add the missing ones",
                           metric.name, missing.size() == 1 ? "" : "s", quoted_and_list(missing)));
}

void read_histogram(yaml::node_reader& reader, const yaml::entry_map& keys,
                    source_position mapping_position, metric_definition& metric) {
  if (const auto it = keys.find("buckets"); it != keys.end()) {
    read_buckets(reader, it->second, metric);
    return;
  }
  reader.error(mapping_position,
               fmt::format("histogram '{}' is missing required key 'buckets'; list the bucket "
                           "upper bounds, e.g. 'buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, "
                           "0.5, 1, 2.5, 5, 10]'",
                           metric.name));
}

// `value` of a counter or gauge. A callback gauge is set from doubles, so it stays float.
void read_value(yaml::node_reader& reader, const yaml::entry_map& keys, metric_definition& metric) {
  const auto it = keys.find("value");
  if (it == keys.end()) return;
  static constexpr auto words = metric_value_keywords.texts();
  const bool counter = metric.kind == metric_kind::counter;
  if (const std::optional<std::size_t> index =
          reader.keyword(it->second, fmt::format("metric '{}'", metric.name),
                         {words, fmt::format("{} value type", counter ? "counter" : "gauge"), "",
                          counter ? "; expected 'integer' (the default) or 'float'"
                                  : "; expected 'integer' or 'float' (the default)"})) {
    metric.value = metric_value_keywords.entries[*index].value;
  }
  if (metric.callback && metric.value == metric_value::integer) {
    reader.error(it->second.value_position,
                 fmt::format("gauge '{}' has 'callback: true', whose values are set as floats, "
                             "so it cannot take 'value: integer'; remove 'value'",
                             metric.name));
  }
}

// `type`, `help` and the keys the type does not take; nothing when the type is unknown.
std::optional<metric_kind> read_kind_and_help(yaml::node_reader& reader,
                                              const yaml::entry_map& keys,
                                              source_position mapping_position,
                                              metric_definition& metric) {
  const std::string owner = fmt::format("metric '{}'", metric.name);
  static constexpr auto words = metric_kind_keywords.texts();
  std::optional<metric_kind> kind;
  if (const auto it = keys.find("type"); it != keys.end()) {
    const std::optional<std::size_t> index = reader.keyword(
        it->second, owner,
        {words, "metric type", "", fmt::format("; expected {}", quoted_or_list(words))});
    if (index) kind = metric_kind_keywords.entries[*index].value;
  } else {
    reader.error(mapping_position,
                 fmt::format("metric '{}' is missing required key 'type'; add 'type:' with one of "
                             "{}",
                             metric.name, quoted_or_list(words)));
  }
  if (const auto it = keys.find("help"); it != keys.end()) {
    if (auto help = reader.help(it->second, owner)) metric.help = std::move(*help);
  } else {
    reader.error(mapping_position,
                 fmt::format("metric '{}' is missing required key 'help'; add 'help:' with one "
                             "sentence saying what it measures",
                             metric.name));
  }
  if (!kind) return std::nullopt;
  for (const type_specific_key& rule : type_specific_keys) {
    const auto it = keys.find(rule.key);
    if (it == keys.end() || rule.allowed(*kind)) continue;
    reader.error(
        it->second.key_position,
        fmt::format("'{}' is only allowed on {}, but '{}' is {} {}; remove it", rule.key,
                    rule.allowed_on, metric.name, article_for(to_string(*kind)), to_string(*kind)));
  }
  return kind;
}

// Reads the keys of a metric mapping that depend on its type, which is known.
void read_metric_keys(yaml::node_reader& reader, const yaml::entry_map& keys,
                      source_position mapping_position, metric_definition& metric) {
  const std::string owner = fmt::format("metric '{}'", metric.name);
  const metric_kind kind = metric.kind;
  const auto read_flag = [&](std::string_view key, metric_kind on, bool& flag) {
    if (const auto it = keys.find(key); it != keys.end() && kind == on) {
      flag = reader.boolean(it->second, owner).value_or(false);
    }
  };
  read_flag("callback", metric_kind::gauge, metric.callback);
  read_flag("health", metric_kind::stateset, metric.health);
  read_flag("from_build", metric_kind::info, metric.from_build);
  if (kind == metric_kind::counter || kind == metric_kind::gauge) read_value(reader, keys, metric);
  if (kind == metric_kind::histogram) read_histogram(reader, keys, mapping_position, metric);
  if (kind == metric_kind::summary) read_summary(reader, keys, mapping_position, metric);
  if (kind == metric_kind::stateset) read_stateset(reader, keys, mapping_position, metric);
}

void read_metric(yaml::node_reader& reader, const yaml::entry& entry, schema& model) {
  metric_definition& metric = model.metrics.emplace_back();
  metric.name = entry.key;
  metric.position = entry.key_position;
  metric.kind_known = false;
  const std::optional<yaml::definition_keys> definition = reader.definition(
      entry, fmt::format("metric '{}'", metric.name), "'type' and 'help'", metric_keys);
  if (!definition) {
    check_metric_name(reader, metric);
    return;
  }
  const yaml::entry_map& keys = definition->keys;
  const source_position mapping_position = definition->position;
  const std::optional<metric_kind> kind =
      read_kind_and_help(reader, keys, mapping_position, metric);
  if (kind) {
    metric.kind = *kind;
    metric.kind_known = true;
  }
  // On info and stateset metrics `unit` was reported as not allowed; the unit goes into the
  // naming rules, so read it even when the type is unknown.
  if (const auto it = keys.find("unit");
      it != keys.end() && kind != metric_kind::info && kind != metric_kind::stateset) {
    if (auto unit = read_unit(reader, it->second, metric.name)) metric.unit = std::move(*unit);
  }
  if (const auto it = keys.find("labels"); it != keys.end()) {
    metric.labels = read_label_list(reader, it->second, "metric", metric.name);
  }
  if (kind) read_metric_keys(reader, keys, mapping_position, metric);
  check_metric_name(reader, metric);
}

}  // namespace

void read_metrics(yaml::node_reader& reader, const yaml::entry& section, schema& model) {
  const std::optional<std::vector<yaml::entry>> entries = reader.section_entries(section, "metric");
  if (!entries) return;
  if (entries->empty() && section.value.size() == 0) {
    reader.error(section.value_position, "'metrics' must not be empty; define at least one metric");
    return;
  }
  for (const yaml::entry& entry : *entries) read_metric(reader, entry, model);
  check_family_names(reader, model);
}

}  // namespace schemetric::codegen
