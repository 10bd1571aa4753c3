// Error categories of exceptions: the default classifier, a user-replaceable hook, and the
// mapping of a category onto a schema's error label.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <new>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <typeinfo>

#include "schemetric/config.hpp"
#include "schemetric/label.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// The categories an error classifier sorts exceptions into. A tracker's error label must have
/// a value spelled like each (error_class_names); schemetric-gen checks it, so every category a
/// classifier returns has its own series. A schema's error label may have more values, which
/// `fail(category)` sets.
enum class error_class : std::uint8_t {
  other,
  timeout,
  connection,
  rate_limited,
  not_found,
  validation
};

/// The label value of each error_class, in enumerator order (schemetric-gen's table of the
/// values a tracker's error label must have is compared with it by a test).
inline constexpr std::array<std::string_view, 6> error_class_names{
    "other", "timeout", "connection", "rate_limited", "not_found", "validation"};

/// The label value of `category`.
constexpr std::string_view to_string(error_class category) noexcept {
  return error_class_names[static_cast<std::size_t>(category)];
}

/// Maps an exception to an error category. Must not throw.
using error_classifier = error_class (*)(const std::exception_ptr& error) noexcept;

namespace detail {

/// Whether `haystack` contains `needle`, ignoring ASCII case.
constexpr bool contains_ignoring_case(std::string_view haystack, std::string_view needle) noexcept {
  auto lower = [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  };
  for (std::size_t start = 0; start + needle.size() <= haystack.size(); ++start) {
    std::size_t i = 0;
    while (i < needle.size() && lower(haystack[start + i]) == lower(needle[i])) ++i;
    if (i == needle.size()) return true;
  }
  return false;
}

/// The category a type name suggests (the mangled name contains the class name).
constexpr error_class category_of_type_name(std::string_view name) noexcept {
  if (contains_ignoring_case(name, "timeout") || contains_ignoring_case(name, "timedout")) {
    return error_class::timeout;
  }
  if (contains_ignoring_case(name, "connect") || contains_ignoring_case(name, "network")) {
    return error_class::connection;
  }
  if (contains_ignoring_case(name, "ratelimit") || contains_ignoring_case(name, "rate_limit") ||
      contains_ignoring_case(name, "throttl")) {
    return error_class::rate_limited;
  }
  if (contains_ignoring_case(name, "notfound") || contains_ignoring_case(name, "not_found")) {
    return error_class::not_found;
  }
  if (contains_ignoring_case(name, "validation") || contains_ignoring_case(name, "invalid") ||
      contains_ignoring_case(name, "parse")) {
    return error_class::validation;
  }
  return error_class::other;
}

inline error_class category_of_error_code(const std::error_code& code) noexcept {
  const std::error_condition condition = code.default_error_condition();
  if (condition == std::errc::timed_out) return error_class::timeout;
  for (std::errc connection :
       {std::errc::connection_refused, std::errc::connection_reset, std::errc::connection_aborted,
        std::errc::not_connected, std::errc::network_unreachable, std::errc::network_down,
        std::errc::host_unreachable, std::errc::broken_pipe}) {
    if (condition == connection) return error_class::connection;
  }
  return error_class::other;
}

}  // namespace detail

/// The default classifier, by the exception's type family:
/// - std::system_error: `timeout` for errc::timed_out, `connection` for refused, reset,
///   aborted, unreachable and broken connections;
/// - std::invalid_argument, std::domain_error, std::out_of_range, std::length_error:
///   `validation`;
/// - any other type whose name contains "Timeout"/"TimedOut" (`timeout`), "Connect" or
///   "Network" (`connection`), "RateLimit"/"Throttl" (`rate_limited`), "NotFound"
///   (`not_found`), "Validation", "Invalid" or "Parse" (`validation`), ignoring case;
/// - everything else, and no exception: `other`.
inline error_class default_error_classifier(const std::exception_ptr& error) noexcept {
  if (!error) return error_class::other;
  try {
    std::rethrow_exception(error);
  } catch (const std::system_error& e) {
    const error_class by_code = detail::category_of_error_code(e.code());
    if (by_code != error_class::other) return by_code;
    return detail::category_of_type_name(typeid(e).name());
  } catch (const std::invalid_argument&) {
    return error_class::validation;
  } catch (const std::domain_error&) {
    return error_class::validation;
  } catch (const std::out_of_range&) {
    return error_class::validation;
  } catch (const std::length_error&) {
    return error_class::validation;
  } catch (const std::exception& e) {
    return detail::category_of_type_name(typeid(e).name());
  } catch (...) {
    return error_class::other;
  }
}

namespace detail {
inline std::atomic<error_classifier> installed_classifier{&default_error_classifier};
}  // namespace detail

/// Replaces the classifier trackers and error_category() use (nullptr restores the
/// default). Thread safety: may be called at any time; calls already running finish with
/// the classifier they read.
inline void set_error_classifier(error_classifier classifier) noexcept {
  detail::installed_classifier.store(classifier ? classifier : &default_error_classifier,
                                     std::memory_order_release);
}

/// The category of `error` by the installed classifier.
inline error_class classify_error(const std::exception_ptr& error) noexcept {
  return detail::installed_classifier.load(std::memory_order_acquire)(error);
}

/// The value of the closed label set `E` spelled `text`, or its value `other` when none is
/// (a schema's error label always has one; the generator checks).
template <closed_label_enum E>
constexpr E label_value_or_other(std::string_view text) noexcept {
  constexpr auto values = schemetric_label_values(E{});
  std::size_t other = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] == text) return static_cast<E>(i);
    if (values[i] == "other") other = i;
  }
  return static_cast<E>(other);
}

/// The value of the closed label set `E` spelled like `category`, or its value `other` when
/// none is (a tracker's error label has them all; schemetric-gen checks).
template <closed_label_enum E>
constexpr E label_value_of(error_class category) noexcept {
  constexpr auto by_class = [] {
    std::array<E, error_class_names.size()> values{};
    for (std::size_t i = 0; i < values.size(); ++i) {
      values[i] = label_value_or_other<E>(error_class_names[i]);
    }
    return values;
  }();
  return by_class[static_cast<std::size_t>(category)];
}

/// The error label value of `error` (by the installed classifier), for recording an
/// exception with its context in one statement:
/// `reg.application_errors_total({.component = c, .type = schemetric::error_category<
///   example::error_type>(std::current_exception()), .severity = s}).inc();`
/// Categories `E` lacks record as its value `other`.
/// With metrics compiled out it classifies nothing (classifying rethrows the exception, which
/// costs thousands of instructions) and returns `other`: the label it gives is not recorded.
template <closed_label_enum E>
E error_category([[maybe_unused]] const std::exception_ptr& error) noexcept {
#if SCHEMETRIC_ENABLED
  return label_value_of<E>(classify_error(error));
#else
  constexpr E other = label_value_or_other<E>("other");
  return other;
#endif
}

SCHEMETRIC_END_NAMESPACE
