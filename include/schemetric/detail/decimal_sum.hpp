// The sum of a histogram as an integer count of decimal units (1 ns for a histogram of
// seconds), so that observing adds with one atomic integer add instead of a compare-exchange
// loop on a double, and decimal values add up exactly.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// 10^exponent, exact for |exponent| <= 22.
constexpr double power_of_ten(int exponent) noexcept {
  double result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  for (int i = 0; i > exponent; --i) result /= 10;
  return result;
}

/// How many decimals of the unit a histogram with `bounds` keeps in its sum: 6 more than
/// the first significant decimal of its smallest positive bound (9, i.e. 1 ns, for a
/// histogram of seconds whose first bound is 0.005; 4 for one of bytes starting at 100), so
/// an observation the size of the smallest bucket is kept to 7 significant digits at least.
/// Within [-18, 18]; 6 when no bound is positive.
template <std::size_t N>
constexpr int sum_decimals(const std::array<double, N>& bounds) noexcept {
  double smallest = 0;
  for (double bound : bounds) {
    if (bound > 0 && (smallest == 0 || bound < smallest)) smallest = bound;
  }
  if (smallest == 0) return 6;
  int exponent = 0;  // floor(log10(smallest))
  while (exponent < 18 && smallest >= power_of_ten(exponent + 1)) ++exponent;
  while (exponent > -18 && smallest < power_of_ten(exponent)) --exponent;
  const int decimals = 6 - exponent;
  return decimals < -18 ? -18 : (decimals > 18 ? 18 : decimals);
}

/// Values as counts of units of 10^-Decimals.
template <int Decimals>
struct decimal_units {
  /// Observations from 0 up to limit units are counted as units: up to 2^52 (4.5e6 s at
  /// 1 ns), so that a stripe's count passes 2^63 long before it could wrap around 2^64.
  static constexpr std::uint64_t limit = std::uint64_t{1} << 52;

  /// `value` in units, rounded to the nearest; limit or more for values that are negative,
  /// NaN, infinite or too large, which the caller adds as doubles.
  static std::uint64_t of(double value) noexcept { return of_negated(-value); }

  /// of(-negated), for a caller that has the negated value anyway (a histogram's search).
  static std::uint64_t of_negated(double negated) noexcept {
    const double scaled = negated * -units_per_value;
#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
    // One instruction, defined for every input: out of range and NaN give 2^63, negative
    // values a two's complement that is >= limit as unsigned.
    using vector = double __attribute__((vector_size(16)));
    return static_cast<std::uint64_t>(__builtin_ia32_cvtsd2si64(vector{scaled, 0}));
#else
    return scaled >= 0 && scaled < static_cast<double>(limit)
               ? static_cast<std::uint64_t>(scaled + 0.5)
               : limit;
#endif
  }

  /// The value of `units` (exact integers below 2^53 give the double nearest the decimal).
  static double value_of(double units) noexcept {
    if constexpr (Decimals >= 0) {
      return units / units_per_value;
    } else {
      return units * power_of_ten(-Decimals);
    }
  }

  static constexpr double units_per_value = power_of_ten(Decimals);
};

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
