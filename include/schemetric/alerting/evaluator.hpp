// The schema's alerts evaluated in process, for services without a Prometheus: the same
// definitions the generated Prometheus rules come from (schemetric/alerting/definition.hpp),
// evaluated over the live registry at an interval, with Prometheus' `for:` semantics
// (inactive -> pending -> firing -> resolved), its rate() and histogram_quantile() arithmetic,
// and a bounded history of transitions.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "schemetric/alerting/definition.hpp"
#include "schemetric/alerting/options.hpp"
#include "schemetric/config.hpp"
#include "schemetric/detail/alerting/family_reader.hpp"
#include "schemetric/detail/alerting/watch.hpp"
#include "schemetric/event_log.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace alerting {

/// Where an alert of one label set stands.
enum class alert_state : std::uint8_t {
  inactive,  ///< its condition does not hold
  pending,   ///< its condition holds, for less than `for:`
  firing,    ///< its condition has held for `for:`
};

/// "inactive", "pending", "firing".
[[nodiscard]] constexpr std::string_view to_string(alert_state state) noexcept {
  switch (state) {
    case alert_state::inactive:
      return "inactive";
    case alert_state::pending:
      return "pending";
    case alert_state::firing:
      break;
  }
  return "firing";
}

/// The `by` labels of one alert instance, in the order of the alert's `by:`.
using label_pairs = std::vector<std::pair<std::string, std::string>>;

/// An alert instance that is pending or firing.
struct active_alert {
  std::string_view name;
  severity level = severity::warning;
  alert_state state = alert_state::pending;
  label_pairs labels;
  double value = 0;                  ///< at the last evaluation
  double threshold = 0;              ///< in effect (the schema's, or its override)
  std::int64_t active_since_ms = 0;  ///< Unix time its condition started to hold
  std::int64_t firing_since_ms = 0;  ///< Unix time it started firing; 0 while pending
};

/// A change of state of one alert instance. From firing to inactive is "resolved"; from
/// pending to inactive, a condition that did not hold for `for:`.
struct transition {
  std::int64_t time_ms = 0;  ///< Unix time of the evaluation that saw it
  std::string_view name;
  severity level = severity::warning;
  label_pairs labels;
  alert_state from = alert_state::inactive;
  alert_state to = alert_state::inactive;
  double value = 0;  ///< at that evaluation (the last value seen, for a change to inactive)
  double threshold = 0;
};

/// The state a transition enters, as the documents and the event log name it: "resolved" for
/// firing -> inactive, else the state's name.
[[nodiscard]] constexpr std::string_view entered(const transition& t) noexcept {
  return t.from == alert_state::firing && t.to == alert_state::inactive ? "resolved"
                                                                        : to_string(t.to);
}

/// What the evaluator has done.
struct evaluation_status {
  std::uint64_t evaluations = 0;
  std::int64_t last_evaluation_ms = 0;  ///< Unix time; 0 before the first
  std::int64_t interval_ms = 0;
  std::size_t configured = 0;  ///< alerts given
  std::size_t enabled = 0;     ///< of them, not disabled by the environment
  std::size_t pending = 0;     ///< alert instances pending now
  std::size_t firing = 0;      ///< alert instances firing now
  std::size_t transitions_kept = 0;
  std::uint64_t hook_failures = 0;  ///< transition hooks that threw
  std::size_t watched_series = 0;   ///< series whose samples the evaluator keeps
  std::size_t memory_bytes = 0;     ///< held by those samples (approximately)
};

/// One alert as the evaluator runs it: the schema's definition and what the environment
/// changed of it.
struct configured_alert {
  const definition* alert = nullptr;
  double threshold = 0;
  std::int64_t for_ms = 0;
  bool enabled = true;
};

/// Evaluates alerts over a registry. Construct it with the registry and the generated
/// definitions (`example::alerts::all`), then call start() for a thread that evaluates every
/// `interval`, or evaluate(now) from a driven clock (tests).
///
/// Thread safety: all members may be called concurrently, except that on_transition() must be
/// called before start(). Evaluation reads the registry with relaxed loads, as a scrape does, so
/// it never blocks the threads that record. Transition hooks run on the evaluating thread, after
/// the evaluation, outside the evaluator's lock; an exception from one is caught and counted.
/// Each transition is also written to the event log when one is installed (event_log::install).
/// Lifetime: the registry and the definitions must outlive the evaluator; the destructor stops
/// the thread.
class evaluator {
 public:
  template <class Registry>
  evaluator(const Registry& registry, std::span<const definition> alerts,
            evaluator_options options = from_environment())
      : evaluator(detail::alerting::family_readers(registry), alerts, std::move(options)) {}

  evaluator(std::vector<detail::alerting::family_reader> families,
            std::span<const definition> alerts, evaluator_options options)
      : options_(std::move(options)), families_(std::move(families)), problems_(options_.problems) {
    for (const definition& alert : alerts) {
      rule r;
      r.config = apply_environment(alert);
      r.first = make_watch(alert.first, alert.by);
      r.second = make_watch(alert.second, alert.by);
      // Definitions of another schema's registry: what is missing disables the alert.
      for (const auto& [chosen, found] :
           {std::pair{&alert.first, r.first.get()}, std::pair{&alert.second, r.second.get()}}) {
        if ((chosen == &alert.first || !chosen->metric.empty()) && found == nullptr) {
          problems_.push_back(
              "alert " + std::string(alert.name) +
              ": the registry has no counter, gauge, histogram or stateset named '" +
              std::string(chosen->metric) + "'; the alert is not evaluated");
          r.config.enabled = false;
        }
      }
      rules_.push_back(std::move(r));
    }
  }

  evaluator(const evaluator&) = delete;
  evaluator& operator=(const evaluator&) = delete;
  ~evaluator() { stop(); }

  /// Calls `hook` with every transition (after the evaluation that saw it). Call before start().
  void on_transition(std::function<void(const transition&)> hook) {
    hooks_.push_back(std::move(hook));
  }

  /// Starts a thread that evaluates every `interval` (the first evaluation right away). Does
  /// nothing if started already.
  void start() {
    const std::lock_guard lock(thread_mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
  }

  /// Stops the thread (waits for an evaluation in progress). Safe to call when not started.
  void stop() {
    {
      const std::lock_guard lock(thread_mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
  }

  /// Evaluates every enabled alert at Unix time `now_ms`; times must not go back.
  void evaluate(std::int64_t now_ms) {
    std::vector<transition> seen;
    {
      const std::lock_guard lock(mutex_);
      for (rule& r : rules_) {
        if (r.config.enabled) evaluate(r, now_ms, seen);
      }
      ++evaluations_;
      last_evaluation_ms_ = now_ms;
      for (const transition& t : seen) {
        history_.push_back(t);
        if (history_.size() > options_.history) history_.pop_front();
      }
    }
    for (const transition& t : seen) {
      log(t);
      for (const auto& hook : hooks_) {
        try {
          hook(t);
        } catch (...) {
          hook_failures_.fetch_add(1, std::memory_order_relaxed);
        }
      }
    }
  }

  /// Evaluates at the system clock's time.
  void evaluate_now() { evaluate(unix_ms(std::chrono::system_clock::now())); }

  /// The alert instances pending or firing, in the order of the definitions.
  [[nodiscard]] std::vector<active_alert> active() const {
    const std::lock_guard lock(mutex_);
    std::vector<active_alert> result;
    for (const rule& r : rules_) {
      for (const auto& [key, instance] : r.instances) result.push_back(instance);
    }
    return result;
  }

  /// The transitions kept (at most `history` of them) at or after `since_ms`, oldest first.
  [[nodiscard]] std::vector<transition> transitions(std::int64_t since_ms = 0) const {
    const std::lock_guard lock(mutex_);
    std::vector<transition> result;
    for (const transition& t : history_) {
      if (t.time_ms >= since_ms) result.push_back(t);
    }
    return result;
  }

  [[nodiscard]] evaluation_status status() const {
    const std::lock_guard lock(mutex_);
    evaluation_status s;
    s.evaluations = evaluations_;
    s.last_evaluation_ms = last_evaluation_ms_;
    s.interval_ms = options_.interval.count();
    s.configured = rules_.size();
    s.transitions_kept = history_.size();
    s.hook_failures = hook_failures_.load(std::memory_order_relaxed);
    for (const rule& r : rules_) {
      if (r.config.enabled) ++s.enabled;
      for (const auto& [key, instance] : r.instances) {
        ++(instance.state == alert_state::firing ? s.firing : s.pending);
      }
      for (const auto* w : {r.first.get(), r.second.get()}) {
        if (w == nullptr) continue;
        s.watched_series += w->series_count();
        s.memory_bytes += w->memory_bytes();
      }
    }
    return s;
  }

  /// Each alert with its threshold and enablement after the environment's overrides.
  [[nodiscard]] std::vector<configured_alert> configuration() const {
    std::vector<configured_alert> result;
    for (const rule& r : rules_) result.push_back(r.config);
    return result;
  }

  /// What the environment set wrongly (each kept the schema's value), and alerts that cannot
  /// be evaluated; one sentence each.
  [[nodiscard]] const std::vector<std::string>& configuration_problems() const noexcept {
    return problems_;
  }

  [[nodiscard]] const evaluator_options& options() const noexcept { return options_; }

  /// Unix milliseconds of a system clock time.
  [[nodiscard]] static std::int64_t unix_ms(std::chrono::system_clock::time_point time) noexcept {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
  }

 private:
  using groups = std::map<detail::alerting::group_key, detail::alerting::group_value>;

  struct rule {
    configured_alert config;
    std::unique_ptr<detail::alerting::watch> first;
    std::unique_ptr<detail::alerting::watch> second;
    std::map<detail::alerting::group_key, active_alert> instances;
  };

  configured_alert apply_environment(const definition& alert) {
    configured_alert config{&alert, alert.threshold, alert.for_ms, true};
    if (options_.environment == nullptr) return config;
    const std::string prefix = "SCHEMETRIC_ALERT_" + std::string(alert.env_name);
    if (const char* text = options_.environment((prefix + "_THRESHOLD").c_str())) {
      if (const std::optional<double> value = parse_number(text)) {
        config.threshold = *value;
      } else {
        problems_.push_back(prefix + "_THRESHOLD=\"" + text +
                            "\" is not a finite number; the schema's threshold " +
                            fmt::format("{}", alert.threshold) + " is kept");
      }
    }
    if (const char* text = options_.environment((prefix + "_FOR").c_str())) {
      if (const auto duration = parse_duration(text, 0, 7 * 86'400'000)) {
        config.for_ms = duration->count();
      } else {
        problems_.push_back(prefix + "_FOR=\"" + text +
                            "\" is not a duration from 0s to 7d (e.g. 30s, 5m); the schema's " +
                            std::to_string(alert.for_ms / 1000) + "s is kept");
      }
    }
    if (const char* text = options_.environment((prefix + "_ENABLED").c_str())) {
      if (const std::optional<bool> value = parse_bool(text)) {
        config.enabled = *value;
      } else {
        problems_.push_back(prefix + "_ENABLED=\"" + text +
                            "\" is not true or false (also 1/0, yes/no, on/off); the alert stays "
                            "enabled");
      }
    }
    return config;
  }

  std::unique_ptr<detail::alerting::watch> make_watch(const selection& chosen,
                                                      std::span<const std::string_view> by) const {
    if (chosen.metric.empty()) return nullptr;
    for (const detail::alerting::family_reader& family : families_) {
      const bool readable = family.value != nullptr || family.state != nullptr;
      if (family.name == chosen.metric && family.live != nullptr && readable) {
        return std::make_unique<detail::alerting::watch>(family, chosen, by);
      }
    }
    return nullptr;
  }

  // The value of each group of `r` at `now_ms`, as the generated rule's expression computes it.
  groups values(rule& r, std::int64_t now_ms) {
    const definition& alert = *r.config.alert;
    // Rates need the samples of the window; the lookback of one interval more keeps the sample
    // at the window's start.
    const std::int64_t keep = alert.window_ms + options_.interval.count();
    r.first->read(now_ms, keep);
    if (r.second) r.second->read(now_ms, keep);
    switch (alert.kind) {
      case alert_kind::ratio: {
        groups result = r.first->summed_rates(now_ms, alert.window_ms);
        const groups all = r.second->summed_rates(now_ms, alert.window_ms);
        for (auto it = result.begin(); it != result.end();) {
          const auto total = all.find(it->first);
          if (total == all.end() || total->second.value < alert.min_rate) {
            it = result.erase(it);
          } else {
            it->second.value /= total->second.value;
            ++it;
          }
        }
        return result;
      }
      case alert_kind::quantile:
        return r.first->quantiles(alert.quantile, now_ms, alert.window_ms);
      case alert_kind::gauge: {
        groups result = r.first->summed_values();
        if (!r.second) return result;
        const groups divisor = r.second->summed_values();
        for (auto it = result.begin(); it != result.end();) {
          // A divisor without the `by` labels (a pool's maximum) divides every group.
          const auto d = r.second->has_all_by_labels() ? divisor.find(it->first) : divisor.begin();
          if (d == divisor.end()) {
            it = result.erase(it);
          } else {
            it->second.value /= d->second.value;
            ++it;
          }
        }
        return result;
      }
      case alert_kind::state:
        return r.first->in_state(alert.state);
    }
    return {};
  }

  void evaluate(rule& r, std::int64_t now_ms, std::vector<transition>& seen) {
    const definition& alert = *r.config.alert;
    const double threshold = r.config.threshold;
    groups now = values(r, now_ms);
    const auto holds = [&](double value) {
      if (alert.kind == alert_kind::state) return value == 1;
      return alert.below ? value < threshold : value > threshold;
    };
    const auto record = [&](const active_alert& instance, alert_state from, alert_state to) {
      seen.push_back(transition{now_ms, alert.name, alert.level, instance.labels, from, to,
                                instance.value, instance.threshold});
    };
    for (auto it = r.instances.begin(); it != r.instances.end();) {
      const auto found = now.find(it->first);
      if (found != now.end() && holds(found->second.value)) {
        ++it;
        continue;
      }
      record(it->second, it->second.state, alert_state::inactive);
      it = r.instances.erase(it);
    }
    for (auto& [key, group] : now) {
      if (!holds(group.value)) continue;
      auto [it, added] = r.instances.try_emplace(key);
      active_alert& instance = it->second;
      instance.value = group.value;
      instance.threshold = threshold;
      if (added) {
        instance.name = alert.name;
        instance.level = alert.level;
        instance.labels = std::move(group.labels);
        instance.active_since_ms = now_ms;
        instance.state = alert_state::pending;
        if (r.config.for_ms > 0) record(instance, alert_state::inactive, alert_state::pending);
      }
      if (instance.state == alert_state::pending &&
          now_ms - instance.active_since_ms >= r.config.for_ms) {
        instance.state = alert_state::firing;
        instance.firing_since_ms = now_ms;
        record(instance, added ? alert_state::inactive : alert_state::pending, alert_state::firing);
      }
    }
  }

  // One line in the event log, when the application installed one (event_log::install).
  static void log(const transition& t) noexcept {
    try {
      std::vector<label_pair> labels;
      for (const auto& [name, value] : t.labels) labels.push_back({name, value});
      event_log::alert_transition(
          {.name = t.name,
           .severity = to_string(t.level),
           .from = to_string(t.from),
           .to = entered(t),
           .labels = labels,
           .value = t.value,
           .threshold = t.threshold,
           .time = std::chrono::system_clock::time_point{std::chrono::milliseconds(t.time_ms)}});
    } catch (...) {  // std::bad_alloc of the labels: the line is lost, nothing else
    }
  }

  void run() {
    std::unique_lock lock(thread_mutex_);
    while (!stopping_) {
      lock.unlock();
      evaluate_now();
      lock.lock();
      wake_.wait_for(lock, options_.interval, [this] { return stopping_; });
    }
  }

  evaluator_options options_;
  std::vector<detail::alerting::family_reader> families_;
  std::vector<std::function<void(const transition&)>> hooks_;
  std::vector<std::string> problems_;

  mutable std::mutex mutex_;  // guards what evaluations change
  std::vector<rule> rules_;
  std::deque<transition> history_;
  std::uint64_t evaluations_ = 0;
  std::int64_t last_evaluation_ms_ = 0;
  std::atomic<std::uint64_t> hook_failures_{0};

  std::mutex thread_mutex_;  // guards stopping_ and thread_
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace alerting
SCHEMETRIC_END_NAMESPACE
