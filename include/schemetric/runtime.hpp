// The run-time switch: SCHEMETRIC_ENABLED=false in the environment turns recording off.
#pragma once

#include <cstdlib>
#include <string_view>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {
/// Whether an environment value switches schemetric off: "0", "false", "off", "no" (any case).
constexpr bool is_off_value(std::string_view value) noexcept {
  constexpr std::string_view off_values[] = {"0", "false", "off", "no"};
  for (std::string_view off : off_values) {
    if (value.size() != off.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
      char c = value[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      same = same && c == off[i];
    }
    if (same) return true;
  }
  return false;
}

inline bool read_runtime_switch() noexcept {
  const char* value = std::getenv("SCHEMETRIC_ENABLED");
  return value == nullptr || !is_off_value(value);
}
}  // namespace detail

/// Whether recording is on in this process: false when metrics are compiled out, or when
/// the environment variable SCHEMETRIC_ENABLED is "0", "false", "off" or "no" at the first
/// call (read once; later changes to the environment are not seen).
/// Thread safety: safe to call from any thread.
inline bool enabled() noexcept {
#if SCHEMETRIC_ENABLED
  static const bool on = detail::read_runtime_switch();
  return on;
#else
  return false;
#endif
}

SCHEMETRIC_END_NAMESPACE
