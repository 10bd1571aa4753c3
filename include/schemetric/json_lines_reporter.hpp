// An error reporter that writes one JSON line per failed tracked operation to a C stream or an
// std::ostream; the line format the event log (schemetric/event_log.hpp) writes too.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <mutex>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "schemetric/config.hpp"
#include "schemetric/detail/json_text.hpp"
#include "schemetric/error_reporter.hpp"
#include "schemetric/tracker_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// The longest text of one field of a JSON line in bytes (an exception message, an alert
/// name): a longer one is cut after the character that reaches it, so that one huge message
/// cannot make a huge line.
inline constexpr std::size_t max_event_text_bytes = 4096;

namespace detail {

/// Appends `"name":{"label":"value",...}`.
inline void append_json_labels(std::string& out, std::string_view name,
                               std::span<const label_pair> labels) {
  append_json_string(out, name);
  out += ":{";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i != 0) out += ',';
    append_json_string(out, labels[i].name, max_event_text_bytes);
    out += ':';
    append_json_string(out, labels[i].value, max_event_text_bytes);
  }
  out += '}';
}

/// Appends the JSON line (newline included) of a failed operation, timestamped `time`:
/// {"time":"2026-03-01T12:34:56.789Z","level":"error","message":"db operation failed: timeout",
///  "event":"operation_failed","tracker":"db","labels":{"operation":"select"},
///  "category":"timeout","exception":"connection reset by peer","duration_seconds":0.25}
inline void append_failure_line(std::string& out, const error_report& report,
                                std::chrono::system_clock::time_point time) {
  const std::string_view kind = to_string(report.kind);
  out += "{\"time\":";
  append_json_timestamp(out, time);
  out += ",\"level\":\"error\",\"message\":";
  std::string message;
  message.reserve(kind.size() + report.category.size() + 20);
  message.append(kind).append(" operation failed: ").append(report.category);
  append_json_string(out, message, max_event_text_bytes);
  out += ",\"event\":\"operation_failed\",\"tracker\":";
  append_json_string(out, kind);
  out += ',';
  append_json_labels(out, "labels", report.labels);
  out += ",\"category\":";
  append_json_string(out, report.category, max_event_text_bytes);
  out += ",\"exception\":";
  append_json_string(out, report.message, max_event_text_bytes);
  out += ",\"duration_seconds\":";
  append_json_number(out, report.seconds);
  out += "}\n";
}

}  // namespace detail

/// An error reporter that writes each report as one JSON line (the format of
/// detail::append_failure_line, documented in the README's "Event log" section) to a C stream
/// or an std::ostream, flushed after each line. Install it with set_error_reporter(). Unlike
/// event_log it has no rate limit: every failure is one line.
///
/// Lifetime: must outlive its installation (set_error_reporter(nullptr) first), and the stream
/// must outlive it. Thread safety: report() may be called from any number of threads; lines do
/// not interleave (a mutex around the write). Failure behaviour: a write error is ignored
/// (the stream's error state says it); running out of memory throws std::bad_alloc, which
/// the tracker catches and counts.
class json_lines_reporter final : public error_reporter {
 public:
  /// Writes to `file` (e.g. stderr), which it does not close.
  explicit json_lines_reporter(std::FILE* file) noexcept : file_(file) {}
  /// Writes to `stream`.
  explicit json_lines_reporter(std::ostream& stream) noexcept : stream_(&stream) {}

  void report(const error_report& report) override {
    std::string line;
    detail::append_failure_line(line, report, std::chrono::system_clock::now());
    const std::lock_guard lock(mutex_);
    if (file_ != nullptr) {
      std::fwrite(line.data(), 1, line.size(), file_);
      std::fflush(file_);
    } else {
      stream_->write(line.data(), static_cast<std::streamsize>(line.size()));
      stream_->flush();
    }
  }

 private:
  std::mutex mutex_;
  std::FILE* file_ = nullptr;
  std::ostream* stream_ = nullptr;
};

SCHEMETRIC_END_NAMESPACE
