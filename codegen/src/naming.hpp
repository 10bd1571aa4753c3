// Naming rules shared by the parser and the emitters: name charset, C++ keywords, safe C++
// spellings of label values, and "did you mean" suggestions.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace schemetric::codegen {

/// True for `[a-z][a-z0-9_]*`, the charset of schema, metric, label and unit names.
[[nodiscard]] bool is_valid_name(std::string_view name) noexcept;

/// True for the C++20 keywords and alternative tokens (`delete`, `and`, `co_await`, ...).
[[nodiscard]] bool is_cpp_keyword(std::string_view word) noexcept;

/// True for lowercase names that compilers or the standard headers define as object-like macros
/// (`linux` and `unix` under GNU modes, `errno`, ...): an identifier spelled like one does not
/// survive the preprocessor.
[[nodiscard]] bool is_predefined_macro(std::string_view word) noexcept;

/// The C++ identifier used for a label value or state: lowercase; every character outside
/// `[a-z0-9_]` (a UTF-8 sequence counts as one character) becomes `_`; a leading digit gets a `_`
/// prefix; a C++ keyword or predefined macro name gets a `_` suffix.
/// GET -> get, DELETE -> delete_, 2xx -> _2xx, "/api/x" -> _api_x.
[[nodiscard]] std::string safe_identifier(std::string_view value);

/// The C++ enumerator of an HTTP route template: the leading `/` is dropped, `{param}` becomes
/// `param`, then the safe_identifier rule applies; the root `/` is `root`.
/// /api/tasks/{task_id}/run -> api_tasks_task_id_run, /health -> health, /2fa -> _2fa.
[[nodiscard]] std::string route_identifier(std::string_view route_template);

/// The optimal-string-alignment edit distance (insertions, deletions, substitutions and
/// transpositions of adjacent characters each cost 1).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` if it is close enough to be a likely typo, else nothing.
[[nodiscard]] std::optional<std::string_view> closest_match(
    std::string_view word, std::span<const std::string_view> candidates);

}  // namespace schemetric::codegen
