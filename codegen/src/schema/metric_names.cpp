// Prometheus' naming rules for metrics: base units, type suffixes, reserved suffixes, and one
// OpenMetrics family per name (https://prometheus.io/docs/practices/naming/).
#include <array>
#include <map>

#include <fmt/format.h>

#include "schema/sections.hpp"
#include "support/text.hpp"

namespace schemetric::codegen {
namespace {

// Suffixes of the series Prometheus and OpenMetrics derive from a family's name.
struct reserved_suffix {
  std::string_view suffix;
  std::string_view reason;
};
constexpr std::array reserved_suffixes{
    reserved_suffix{"_bucket", "the bucket series of histograms"},
    reserved_suffix{"_sum", "the sum series of histograms and summaries"},
    reserved_suffix{"_count", "the count series of histograms and summaries"},
    reserved_suffix{"_created", "the creation-time series of counters and histograms"},
};

// Units that are not base units, and the base unit to use instead
// (https://prometheus.io/docs/practices/naming/#base-units).
struct unit_replacement {
  std::string_view unit;
  std::string_view base_unit;
};
// clang-format off
constexpr std::array non_base_units{
    unit_replacement{"ms", "seconds"}, unit_replacement{"millisecond", "seconds"},
    unit_replacement{"milliseconds", "seconds"}, unit_replacement{"us", "seconds"},
    unit_replacement{"microsecond", "seconds"}, unit_replacement{"microseconds", "seconds"},
    unit_replacement{"ns", "seconds"}, unit_replacement{"nanosecond", "seconds"},
    unit_replacement{"nanoseconds", "seconds"}, unit_replacement{"s", "seconds"},
    unit_replacement{"sec", "seconds"}, unit_replacement{"secs", "seconds"},
    unit_replacement{"second", "seconds"}, unit_replacement{"minute", "seconds"},
    unit_replacement{"minutes", "seconds"}, unit_replacement{"hour", "seconds"},
    unit_replacement{"hours", "seconds"}, unit_replacement{"day", "seconds"},
    unit_replacement{"days", "seconds"}, unit_replacement{"week", "seconds"},
    unit_replacement{"weeks", "seconds"}, unit_replacement{"byte", "bytes"},
    unit_replacement{"bit", "bytes"}, unit_replacement{"bits", "bytes"},
    unit_replacement{"kb", "bytes"}, unit_replacement{"kilobyte", "bytes"},
    unit_replacement{"kilobytes", "bytes"}, unit_replacement{"mb", "bytes"},
    unit_replacement{"megabyte", "bytes"}, unit_replacement{"megabytes", "bytes"},
    unit_replacement{"gb", "bytes"}, unit_replacement{"gigabyte", "bytes"},
    unit_replacement{"gigabytes", "bytes"}, unit_replacement{"tb", "bytes"},
    unit_replacement{"terabyte", "bytes"}, unit_replacement{"terabytes", "bytes"},
    unit_replacement{"kib", "bytes"}, unit_replacement{"mib", "bytes"},
    unit_replacement{"gib", "bytes"}, unit_replacement{"tib", "bytes"},
    unit_replacement{"kilobits", "bytes"}, unit_replacement{"megabits", "bytes"},
    unit_replacement{"gigabits", "bytes"}, unit_replacement{"percent", "ratio"},
    unit_replacement{"percents", "ratio"}, unit_replacement{"percentage", "ratio"},
    unit_replacement{"fahrenheit", "celsius"}, unit_replacement{"kelvin", "celsius"},
    unit_replacement{"meter", "meters"}, unit_replacement{"metre", "meters"},
    unit_replacement{"metres", "meters"}, unit_replacement{"millimeters", "meters"},
    unit_replacement{"centimeters", "meters"}, unit_replacement{"kilometers", "meters"},
    unit_replacement{"feet", "meters"}, unit_replacement{"inches", "meters"},
    unit_replacement{"miles", "meters"}, unit_replacement{"gram", "grams"},
    unit_replacement{"milligrams", "grams"}, unit_replacement{"kilograms", "grams"},
    unit_replacement{"kg", "grams"}, unit_replacement{"pounds", "grams"},
    unit_replacement{"volt", "volts"}, unit_replacement{"millivolts", "volts"},
    unit_replacement{"ampere", "amperes"}, unit_replacement{"amps", "amperes"},
    unit_replacement{"milliamperes", "amperes"}, unit_replacement{"joule", "joules"},
    unit_replacement{"kilojoules", "joules"}, unit_replacement{"calories", "joules"},
};
// clang-format on

// The rules about the type suffixes `_total` and `_info`; true when the name passed them.
bool check_type_suffix(yaml::node_reader& reader, const metric_definition& metric,
                       std::string_view unit_suffix) {
  const std::string_view name = metric.name;
  if (metric.kind == metric_kind::counter && !name.ends_with("_total")) {
    const std::string with_unit =
        name.ends_with(unit_suffix) ? std::string{} : std::string{unit_suffix};
    reader.error(metric.position, fmt::format("counter name '{}' must end in '_total'; rename it "
                                              "to '{}{}_total'",
                                              name, name, with_unit));
    return false;
  }
  if (metric.kind != metric_kind::counter && name.ends_with("_total")) {
    reader.error(metric.position,
                 fmt::format("metric name '{}' ends in '_total', which is reserved for counters; "
                             "make it a counter or choose another name",
                             name));
    return false;
  }
  if (metric.kind == metric_kind::info && !name.ends_with("_info")) {
    reader.error(metric.position,
                 fmt::format("info metric name '{}' must end in '_info'; rename it to '{}_info'",
                             name, name));
    return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> read_unit(yaml::node_reader& reader, const yaml::entry& entry,
                                     std::string_view metric_name) {
  const std::optional<std::string> unit =
      reader.string(entry, fmt::format("metric '{}'", metric_name));
  if (!unit) return std::nullopt;
  if (unit->empty()) {
    reader.error(entry.value_position,
                 "'unit' must not be empty; name a base unit such as 'seconds' or 'bytes', or "
                 "remove it");
    return std::nullopt;
  }
  if (!check_name_length(reader, *unit, entry.value_position, "unit")) return std::nullopt;
  if (!is_valid_name(*unit)) {
    reader.error(entry.value_position,
                 fmt::format("invalid unit '{}': units must match [a-z][a-z0-9_]* (a lowercase "
                             "letter, then lowercase letters, digits or '_')",
                             *unit));
    return std::nullopt;
  }
  for (const unit_replacement& replacement : non_base_units) {
    if (*unit == replacement.unit) {
      reader.error(entry.value_position,
                   fmt::format("unit '{}' is not a base unit; use '{}' and record values in {}",
                               *unit, replacement.base_unit, replacement.base_unit));
      return std::nullopt;
    }
  }
  return unit;
}

void check_metric_name(yaml::node_reader& reader, const metric_definition& metric) {
  const std::string_view name = metric.name;
  if (!check_name_charset(reader, name, metric.position, "metric name")) return;
  if (!metric.kind_known) return;
  // The unit, when there is one, goes before `_total`: http_response_size_bytes_total.
  const std::string unit_suffix = metric.unit.empty() ? std::string{} : "_" + metric.unit;
  if (!check_type_suffix(reader, metric, unit_suffix)) return;
  // A counter's name ends in `_total`, so this never fires for counters: `tasks_created_total`
  // is a fine counter name.
  for (const reserved_suffix& reserved : reserved_suffixes) {
    if (name.ends_with(reserved.suffix)) {
      reader.error(metric.position,
                   fmt::format("metric name '{}' ends in '{}', a suffix reserved for {}; choose "
                               "another name",
                               name, reserved.suffix, reserved.reason));
      return;
    }
  }
  const std::string_view family =
      metric.kind == metric_kind::counter ? name.substr(0, name.size() - 6) : name;
  if (unit_suffix.empty() || family.ends_with(unit_suffix)) return;
  if (metric.kind == metric_kind::counter) {
    reader.error(metric.position,
                 fmt::format("counter name '{}' must end in '{}_total' because its unit is '{}'; "
                             "rename it to '{}{}_total'",
                             name, unit_suffix, metric.unit, family, unit_suffix));
  } else {
    reader.error(metric.position,
                 fmt::format("metric name '{}' must end in '{}' because its unit is '{}'; rename "
                             "it to '{}{}'",
                             name, unit_suffix, metric.unit, name, unit_suffix));
  }
}

std::string_view openmetrics_family(std::string_view name, metric_kind kind) {
  // OpenMetrics exposes a counter `x_total` and an info `x_info` as the family `x`.
  if (kind == metric_kind::counter && name.ends_with("_total")) {
    name.remove_suffix(6);
  } else if (kind == metric_kind::info && name.ends_with("_info")) {
    name.remove_suffix(5);
  }
  return name;
}

void check_family_names(yaml::node_reader& reader, const schema& model) {
  // Another metric named `x` would be a second family of the same name as `x_total`.
  std::map<std::string, const metric_definition*, std::less<>> families;
  for (const metric_definition& metric : model.metrics) {
    const std::string_view family = openmetrics_family(metric.name, metric.kind);
    const auto [it, inserted] = families.emplace(std::string{family}, &metric);
    if (inserted) continue;
    reader.error(
        metric.position,
        fmt::format("metric '{}' and metric '{}' (at {}) are both exposed as the "
                    "OpenMetrics family '{}'; rename one of them",
                    metric.name, it->second->name, position_text(it->second->position), family));
  }
}

}  // namespace schemetric::codegen
