// Finding the histogram bucket of an observation: a branch-free search of the bounds laid out
// as an implicit binary tree (the Eytzinger layout), one compare and one add per level.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <limits>
#include <type_traits>
#include <utility>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// The `N` bounds of a histogram (strictly increasing; +Inf is implicit) as a search tree.
template <std::size_t N>
class bucket_bounds {
 public:
  /// The depth of the tree: 2^levels - 1 nodes hold the bounds, padded with +Inf.
  static constexpr std::size_t levels = std::bit_width(N);
  /// What index_of returns for NaN: N (the +Inf bucket) when the tree has no padding,
  /// else a slot of its own past N, which readers count as +Inf.
  static constexpr std::size_t nan_index = (std::size_t{1} << levels) - 1;

  constexpr explicit bucket_bounds(const std::array<double, N>& bounds) noexcept {
    std::size_t next = 0;
    place(1, bounds, next);
  }

  /// The index of the first bound `value` is less than or equal to (the bucket `le` it
  /// counts in); N (the +Inf bucket) when `value` exceeds every bound, nan_index for NaN.
  constexpr std::size_t index_of(double value) const noexcept {
    return leaf_of_negated(-value) - first_leaf;
  }

  /// The leaf the search for -negated ends at: index_of(-negated) + first_leaf. (A caller
  /// that addresses cells from the leaf folds the subtraction into its address.)
  constexpr std::size_t leaf_of_negated(double negated) const noexcept {
    return search(negated, std::make_index_sequence<levels>{});
  }
  static constexpr std::size_t first_leaf = std::size_t{1} << levels;

 private:
  // Each level goes right when value > bound (or is NaN): the leaf reached after the last
  // level, less 2^levels, counts the bounds below the value. The tree holds the bounds
  // negated so that the test reads "not (-value >= -bound)": on x86-64 the carry flag of one
  // compare of the value's register with the bound in memory, added in by the next
  // instruction (compilers spend four instructions per level on the portable form).
  template <std::size_t... Level>
  constexpr std::size_t search(double negated, std::index_sequence<Level...>) const noexcept {
    std::size_t node = 1;
#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
    if (!std::is_constant_evaluated()) {
      ((node = carry_step(node, negated, negated_tree_[node]), static_cast<void>(Level)), ...);
      return node;
    }
#endif
    ((node = 2 * node + (!(negated >= negated_tree_[node]) ? 1 : 0), static_cast<void>(Level)),
     ...);
    return node;
  }

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
  // 2 * node + carry, the carry set when negated < bound or either is NaN (comisd).
  static std::size_t carry_step(std::size_t node, double negated, const double& bound) noexcept {
    asm("comisd {%[bound], %[negated]|%[negated], %[bound]}\n\t"
        "adc {%[node], %[node]|%[node], %[node]}"
        : [node] "+r"(node)
        : [negated] "x"(negated), [bound] "m"(bound)
        : "cc");
    return node;
  }
#endif

  // In-order over the tree: node i has children 2i and 2i + 1, so in-order is sorted order.
  constexpr void place(std::size_t node, const std::array<double, N>& bounds,
                       std::size_t& next) noexcept {
    if (node >= negated_tree_.size()) return;
    place(2 * node, bounds, next);
    negated_tree_[node] = next < N ? -bounds[next] : -std::numeric_limits<double>::infinity();
    ++next;
    place(2 * node + 1, bounds, next);
  }

  std::array<double, std::size_t{1} << levels> negated_tree_{};  // [0] is not a node
};

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
