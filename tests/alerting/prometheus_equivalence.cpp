// The in-process evaluator gives Prometheus' answers. One description of 31 minutes of traffic
// drives both: the registry of watched.yaml is fed minute by minute and evaluated in process,
// and its exposition at each minute becomes promtool's input series. The alerts the evaluator
// has pending and firing at each evaluation, with their values, become promtool's expectations
// for the rules generated from the same schema: `promtool test rules` passes only if Prometheus
// computes the same firing decisions and the same values (printed as `{{ $value }}`, exactly).
// A sum of more than two series' rates depends on the order of its terms in the last bit, and
// Prometheus does not fix that order: where a value is compared, each sum here has at most two
// terms that are not zero.
// Usage: prometheus_equivalence RULES_FILE OUT_TEST_FILE
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "promql/go_format.hpp"
#include "schemetric/alerting/evaluator.hpp"
#include "schemetric/text_writer.hpp"
#include "watched_metrics.hpp"

namespace {

using schemetric::alerting::active_alert;
using schemetric::alerting::alert_kind;
using schemetric::alerting::alert_state;

constexpr int minutes = 31;

// The traffic of minute `k`, recorded before the evaluation at k minutes.
void traffic(watched::registry& reg, int k) {
  using watched::route;
  using watched::status;
  reg.requests_total({.route = route::a, .status = status::ok}).inc(100);
  if (k >= 8 && k < 16) reg.requests_total({.route = route::a, .status = status::error}).inc(60);
  if (k < 14) reg.requests_total({.route = route::b, .status = status::ok}).inc(20);
  if (k >= 22 && k < 28) reg.requests_total({.route = route::b, .status = status::error}).inc(300);
  // Route a is fast; route b has none, then some in (0.1, 0.5], then some in +Inf (above every
  // bound), then none again: empty buckets throughout, and a quantile in the +Inf bucket.
  for (int i = 0; i < 10; ++i) reg.latency_seconds({.route = route::a}).observe(0.05);
  if (k >= 5 && k < 12) {
    for (int i = 0; i < 5; ++i) reg.latency_seconds({.route = route::b}).observe(0.3);
  }
  if (k >= 12 && k < 20) {
    for (int i = 0; i < 8; ++i) reg.latency_seconds({.route = route::b}).observe(2.0);
  }
  reg.pool_max_connections().set(10.0);
  const bool busy = (k >= 6 && k < 9) || (k >= 24 && k < 26);  // the second is too short
  reg.pool_connections({.pool_state = watched::pool_state::in_use}).set(busy ? 9.0 : 2.0);
  reg.queue_depth().set(k >= 14 && k < 17 ? 0.0 : 5.0);
  reg.health({.component = watched::component::db})
      .set(k >= 10 && k < 13 ? watched::health_state::unhealthy : watched::health_state::healthy);
  reg.health({.component = watched::component::cache})
      .set(k >= 27 ? watched::health_state::unhealthy : watched::health_state::healthy);
}

// Each sample line of the text exposition as `name{labels}` -> value.
std::map<std::string, std::string> samples(const std::string& exposition) {
  std::map<std::string, std::string> result;
  std::istringstream lines(exposition);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t space = line.rfind(' ');
    result[line.substr(0, space)] = line.substr(space + 1);
  }
  return result;
}

// `name{labels}` with the target's labels added.
std::string with_target(const std::string& series) {
  const std::size_t brace = series.find('{');
  if (brace == std::string::npos) return series + "{job=\"watched\",instance=\"local\"}";
  return series.substr(0, series.size() - 1) + ",job=\"watched\",instance=\"local\"}";
}

std::string quoted(const std::string& text) {
  std::string result = "'";
  for (const char c : text) result += c == '\'' ? std::string("''") : std::string(1, c);
  return result + "'";
}

// The labels Prometheus gives alert `a`: the job, the instance for gauge and state alerts (one
// process each), the `by` labels, the quantile of quantile alerts, and the severity.
std::vector<std::pair<std::string, std::string>> prometheus_labels(const active_alert& a) {
  const schemetric::alerting::definition* d = nullptr;
  for (const auto& candidate : watched::alerts::all) {
    if (candidate.name == a.name) d = &candidate;
  }
  std::vector<std::pair<std::string, std::string>> labels{
      {"job", "watched"}, {"severity", std::string(to_string(a.level))}};
  if (d->kind == alert_kind::gauge || d->kind == alert_kind::state) {
    labels.emplace_back("instance", "local");
  }
  if (d->kind == alert_kind::quantile) {
    labels.emplace_back("quantile", schemetric::codegen::promql::go_value(d->quantile));
  }
  for (const auto& label : a.labels) labels.push_back(label);
  return labels;
}

std::string lowercase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s RULES_FILE OUT_TEST_FILE\n", argv[0]);
    return 2;
  }
  auto reg = std::make_unique<watched::registry>();
  schemetric::alerting::evaluator_options options;
  options.environment = nullptr;
  schemetric::alerting::evaluator alerts(*reg, watched::alerts::all, options);
  const schemetric::text_writer writer(*reg);

  std::map<std::string, std::vector<std::string>> series;  // -> value at each minute
  std::vector<std::vector<active_alert>> active(minutes);
  std::size_t firing_seen = 0;
  std::size_t pending_seen = 0;
  for (int k = 0; k < minutes; ++k) {
    traffic(*reg, k);
    alerts.evaluate(std::int64_t{k} * 60'000);
    active[k] = alerts.active();
    for (const active_alert& a : active[k]) {
      ++(a.state == alert_state::firing ? firing_seen : pending_seen);
    }
    std::string text;
    writer.write(text);
    for (const auto& [name, value] : samples(text)) series[with_target(name)].push_back(value);
  }

  std::ostringstream out;
  out << "# Written by prometheus_equivalence from the in-process evaluator's answers.\n"
      << "rule_files:\n  - " << argv[1] << "\nevaluation_interval: 1m\ntests:\n"
      << "  - interval: 1m\n    input_series:\n";
  for (const auto& [name, values] : series) {
    std::string joined;
    for (const std::string& value : values) joined += (joined.empty() ? "" : " ") + value;
    out << "      - series: " << quoted(name) << "\n        values: '" << joined << "'\n";
  }
  out << "    alert_rule_test:\n";
  for (int k = 0; k < minutes; ++k) {
    for (const auto& d : watched::alerts::all) {
      out << "      - eval_time: " << k << "m\n        alertname: " << d.name
          << "\n        exp_alerts:";
      bool any = false;
      for (const active_alert& a : active[k]) {
        if (a.name != d.name || a.state != alert_state::firing) continue;
        any = true;
        out << "\n          - exp_labels:\n";
        for (const auto& [label, value] : prometheus_labels(a)) {
          out << "              " << label << ": " << quoted(value) << "\n";
        }
        out << "            exp_annotations:\n"
            << "              summary: " << quoted(std::string(d.summary)) << "\n"
            << "              description: "
            << quoted(schemetric::codegen::promql::go_value(a.value)) << "\n"
            << "              runbook_url: " << quoted("watched.md#alert-" + lowercase(d.name));
      }
      out << (any ? "\n" : " []\n");
    }
  }
  // Pending alerts are only visible in ALERTS.
  out << "    promql_expr_test:\n";
  for (int k = 0; k < minutes; ++k) {
    out << "      - expr: ALERTS\n        eval_time: " << k << "m\n        exp_samples:";
    if (active[k].empty()) out << " []";
    for (const active_alert& a : active[k]) {
      std::string labels = "ALERTS{alertname=\"" + std::string(a.name) + "\",alertstate=\"" +
                           std::string(to_string(a.state)) + "\"";
      for (const auto& [label, value] : prometheus_labels(a)) {
        labels += "," + label + "=\"" + value + "\"";
      }
      out << "\n          - labels: " << quoted(labels + "}") << "\n            value: 1";
    }
    out << "\n";
  }
  std::ofstream(argv[2]) << out.str();
  std::printf("%zu firing and %zu pending alert instances over %d evaluations written to %s\n",
              firing_seen, pending_seen, minutes, argv[2]);
  // A scenario in which nothing fires would prove nothing.
  return firing_seen >= 10 && pending_seen >= 5 ? 0 : 1;
}
