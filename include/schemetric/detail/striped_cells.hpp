// Cells that threads update concurrently, copied once per stripe so that threads writing
// the same series touch different cache lines; readers sum the stripes.
#pragma once

#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

inline constexpr std::size_t stripe_count = SCHEMETRIC_STRIPES;
inline constexpr std::size_t cache_line_bytes = 64;

/// (stripe + 1) * cache_line_bytes for the calling thread, 0 until its first write.
/// Constant-initialized, so reading it is one thread-local load without a guard. Storing a
/// byte offset rather than an index lets a write add it to a handle's address directly.
inline thread_local std::size_t thread_stripe_offset = 0;
inline std::atomic<std::size_t> next_stripe{0};

[[gnu::noinline, gnu::cold]] inline std::size_t assign_thread_stripe() noexcept {
  // Round-robin: consecutive threads get different stripes.
  const std::size_t stripe = next_stripe.fetch_add(1, std::memory_order_relaxed) % stripe_count;
  thread_stripe_offset = (stripe + 1) * cache_line_bytes;
  return thread_stripe_offset;
}

/// The calling thread's (stripe + 1) * cache_line_bytes: a thread-local load and a branch
/// taken once per thread.
inline std::size_t this_thread_stripe_offset() noexcept {
  const std::size_t offset = thread_stripe_offset;
  if (offset == 0) [[unlikely]] {
    return assign_thread_stripe();
  }
  return offset;
}

/// A write handle's address: the address of the object of stripe 0 minus one stripe step,
/// so that adding this_thread_stripe_offset() (scaled by the step in cache lines) lands on
/// the calling thread's copy in a single addressing mode. Kept as an integer because the
/// biased value may point before the array; it is turned back into a pointer only after
/// the offset is added (a flat address space, as on every platform schemetric supports).
using biased_address = std::uintptr_t;

template <class T, std::size_t StripeStepBytes>
T& thread_copy(biased_address address) noexcept {
  static_assert(StripeStepBytes % cache_line_bytes == 0);
  return *reinterpret_cast<T*>(reinterpret_cast<char*>(address) +
                               this_thread_stripe_offset() * (StripeStepBytes / cache_line_bytes));
}

/// `Count` atomic cells of `T`, one copy per stripe: stripe s holds a row of all `Count`
/// cells starting on its own cache line, so two stripes never share a line and a cell's
/// position in its row is its index (a label combination's index needs no remapping).
/// Zero-initialized. Writers update their stripe's row; readers sum the rows.
template <class T, std::size_t Count>
class striped_cells {
 public:
  using cell = std::atomic<T>;
  static_assert(cell::is_always_lock_free);
  /// Bytes from a cell to its copy in the next stripe: the row, rounded up to cache lines,
  /// and for rows of up to 8 lines to a power of two of them, so that a write scales the
  /// thread's stripe offset inside its addressing mode (x86 scales by 1, 2, 4 or 8).
  static constexpr std::size_t row_bytes = [] {
    const std::size_t lines = (Count * sizeof(cell) + cache_line_bytes - 1) / cache_line_bytes;
    return (lines <= 8 ? std::bit_ceil(lines) : lines) * cache_line_bytes;
  }();

  /// The biased address of cell `index` (see biased_address); write through
  /// thread_copy<cell, row_bytes>.
  biased_address address(std::size_t index) noexcept {
    return reinterpret_cast<biased_address>(&cells_[index]) - row_bytes;
  }

  /// The sum of cell `index` over all stripes (relaxed loads; a concurrent write may or may
  /// not be included).
  T sum(std::size_t index) const noexcept {
    return [&]<std::size_t... Stripe>(std::index_sequence<Stripe...>) {
      return (cells_[Stripe * row_cells + index].load(std::memory_order_relaxed) + ...);
    }
    (std::make_index_sequence<stripe_count>{});
  }

 private:
  static constexpr std::size_t row_cells = row_bytes / sizeof(cell);

  alignas(cache_line_bytes) cell cells_[stripe_count * row_cells]{};
};

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
