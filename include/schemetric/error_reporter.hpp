// The error reporter: an object the application installs (to forward to an error tracker such
// as Sentry, or to write JSON lines) that trackers call when a tracked operation fails with an
// exception, with the operation's context.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <span>
#include <string_view>

#include "schemetric/config.hpp"
#include "schemetric/detail/generated.hpp"
#include "schemetric/detail/hook_slot.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/tracker_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// A label of a reported operation: its name and its value as exposed.
struct label_pair {
  std::string_view name;
  std::string_view value;
};

/// What a tracker tells the error reporter about an operation that failed with an exception.
/// Every view refers to memory that lives until report() returns, no longer: copy what you keep.
struct error_report {
  /// What the tracker measures.
  tracker_kind kind;
  /// The labels the tracker was started with (as exposed), in the schema's order.
  std::span<const label_pair> labels;
  /// The error category: the value of the tracker's error label it records (`timeout`,
  /// `other`, ...); for a tracker without an error label, the classifier's category for the
  /// exception (see schemetric/error_classifier.hpp), or `other` where the exception is not
  /// known.
  std::string_view category;
  /// The exception's what() for a std::exception, else no_exception_message or
  /// unknown_exception_message.
  std::string_view message;
  /// Seconds from the tracker's start to the failure being reported.
  double seconds;
};

/// The message of a report whose exception is not derived from std::exception.
inline constexpr std::string_view unknown_exception_message =
    "exception of a type not derived from std::exception";
/// The message of a report where the tracker saw the exception leave its scope but could not
/// read it: a destructor has no access to the exception in flight. Give the tracker the
/// exception (`run(work)`, or `fail(std::current_exception())` in a catch) to report its
/// message and category.
inline constexpr std::string_view no_exception_message =
    "exception left the tracked scope (its message is known to run() and "
    "fail(std::exception_ptr) only)";

/// Receives the reports of tracked operations that fail with an exception. Implement report();
/// install with set_error_reporter().
///
/// When a tracker reports: once per operation, the first time one of these happens:
/// - `run(work)`: `work` throws (category and message from the exception);
/// - `fail(std::exception_ptr)` with a non-null pointer (the same);
/// - the tracker's scope is left by an exception (category as recorded: the one given to
///   `fail(category)` before, else `other`; message no_exception_message).
/// A normal exit, `fail()` and `fail(category)` without an exception leaving the scope, a
/// cancelled or moved-from tracker, and trackers with metrics switched off (at run time or
/// compiled out) report nothing.
///
/// Thread safety: report() is called from the thread of the failing operation, from any number
/// of threads at once; it must be thread-safe. It runs inside a tracker's destructor or a
/// catch block of the instrumented code: keep it short (queue the work if it is slow).
/// Failure behaviour: an exception report() throws is caught and counted
/// (error_reporter_exceptions()); it never reaches the instrumented code. A report() that
/// installs another reporter is allowed.
class error_reporter {
 public:
  /// Called for each operation that failed with an exception (see the class comment).
  virtual void report(const error_report& report) = 0;

 protected:
  error_reporter() = default;
  error_reporter(const error_reporter&) = default;
  error_reporter& operator=(const error_reporter&) = default;
  ~error_reporter() = default;  // not deleted through this base: the application owns it
};

namespace detail {
inline constinit hook_slot<error_reporter> installed_error_reporter{};
inline constinit std::atomic<std::uint64_t> error_reporter_exception_count{0};
}  // namespace detail

/// Installs `reporter` (nullptr: none, the default) and returns the one installed before.
/// Lifetime: the reporter must stay alive while installed; when set_error_reporter() returns,
/// no call of the previous reporter is in progress or will start, so it may be destroyed then
/// (it waits for the reports in progress, so do not call it while holding a lock a report()
/// takes). Thread safety: may be called at any time from any thread, also from report().
/// With metrics compiled out nothing is ever reported; installing still works.
inline error_reporter* set_error_reporter(error_reporter* reporter) noexcept {
  return detail::installed_error_reporter.exchange(reporter);
}

/// How many exceptions installed reporters have thrown out of report() (each was caught and
/// dropped) since the process started. Thread safety: a relaxed read, at any time.
inline std::uint64_t error_reporter_exceptions() noexcept {
  return detail::error_reporter_exception_count.load(std::memory_order_relaxed);
}

namespace detail {

/// The message of `error` for a report (see error_report::message). The view lives as long as
/// the exception.
inline std::string_view exception_message(const std::exception_ptr& error) noexcept {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return unknown_exception_message;
  }
}

/// The labels of `labels` as (name, exposed value) pairs.
template <class Labels>
requires all_indexed_labels<Labels> std::array<label_pair, label_count<Labels>> label_pairs(
    const Labels& labels)
noexcept {
  constexpr auto names = label_names<Labels>();
  return label_struct<Labels>::apply(labels, [&](const auto&... member) {
    std::size_t position = 0;
    return std::array<label_pair, label_count<Labels>>{label_pair{
        names[position++], std::remove_cvref_t<decltype(member)>::text_at(member.index())}...};
  });
}

/// Reports an operation to the installed reporter, if any: counts what report() throws.
template <class Labels>
void report_error(tracker_kind kind, const Labels& labels, std::string_view category,
                  std::string_view message, double seconds) noexcept {
  installed_error_reporter.with_hook([&](error_reporter& reporter) {
    const auto pairs = label_pairs(labels);
    try {
      reporter.report({kind, pairs, category, message, seconds});
    } catch (...) {
      error_reporter_exception_count.fetch_add(1, std::memory_order_relaxed);
    }
  });
}

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
