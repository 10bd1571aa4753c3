// The structured event log: one JSON line per failed tracked operation and per alert
// transition, to standard error or a file, rate-limited so that a failure storm can neither
// fill the disk nor slow the service.
#pragma once

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "schemetric/config.hpp"
#include "schemetric/detail/hook_slot.hpp"
#include "schemetric/detail/json_text.hpp"
#include "schemetric/error_reporter.hpp"
#include "schemetric/json_lines_reporter.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

class event_log;

namespace detail {
inline constinit hook_slot<event_log> installed_event_log{};
}  // namespace detail

/// How an event_log writes and how much.
struct event_log_options {
  /// The file the lines are appended to (created if missing); empty: standard error.
  std::string path{};
  /// The rate limit, a token bucket for failures and another for alert transitions: each
  /// allows at most `lines_per_second` lines per second sustained, and bursts of up to `burst`
  /// lines (the buckets start full). Lines over the limit are
  /// dropped and counted; the next line written is preceded by a `lines_dropped` line saying
  /// how many. Both must be positive (and burst at least 1).
  double lines_per_second = 10;
  double burst = 100;
  /// The clock of the rate limit and of the timestamps of failure lines (tests drive it);
  /// nullptr: std::chrono::system_clock::now.
  std::chrono::system_clock::time_point (*clock)() noexcept = nullptr;
};

/// An alert's change of state, as the in-process alert evaluator reports it.
struct alert_transition_event {
  std::string_view name{};      ///< the alert's name
  std::string_view severity{};  ///< its severity (`critical`, `warning`, `info`)
  std::string_view from{};      ///< the state it leaves (`inactive`, `pending`, `firing`)
  std::string_view to{};        ///< the state it enters (`pending`, `firing`, `resolved`, ...)
  std::span<const label_pair> labels{};          ///< the labels of the alert instance (`by:`)
  double value = 0;                              ///< the value the evaluation computed
  double threshold = 0;                          ///< the threshold it was compared with
  std::chrono::system_clock::time_point time{};  ///< when the transition happened
};

/// Writes JSON lines, one per event, each with `time` (RFC 3339 UTC, milliseconds), `level`,
/// `message`, `event` and the event's fields (the README's "Event log" section shows each kind
/// of line):
/// - a failed tracked operation (report(): it is an error_reporter; install it with
///   set_error_reporter()): level `error`, the format of schemetric/json_lines_reporter.hpp;
/// - an alert transition (write_alert_transition(), or the static alert_transition() once
///   installed with install()): level `warning` when it starts firing (`error` if its severity
///   is `critical`), `info` for other changes;
/// - `lines_dropped`: level `warning`, how many lines the rate limit dropped since the last
///   line written; written before the next line that passes, and when the log is destroyed.
/// Off by default: nothing is written until the application creates one and installs it.
///
/// Cost: a line over the rate limit costs a mutex lock, a clock read and a compare; a line
/// written costs formatting into a reused buffer, an fwrite and an fflush, under the mutex.
/// The limit bounds how often threads wait for a write.
/// Failure behaviour: the constructor throws std::system_error naming the path when the file
/// cannot be opened, and std::invalid_argument for a rate that is not positive. Writing never
/// throws: a line that cannot be written (disk full, out of memory) counts as dropped.
/// Lifetime: must stay alive while installed (install(nullptr) and set_error_reporter(nullptr)
/// before destroying it). Thread safety: every member may be called from any thread.
/// With metrics compiled out (SCHEMETRIC_ENABLED=0) it opens nothing and writes nothing.
class event_log final : public error_reporter {
 public:
  using time_point = std::chrono::system_clock::time_point;

  explicit event_log(event_log_options options = {})
      : options_(std::move(options)), failures_{options_.burst, {}}, alerts_{options_.burst, {}} {
    if (!(options_.lines_per_second > 0) || !(options_.burst >= 1)) {
      throw std::invalid_argument(
          "schemetric::event_log: lines_per_second must be > 0 and burst >= 1 (got " +
          std::to_string(options_.lines_per_second) + " and " + std::to_string(options_.burst) +
          ")");
    }
    if (options_.clock == nullptr) options_.clock = &system_now;
    if constexpr (SCHEMETRIC_ENABLED != 0) {
      if (options_.path.empty()) {
        file_ = stderr;
      } else {
        file_ = std::fopen(options_.path.c_str(), "a");
        if (file_ == nullptr) {
          throw std::system_error(
              errno, std::generic_category(),
              "schemetric::event_log: cannot open '" + options_.path + "' for appending");
        }
        owns_file_ = true;
      }
      failures_.refilled = alerts_.refilled = options_.clock();
    }
  }

  event_log(const event_log&) = delete;
  event_log& operator=(const event_log&) = delete;

  /// Writes the count of lines dropped since the last line written, if any, and closes the
  /// file it opened.
  ~event_log() {
    SCHEMETRIC_ASSERT(!detail::installed_event_log.holds(this) &&
                      "an installed event_log is destroyed: install(nullptr) first");
    SCHEMETRIC_ASSERT(!detail::installed_error_reporter.holds(this) &&
                      "an event_log installed as error reporter is destroyed: "
                      "set_error_reporter(nullptr) first");
    if (file_ == nullptr) return;
    {
      const std::lock_guard lock(mutex_);
      if (dropped_since_written_ > 0) {
        try {
          line_.clear();
          append_dropped_line(options_.clock());
          write_line(1);
        } catch (...) {  // out of memory: the count stays readable until here only
        }
      }
    }
    if (owns_file_) std::fclose(file_);
  }

  /// Writes the line of a failed tracked operation, unless over the rate limit.
  void report(const error_report& report) noexcept override {
    write(failures_, [&](time_point now) { detail::append_failure_line(line_, report, now); });
  }

  /// Writes the line of an alert transition (timestamped with `event.time`), unless over the
  /// rate limit.
  void write_alert_transition(const alert_transition_event& event) noexcept {
    write(alerts_, [&](time_point) { append_alert_line(event); });
  }

  /// How many lines were written, dropped lines' summaries included.
  std::uint64_t lines_written() const noexcept {
    const std::lock_guard lock(mutex_);
    return written_;
  }
  /// How many lines were dropped (over the rate limit, or not writable) since it was created.
  std::uint64_t lines_dropped() const noexcept {
    const std::lock_guard lock(mutex_);
    return dropped_;
  }

  /// Makes `log` the process's event log for alert_transition() (nullptr: none, the default)
  /// and returns the previous one. When it returns, no call of the previous one is in progress
  /// or will start. Failed operations reach a log through set_error_reporter(&log), which is
  /// separate so that an application may report failures elsewhere (or to both, from a
  /// reporter of its own). Thread safety: may be called at any time from any thread.
  static event_log* install(event_log* log) noexcept {
    return detail::installed_event_log.exchange(log);
  }

  /// Writes an alert transition to the installed event log; does nothing when none is.
  /// Thread safety: may be called from any thread.
  static void alert_transition(const alert_transition_event& event) noexcept {
    detail::installed_event_log.with_hook(
        [&](event_log& log) { log.write_alert_transition(event); });
  }

 private:
  static time_point system_now() noexcept { return std::chrono::system_clock::now(); }

  // A token bucket. Failures and alert transitions have one each, so that a storm of failures
  // cannot crowd out the alerts it causes.
  struct bucket {
    double tokens;
    time_point refilled;
  };

  // Takes a token of `b` if one is left, after refilling it for the time since its last
  // refill (a clock that went back refills nothing).
  bool take_token(bucket& b, time_point now) noexcept {
    const std::chrono::duration<double> elapsed = now - b.refilled;
    if (elapsed.count() > 0) {
      b.tokens += elapsed.count() * options_.lines_per_second;
      if (b.tokens > options_.burst) b.tokens = options_.burst;
    }
    b.refilled = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  template <class Append>
  void write(bucket& b, Append&& append) noexcept {
    if constexpr (SCHEMETRIC_ENABLED != 0) {
      const std::lock_guard lock(mutex_);
      const time_point now = options_.clock();
      if (!take_token(b, now)) {
        ++dropped_;
        ++dropped_since_written_;
        return;
      }
      std::uint64_t lines = 1;
      try {
        line_.clear();
        if (dropped_since_written_ > 0) {
          append_dropped_line(now);
          lines = 2;
        }
        append(now);
      } catch (...) {  // out of memory
        ++dropped_;
        ++dropped_since_written_;
        return;
      }
      write_line(lines);
    }
  }

  // Writes line_ (`lines` lines: an event, maybe after a count of dropped lines), counting the
  // event as dropped when it cannot be written.
  void write_line(std::uint64_t lines) noexcept {
    const bool ok = std::fwrite(line_.data(), 1, line_.size(), file_) == line_.size() &&
                    std::fflush(file_) == 0;
    if (!ok) {
      ++dropped_;  // the event; a count of dropped lines written with it is written again
      ++dropped_since_written_;
      return;
    }
    written_ += lines;
    dropped_since_written_ = 0;
  }

  void append_dropped_line(time_point now) {
    line_ += "{\"time\":";
    detail::append_json_timestamp(line_, now);
    line_ += ",\"level\":\"warning\",\"message\":\"event log dropped ";
    detail::append_json_number(line_, dropped_since_written_);
    line_ += " lines\",\"event\":\"lines_dropped\",\"dropped\":";
    detail::append_json_number(line_, dropped_since_written_);
    line_ += "}\n";
  }

  void append_alert_line(const alert_transition_event& event) {
    const bool firing = event.to == "firing";
    const std::string_view level =
        firing ? (event.severity == "critical" ? "error" : "warning") : "info";
    line_ += "{\"time\":";
    detail::append_json_timestamp(line_, event.time);
    line_ += ",\"level\":";
    detail::append_json_string(line_, level);
    line_ += ",\"message\":";
    std::string message = "alert ";
    message.append(event.name).append(" ").append(event.from).append(" -> ").append(event.to);
    detail::append_json_string(line_, message, max_event_text_bytes);
    line_ += ",\"event\":\"alert_transition\",\"alert\":";
    detail::append_json_string(line_, event.name, max_event_text_bytes);
    line_ += ",\"severity\":";
    detail::append_json_string(line_, event.severity, max_event_text_bytes);
    line_ += ",\"from\":";
    detail::append_json_string(line_, event.from, max_event_text_bytes);
    line_ += ",\"to\":";
    detail::append_json_string(line_, event.to, max_event_text_bytes);
    line_ += ',';
    detail::append_json_labels(line_, "labels", event.labels);
    line_ += ",\"value\":";
    detail::append_json_number(line_, event.value);
    line_ += ",\"threshold\":";
    detail::append_json_number(line_, event.threshold);
    line_ += "}\n";
  }

  event_log_options options_;
  mutable std::mutex mutex_;
  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  std::string line_;  // reused: a line written allocates only while lines grow
  bucket failures_;
  bucket alerts_;
  std::uint64_t written_ = 0;
  std::uint64_t dropped_ = 0;
  std::uint64_t dropped_since_written_ = 0;
};

SCHEMETRIC_END_NAMESPACE
