// Scoped trackers: RAII objects that time an operation and update the metrics a schema's
// tracker names (duration, count with outcome, in-progress, errors, sizes, tokens) when
// the scope ends, as a Python context manager does.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/hana/accessors.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>
#include <boost/hana/unpack.hpp>

#include "schemetric/config.hpp"
#include "schemetric/error_classifier.hpp"
#include "schemetric/label.hpp"
#include "schemetric/runtime.hpp"
#include "schemetric/status.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// What a tracker measures; decides its operations and outcome values (schema `kind:`).
enum class tracker_kind { http, db, ai, cache, integration, mcp };

namespace detail {

/// The index of the value spelled `text` in the closed set `E`; the set's size if none.
template <closed_label_enum E>
constexpr std::size_t value_index(std::string_view text) noexcept {
  constexpr auto values = schemetric_label_values(E{});
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] == text) return i;
  }
  return values.size();
}

/// The position of the member named `Name` (a hana::string type) in `Labels`, or npos.
template <class Labels, class Name>
constexpr std::size_t member_position() noexcept {
  std::size_t position = static_cast<std::size_t>(-1);
  std::size_t index = 0;
  boost::hana::for_each(boost::hana::accessors<Labels>(), [&](auto accessor) {
    if (std::is_same_v<std::remove_cvref_t<decltype(boost::hana::first(accessor))>, Name>) {
      position = index;
    }
    ++index;
  });
  return position;
}

/// The outcome of a non-HTTP operation, one of the values its outcome label must have.
enum class tracker_outcome : std::uint8_t { success, error, hit, miss };

/// The index in `E` of each tracker_outcome's value (the set's size where absent), computed
/// at compile time so that ending a tracker does not compare strings.
template <closed_label_enum E>
inline constexpr std::array<std::size_t, 4> outcome_indexes{
    value_index<E>("success"), value_index<E>("error"), value_index<E>("hit"),
    value_index<E>("miss")};

/// What a tracker decided about the operation when it ends.
struct tracker_result {
  tracker_outcome outcome;    // db, ai, integration, mcp, cache
  int status_code;            // http: the status
  std::string_view category;  // error category, when the operation failed
  bool failed;
};

/// The value of label `Member` (a member type of a target label struct) named `name` for a
/// tracker with descriptor `Desc`: the outcome, the error category or the token type when
/// the name is the tracker's label for it, otherwise the start label of the same name.
template <class Desc, class Member, class Name>
Member label_for(Name, const typename Desc::labels& start, const tracker_result& result,
                 std::string_view token_type) noexcept {
  constexpr std::string_view label_name = boost::hana::to<const char*>(Name{});
  if constexpr (label_name == Desc::outcome_label) {
    using E = typename Member::value_type;
    if constexpr (Desc::kind == tracker_kind::http) {
      if constexpr (requires { schemetric_status_codes(E{}); }) {
        return Member(status_code_of<E>(result.status_code));
      } else {
        return Member(status_class_of<E>(result.status_code));
      }
    } else {
      return Member(static_cast<E>(outcome_indexes<E>[static_cast<std::size_t>(result.outcome)]));
    }
  } else if constexpr (label_name == Desc::error_label) {
    return Member(label_value_or_other<typename Member::value_type>(result.category));
  } else if constexpr (label_name == Desc::token_label) {
    using E = typename Member::value_type;
    return Member(static_cast<E>(value_index<E>(token_type)));
  } else {
    constexpr std::size_t position = member_position<typename Desc::labels, Name>();
    static_assert(position != static_cast<std::size_t>(-1),
                  "a metric of this tracker has a label the tracker does not set");
    return boost::hana::second(
        boost::hana::at_c<position>(boost::hana::accessors<typename Desc::labels>()))(start);
  }
}

/// The labels of a metric a tracker updates, built from the tracker's start labels and
/// its result.
template <class Desc, class Family>
typename Family::labels_type labels_for(const typename Desc::labels& start,
                                        const tracker_result& result,
                                        std::string_view token_type = {}) noexcept {
  using target = typename Family::labels_type;
  return boost::hana::unpack(boost::hana::accessors<target>(), [&](auto... accessor) {
    return target{label_for<Desc, std::remove_cvref_t<decltype(boost::hana::second(accessor)(
                                      std::declval<const target&>()))>>(
        boost::hana::first(accessor), start, result, token_type)...};
  });
}

template <auto Role>
inline constexpr bool has_role = !std::is_null_pointer_v<decltype(Role)>;

}  // namespace detail

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
