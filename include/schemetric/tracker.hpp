// Scoped trackers: RAII objects that time an operation and update the metrics a schema's
// tracker names (duration, count with outcome, in-progress, errors, sizes, tokens) when
// the scope ends, as a Python context manager does.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>
#include <type_traits>
#include <utility>

#include "schemetric/config.hpp"
#include "schemetric/detail/tracker_labels.hpp"
#include "schemetric/error_classifier.hpp"
#include "schemetric/runtime.hpp"
#include "schemetric/tracker_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

#if SCHEMETRIC_ENABLED

/// Tracks one operation (an HTTP request, a DB query, an AI call, a cache look-up, an
/// integration or MCP tool call) from construction to the end of its scope. Made by the
/// registry's generated `track_<name>(labels)`; `Desc` is the generated descriptor listing
/// the metrics it updates.
///
/// Construction reads the clock and increments the in-progress gauge. When the tracker is
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
/// - `cancel()`: records nothing (the in-progress gauge is still decremented).
/// Each operation is recorded once: a moved-from tracker records nothing.
/// With metrics switched off at run time (`schemetric::enabled()` false) a tracker reads no
/// clock and records nothing: one predictable branch.
///
/// No allocation, no lock: the updates are those of the families. Lifetime: must not
/// outlive the registry. Thread safety: a tracker is used by one thread at a time (it may
/// be moved to another); any number of trackers may run concurrently.
template <class Desc>
class [[nodiscard]] tracker final {
  using registry_type = typename Desc::registry;
  using labels_type = typename Desc::labels;
  using clock = std::chrono::steady_clock;
  static constexpr tracker_kind kind = Desc::kind;

 public:
  /// Starts tracking: reads the clock, increments the in-progress gauge.
  tracker(registry_type& registry, const labels_type& labels) noexcept
      : registry_(enabled() ? &registry : nullptr), labels_(labels) {
    if (registry_ == nullptr) return;  // switched off at run time: nothing more to do
    exceptions_at_start_ = std::uncaught_exceptions();
    if constexpr (detail::has_role<Desc::in_progress>) {
      (registry.*
       Desc::in_progress)(detail::labels_for<Desc, family_of<Desc::in_progress>>(labels_, {}))
          .inc();
    }
    start_ = clock::now();
  }

  tracker(tracker&& other) noexcept
      : registry_(std::exchange(other.registry_, nullptr)),
        labels_(other.labels_),
        start_(other.start_),
        exceptions_at_start_(other.exceptions_at_start_),
        result_(other.result_) {}
  tracker(const tracker&) = delete;
  tracker& operator=(const tracker&) = delete;
  tracker& operator=(tracker&&) = delete;

  /// Records the operation (see the class comment), unless cancelled or moved from.
  ~tracker() { finish(); }

  /// http: the response status (any int; mapped onto the schema's status label).
  void status(int code) noexcept requires(kind == tracker_kind::http) {
    result_.status_code = code;
    status_set_ = true;
  }

  /// Marks the operation successful (the default when the scope ends normally).
  void succeed() noexcept requires(kind != tracker_kind::http && kind != tracker_kind::cache) {
    result_.failed = false;
    result_.outcome = detail::tracker_outcome::success;
  }

  /// cache: the look-up found its entry.
  void hit() noexcept requires(kind == tracker_kind::cache) {
    result_.outcome = detail::tracker_outcome::hit;
  }
  /// cache: the look-up did not find its entry.
  void miss() noexcept requires(kind == tracker_kind::cache) {
    result_.outcome = detail::tracker_outcome::miss;
  }

  /// Marks the operation failed with an error category (a value of the schema's error
  /// label; unknown names count as `other`). http: the status stays as set (default 500).
  void fail(std::string_view category = "other") noexcept {
    result_.failed = true;
    result_.category = category;
    if constexpr (kind == tracker_kind::http) {
      if (!status_set_) result_.status_code = 500;
    } else {
      result_.outcome = detail::tracker_outcome::error;
    }
  }

  /// Marks the operation failed with the category the classifier gives `error`.
  void fail(const std::exception_ptr& error) noexcept { fail(classify_error(error)); }

  /// ai: counts the tokens of the call (recorded at once, not at scope exit).
  void tokens(std::uint64_t input, std::uint64_t output) noexcept
      requires(kind == tracker_kind::ai && detail::has_role<Desc::tokens>) {
    if (registry_ == nullptr) return;
    auto& family = registry_->*Desc::tokens;
    family(detail::labels_for<Desc, family_of<Desc::tokens>>(labels_, result_, "input")).inc(input);
    family(detail::labels_for<Desc, family_of<Desc::tokens>>(labels_, result_, "output"))
        .inc(output);
  }

  /// http: the size of the request body in bytes (recorded at once).
  void request_size(std::uint64_t bytes) noexcept
      requires(kind == tracker_kind::http && detail::has_role<Desc::request_size>) {
    if (registry_ == nullptr) return;
    (registry_->*Desc::request_size)(
        detail::labels_for<Desc, family_of<Desc::request_size>>(labels_, result_))
        .observe(static_cast<double>(bytes));
  }

  /// http: the size of the response body in bytes (recorded at once).
  void response_size(std::uint64_t bytes) noexcept
      requires(kind == tracker_kind::http && detail::has_role<Desc::response_size>) {
    if (registry_ == nullptr) return;
    (registry_->*Desc::response_size)(
        detail::labels_for<Desc, family_of<Desc::response_size>>(labels_, result_))
        .observe(static_cast<double>(bytes));
  }

  /// Records nothing for this operation but the end of its in-progress count.
  void cancel() noexcept {
    if (registry_ == nullptr) return;
    end_in_progress();
    registry_ = nullptr;
  }

  /// Runs `work()`, and if it throws, fails the operation with the classifier's category
  /// for the exception and rethrows it. Returns what `work` returns.
  template <class Work>
  decltype(auto) run(Work&& work) {
    try {
      return std::forward<Work>(work)();
    } catch (...) {
      fail(std::current_exception());
      throw;
    }
  }

 private:
  // The family a role names; only formed where the role exists (not nullptr).
  template <auto Role>
  using family_of = std::remove_cvref_t<decltype(std::declval<registry_type&>().*Role)>;

  void end_in_progress() noexcept {
    if constexpr (detail::has_role<Desc::in_progress>) {
      (registry_->*Desc::in_progress)(
          detail::labels_for<Desc, family_of<Desc::in_progress>>(labels_, {}))
          .dec();
    }
  }

  void finish() noexcept {
    if (registry_ == nullptr) return;
    const double seconds = std::chrono::duration<double>(clock::now() - start_).count();
    if (std::uncaught_exceptions() > exceptions_at_start_ && !result_.failed) {
      fail(result_.category.empty() ? std::string_view("other") : result_.category);
    }
    registry_type& registry = *registry_;
    (registry.*
     Desc::duration)(detail::labels_for<Desc, family_of<Desc::duration>>(labels_, result_))
        .observe(seconds);
    if constexpr (detail::has_role<Desc::count>) {
      (registry.*Desc::count)(detail::labels_for<Desc, family_of<Desc::count>>(labels_, result_))
          .inc();
    }
    if constexpr (detail::has_role<Desc::errors>) {
      if (result_.failed) {
        (registry.*
         Desc::errors)(detail::labels_for<Desc, family_of<Desc::errors>>(labels_, result_))
            .inc();
      }
    }
    end_in_progress();
    registry_ = nullptr;
  }

  static constexpr detail::tracker_result initial_result() noexcept {
    switch (kind) {
      case tracker_kind::http:
        return {{}, 200, {}, false};
      case tracker_kind::cache:
        return {detail::tracker_outcome::miss, 0, {}, false};
      default:
        return {detail::tracker_outcome::success, 0, {}, false};
    }
  }

  registry_type* registry_;  // null once recorded, cancelled, moved from, or switched off
  labels_type labels_;
  clock::time_point start_{};
  int exceptions_at_start_ = 0;
  detail::tracker_result result_ = initial_result();
  bool status_set_ = false;
};

#else  // SCHEMETRIC_ENABLED

template <class Desc>
class [[nodiscard]] tracker final {
  static constexpr tracker_kind kind = Desc::kind;

 public:
  tracker(typename Desc::registry&, const typename Desc::labels&) noexcept {}
  void status(int) noexcept requires(kind == tracker_kind::http) {}
  void succeed() noexcept requires(kind != tracker_kind::http && kind != tracker_kind::cache) {}
  void hit() noexcept requires(kind == tracker_kind::cache) {}
  void miss() noexcept requires(kind == tracker_kind::cache) {}
  void fail(std::string_view = "other") noexcept {}
  void fail(const std::exception_ptr&) noexcept {}
  void tokens(std::uint64_t, std::uint64_t) noexcept
      requires(kind == tracker_kind::ai && detail::has_role<Desc::tokens>) {}
  void request_size(std::uint64_t) noexcept
      requires(kind == tracker_kind::http && detail::has_role<Desc::request_size>) {}
  void response_size(std::uint64_t) noexcept
      requires(kind == tracker_kind::http && detail::has_role<Desc::response_size>) {}
  void cancel() noexcept {}
  template <class Work>
  decltype(auto) run(Work&& work) {
    return std::forward<Work>(work)();
  }
};

#endif  // SCHEMETRIC_ENABLED

SCHEMETRIC_END_NAMESPACE
