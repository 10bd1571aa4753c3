// Numbers as Prometheus prints them in alert templates.
#include "promql/go_format.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string_view>

#include <fmt/format.h>

namespace schemetric::codegen::promql {
namespace {

// Go's `%.4g` but for the special values, which Go spells `NaN`, `+Inf` and `-Inf`.
std::string special_value(double value) {
  if (std::isnan(value)) return "NaN";
  return value > 0 ? "+Inf" : "-Inf";
}

}  // namespace

std::string go_value(double value) {
  if (!std::isfinite(value)) return special_value(value);
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  // The shortest round-trip digits, as d.ddde[+-]x.
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                    std::chars_format::scientific);
  const std::string_view text(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
  const bool negative = text.front() == '-';
  const std::size_t e = text.find('e');
  std::string digits;
  for (const char c : text.substr(negative ? 1 : 0, e - (negative ? 1 : 0))) {
    if (c != '.') digits += c;
  }
  const int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  std::string out = negative ? "-" : "";
  // strconv.FormatFloat(v, 'g', -1, 64): %e when the exponent is < -4 or >= 6.
  if (exponent < -4 || exponent >= 6) {
    out += digits.front();
    if (digits.size() > 1) out += "." + digits.substr(1);
    out += fmt::format("e{}{:02}", exponent < 0 ? '-' : '+', std::abs(exponent));
    return out;
  }
  if (exponent < 0) {
    out += "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    return out;
  }
  const auto integer_digits = static_cast<std::size_t>(exponent) + 1;
  if (digits.size() <= integer_digits) {
    out += digits + std::string(integer_digits - digits.size(), '0');
  } else {
    out += digits.substr(0, integer_digits) + "." + digits.substr(integer_digits);
  }
  return out;
}

std::string go_g4(double value) {
  if (!std::isfinite(value)) return special_value(value);
  // fmt's `g` follows printf: four significant digits, trailing zeros dropped, an exponent of at
  // least two digits; it rounds the exact binary value half to even, as Go's strconv does.
  return fmt::format("{:.4g}", value);
}

std::string humanize(double value) {
  if (value == 0 || !std::isfinite(value)) return go_g4(value);
  if (std::fabs(value) >= 1) {
    std::string_view prefix;
    for (const std::string_view p : {"k", "M", "G", "T", "P", "E", "Z", "Y"}) {
      if (std::fabs(value) < 1000) break;
      prefix = p;
      value /= 1000;
    }
    return go_g4(value) + std::string(prefix);
  }
  std::string_view prefix;
  for (const std::string_view p : {"m", "u", "n", "p", "f", "a", "z", "y"}) {
    if (std::fabs(value) >= 1) break;
    prefix = p;
    value *= 1000;
  }
  return go_g4(value) + std::string(prefix);
}

std::string humanize_1024(double value) {
  if (std::fabs(value) <= 1 || !std::isfinite(value)) return go_g4(value);
  std::string_view prefix;
  for (const std::string_view p : {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"}) {
    if (std::fabs(value) < 1024) break;
    prefix = p;
    value /= 1024;
  }
  return go_g4(value) + std::string(prefix);
}

std::string humanize_percentage(double value) {
  return go_g4(value * 100) + "%";
}

std::string humanize_duration(double seconds) {
  if (!std::isfinite(seconds)) return go_g4(seconds);
  if (seconds == 0) return go_g4(seconds) + "s";
  if (std::fabs(seconds) >= 1) {
    const std::string_view sign = seconds < 0 ? "-" : "";
    const double magnitude = std::fabs(seconds);
    // Go's int64() of a float too large for it gives the minimum int64 on amd64; in C++ the
    // conversion would be undefined, so say it.
    const std::int64_t duration = magnitude < 9.2233720368547758e18
                                      ? static_cast<std::int64_t>(magnitude)
                                      : std::numeric_limits<std::int64_t>::min();
    const std::int64_t secs = duration % 60;
    const std::int64_t minutes = (duration / 60) % 60;
    const std::int64_t hours = (duration / 60 / 60) % 24;
    const std::int64_t days = duration / 60 / 60 / 24;
    if (days != 0) return fmt::format("{}{}d {}h {}m {}s", sign, days, hours, minutes, secs);
    if (hours != 0) return fmt::format("{}{}h {}m {}s", sign, hours, minutes, secs);
    if (minutes != 0) return fmt::format("{}{}m {}s", sign, minutes, secs);
    return fmt::format("{}{}s", sign, go_g4(magnitude));
  }
  std::string_view prefix;
  for (const std::string_view p : {"m", "u", "n", "p", "f", "a", "z", "y"}) {
    if (std::fabs(seconds) >= 1) break;
    prefix = p;
    seconds *= 1000;
  }
  return go_g4(seconds) + std::string(prefix) + "s";
}

}  // namespace schemetric::codegen::promql
