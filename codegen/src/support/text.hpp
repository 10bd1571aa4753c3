// Text helpers every stage uses: the schema's name charset, "did you mean" suggestions and the
// quoted lists of diagnostics.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "support/diagnostics.hpp"

namespace schemetric::codegen {

/// True for `[a-z][a-z0-9_]*`, the charset of schema, metric, label, tracker and unit names.
[[nodiscard]] bool is_valid_name(std::string_view name) noexcept;

/// The optimal-string-alignment edit distance (insertions, deletions, substitutions and
/// transpositions of adjacent characters each cost 1).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` if it is close enough to be a likely typo, else nothing.
[[nodiscard]] std::optional<std::string_view> closest_match(
    std::string_view word, std::span<const std::string_view> candidates);

/// "; did you mean 'x'?" when `word` looks like a typo of a candidate, else "".
[[nodiscard]] std::string did_you_mean(std::string_view word,
                                       std::span<const std::string_view> candidates);

/// "'a'", "'a' or 'b'", "'a', 'b' or 'c'".
[[nodiscard]] std::string quoted_or_list(std::span<const std::string_view> words);

/// "'a'", "'a' and 'b'", "'a', 'b' and 'c'".
[[nodiscard]] std::string quoted_and_list(std::span<const std::string_view> words);

/// "LINE:COLUMN", as diagnostics cite an earlier position ("first defined at 4:3").
[[nodiscard]] std::string position_text(source_position position);

/// "a" or "an" for the noun `word` (by its first letter: "an enum", "a histogram").
[[nodiscard]] std::string_view article_for(std::string_view word) noexcept;

}  // namespace schemetric::codegen
