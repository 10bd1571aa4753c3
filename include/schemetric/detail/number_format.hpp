// Numbers as the text formats spell them: shortest round-trip decimals, +Inf, -Inf, NaN.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// Appends `value` in decimal.
inline void append_integer(std::string& out, std::uint64_t value) {
  const fmt::format_int text(value);
  out.append(text.data(), text.size());
}

/// Appends `value` in the shortest form that parses back to the same double (fmt's
/// Dragonbox; independent of the C locale, so the decimal point is always '.'), and the
/// non-finite values as `+Inf`, `-Inf` and `NaN`, the spellings both formats define.
inline void append_double(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
  } else {
    char text[32];
    const char* end = fmt::format_to(text, "{}", value);
    out.append(text, static_cast<std::size_t>(end - text));
  }
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
