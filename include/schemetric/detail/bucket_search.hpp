// Finding the histogram bucket of an observation: a branchless binary search over bounds
// padded to 2^k - 1 entries, so the loop has a fixed trip count and unrolls.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <limits>
#include <utility>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// `bounds` (strictly increasing) followed by +Inf up to a size of 2^k - 1.
template <std::size_t N>
class bucket_bounds {
 public:
  static constexpr std::size_t padded_size = std::bit_ceil(N + 1) - 1;

  constexpr explicit bucket_bounds(const std::array<double, N>& bounds) noexcept {
    std::fill(padded_.begin(), padded_.end(), std::numeric_limits<double>::infinity());
    std::copy(bounds.begin(), bounds.end(), padded_.begin());
  }

  /// The index of the first bound `value` is less than or equal to (the bucket `le` it
  /// counts in); N (the +Inf bucket) when `value` exceeds every bound or is NaN, as the
  /// Prometheus clients do.
  constexpr std::size_t index_of(double value) const noexcept {
    return search(value, std::make_index_sequence<std::bit_width(padded_size)>{});
  }

 private:
  // One step per bit of padded_size, unrolled: halves of (padded_size + 1), largest first.
  template <std::size_t... Step>
  constexpr std::size_t search(double value, std::index_sequence<Step...>) const noexcept {
    std::size_t index = 0;
    // "not (bound >= value)" rather than "bound < value": NaN compares false, moves right.
    ((index += !(padded_[index + ((padded_size + 1) >> (Step + 1)) - 1] >= value)
                   ? ((padded_size + 1) >> (Step + 1))
                   : 0),
     ...);
    return std::min(index, N);
  }

  std::array<double, padded_size> padded_{};
};

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
