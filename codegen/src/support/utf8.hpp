// UTF-8 checks for the generator's input: every text of a schema reaches outputs that must be
// UTF-8 (`# HELP` lines of the exposition, rule files, the reference), and error messages that
// quote it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace schemetric::codegen {

/// What is wrong at one place of a text.
struct text_problem {
  std::size_t offset = 0;  ///< of the first offending byte
  /// "invalid UTF-8 (byte 0xff)", "the control character U+0000", ...
  std::string what;
};

/// The first byte of `text` that does not begin a well-formed UTF-8 sequence (RFC 3629: no
/// overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence).
[[nodiscard]] std::optional<text_problem> first_invalid_utf8(std::string_view text);

/// The first problem of `text` as the text of a schema: invalid UTF-8, or a control character
/// other than tab and line breaks (YAML 1.2 allows no others in a file), or U+FFFE/U+FFFF.
[[nodiscard]] std::optional<text_problem> first_unprintable(std::string_view text);

/// The first problem of `text` as a string a schema gives (a name, a help text, a value):
/// invalid UTF-8, or a control character other than tab and line feed (which an escape in a
/// double-quoted YAML string can produce, such as "\0" or "\x1b").
[[nodiscard]] std::optional<text_problem> first_bad_string_character(std::string_view text);

/// `text` as one printable line of UTF-8, for quoting it in a message: line breaks and tabs
/// become `\n`, `\r`, `\t`, other control characters and every byte that is not part of a
/// well-formed UTF-8 sequence become `\xNN`.
[[nodiscard]] std::string printable(std::string_view text);

/// `text` cut to at most `max_bytes` bytes at a character boundary, with "..." appended when it
/// was cut: for quoting user text in messages.
[[nodiscard]] std::string excerpt(std::string_view text, std::size_t max_bytes);

}  // namespace schemetric::codegen
