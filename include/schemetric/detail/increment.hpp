// A counter increment given as an integer constant, checked to be non-negative at compile time.
#pragma once

#include <concepts>
#include <cstdint>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// Built only from constant expressions (consteval), so `inc(-1)` fails to compile with the
/// message below. Run-time signed amounts must be converted to an unsigned type by the
/// caller, who knows whether they can be negative.
struct constant_increment {
  template <std::signed_integral I>
  consteval constant_increment(I amount) : value(static_cast<std::uint64_t>(amount)) {  // NOLINT
    if (amount < 0) {
      throw "a counter increment must not be negative";  // reaching this is a compile error
    }
  }
  std::uint64_t value;
};

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
