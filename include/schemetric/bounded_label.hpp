// Bounded open label sets: values known only at run time (tenant, model, tool), at most N
// distinct ones exposed, later ones folded into one overflow value and counted.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "schemetric/config.hpp"
#include "schemetric/detail/bounded_set.hpp"
#include "schemetric/detail/utf8.hpp"
#include "schemetric/label.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {
/// False for every label: a bounded label constructed from a number or nullptr names itself in
/// the failed assertion.
template <class T, class Label>
inline constexpr bool bounded_label_rejected = false;
}  // namespace detail

/// Base of a generated `kind: bounded` label struct (`max_values: MaxValues` in the schema):
///
///     struct ai_model : schemetric::bounded_label<ai_model, 8> {
///       using bounded_label::bounded_label;
///       static constexpr std::string_view label_name = "ai_model";
///       static constexpr std::string_view overflow_value = "other";
///     };
///
/// Constructing one resolves a run-time string to an index: the first MaxValues distinct
/// values ever resolved get the indexes 0, 1, ..., MaxValues - 1 in order of first use; every
/// later distinct value gets the index MaxValues, exposed as `Derived::overflow_value`, and
/// each such folded resolution is counted (overflow_count()). Values compare byte for byte;
/// the empty string is a value like any other. The resolved label is a small value (the
/// index): keep it and reuse it, and later uses cost nothing.
///
/// The set of values is process-wide: one per `Derived` type, shared by every registry and
/// every metric that uses the label, and never reset or freed while the process runs.
/// Series of different metrics with the same value therefore have the same index. (A process
/// that loads several shared objects built with hidden visibility, each defining the label,
/// gets one set per shared object.)
///
/// There is no default constructor, so a label left out of a designated initializer does not
/// compile.
///
/// Cost: resolving hashes the value (FNV-1a over its bytes) and probes a hash table of at least
/// 2 * MaxValues slots: lock-free and allocation-free for a known value and for a folded one;
/// the first use of a value, while the budget lasts, allocates one copy of it. However the
/// values are chosen (they may come from clients), a look-up probes at most the whole table.
/// A value keeps its index for the life of the process: one that folded once always folds.
///
/// Thread safety: any thread may resolve at any time, also while others read text_at(),
/// known_count() and overflow_count(). Many threads resolving the same new value at once get
/// one index for it; racing new values never take more than MaxValues indexes.
template <class Derived, std::size_t MaxValues>
class bounded_label {
 public:
  static_assert(MaxValues > 0, "a bounded label needs max_values >= 1");

  /// The number of distinct values exposed under their own text (the schema's max_values).
  static constexpr std::size_t max_values = MaxValues;
  /// The number of index values: max_values, plus one for the overflow.
  static constexpr std::size_t cardinality = MaxValues + 1;
  /// Whether values come into use at run time: yes, as they are resolved.
  static constexpr bool learns_values = true;

  /// Resolves `value` (see the class comment). Explicit, so that a view of a run-time buffer
  /// becomes a label only where it is spelled `ai_model{view}`; literals and std::string
  /// convert implicitly (below) so that `.ai_model = "gpt-4o"` and `.ai_model = request.model`
  /// read naturally in a designated initializer.
  /// Failure behaviour: never throws; if memory for a new value cannot be allocated, the
  /// value folds into the overflow (and is counted) like a value past the budget. So does a
  /// value no scrape could carry as given: one that is not well-formed UTF-8, holds a control
  /// character other than tab and line feed (NUL, CR, ...), or is longer than
  /// max_label_value_bytes; it takes no index and is not stored.
  /// With metrics compiled out (SCHEMETRIC_ENABLED=0) nothing is resolved or stored: the
  /// label is never read, and the instrumented code must cost nothing.
  explicit bounded_label(std::string_view value) noexcept : bounded_label(value, false) {}

  /// Resolves the null-terminated string `value`. A null pointer known only at run time
  /// resolves to the overflow value (and is counted) instead of being read.
  bounded_label(const char* value) noexcept  // NOLINT: implicit by design (see above)
      : bounded_label(value != nullptr ? std::string_view(value) : std::string_view(),
                      value == nullptr) {}

  /// `0`, `nullptr` and numbers are not label values (`0` would convert to a null `const
  /// char*`): rejected with a message naming the label.
  template <class T>
  requires(std::is_arithmetic_v<T> || std::is_null_pointer_v<T>) bounded_label(T)
  noexcept : index_(0) {  // NOLINT: implicit, chosen over `const char*`
    static_assert(detail::bounded_label_rejected<T, Derived>,
                  "bounded label: 0, nullptr or a number is not a label value; give a string");
  }

  /// Resolves the characters of `value`; the label does not refer to `value` afterwards.
  bounded_label(const std::string& value) noexcept  // NOLINT: implicit by design (see above)
      : bounded_label(std::string_view(value)) {}

  /// The value's index: 0..max_values-1 for a value with its own series, max_values for the
  /// overflow.
  std::size_t index() const noexcept { return index_; }

  /// The text of the index `index`: the value that was given that index,
  /// `Derived::overflow_value` for max_values, empty for an index not assigned yet (or larger
  /// than max_values).
  /// Every index a resolution has returned is assigned by then. The view stays valid for the
  /// life of the process. Thread safety: may be called at any time from any thread.
  static std::string_view text_at(std::size_t index) noexcept {
    if (index == MaxValues) return Derived::overflow_value;
    return values_.text_at(index);
  }

  /// How many of the max_values indexes are assigned (0..max_values); grows, never shrinks.
  /// Every index below it has its text. Thread safety: may be called at any time.
  static std::size_t known_count() noexcept { return values_.known_count(); }

  /// Whether index `index` is in use: a value resolved to it (the overflow: one folded).
  /// Thread safety: may be called at any time.
  static bool in_use(std::size_t index) noexcept {
    return index < known_count() || (index == MaxValues && overflow_count() > 0);
  }

  /// The label of index `index`. Precondition: `index` is in use (resolving its text yields
  /// it again).
  static Derived from_index(std::size_t index) noexcept { return Derived(text_at(index)); }

  /// How many resolutions have returned the overflow index since the process started.
  /// Thread safety: may be called at any time; a relaxed read.
  static std::uint64_t overflow_count() noexcept { return values_.overflow_count(); }

 private:
  // constinit: ready before any dynamic initializer runs; trivially destructible, so still
  // usable by threads that outlive static destruction.
  static inline constinit detail::bounded_set<MaxValues> values_{};

  // Resolves `value`, or folds a null pointer (`fold`) into the overflow without reading it.
  bounded_label(std::string_view value, [[maybe_unused]] bool fold) noexcept
#if SCHEMETRIC_ENABLED
      : index_(fold || !detail::exposable_as_is(value, max_label_value_bytes)
                   ? values_.fold()
                   : values_.resolve(value))
#else
      : index_((static_cast<void>(value), 0))
#endif
  {
    static_assert(std::is_base_of_v<bounded_label, Derived>,
                  "Derived of bounded_label<Derived, N> must derive from it");
    static_assert(std::is_convertible_v<decltype(Derived::overflow_value), std::string_view>,
                  "a bounded label declares `static constexpr std::string_view overflow_value`");
  }

  std::size_t index_;
};

/// A label type derived from `bounded_label` (a `kind: bounded` label of generated code).
template <class T>
concept bounded_label_type = std::derived_from<T, bounded_label<T, T::max_values>>;

SCHEMETRIC_END_NAMESPACE
