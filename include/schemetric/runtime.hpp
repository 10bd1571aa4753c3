// The run-time switch: SCHEMETRIC_ENABLED=false in the environment turns recording off.
#pragma once

#include <atomic>
#include <cstdint>
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

/// The switch as read: unknown until the first call of enabled(), then on or off.
enum class runtime_state : std::uint8_t { unknown, on, off };
inline constinit std::atomic<runtime_state> runtime_switch{runtime_state::unknown};

[[gnu::cold, gnu::noinline]] inline bool first_read_of_runtime_switch() noexcept {
  // Threads racing here read the same environment and store the same state.
  const bool on = read_runtime_switch();
  runtime_switch.store(on ? runtime_state::on : runtime_state::off, std::memory_order_relaxed);
  return on;
}
}  // namespace detail

/// Whether recording is on in this process: false when metrics are compiled out, or when
/// the environment variable SCHEMETRIC_ENABLED is "0", "false", "off" or "no" at the first
/// call (read once; later changes to the environment are not seen). After the first call it
/// costs a load and a compare.
/// Thread safety: safe to call from any thread.
inline bool enabled() noexcept {
#if SCHEMETRIC_ENABLED
  const detail::runtime_state state = detail::runtime_switch.load(std::memory_order_relaxed);
  if (state == detail::runtime_state::on) [[likely]] {
    return true;
  }
  return state == detail::runtime_state::off ? false : detail::first_read_of_runtime_switch();
#else
  return false;
#endif
}

SCHEMETRIC_END_NAMESPACE
