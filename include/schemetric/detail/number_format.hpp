// Numbers as the text formats spell them: shortest round-trip decimals, +Inf, -Inf, NaN.
// The writers write at a pointer into room the caller provides (max_number_bytes), so that
// the exposition appends numbers without a bounds check per character.
#pragma once

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// The most characters a number writer below writes ("-1.7976931348623157e+308" is 24).
inline constexpr std::size_t max_number_bytes = 32;

/// The number of decimal digits of `value` (1 for 0): log10 from the bit width, corrected
/// with one comparison.
inline int decimal_digits(std::uint64_t value) noexcept {
  static constexpr auto powers_of_ten = [] {
    std::array<std::uint64_t, 20> powers{};
    std::uint64_t power = 1;
    for (std::uint64_t& entry : powers) {
      entry = power;
      power *= 10;  // wraps after 10^19, which is not stored
    }
    return powers;
  }();
  const int guess = (std::bit_width(value | 1) * 1233) >> 12;  // 1233 / 4096 ~ log10(2)
  return guess + ((value | 1) >= powers_of_ten[guess] ? 1 : 0);
}

/// Writes `value` in decimal at `out`; returns the end.
inline char* write_unsigned(char* out, std::uint64_t value) noexcept {
  static constexpr char pairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  char* end = out + decimal_digits(value);
  char* cursor = end;
  while (value >= 100) {
    const std::uint64_t quotient = value / 100;  // one multiplication for both
    cursor -= 2;
    std::memcpy(cursor, pairs + 2 * (value - quotient * 100), 2);
    value = quotient;
  }
  if (value >= 10) {
    cursor -= 2;
    std::memcpy(cursor, pairs + 2 * value, 2);
  } else {
    *--cursor = static_cast<char>('0' + value);
  }
  return end;
}

/// Writes `value` in decimal at `out`, with a minus sign when negative; returns the end.
inline char* write_signed(char* out, std::int64_t value) noexcept {
  if (value >= 0) return write_unsigned(out, static_cast<std::uint64_t>(value));
  *out++ = '-';
  return write_unsigned(out, 0 - static_cast<std::uint64_t>(value));
}

/// Writes `value` at `out` in the shortest form that parses back to the same double, as
/// fmt's "{}" spells it (Dragonbox; independent of the C locale, so the decimal point is
/// always '.': `0.07`, `3`, `-0`, `1e-05`, `1e+16`), and the non-finite values as `+Inf`,
/// `-Inf` and `NaN`, the spellings both formats define. Returns the end.
inline char* write_double(char* out, double value) {
  if (std::isnan(value)) {
    std::memcpy(out, "NaN", 3);
    return out + 3;
  }
  if (std::isinf(value)) {
    std::memcpy(out, value > 0 ? "+Inf" : "-Inf", 4);
    return out + 4;
  }
  // Integers below 1e15 print as integers (fmt's fixed notation reaches 1e16): no Dragonbox.
  if (std::fabs(value) < 1e15 && value == static_cast<double>(static_cast<std::int64_t>(value)) &&
      !(value == 0 && std::signbit(value))) {
    return write_signed(out, static_cast<std::int64_t>(value));
  }
  return fmt::format_to(out, "{}", value);
}

/// write_double(value), faster for a value that is a decimal with at most `Decimals`
/// decimals and 15 significant digits, such as a histogram's sum: such a decimal is the
/// only one of 15 digits or fewer that reads back as `value` (doubles tell all of them
/// apart), so its digits are the shortest form; they are written from the integer.
template <int Decimals>
char* write_decimal(char* out, double value) {
  if constexpr (Decimals > 0 && Decimals <= 15) {
    constexpr double scale = [] {
      double result = 1;
      for (int i = 0; i < Decimals; ++i) result *= 10;
      return result;
    }();
    const double scaled = value * scale;
    if (value >= 1e-4 && scaled < 1e15) {
      const auto units = static_cast<std::uint64_t>(scaled + 0.5);
      if (static_cast<double>(units) / scale == value) {
        constexpr auto unit = static_cast<std::uint64_t>(scale);
        out = write_unsigned(out, units / unit);
        std::uint64_t fraction = units % unit;
        if (fraction == 0) return out;
        int width = Decimals;
        while (fraction % 10 == 0) {
          fraction /= 10;
          --width;
        }
        *out++ = '.';
        char digits[24];
        const int written = static_cast<int>(write_unsigned(digits, fraction) - digits);
        for (int zeros = width - written; zeros > 0; --zeros) *out++ = '0';
        std::memcpy(out, digits, static_cast<std::size_t>(written));
        return out + written;
      }
    }
  }
  return write_double(out, value);
}

/// Appends `value` as write_double spells it.
inline void append_double(std::string& out, double value) {
  char text[max_number_bytes];
  out.append(text, static_cast<std::size_t>(write_double(text, value) - text));
}

/// Appends a bucket bound for the `le` label: as append_double, with ".0" added to integral
/// values (`1.0`, not `1`), the canonical form OpenMetrics asks for and the one the
/// Python client writes in both formats, so one bucket keeps one spelling.
inline void append_bucket_bound(std::string& out, double bound) {
  const std::size_t start = out.size();
  append_double(out, bound);
  if (out.find_first_of(".eIN", start) == std::string::npos) out += ".0";
}

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
