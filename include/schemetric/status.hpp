// HTTP status labels: a response code as its class (`2xx`) or as one of a declared set of
// exact codes, each resolved in a few branch-free instructions.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <span>
#include <type_traits>

#include "schemetric/config.hpp"
#include "schemetric/label.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// An enum generated from a `kind: status` label in its class form: five enumerators for
/// `1xx` to `5xx` in that order, marked by `schemetric_status_classes(E)` (found by
/// argument-dependent lookup) returning true.
template <class E>
concept status_class_enum = closed_label_enum<E> && requires(E e) {
  { schemetric_status_classes(e) } -> std::same_as<bool>;
} && label_cardinality<E>
== 5;

/// An enum generated from a `kind: status` label in its exact-code form: one enumerator per
/// code of `schemetric_status_codes(E)` (found by argument-dependent lookup), in that order,
/// then a last one ("other") for every code not declared.
template <class E>
concept status_code_enum = closed_label_enum<E> && requires(E e) {
  { schemetric_status_codes(e) } -> std::convertible_to<std::span<const int>>;
};

namespace detail {

// HTTP status codes are three digits, 100 to 599 (RFC 9110, section 15).
inline constexpr int first_status_code = 100;
inline constexpr unsigned status_code_span = 500;

// An int mapped to its offset from 100, wrapping every code outside 100..599 to a value
// >= status_code_span; unsigned arithmetic, so INT_MIN and INT_MAX are defined too.
constexpr unsigned status_code_offset(int code) noexcept {
  return static_cast<unsigned>(code) - static_cast<unsigned>(first_status_code);
}

template <status_code_enum E>
constexpr bool valid_status_codes() noexcept {
  const auto declared = schemetric_status_codes(E{});
  const std::span<const int> codes(declared);
  if (codes.size() + 1 != label_cardinality<E>) return false;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (status_code_offset(codes[i]) >= status_code_span) return false;
    for (std::size_t j = 0; j < i; ++j) {
      if (codes[j] == codes[i]) return false;
    }
  }
  return true;
}

// The enumerator of every code 100..599 (the last one for undeclared codes): one load.
template <status_code_enum E>
inline constexpr auto status_code_table = [] {
  static_assert(valid_status_codes<E>(),
                "a status code label declares distinct codes in 100..599, one enumerator each, "
                "then a last enumerator for the codes not declared");
  using value_type = std::underlying_type_t<E>;
  const auto declared = schemetric_status_codes(E{});
  const std::span<const int> codes(declared);
  std::array<value_type, status_code_span> table{};
  table.fill(static_cast<value_type>(codes.size()));
  for (std::size_t i = 0; i < codes.size(); ++i) {
    table[status_code_offset(codes[i])] = static_cast<value_type>(i);
  }
  return table;
}();

}  // namespace detail

/// The status class of the response code `code`: 100..199 -> `1xx`, ..., 500..599 -> `5xx`.
/// Any other value (negative, 0, 99, 600, ...) is not a valid HTTP status; it maps to `5xx`,
/// because a server that produced it failed. Generated code wraps it as `status_of(code)`.
/// Failure behaviour: none. Cost: a subtraction, a compare and a conditional move; constexpr.
/// Thread safety: a pure function.
template <status_class_enum E>
constexpr E status_class_of(int code) noexcept {
  constexpr unsigned server_error_class = 4;
  const unsigned offset = detail::status_code_offset(code);
  return static_cast<E>(offset < detail::status_code_span ? offset / 100 : server_error_class);
}

/// The enumerator of `code` when the schema declares that exact code, else the last
/// enumerator ("other"), also for values that are no HTTP status. Generated code wraps it as
/// `status_code_of(code)`. The declared codes must be distinct and within 100..599 (checked at
/// compile time). Failure behaviour: none. Cost: one lookup in a constant table of 500
/// entries (built at compile time, one per enum) and a conditional move; constexpr.
/// Thread safety: a pure function.
template <status_code_enum E>
constexpr E status_code_of(int code) noexcept {
  constexpr auto other = static_cast<std::underlying_type_t<E>>(label_cardinality<E> - 1);
  const unsigned offset = detail::status_code_offset(code);
  return static_cast<E>(offset < detail::status_code_span ? detail::status_code_table<E>[offset]
                                                          : other);
}

SCHEMETRIC_END_NAMESPACE
