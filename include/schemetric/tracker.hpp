// Scoped trackers: RAII objects that time an operation and update the metrics a schema's
// tracker names (duration, count with outcome, in-progress, errors, sizes, tokens) when
// the scope ends, as a Python context manager does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>
#include <type_traits>
#include <utility>

#include "schemetric/config.hpp"
#include "schemetric/detail/amount.hpp"
#include "schemetric/detail/family.hpp"
#include "schemetric/detail/tick_clock.hpp"
#include "schemetric/detail/tracker_labels.hpp"
#include "schemetric/error_classifier.hpp"
#include "schemetric/error_reporter.hpp"
#include "schemetric/runtime.hpp"
#include "schemetric/tracker_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {
/// What a running tracker holds.
template <class Desc>
struct tracker_state {
  typename Desc::registry* registry;  // null once recorded, cancelled, moved from, or off
  typename Desc::labels labels;
  tick_clock::ticks start = 0;
  int exceptions_at_start = 0;
  tracker_result result = initial_tracker_result(Desc::kind);
  bool status_set = false;
  bool reported = false;  // to the error reporter: at most once per operation
};
}  // namespace detail

/// Tracks one operation (an HTTP request, a DB query, an AI call, a cache look-up, an
/// integration or MCP tool call) from construction to the end of its scope. Made by the
/// registry's generated `track_<name>(labels)`; `Desc` is the generated descriptor listing
/// the metrics it updates.
///
/// Construction reads the clock (detail::tick_clock: the CPU's invariant time-stamp counter
/// where there is one, calibrated against steady_clock at the first read in the process,
/// else steady_clock) and increments the in-progress gauge. When the tracker is
/// destroyed (or moved-from's target is), it observes the duration in seconds, increments
/// the count with the outcome label, decrements the in-progress gauge and, on failure,
/// increments the error counter with the error category:
/// - outcome: http: the status set with `status(code)`, 200 by default; db, ai,
///   integration, mcp: `success`, or `error` after `fail()`; cache: `hit()`/`miss()`
///   (`miss` by default), `error` after `fail()` when the label has that value.
/// - a scope left by an exception fails the operation: http records 500 unless a status
///   was set; the others record `error`. C++ gives a destructor no access to the exception
///   in flight, so the category is the one set with `fail(category)` or `other`; `run(work)`
///   and `fail(std::exception_ptr)` classify the exception itself with the classifier of
///   schemetric/error_classifier.hpp. The exception always propagates.
/// - the error category is a value of the tracker's error label, a generated enum
///   (`error_label_type`): a misspelt category, or a string, does not compile.
/// - `cancel()`: records nothing (the in-progress gauge is still decremented).
/// - an operation that fails with an exception is reported to the installed error reporter
///   (schemetric/error_reporter.hpp says when, with what), once; nothing else reads it.
/// Each operation is recorded once: a moved-from tracker records nothing.
/// With metrics switched off at run time (`schemetric::enabled()` false) a tracker reads no
/// clock and records nothing: one predictable branch. With metrics compiled out it is empty
/// and costs nothing; `run(work)` just calls `work`.
///
/// No allocation, no lock: the updates are those of the families. Lifetime: must not
/// outlive the registry. Thread safety: a tracker is used by one thread at a time (it may
/// be moved to another); any number of trackers may run concurrently.
template <class Desc>
class [[nodiscard]] tracker final {
  using registry_type = typename Desc::registry;
  using labels_type = typename Desc::labels;
  using clock = detail::tick_clock;
  static constexpr tracker_kind kind = Desc::kind;

 public:
  /// The enum of the schema's error label of this tracker (detail::no_error_label if the
  /// tracker counts no errors).
  using error_label_type = typename detail::error_label_of<Desc>::type;

  /// Starts tracking: reads the clock, increments the in-progress gauge.
  tracker([[maybe_unused]] registry_type& registry,
          [[maybe_unused]] const labels_type& labels) noexcept
      : state_{enabled() ? &registry : nullptr, labels} {
    if constexpr (detail::compiled_in) {
      if (state_.registry == nullptr) return;  // switched off at run time: nothing more to do
      if constexpr (detail::has_role<Desc::in_progress>) {
        (registry.*Desc::in_progress)(labels_of<Desc::in_progress>()).inc();
      }
      state_.start = clock::now();
      // Read last here and first at the end (before any store), so that when nothing in
      // between can throw or write memory the compiler sees two reads of the same value
      // (libstdc++ declares std::uncaught_exceptions() pure) and drops both.
      state_.exceptions_at_start = std::uncaught_exceptions();
    }
  }

  tracker(tracker&& other) noexcept : state_(other.state_) {
    if constexpr (detail::compiled_in) other.state_.registry = nullptr;
  }
  tracker(const tracker&) = delete;
  tracker& operator=(const tracker&) = delete;
  tracker& operator=(tracker&&) = delete;

  /// Records the operation (see the class comment), unless cancelled or moved from.
  [[gnu::always_inline]] ~tracker() { finish(); }

  /// http: the response status (any int; mapped onto the schema's status label).
  void status([[maybe_unused]] int code) noexcept requires(kind == tracker_kind::http) {
    if constexpr (detail::compiled_in) {
      state_.result.status_code = code;
      state_.status_set = true;
    }
  }

  /// Marks the operation successful (the default when the scope ends normally).
  void succeed() noexcept requires(kind != tracker_kind::http && kind != tracker_kind::cache) {
    if constexpr (detail::compiled_in) {
      state_.result.failed = false;
      state_.result.outcome = detail::tracker_outcome::success;
    }
  }

  /// cache: the look-up found its entry.
  void hit() noexcept requires(kind == tracker_kind::cache) {
    if constexpr (detail::compiled_in) state_.result.outcome = detail::tracker_outcome::hit;
  }
  /// cache: the look-up did not find its entry.
  void miss() noexcept requires(kind == tracker_kind::cache) {
    if constexpr (detail::compiled_in) state_.result.outcome = detail::tracker_outcome::miss;
  }

  /// Marks the operation failed, with the error category `other`. http: the status stays as
  /// set (default 500).
  void fail() noexcept {
    if constexpr (detail::compiled_in) {
      state_.result = failed(state_.result, detail::no_category, state_.status_set);
    }
  }

  /// Marks the operation failed with `category`, a value of the tracker's error label
  /// (`fail(example::error_category::timeout)`). http: the status stays as set (default 500).
  void fail([[maybe_unused]] error_label_type category) noexcept
      requires(detail::has_role<Desc::errors>) {
    if constexpr (detail::compiled_in) {
      state_.result = failed(state_.result, static_cast<std::size_t>(category), state_.status_set);
    }
  }

  /// Marks the operation failed with the category the classifier gives `error` (the error
  /// label's value spelled like the schemetric::error_class it returns), and reports it to the
  /// error reporter with the exception's message unless `error` is null or the operation was
  /// reported already.
  void fail([[maybe_unused]] const std::exception_ptr& error) noexcept {
    if constexpr (detail::compiled_in) {
      if constexpr (detail::has_role<Desc::errors>) {
        fail(label_value_of<error_label_type>(classify_error(error)));
      } else {
        fail();  // no error label to classify into: spare the rethrow
      }
      if (error && state_.registry != nullptr && !state_.reported) {
        state_.reported = true;
        report_exception(error, state_.labels, state_.result.category, seconds_since(state_.start));
      }
    }
  }

  /// Anything else is not an error category: a string (`fail("timeout")`, which a typo would
  /// turn into another category), a number, an enum of another label. Rejected with a message.
  template <class T>
  requires(!std::is_same_v<std::remove_cvref_t<T>, error_label_type> &&
           !std::is_same_v<std::remove_cvref_t<T>, std::exception_ptr>) void fail(T&&) noexcept {
    static_assert(detail::rejected<T, Desc>,
                  "tracker fail(): the category must be a value of the tracker's error label "
                  "enum (error_label_type, e.g. fail(example::error_category::timeout)), or a "
                  "std::exception_ptr to classify");
  }

  /// ai: counts the tokens of the call (recorded at once, not at scope exit).
  void tokens([[maybe_unused]] std::uint64_t input, [[maybe_unused]] std::uint64_t output) noexcept
      requires(kind == tracker_kind::ai && detail::has_role<Desc::tokens>) {
    if constexpr (detail::compiled_in) {
      if (state_.registry == nullptr) return;
      auto& family = state_.registry->*Desc::tokens;
      family(labels_of<Desc::tokens>("input")).inc(input);
      family(labels_of<Desc::tokens>("output")).inc(output);
    }
  }

  /// http: the size of the request body in bytes (recorded at once).
  void request_size([[maybe_unused]] std::uint64_t bytes) noexcept
      requires(kind == tracker_kind::http && detail::has_role<Desc::request_size>) {
    if constexpr (detail::compiled_in) {
      if (state_.registry == nullptr) return;
      (state_.registry->*Desc::request_size)(labels_of<Desc::request_size>())
          .observe(static_cast<double>(bytes));
    }
  }

  /// http: the size of the response body in bytes (recorded at once).
  void response_size([[maybe_unused]] std::uint64_t bytes) noexcept
      requires(kind == tracker_kind::http && detail::has_role<Desc::response_size>) {
    if constexpr (detail::compiled_in) {
      if (state_.registry == nullptr) return;
      (state_.registry->*Desc::response_size)(labels_of<Desc::response_size>())
          .observe(static_cast<double>(bytes));
    }
  }

  /// Records nothing for this operation but the end of its in-progress count.
  void cancel() noexcept {
    if constexpr (detail::compiled_in) {
      if (state_.registry == nullptr) return;
      end_in_progress();
      state_.registry = nullptr;
    }
  }

  /// Runs `work()`, and if it throws, fails the operation with the classifier's category
  /// for the exception and rethrows it. Returns what `work` returns.
  template <class Work>
  decltype(auto) run(Work&& work) {
    if constexpr (detail::compiled_in) {
      try {
        return std::forward<Work>(work)();
      } catch (...) {
        fail(std::current_exception());
        throw;
      }
    } else {
      return std::forward<Work>(work)();
    }
  }

 private:
  using state_type = detail::when_compiled_in<detail::tracker_state<Desc>, Desc>;

  // The family a role names; only formed where the role exists (not nullptr).
  template <auto Role>
  using family_of = std::remove_cvref_t<decltype(std::declval<registry_type&>().*Role)>;

  // The labels of the metric `Role` names, for this operation so far.
  template <auto Role>
  typename family_of<Role>::labels_type labels_of(std::string_view token_type = {}) const noexcept {
    return detail::labels_for<Desc, family_of<Role>>(state_.labels, state_.result, token_type);
  }

  void end_in_progress() noexcept {
    if constexpr (detail::has_role<Desc::in_progress>) {
      (state_.registry->*Desc::in_progress)(labels_of<Desc::in_progress>()).dec();
    }
  }

  // Always inlined, with the destructor: inlined, the compiler sees whether the two
  // std::uncaught_exceptions() can differ (see the constructor), and folds the result's
  // fields, constants in most uses.
  [[gnu::always_inline]] void finish() noexcept {
    if constexpr (detail::compiled_in) {
      if (state_.registry == nullptr) return;
      const bool unwinding = std::uncaught_exceptions() > state_.exceptions_at_start;
      const double seconds = seconds_since(state_.start);
      if (unwinding && !state_.reported) [[unlikely]] {
        if (!state_.result.failed) {
          state_.result = failed_by_exception(state_.result, state_.status_set);
        }
        report_exception_unseen(state_.labels, state_.result.category, seconds);
      }
      registry_type& registry = *state_.registry;
      (registry.*Desc::duration)(labels_of<Desc::duration>()).observe(seconds);
      if constexpr (detail::has_role<Desc::count>) {
        (registry.*Desc::count)(labels_of<Desc::count>()).inc();
      }
      if constexpr (detail::has_role<Desc::errors>) {
        if (state_.result.failed) [[unlikely]] {
          count_error(registry, labels_of<Desc::errors>());
        }
      }
      end_in_progress();
      state_.registry = nullptr;
    }
  }

  // `result` marked failed with `category`: http keeps a status that was set, else 500.
  static detail::tracker_result failed(detail::tracker_result result, std::size_t category,
                                       bool status_set) noexcept {
    result.failed = true;
    result.category = category;
    if constexpr (kind == tracker_kind::http) {
      if (!status_set) result.status_code = 500;
    } else {
      result.outcome = detail::tracker_outcome::error;
    }
    return result;
  }

  // Static, taking a value: a member function would let the tracker's address escape.
  static double seconds_since(clock::ticks start) noexcept {
    return static_cast<double>(static_cast<std::int64_t>(clock::now() - start)) *
           clock::seconds_per_tick();
  }

  // The failure paths, out of line so that the destructor stays small enough to inline. They
  // take values, not the tracker: a tracker whose address never escapes lets the compiler see
  // that the two std::uncaught_exceptions() of a body that cannot throw read the same value.
  // (Reporting is a call of its own: given to failed_by_exception, the labels and the duration
  // made g++ keep the tracker's state in memory where the body may throw, 2-3 instructions more
  // per operation.)
  [[gnu::cold, gnu::noinline]] static detail::tracker_result failed_by_exception(
      detail::tracker_result result, bool status_set) noexcept {
    return failed(result, result.category, status_set);
  }
  // Reports an exception that left the scope without the exception, which a destructor
  // cannot see.
  [[gnu::cold, gnu::noinline]] static void report_exception_unseen(labels_type labels,
                                                                   std::size_t category,
                                                                   double seconds) noexcept {
    detail::report_error(kind, labels, category_text(category, error_class::other),
                         no_exception_message, seconds);
  }
  // Reports `error`, given to fail(); classifying and reading its message rethrow it.
  [[gnu::cold, gnu::noinline]] static void report_exception(const std::exception_ptr& error,
                                                            labels_type labels,
                                                            std::size_t category,
                                                            double seconds) noexcept {
    if (!detail::installed_error_reporter.installed()) return;  // spare the rethrows
    error_class classified = error_class::other;
    if constexpr (!detail::has_role<Desc::errors>) classified = classify_error(error);
    detail::report_error(kind, labels, category_text(category, classified),
                         detail::exception_message(error), seconds);
  }
  // The category of a report: the error label's value recorded, else `classified`'s name.
  static std::string_view category_text([[maybe_unused]] std::size_t category,
                                        error_class classified) noexcept {
    if constexpr (detail::has_role<Desc::errors>) {
      constexpr auto other = label_value_or_other<error_label_type>("other");
      return label_text(category == detail::no_category ? other
                                                        : static_cast<error_label_type>(category));
    } else {
      return to_string(classified);
    }
  }
  template <class Labels>
  [[gnu::cold, gnu::noinline]] static void count_error(registry_type& registry,
                                                       Labels labels) noexcept {
    if constexpr (detail::has_role<Desc::errors>) (registry.*Desc::errors)(labels).inc();
  }

  [[no_unique_address]] state_type state_;
};

SCHEMETRIC_END_NAMESPACE
