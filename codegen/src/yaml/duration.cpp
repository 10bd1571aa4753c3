// Durations in Prometheus' syntax.
#include "yaml/duration.hpp"

#include <array>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

namespace schemetric::codegen::yaml {
namespace {

struct duration_unit {
  std::string_view symbol;
  std::int64_t milliseconds;
};

// Largest first: the order a duration must be written in.
constexpr std::array<duration_unit, 7> units{{
    {"y", 365LL * 24 * 60 * 60 * 1000},
    {"w", 7LL * 24 * 60 * 60 * 1000},
    {"d", 24LL * 60 * 60 * 1000},
    {"h", 60LL * 60 * 1000},
    {"m", 60LL * 1000},
    {"s", 1000},
    {"ms", 1},
}};

// The index in `units` of the unit `text` starts with ("ms" before "m"), or units.size().
std::size_t unit_at_start(std::string_view text) {
  if (text.starts_with("ms")) return units.size() - 1;
  for (std::size_t i = 0; i + 1 < units.size(); ++i) {
    if (text.starts_with(units[i].symbol)) return i;
  }
  return units.size();
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text == "0") return std::chrono::milliseconds{0};
  if (text.empty()) return std::nullopt;
  constexpr std::int64_t largest = std::numeric_limits<std::int64_t>::max();
  std::int64_t total = 0;
  std::size_t next_unit = 0;  // units before this one were used, or skipped
  while (!text.empty()) {
    std::int64_t count = 0;
    std::size_t digits = 0;
    for (; digits < text.size() && text[digits] >= '0' && text[digits] <= '9'; ++digits) {
      const int digit = text[digits] - '0';
      if (count > (largest - digit) / 10) return std::nullopt;
      count = count * 10 + digit;
    }
    if (digits == 0) return std::nullopt;
    text.remove_prefix(digits);
    const std::size_t unit = unit_at_start(text);
    if (unit == units.size() || unit < next_unit) return std::nullopt;
    text.remove_prefix(units[unit].symbol.size());
    if (count > (largest - total) / units[unit].milliseconds) return std::nullopt;
    total += count * units[unit].milliseconds;
    next_unit = unit + 1;
  }
  return std::chrono::milliseconds{total};
}

std::string format_duration(std::chrono::milliseconds duration) {
  std::int64_t rest = duration.count();
  if (rest <= 0) return "0s";
  std::string text;
  for (const duration_unit& unit : units) {
    if (rest < unit.milliseconds) continue;
    text += fmt::format("{}{}", rest / unit.milliseconds, unit.symbol);
    rest %= unit.milliseconds;
  }
  return text;
}

}  // namespace schemetric::codegen::yaml
