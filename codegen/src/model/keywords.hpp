// The schema's keywords for each enum of the model, in one table per enum: the schema reader
// parses with it, the emitters and messages print with it, and a test compares it with the JSON
// Schema for editors.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace schemetric::codegen {

/// One keyword of an enum.
template <class Enum>
struct keyword {
  Enum value;
  std::string_view text;
};

/// Every keyword of an enum, in the order the schema reference and messages list them (which
/// need not be the enum's order).
template <class Enum, std::size_t Size>
struct keyword_table {
  std::array<keyword<Enum>, Size> entries;

  /// The keyword of `value`.
  [[nodiscard]] constexpr std::string_view text(Enum value) const noexcept {
    for (const keyword<Enum>& entry : entries) {
      if (entry.value == value) return entry.text;
    }
    return {};  // not reached: every enumerator has a keyword (tests check it)
  }
  /// The value whose keyword is `text`.
  [[nodiscard]] constexpr std::optional<Enum> find(std::string_view text) const noexcept {
    for (const keyword<Enum>& entry : entries) {
      if (entry.text == text) return entry.value;
    }
    return std::nullopt;
  }
  /// The keywords alone, for "did you mean" and lists in messages.
  [[nodiscard]] constexpr std::array<std::string_view, Size> texts() const noexcept {
    std::array<std::string_view, Size> result{};
    for (std::size_t i = 0; i < Size; ++i) result[i] = entries[i].text;
    return result;
  }
};

template <class Enum, class... Entries>
keyword_table(keyword<Enum>, Entries...) -> keyword_table<Enum, 1 + sizeof...(Entries)>;

/// The type of a metric family (`type:`). Same enumerators in the same order as the library's
/// `schemetric::metric_kind` (a test compares them).
enum class metric_kind { counter, gauge, histogram, stateset, info, summary };

inline constexpr keyword_table metric_kind_keywords{
    keyword<metric_kind>{metric_kind::counter, "counter"},
    keyword<metric_kind>{metric_kind::gauge, "gauge"},
    keyword<metric_kind>{metric_kind::histogram, "histogram"},
    keyword<metric_kind>{metric_kind::summary, "summary"},
    keyword<metric_kind>{metric_kind::info, "info"},
    keyword<metric_kind>{metric_kind::stateset, "stateset"},
};

/// How a label's values are known (`kind:` of a label).
enum class label_kind {
  enumeration,  ///< a closed set declared in the schema (`kind: enum`, the default)
  text,         ///< a free string set at run time (`kind: text`, info metrics only)
  route,        ///< HTTP route templates plus one no-match value (`kind: route`)
  status,       ///< HTTP status classes, or exact codes plus `other` (`kind: status`)
  bounded,      ///< values known at run time, at most `max_values` of them (`kind: bounded`)
};

inline constexpr keyword_table label_kind_keywords{
    keyword<label_kind>{label_kind::enumeration, "enum"},
    keyword<label_kind>{label_kind::text, "text"},
    keyword<label_kind>{label_kind::route, "route"},
    keyword<label_kind>{label_kind::status, "status"},
    keyword<label_kind>{label_kind::bounded, "bounded"},
};

/// The value type of a counter or a gauge (`value:`).
enum class metric_value { integer, floating };

inline constexpr keyword_table metric_value_keywords{
    keyword<metric_value>{metric_value::integer, "integer"},
    keyword<metric_value>{metric_value::floating, "float"},
};

/// The schema keyword of a metric kind ("counter", ...).
[[nodiscard]] constexpr std::string_view to_string(metric_kind kind) noexcept {
  return metric_kind_keywords.text(kind);
}

/// The schema keyword of a label kind ("enum", ...).
[[nodiscard]] constexpr std::string_view to_string(label_kind kind) noexcept {
  return label_kind_keywords.text(kind);
}

}  // namespace schemetric::codegen
