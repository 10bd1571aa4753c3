// The process-wide value table of a bounded label: lock-free look-up of known values, first
// use published by compare-and-swap, dense indexes for the first N distinct values.
#pragma once

#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <new>
#include <string_view>
#include <utility>

#include "schemetric/config.hpp"
#include "schemetric/detail/striped_cells.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// FNV-1a, 64 bits, over the bytes of `text`.
constexpr std::uint64_t bounded_value_hash(std::string_view text) noexcept {
  std::uint64_t hash = 0xcbf29ce484222325u;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3u;
  }
  return hash;
}

/// One distinct value of a bounded label, created on the value's first use and never freed
/// (label values live as long as the process, so a reader never sees one disappear).
struct bounded_entry {
  static constexpr std::size_t unassigned = std::numeric_limits<std::size_t>::max();

  std::uint64_t hash;
  std::string_view text;  // the characters follow the entry in the same allocation
  // Its index, or unassigned during the short time between publishing the entry in the
  // hash table and taking an index; set once, by compare-and-swap.
  mutable std::atomic<std::size_t> index{unassigned};

  bool holds(std::uint64_t value_hash, std::string_view value) const noexcept {
    return hash == value_hash && text == value;
  }
};

/// A new entry holding a copy of `value`, nullptr when memory is exhausted.
inline bounded_entry* make_bounded_entry(std::uint64_t hash, std::string_view value) noexcept {
  void* storage = ::operator new(sizeof(bounded_entry) + value.size(), std::nothrow);
  if (storage == nullptr) return nullptr;
  char* characters = static_cast<char*>(storage) + sizeof(bounded_entry);
  if (!value.empty()) std::memcpy(characters, value.data(), value.size());
  return ::new (storage) bounded_entry{hash, std::string_view(characters, value.size())};
}

/// Frees an entry that was never published (it lost the race to publish its value).
inline void destroy_bounded_entry(bounded_entry* entry) noexcept {
  entry->~bounded_entry();
  ::operator delete(static_cast<void*>(entry));
}

/// The distinct values of one bounded label, shared by the whole process.
///
/// The first `MaxValues` distinct values get the indexes 0, 1, ... in the order they are first
/// resolved; every later value resolves to MaxValues (the overflow) and is counted.
///
/// Layout and algorithm:
/// - `slots_`, an open-addressing hash table (linear probing) of at least 2 * MaxValues slots,
///   maps a value to its entry. Slots go from null to an entry once and never change again,
///   so a look-up is a few acquire loads and string compares, with no lock and no allocation.
///   A new value is copied into an entry and published with a compare-and-swap on the first
///   empty slot of its probe sequence; a thread that loses that race re-reads the slot and
///   finds the winner's entry when it holds the same value, so a value has one entry.
/// - `by_index_[k]` is the entry of index k and `known_` the number of indexes assigned. An
///   entry takes index k = known_ by a compare-and-swap on by_index_[k]; any thread then sets
///   that entry's index to k and only after that advances known_ to k + 1 (helping one another,
///   so no thread waits for another). Hence: for every k < known_, by_index_[k] is set and its
///   index is k, visible to whoever read known_ with acquire; indexes are dense, without gaps
///   or duplicates, even when many threads race.
/// - Once known_ reaches MaxValues a new value is not stored (the table never fills up with
///   overflow values): a look-up that ends on an empty slot folds it. An entry published in a
///   race just before the budget ran out gets the overflow index and keeps it, so a value
///   resolves to the same index in every thread.
///
/// Constant-initialized and trivially destructible: usable from other static initializers
/// and during static destruction; its entries are never freed.
template <std::size_t MaxValues>
class bounded_set {
 public:
  static_assert(MaxValues > 0, "a bounded label needs max_values >= 1");
  static constexpr std::size_t overflow_index = MaxValues;

  /// The index of `value`: 0..MaxValues-1 for one of the first MaxValues distinct values,
  /// MaxValues otherwise (also when memory for a new value cannot be allocated).
  std::size_t resolve(std::string_view value) noexcept {
    const std::size_t index = find_or_insert(value);
    if (index == overflow_index) overflow_.fetch_add(1, std::memory_order_relaxed);
    return index;
  }

  /// The overflow index, counted as a folded resolution: for a value that must not be read.
  std::size_t fold() noexcept {
    overflow_.fetch_add(1, std::memory_order_relaxed);
    return overflow_index;
  }

  /// The value of index `index` when it is below known_count(), else empty.
  std::string_view text_at(std::size_t index) const noexcept {
    if (index >= MaxValues || index >= known_.load(std::memory_order_acquire)) return {};
    return by_index_[index].load(std::memory_order_acquire)->text;
  }

  /// How many of the MaxValues indexes are assigned.
  std::size_t known_count() const noexcept { return known_.load(std::memory_order_acquire); }

  /// How many resolutions returned the overflow index.
  std::uint64_t overflow_count() const noexcept {
    return overflow_.load(std::memory_order_relaxed);
  }

 private:
  static constexpr std::size_t slot_count = std::bit_ceil(2 * MaxValues);
  static constexpr std::size_t slot_mask = slot_count - 1;

  std::size_t find_or_insert(std::string_view value) noexcept {
    const std::uint64_t hash = bounded_value_hash(value);
    std::size_t slot = static_cast<std::size_t>(hash ^ (hash >> 32)) & slot_mask;
    bounded_entry* candidate = nullptr;  // allocated at most once, on a value's first use
    std::size_t index = overflow_index;
    for (std::size_t probe = 0; probe < slot_count; ++probe, slot = (slot + 1) & slot_mask) {
      const bounded_entry* entry = slots_[slot].load(std::memory_order_acquire);
      if (entry == nullptr && known_.load(std::memory_order_acquire) >= MaxValues) {
        // Not known, and the budget is spent: the value folds without taking a slot. But
        // another thread may have published it here, and taken the last index, after the
        // load above: look again, now that the budget was seen spent. An entry that is still
        // missing can no longer get an index of its own (every index's entry was in the table
        // before known_ counted it), so folding is what every thread will see for it.
        entry = slots_[slot].load(std::memory_order_acquire);
        if (entry == nullptr) break;
      }
      if (entry == nullptr) {
        if (candidate == nullptr) candidate = make_bounded_entry(hash, value);
        if (candidate == nullptr) break;
        if (slots_[slot].compare_exchange_strong(entry, candidate, std::memory_order_acq_rel,
                                                 std::memory_order_acquire)) {
          entry = std::exchange(candidate, nullptr);
        }
        // else `entry` is what another thread published here first, maybe this very value.
      }
      if (entry->holds(hash, value)) {
        index = settle(*entry);
        break;
      }
    }
    if (candidate != nullptr) destroy_bounded_entry(candidate);
    return index;
  }

  // The index of a published entry, taking one if it has none yet.
  std::size_t settle(const bounded_entry& entry) noexcept {
    std::size_t index = entry.index.load(std::memory_order_acquire);
    if (index == bounded_entry::unassigned) index = assign_index(entry);
    // The thread that set the index may not have advanced known_ yet; advance it before
    // handing the index out, so that text_at(index) is valid for whoever uses it. known_ is
    // index or more here (an index k is only set after known_ was read as k). Loaded first:
    // a compare-and-swap, even a failing one, would take the line away from other readers.
    std::size_t known = known_.load(std::memory_order_acquire);
    if (index < MaxValues && known == index) [[unlikely]] {
      known_.compare_exchange_strong(known, index + 1, std::memory_order_acq_rel,
                                     std::memory_order_acquire);
    }
    return index;
  }

  std::size_t assign_index(const bounded_entry& entry) noexcept {
    for (;;) {
      // Read known_ before the entry's index: every entry of by_index_[0..known) had its index
      // set before known_ passed it, so an index still unassigned after this read means the
      // entry is in none of those slots.
      const std::size_t known = known_.load(std::memory_order_acquire);
      std::size_t index = entry.index.load(std::memory_order_acquire);
      if (index != bounded_entry::unassigned) return index;
      if (known >= MaxValues) {
        if (entry.index.compare_exchange_strong(index, overflow_index, std::memory_order_acq_rel,
                                                std::memory_order_acquire)) {
          return overflow_index;
        }
        return index;
      }
      // Claim index `known` for this entry, or find which entry claimed it; then finish that
      // claim (set its index, advance known_) whoever made it, and look again.
      const bounded_entry* holder = nullptr;
      if (by_index_[known].compare_exchange_strong(holder, &entry, std::memory_order_acq_rel,
                                                   std::memory_order_acquire)) {
        holder = &entry;
      }
      std::size_t unset = bounded_entry::unassigned;
      holder->index.compare_exchange_strong(unset, known, std::memory_order_acq_rel,
                                            std::memory_order_acquire);
      std::size_t expected = known;
      known_.compare_exchange_strong(expected, known + 1, std::memory_order_acq_rel,
                                     std::memory_order_acquire);
    }
  }

  // Read by every resolution; written once per distinct value.
  alignas(cache_line_bytes) std::atomic<const bounded_entry*> slots_[slot_count]{};
  std::atomic<const bounded_entry*> by_index_[MaxValues]{};
  std::atomic<std::size_t> known_{0};
  // Written by every folded resolution: kept off the lines that look-ups read.
  alignas(cache_line_bytes) std::atomic<std::uint64_t> overflow_{0};
};

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
