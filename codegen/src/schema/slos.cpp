// The `slos:` section: service level objectives over a ratio of events or a latency threshold.
// Metrics, labels and trackers they name are checked by `resolve`.
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "schema/sections.hpp"
#include "support/text.hpp"
#include "yaml/duration.hpp"
#include "yaml/scalars.hpp"

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

constexpr std::array slo_keys{"objective"sv, "period"sv, "help"sv,    "ratio"sv,
                              "latency"sv,   "by"sv,     "min_rate"sv};

// The longest window of the burn-rate alerts: a shorter period has no meaning for them.
constexpr std::chrono::milliseconds shortest_period = std::chrono::hours(24 * 3);

void read_objective(yaml::node_reader& reader, const yaml::entry_map& keys,
                    source_position mapping_position, slo_definition& slo) {
  const std::string owner = fmt::format("SLO '{}'", slo.name);
  const auto it = keys.find("objective");
  if (it == keys.end()) {
    reader.error(mapping_position,
                 fmt::format("SLO '{}' is missing required key 'objective'; give the share of "
                             "good events in percent, e.g. 'objective: 99.9'",
                             slo.name));
    return;
  }
  slo.objective_position = it->second.value_position;
  const std::optional<double> percent =
      read_number(reader, it->second, owner, "a percentage such as 99.9");
  if (!percent) return;
  if (!(*percent > 0 && *percent < 100)) {
    reader.error(it->second.value_position,
                 fmt::format("'objective' of {} is {}, not a percentage between 0 and 100 (both "
                             "excluded); write 99.9 % as 'objective: 99.9'",
                             owner, it->second.value.Scalar()));
    return;
  }
  slo.objective_percent = *percent;
  // 100 - 99.9 is 0.09999999999999432 in binary; people write the budget 0.001.
  slo.error_budget = std::strtod(fmt::format("{:.12g}", (100 - *percent) / 100).c_str(), nullptr);
}

void read_ratio_sli(yaml::node_reader& reader, const yaml::entry& entry, std::string_view owner,
                    slo_ratio& ratio) {
  const std::string where = fmt::format("in the 'ratio' of {}", owner);
  if (!entry.value.IsMap()) {
    reader.error(entry.value_position,
                 fmt::format("'ratio' of {} must be a mapping with 'errors' and 'total' (series "
                             "selections) or with 'tracker', found {}",
                             owner, yaml::describe(entry.value)));
    return;
  }
  const yaml::entry_map keys =
      reader.known_keys(entry.value, std::array{"errors"sv, "total"sv, "tracker"sv}, where);
  if (const auto it = keys.find("tracker"); it != keys.end()) {
    if (auto name = reader.string(it->second, owner)) {
      ratio.tracker = {std::move(*name), it->second.value_position, nullptr};
    }
    for (const std::string_view key : {"errors"sv, "total"sv}) {
      if (const auto other = keys.find(key); other != keys.end()) {
        reader.error(other->second.key_position,
                     fmt::format("the 'ratio' of {} has both 'tracker' and '{}'; the tracker "
                                 "gives both errors and total: remove '{}' or 'tracker'",
                                 owner, key, key));
      }
    }
    return;
  }
  const std::string part_owner = fmt::format("the 'ratio' of {}", owner);
  for (const auto& [key, target] :
       {std::pair{"errors"sv, &ratio.errors}, std::pair{"total"sv, &ratio.total}}) {
    if (const auto it = keys.find(key); it != keys.end()) {
      *target = read_selection(reader, it->second, part_owner);
    } else {
      reader.error(yaml::position_of(entry.value),
                   fmt::format("the 'ratio' of {} is missing '{}'; give the bad events as "
                               "'errors' and all events as 'total', or 'tracker: NAME'",
                               owner, key));
    }
  }
}

void read_latency_sli(yaml::node_reader& reader, const yaml::entry& entry, std::string_view owner,
                      slo_latency& latency) {
  yaml::entry_map extras;
  latency.histogram = read_selection(reader, entry, owner, std::array{"threshold"sv}, &extras);
  if (!entry.value.IsMap()) return;
  const auto it = extras.find("threshold");
  if (it == extras.end()) {
    reader.error(entry.value_position,
                 fmt::format("the 'latency' of {} is missing 'threshold'; give the bucket bound "
                             "slower events exceed, e.g. 'threshold: 0.5'",
                             owner));
    return;
  }
  latency.threshold_position = it->second.value_position;
  if (auto value = read_number(reader, it->second, owner, "one of the histogram's bucket bounds")) {
    latency.threshold = *value;
  }
}

void read_sli(yaml::node_reader& reader, const yaml::entry_map& keys,
              source_position mapping_position, slo_definition& slo) {
  const std::string owner = fmt::format("SLO '{}'", slo.name);
  const auto ratio = keys.find("ratio");
  const auto latency = keys.find("latency");
  if (ratio != keys.end() && latency != keys.end()) {
    reader.error(latency->second.key_position,
                 fmt::format("SLO '{}' has both 'ratio' and 'latency'; an SLO has one indicator: "
                             "make a second SLO",
                             slo.name));
  }
  if (ratio != keys.end()) {
    read_ratio_sli(reader, ratio->second, owner, slo.sli.emplace<slo_ratio>());
  } else if (latency != keys.end()) {
    read_latency_sli(reader, latency->second, owner, slo.sli.emplace<slo_latency>());
  } else {
    slo.sli_known = false;
    reader.error(mapping_position,
                 fmt::format("SLO '{}' has no indicator; add 'ratio' (bad events over all "
                             "events) or 'latency' (events slower than a bucket bound)",
                             slo.name));
  }
}

void read_slo(yaml::node_reader& reader, const yaml::entry& entry, schema& model) {
  slo_definition& slo = model.slos.emplace_back();
  slo.name = entry.key;
  slo.position = entry.key_position;
  check_name_charset(reader, slo.name, entry.key_position, "SLO name");
  const std::string owner = fmt::format("SLO '{}'", slo.name);
  const std::optional<yaml::definition_keys> definition =
      reader.definition(entry, owner, "'objective' and 'ratio' or 'latency'", slo_keys);
  if (!definition) {
    slo.sli_known = false;
    return;
  }
  const yaml::entry_map& keys = definition->keys;
  read_objective(reader, keys, definition->position, slo);
  read_sli(reader, keys, definition->position, slo);
  if (const auto it = keys.find("help"); it != keys.end()) {
    if (auto help = reader.help(it->second, owner)) slo.help = std::move(*help);
  }
  if (const auto it = keys.find("period"); it != keys.end()) {
    if (auto period = reader.duration(it->second, owner)) {
      if (*period < shortest_period) {
        reader.error(it->second.value_position,
                     fmt::format("'period' of {} is {}, shorter than the 3d window of its "
                                 "slowest burn-rate alert; give at least '3d' (usually '30d' or "
                                 "'28d')",
                                 owner, it->second.value.Scalar()));
      } else {
        slo.period = *period;
      }
    }
  }
  if (const auto it = keys.find("min_rate"); it != keys.end()) {
    slo.min_rate = read_min_rate(reader, it->second, owner);
  }
  if (const auto it = keys.find("by"); it != keys.end()) {
    slo.by = read_label_list(reader, it->second, "SLO", slo.name);
  }
}

}  // namespace

void read_slos(yaml::node_reader& reader, const yaml::entry& section, schema& model) {
  if (section.value.IsNull()) return;  // `slos:` with nothing under it: none
  const std::optional<std::vector<yaml::entry>> entries = reader.section_entries(section, "SLO");
  if (!entries) return;
  for (const yaml::entry& entry : *entries) read_slo(reader, entry, model);
}

}  // namespace schemetric::codegen
