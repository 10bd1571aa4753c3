// C++ spellings of schema names and values: keywords and macros to avoid, and the enumerators
// of closed label sets and states.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/schema.hpp"

namespace schemetric::codegen::cpp {

/// True for the C++20 keywords and alternative tokens (`delete`, `and`, `co_await`, ...), plus
/// `import` and `module`.
[[nodiscard]] bool is_keyword(std::string_view word) noexcept;

/// True for lowercase names that compilers or the headers the library includes define as macros
/// (`linux` and `unix` under GNU modes, `errno`, `assert`, `stdin`, glibc's `si_pid`, ...): an
/// identifier spelled like one does not survive the preprocessor (a function-like macro where a
/// call follows, such as `registry.assert()`). emit/cpp/reserved_names.cpp holds the list.
[[nodiscard]] bool is_predefined_macro(std::string_view word) noexcept;

/// True for names the headers the library includes (the C library, Asio, fmt, Boost, the standard
/// library) declare at global scope: functions (`index`, `time`, `socket`), types, variables
/// and namespaces (`fmt`, `asio`). A schema's namespace may not be named like one.
[[nodiscard]] bool is_global_name(std::string_view word) noexcept;

/// The C++ identifier used for a label value or state: lowercase; every character outside
/// `[a-z0-9_]` (a UTF-8 sequence counts as one character) becomes `_`; a leading digit gets a `_`
/// prefix; a C++ keyword or predefined macro name gets a `_` suffix.
/// GET -> get, DELETE -> delete_, 2xx -> _2xx, "/api/x" -> _api_x.
[[nodiscard]] std::string safe_identifier(std::string_view value);

/// The C++ enumerator of an HTTP route template: the leading `/` is dropped, `{param}` becomes
/// `param`, then the safe_identifier rule applies; the root `/` is `root`.
/// /api/tasks/{task_id}/run -> api_tasks_task_id_run, /health -> health, /2fa -> _2fa.
[[nodiscard]] std::string route_identifier(std::string_view route_template);

/// The enumerators of a closed label set, in the order of its values: route templates by
/// route_identifier, every other value (and a route label's no-match value) by safe_identifier.
[[nodiscard]] std::vector<std::string> enumerators_of(const label_definition& label);

/// The enumerators of a stateset's states.
[[nodiscard]] std::vector<std::string> enumerators_of(std::span<const label_value> states);

}  // namespace schemetric::codegen::cpp
