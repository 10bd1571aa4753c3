// The evaluator's state as JSON documents: `/monitoring/status` and `/monitoring/alerts` of the
// exporter (schemetric/alerting/monitoring_source.hpp), callable from C++ as well. Their shapes
// are documented in the README, section "Without Prometheus".
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "schemetric/alerting/evaluator.hpp"
#include "schemetric/config.hpp"
#include "schemetric/detail/json_text.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace alerting {

namespace detail_json {
inline void append_labels(std::string& out, const label_pairs& labels) {
  out.push_back('{');
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out.push_back(',');
    detail::append_json_string(out, labels[i].first);
    out.push_back(':');
    detail::append_json_string(out, labels[i].second);
  }
  out.push_back('}');
}

inline void append_time(std::string& out, std::int64_t unix_ms) {
  detail::append_json_timestamp(
      out, std::chrono::system_clock::time_point{std::chrono::milliseconds(unix_ms)});
}

inline void append_field(std::string& out, std::string_view name) {
  if (out.back() != '{') out.push_back(',');
  detail::append_json_string(out, name);
  out.push_back(':');
}
}  // namespace detail_json

/// Appends the status document: what the evaluator has done and each alert's configuration.
inline void write_status_json(const evaluator& alerts, std::string& out) {
  using detail_json::append_field;
  using detail_json::append_time;
  const evaluation_status s = alerts.status();
  out.push_back('{');
  append_field(out, "evaluations");
  out.append(std::to_string(s.evaluations));
  append_field(out, "last_evaluation");
  if (s.evaluations == 0) {
    out.append("null");
  } else {
    append_time(out, s.last_evaluation_ms);
  }
  append_field(out, "interval_seconds");
  detail::append_json_number(out, static_cast<double>(s.interval_ms) / 1000);
  append_field(out, "alerts_configured");
  out.append(std::to_string(s.configured));
  append_field(out, "alerts_enabled");
  out.append(std::to_string(s.enabled));
  append_field(out, "alerts_pending");
  out.append(std::to_string(s.pending));
  append_field(out, "alerts_firing");
  out.append(std::to_string(s.firing));
  append_field(out, "transitions_kept");
  out.append(std::to_string(s.transitions_kept));
  append_field(out, "hook_failures");
  out.append(std::to_string(s.hook_failures));
  append_field(out, "watched_series");
  out.append(std::to_string(s.watched_series));
  append_field(out, "alerts");
  out.push_back('[');
  bool first = true;
  for (const configured_alert& a : alerts.configuration()) {
    if (!first) out.push_back(',');
    first = false;
    out.push_back('{');
    append_field(out, "name");
    detail::append_json_string(out, a.alert->name);
    append_field(out, "severity");
    detail::append_json_string(out, to_string(a.alert->level));
    append_field(out, "enabled");
    out.append(a.enabled ? "true" : "false");
    append_field(out, "comparison");
    detail::append_json_string(out, a.alert->kind == alert_kind::state ? "state"
                                    : a.alert->below                   ? "below"
                                                                       : "above");
    append_field(out, "threshold");
    detail::append_json_number(out, a.threshold);
    append_field(out, "for_seconds");
    detail::append_json_number(out, static_cast<double>(a.for_ms) / 1000);
    append_field(out, "environment_prefix");
    detail::append_json_string(out, "SCHEMETRIC_ALERT_" + std::string(a.alert->env_name));
    out.push_back('}');
  }
  out.append("]}");
}

/// Appends the alerts document: the alerts pending or firing, and the transitions of the
/// `hours` before `now_ms`.
inline void write_alerts_json(const evaluator& alerts, std::string& out, std::int64_t now_ms,
                              int hours) {
  using detail_json::append_field;
  using detail_json::append_time;
  out.push_back('{');
  append_field(out, "hours");
  out.append(std::to_string(hours));
  append_field(out, "active");
  out.push_back('[');
  bool first = true;
  for (const active_alert& a : alerts.active()) {
    if (!first) out.push_back(',');
    first = false;
    out.push_back('{');
    append_field(out, "name");
    detail::append_json_string(out, a.name);
    append_field(out, "severity");
    detail::append_json_string(out, to_string(a.level));
    append_field(out, "state");
    detail::append_json_string(out, to_string(a.state));
    append_field(out, "labels");
    detail_json::append_labels(out, a.labels);
    append_field(out, "value");
    detail::append_json_number(out, a.value);
    append_field(out, "threshold");
    detail::append_json_number(out, a.threshold);
    append_field(out, "active_since");
    append_time(out, a.active_since_ms);
    append_field(out, "firing_since");
    if (a.state == alert_state::firing) {
      append_time(out, a.firing_since_ms);
    } else {
      out.append("null");
    }
    out.push_back('}');
  }
  out.append("]");
  append_field(out, "transitions");
  out.push_back('[');
  first = true;
  for (const transition& t : alerts.transitions(now_ms - std::int64_t{hours} * 3'600'000)) {
    if (!first) out.push_back(',');
    first = false;
    out.push_back('{');
    append_field(out, "time");
    append_time(out, t.time_ms);
    append_field(out, "name");
    detail::append_json_string(out, t.name);
    append_field(out, "severity");
    detail::append_json_string(out, to_string(t.level));
    append_field(out, "labels");
    detail_json::append_labels(out, t.labels);
    append_field(out, "from");
    detail::append_json_string(out, to_string(t.from));
    append_field(out, "to");
    detail::append_json_string(out, entered(t));
    append_field(out, "value");
    detail::append_json_number(out, t.value);
    append_field(out, "threshold");
    detail::append_json_number(out, t.threshold);
    out.push_back('}');
  }
  out.append("]}");
}

}  // namespace alerting
SCHEMETRIC_END_NAMESPACE
