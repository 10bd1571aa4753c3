// Error categories of exceptions: the default classifier, a user-replaceable hook, and the
// mapping of a category onto a schema's error label.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <new>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <typeinfo>

#include "schemetric/config.hpp"
#include "schemetric/label.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// Maps an exception to an error category name such as "timeout" or "connection". Must not
/// throw; must return a string that lives for the whole program (a literal).
using error_classifier = std::string_view (*)(const std::exception_ptr& error) noexcept;

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
constexpr std::string_view category_of_type_name(std::string_view name) noexcept {
  if (contains_ignoring_case(name, "timeout") || contains_ignoring_case(name, "timedout")) {
    return "timeout";
  }
  if (contains_ignoring_case(name, "connect") || contains_ignoring_case(name, "network")) {
    return "connection";
  }
  if (contains_ignoring_case(name, "ratelimit") || contains_ignoring_case(name, "rate_limit") ||
      contains_ignoring_case(name, "throttl")) {
    return "rate_limited";
  }
  if (contains_ignoring_case(name, "notfound") || contains_ignoring_case(name, "not_found")) {
    return "not_found";
  }
  if (contains_ignoring_case(name, "validation") || contains_ignoring_case(name, "invalid") ||
      contains_ignoring_case(name, "parse")) {
    return "validation";
  }
  return {};
}

inline std::string_view category_of_error_code(const std::error_code& code) noexcept {
  const std::error_condition condition = code.default_error_condition();
  if (condition == std::errc::timed_out) return "timeout";
  for (std::errc connection :
       {std::errc::connection_refused, std::errc::connection_reset, std::errc::connection_aborted,
        std::errc::not_connected, std::errc::network_unreachable, std::errc::network_down,
        std::errc::host_unreachable, std::errc::broken_pipe}) {
    if (condition == connection) return "connection";
  }
  return {};
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
inline std::string_view default_error_classifier(const std::exception_ptr& error) noexcept {
  if (!error) return "other";
  try {
    std::rethrow_exception(error);
  } catch (const std::system_error& e) {
    const std::string_view by_code = detail::category_of_error_code(e.code());
    if (!by_code.empty()) return by_code;
    const std::string_view by_name = detail::category_of_type_name(typeid(e).name());
    return by_name.empty() ? "other" : by_name;
  } catch (const std::invalid_argument&) {
    return "validation";
  } catch (const std::domain_error&) {
    return "validation";
  } catch (const std::out_of_range&) {
    return "validation";
  } catch (const std::length_error&) {
    return "validation";
  } catch (const std::exception& e) {
    const std::string_view by_name = detail::category_of_type_name(typeid(e).name());
    return by_name.empty() ? "other" : by_name;
  } catch (...) {
    return "other";
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
inline std::string_view classify_error(const std::exception_ptr& error) noexcept {
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

/// The error label value of `error` (by the installed classifier), for recording an
/// exception with its context in one statement:
/// `reg.application_errors_total({.component = c, .type = schemetric::error_category<
///   example::error_type>(std::current_exception()), .severity = s}).inc();`
/// With metrics compiled out it classifies nothing (classifying rethrows the exception, which
/// costs thousands of instructions) and returns `other`: the label it gives is not recorded.
template <closed_label_enum E>
E error_category([[maybe_unused]] const std::exception_ptr& error) noexcept {
#if SCHEMETRIC_ENABLED
  return label_value_or_other<E>(classify_error(error));
#else
  constexpr E other = label_value_or_other<E>("other");
  return other;
#endif
}

SCHEMETRIC_END_NAMESPACE
