// The `alerts:` section: alerts of a structured kind (ratio, quantile, gauge, state, absent) or a
// raw PromQL expression with its tests. Metrics and labels they name are checked by `resolve`.
#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "model/limits.hpp"
#include "promql/alert_template.hpp"
#include "schema/sections.hpp"
#include "support/text.hpp"
#include "yaml/duration.hpp"
#include "yaml/scalars.hpp"

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

constexpr std::array alert_keys{
    "ratio"sv,       "quantile"sv, "gauge"sv,  "state"sv,    "absent"sv,   "expr"sv,
    "above"sv,       "below"sv,    "window"sv, "for"sv,      "severity"sv, "summary"sv,
    "description"sv, "runbook"sv,  "by"sv,     "min_rate"sv, "tests"sv};

constexpr auto kind_words = alert_kind_keywords.texts();

// The key that sets each of the keys only some kinds take, and the kinds that take it.
struct kind_specific_key {
  std::string_view key;
  std::string_view allowed_on;
  std::initializer_list<alert_kind> kinds;
};

bool takes(const kind_specific_key& rule, alert_kind kind) {
  return std::find(rule.kinds.begin(), rule.kinds.end(), kind) != rule.kinds.end();
}

const std::array<kind_specific_key, 5>& kind_specific_keys() {
  static const std::array<kind_specific_key, 5> keys{{
      {"above",
       "ratio, quantile and gauge alerts",
       {alert_kind::ratio, alert_kind::quantile, alert_kind::gauge}},
      {"below",
       "ratio, quantile and gauge alerts",
       {alert_kind::ratio, alert_kind::quantile, alert_kind::gauge}},
      {"window", "ratio and quantile alerts", {alert_kind::ratio, alert_kind::quantile}},
      {"min_rate", "ratio alerts", {alert_kind::ratio}},
      {"tests", "'expr' alerts (the others get generated tests)", {alert_kind::expr}},
  }};
  return keys;
}

// CamelCase as mixtool's lint wants alert names: an uppercase letter, then letters and digits.
bool is_camel_case(std::string_view name) {
  return !name.empty() && std::isupper(static_cast<unsigned char>(name.front())) &&
         std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

std::string camel_case_of(std::string_view name) {
  std::string camel;
  bool upper = true;
  for (const char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    camel += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return camel;
}

void read_ratio(yaml::node_reader& reader, const yaml::entry& entry, std::string_view owner,
                ratio_indicator& ratio) {
  if (entry.value.IsMap() && entry.value["tracker"]) {
    const yaml::entry_map keys = reader.known_keys(entry.value, std::array{"tracker"sv},
                                                   fmt::format("in the 'ratio' of {}", owner));
    const yaml::entry& tracker = keys.at("tracker");
    if (auto name = reader.string(tracker, owner)) {
      ratio.tracker = {std::move(*name), tracker.value_position, nullptr};
    }
    return;
  }
  if (!entry.value.IsMap()) {
    reader.error(entry.value_position,
                 fmt::format("'ratio' of {} must be a mapping with 'numerator' and 'denominator' "
                             "(series selections) or with 'tracker', found {}",
                             owner, yaml::describe(entry.value)));
    return;
  }
  const std::string where = fmt::format("in the 'ratio' of {}", owner);
  const yaml::entry_map keys = reader.known_keys(
      entry.value, std::array{"numerator"sv, "denominator"sv, "tracker"sv}, where);
  const std::string part_owner = fmt::format("the 'ratio' of {}", owner);
  for (const auto& [key, target] : {std::pair{"numerator"sv, &ratio.numerator},
                                    std::pair{"denominator"sv, &ratio.denominator}}) {
    if (const auto it = keys.find(key); it != keys.end()) {
      *target = read_selection(reader, it->second, part_owner);
    } else {
      reader.error(yaml::position_of(entry.value),
                   fmt::format("the 'ratio' of {} is missing '{}'; give 'numerator' and "
                               "'denominator', e.g. '{{metric: http_requests_total, match: "
                               "{{status: 5xx}}}}' over '{{metric: http_requests_total}}', or "
                               "'tracker: NAME' for a tracker's failed operations",
                               owner, key));
    }
  }
}

void read_quantile(yaml::node_reader& reader, const yaml::entry& entry, std::string_view owner,
                   quantile_indicator& quantile) {
  yaml::entry_map extras;
  quantile.histogram = read_selection(reader, entry, owner, std::array{"quantile"sv}, &extras);
  if (!entry.value.IsMap()) return;
  const auto it = extras.find("quantile");
  if (it == extras.end()) {
    reader.error(entry.value_position,
                 fmt::format("the 'quantile' of {} is missing 'quantile'; give the quantile to "
                             "watch, e.g. 'quantile: 0.95'",
                             owner));
    return;
  }
  quantile.quantile_position = it->second.value_position;
  const std::optional<double> q =
      read_number(reader, it->second, owner, "a quantile between 0 and 1 (both excluded)");
  if (!q) return;
  if (!(*q > 0 && *q < 1)) {
    reader.error(it->second.value_position,
                 fmt::format("'quantile' of {} is {}, not between 0 and 1 (both excluded); write "
                             "the 95th percentile as 0.95",
                             owner, it->second.value.Scalar()));
    return;
  }
  quantile.quantile = *q;
}

void read_gauge(yaml::node_reader& reader, const yaml::entry& entry, std::string_view owner,
                gauge_indicator& gauge) {
  yaml::entry_map extras;
  gauge.gauge = read_selection(reader, entry, owner, std::array{"divided_by"sv}, &extras);
  if (const auto it = extras.find("divided_by"); it != extras.end()) {
    gauge.divided_by = read_selection(reader, it->second, owner);
  }
}

void read_state(yaml::node_reader& reader, const yaml::entry& entry, std::string_view owner,
                state_indicator& state) {
  yaml::entry_map extras;
  state.stateset = read_selection(reader, entry, owner, std::array{"state"sv}, &extras);
  if (!entry.value.IsMap()) return;
  const auto it = extras.find("state");
  if (it == extras.end()) {
    reader.error(entry.value_position,
                 fmt::format("the 'state' of {} is missing 'state'; name the state that fires "
                             "the alert, e.g. 'state: unhealthy'",
                             owner));
    return;
  }
  if (auto text = reader.string(it->second, owner)) {
    state.state = std::move(*text);
    state.state_position = it->second.value_position;
  }
}

void read_absent(yaml::node_reader& reader, const yaml::entry& entry, std::string_view owner,
                 absent_indicator& absent) {
  if (entry.value.IsScalar() && entry.value.Scalar() == "target") return;
  if (entry.value.IsMap()) {
    absent.metric = read_selection(reader, entry, owner);
    return;
  }
  reader.error(entry.value_position,
               fmt::format("'absent' of {} must be 'target' (the scrape target is down or "
                           "missing) or a selection such as '{{metric: http_requests_total}}', "
                           "found {}",
                           owner, yaml::describe(entry.value)));
}

// Reads the one kind key of an alert into its indicator.
void read_kind(yaml::node_reader& reader, const yaml::entry_map& keys,
               source_position mapping_position, alert_definition& alert) {
  const std::string owner = fmt::format("alert '{}'", alert.name);
  std::vector<const yaml::entry*> given;
  for (const std::string_view word : kind_words) {
    if (const auto it = keys.find(word); it != keys.end()) given.push_back(&it->second);
  }
  if (given.empty()) {
    reader.error(mapping_position,
                 fmt::format("alert '{}' says nothing to watch; give exactly one of {}", alert.name,
                             quoted_or_list(kind_words)));
    alert.kind_known = false;
    return;
  }
  for (std::size_t i = 1; i < given.size(); ++i) {
    reader.error(given[i]->key_position,
                 fmt::format("alert '{}' has both '{}' and '{}'; an alert watches one thing: "
                             "keep one, or make a second alert",
                             alert.name, given[0]->key, given[i]->key));
  }
  const yaml::entry& entry = *given.front();
  switch (*alert_kind_keywords.find(entry.key)) {
    case alert_kind::ratio:
      read_ratio(reader, entry, owner, alert.indicator.emplace<ratio_indicator>());
      break;
    case alert_kind::quantile:
      read_quantile(reader, entry, owner, alert.indicator.emplace<quantile_indicator>());
      break;
    case alert_kind::gauge:
      read_gauge(reader, entry, owner, alert.indicator.emplace<gauge_indicator>());
      break;
    case alert_kind::state:
      read_state(reader, entry, owner, alert.indicator.emplace<state_indicator>());
      break;
    case alert_kind::absent:
      read_absent(reader, entry, owner, alert.indicator.emplace<absent_indicator>());
      break;
    case alert_kind::expr: {
      raw_indicator& raw = alert.indicator.emplace<raw_indicator>();
      raw.position = entry.value_position;
      if (auto text = reader.help(entry, owner, limits::string_bytes)) raw.expr = std::move(*text);
      if (const auto tests = keys.find("tests"); tests != keys.end()) {
        raw.tests = read_raw_tests(reader, tests->second, owner);
      }
      break;
    }
  }
}

void check_kind_specific_keys(yaml::node_reader& reader, const yaml::entry_map& keys,
                              const alert_definition& alert) {
  if (!alert.kind_known) return;
  for (const kind_specific_key& rule : kind_specific_keys()) {
    const auto it = keys.find(rule.key);
    if (it == keys.end() || takes(rule, alert.kind())) continue;
    reader.error(
        it->second.key_position,
        fmt::format("'{}' is only allowed on {}, but '{}' is a '{}' alert; remove it", rule.key,
                    rule.allowed_on, alert.name, alert_kind_keywords.text(alert.kind())));
  }
}

void read_threshold(yaml::node_reader& reader, const yaml::entry_map& keys,
                    source_position mapping_position, alert_definition& alert) {
  if (!alert.kind_known) return;
  const alert_kind kind = alert.kind();
  if (kind != alert_kind::ratio && kind != alert_kind::quantile && kind != alert_kind::gauge) {
    return;
  }
  const auto above = keys.find("above");
  const auto below = keys.find("below");
  if (above != keys.end() && below != keys.end()) {
    reader.error(
        below->second.key_position,
        fmt::format("alert '{}' has both 'above' and 'below'; give one threshold", alert.name));
    return;
  }
  if (above == keys.end() && below == keys.end()) {
    reader.error(
        mapping_position,
        fmt::format("alert '{}' has no threshold; add 'above: N' or 'below: N'", alert.name));
    return;
  }
  const yaml::entry& entry = above != keys.end() ? above->second : below->second;
  alert.compare = above != keys.end() ? comparison::above : comparison::below;
  alert.threshold_position = entry.value_position;
  const std::string owner = fmt::format("alert '{}'", alert.name);
  if (auto value = read_number(reader, entry, owner, "a finite number")) alert.threshold = *value;
}

void read_texts(yaml::node_reader& reader, const yaml::entry_map& keys,
                source_position mapping_position, alert_definition& alert) {
  const std::string owner = fmt::format("alert '{}'", alert.name);
  if (const auto it = keys.find("summary"); it != keys.end()) {
    if (auto text = reader.help(it->second, owner)) {
      if (text->find("{{") != std::string::npos) {
        reader.error(it->second.value_position,
                     fmt::format("the 'summary' of alert '{}' has a template; a summary is one "
                                 "fixed line (Alertmanager groups by it): put values and labels "
                                 "in 'description'",
                                 alert.name));
      } else {
        alert.summary = std::move(*text);
      }
    }
  } else {
    reader.error(mapping_position,
                 fmt::format("alert '{}' is missing required key 'summary'; add one line saying "
                             "what is wrong, without templates",
                             alert.name));
  }
  if (const auto it = keys.find("description"); it != keys.end()) {
    if (auto text = reader.help(it->second, owner, limits::string_bytes)) {
      alert.description_position = it->second.value_position;
      const auto parsed = promql::parse_alert_template(*text);
      if (const auto* problem = std::get_if<promql::template_error>(&parsed)) {
        reader.error(it->second.value_position, fmt::format("the 'description' of alert '{}': {}",
                                                            alert.name, problem->message));
      } else {
        alert.description = std::move(*text);
      }
    }
  } else {
    reader.error(mapping_position,
                 fmt::format("alert '{}' is missing required key 'description'; say what is "
                             "happening, with its value, e.g. '{{{{ $value | humanize }}}}'",
                             alert.name));
  }
  if (const auto it = keys.find("runbook"); it != keys.end()) {
    if (auto text = reader.help(it->second, owner, limits::string_bytes))
      alert.runbook = std::move(*text);
  }
}

void read_severity(yaml::node_reader& reader, const yaml::entry_map& keys,
                   source_position mapping_position, alert_definition& alert) {
  static constexpr auto words = severity_keywords.texts();
  const auto it = keys.find("severity");
  if (it == keys.end()) {
    reader.error(mapping_position,
                 fmt::format("alert '{}' is missing required key 'severity'; add one of {}",
                             alert.name, quoted_or_list(words)));
    return;
  }
  const std::string owner = fmt::format("alert '{}'", alert.name);
  if (const auto index =
          reader.keyword(it->second, owner,
                         {words, "severity", fmt::format(" of alert '{}'", alert.name),
                          fmt::format("; expected {}", quoted_or_list(words))})) {
    alert.level = severity_keywords.entries[*index].value;
  }
}

void read_alert(yaml::node_reader& reader, const yaml::entry& entry, schema& model) {
  alert_definition& alert = model.alerts.emplace_back();
  alert.name = entry.key;
  alert.position = entry.key_position;
  if (check_name_length(reader, alert.name, entry.key_position, "alert name") &&
      !is_camel_case(alert.name)) {
    const std::string camel = camel_case_of(alert.name);
    const std::string hint =
        is_camel_case(camel) ? fmt::format(", e.g. '{}'", camel) : std::string{};
    reader.error(entry.key_position,
                 fmt::format("invalid alert name '{}': alert names are CamelCase (an uppercase "
                             "letter, then letters and digits){}",
                             alert.name, hint));
  }
  const std::string owner = fmt::format("alert '{}'", alert.name);
  const std::optional<yaml::definition_keys> definition = reader.definition(
      entry, owner, "what it watches, a threshold, 'severity', 'summary' and 'description'",
      alert_keys);
  if (!definition) {
    alert.kind_known = false;
    return;
  }
  const yaml::entry_map& keys = definition->keys;
  read_kind(reader, keys, definition->position, alert);
  check_kind_specific_keys(reader, keys, alert);
  read_threshold(reader, keys, definition->position, alert);
  read_severity(reader, keys, definition->position, alert);
  read_texts(reader, keys, definition->position, alert);
  if (const auto it = keys.find("for"); it != keys.end()) {
    if (auto duration = reader.duration(it->second, owner)) alert.for_duration = *duration;
  }
  if (const auto it = keys.find("window"); it != keys.end()) {
    if (auto duration = reader.duration(it->second, owner)) {
      if (duration->count() == 0) {
        reader.error(it->second.value_position,
                     fmt::format("'window' of {} must be longer than 0; rates are taken over it, "
                                 "e.g. '5m'",
                                 owner));
      } else {
        alert.window = *duration;
      }
    }
  }
  if (const auto it = keys.find("min_rate"); it != keys.end()) {
    alert.min_rate = read_min_rate(reader, it->second, owner);
  }
  if (const auto it = keys.find("by"); it != keys.end()) {
    alert.by = read_label_list(reader, it->second, "alert", alert.name);
  }
}

}  // namespace

void read_alerts(yaml::node_reader& reader, const yaml::entry& section, schema& model) {
  if (section.value.IsNull()) return;  // `alerts:` with nothing under it: none
  const std::optional<std::vector<yaml::entry>> entries = reader.section_entries(section, "alert");
  if (!entries) return;
  for (const yaml::entry& entry : *entries) read_alert(reader, entry, model);
}

}  // namespace schemetric::codegen
