// A double kept as the bits of an atomic 64-bit integer, with an atomic add.
#pragma once

#include <atomic>
#include <bit>
#include <cstdint>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// The bits of a double in an atomic integer; zero-initialized, and 0 bits are 0.0.
/// std::atomic<double> would do, but libstdc++'s fetch_add on it is an out-of-line call that
/// goes through memory, and its compare_exchange compares through memory too.
class atomic_double {
 public:
  double load() const noexcept {
    return std::bit_cast<double>(bits_.load(std::memory_order_relaxed));
  }
  void store(double value) noexcept {
    bits_.store(std::bit_cast<std::uint64_t>(value), std::memory_order_relaxed);
  }
  /// Adds `amount` (relaxed): a compare-exchange loop on the bits, which runs once when no
  /// other thread writes the same value meanwhile.
  void add(double amount) noexcept {
    std::uint64_t bits = bits_.load(std::memory_order_relaxed);
    while (!bits_.compare_exchange_weak(
        bits, std::bit_cast<std::uint64_t>(std::bit_cast<double>(bits) + amount),
        std::memory_order_relaxed)) {
    }
  }

 private:
  std::atomic<std::uint64_t> bits_{0};
};

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
