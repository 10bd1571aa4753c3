// Label values as generated code declares them: closed sets (enums), free text, no labels.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// The longest label value the exposition writes, in bytes: a bounded label folds a longer
/// value into its overflow value; a text or info label value is cut after the character that
/// reaches it.
inline constexpr std::size_t max_label_value_bytes = 1024;

/// An enum generated from a closed label value set: `schemetric_label_values(E)`, found by
/// argument-dependent lookup, returns the exposition spelling of every enumerator in order.
template <class E>
concept closed_label_enum = std::is_enum_v<E> && requires(E e) {
  { schemetric_label_values(e) } -> std::convertible_to<std::span<const std::string_view>>;
};

/// The number of values of a closed label set.
template <closed_label_enum E>
inline constexpr std::size_t label_cardinality = schemetric_label_values(E{}).size();

/// The exposition spelling of a closed label value.
template <closed_label_enum E>
constexpr std::string_view label_text(E value) noexcept {
  return schemetric_label_values(E{})[static_cast<std::size_t>(value)];
}

/// One label of a generated label struct, holding a value of the closed set `E`.
/// It converts implicitly from `E` and has no default constructor, so a label left out of
/// a designated initializer, a string, or a value of another label's enum does not compile.
/// Like every label type of a series index, it describes its value set by index: the number
/// of indexes, the text of each, and whether an index is in use yet (always, for a closed set).
template <closed_label_enum E>
class label {
 public:
  using value_type = E;
  /// The number of values.
  static constexpr std::size_t cardinality = label_cardinality<E>;
  /// Whether values come into use at run time (bounded labels): no, the set is closed.
  static constexpr bool learns_values = false;

  constexpr label(E value) noexcept : value_(value) {}  // NOLINT: implicit by design
  constexpr E value() const noexcept { return value_; }
  constexpr std::size_t index() const noexcept { return static_cast<std::size_t>(value_); }
  friend constexpr bool operator==(label, label) = default;

  /// The exposition spelling of the value of index `index` (< cardinality).
  static constexpr std::string_view text_at(std::size_t index) noexcept {
    return label_text(static_cast<E>(index));
  }
  /// Whether index `index` is in use: every value of a closed set is.
  static constexpr bool in_use(std::size_t) noexcept { return true; }
  /// The label of index `index` (< cardinality).
  static constexpr label from_index(std::size_t index) noexcept { return static_cast<E>(index); }

 private:
  E value_;
};

/// A free-text label (kind `text` in the schema), allowed only on info metrics, whose single
/// series carries values known at run time such as a version string. It refers to the
/// caller's characters: the info metric copies them when it is set.
class text_label {
 public:
  constexpr text_label(std::string_view value) noexcept : value_(value) {}  // NOLINT: implicit
  constexpr text_label(const char* value) noexcept : value_(value) {}       // NOLINT: implicit
  text_label(const std::string& value) noexcept : value_(value) {}          // NOLINT: implicit
  constexpr std::string_view value() const noexcept { return value_; }

 private:
  std::string_view value_;
};

/// The label set of a metric without labels (the shape of a generated label struct: no
/// members, no names).
struct no_labels {
  static constexpr std::array<std::string_view, 0> schemetric_label_names{};
  constexpr decltype(auto) schemetric_labels(auto visit) const { return visit(); }
};

SCHEMETRIC_END_NAMESPACE
