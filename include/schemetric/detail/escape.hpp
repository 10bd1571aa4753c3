// Escaping for the text formats: label values and HELP text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "schemetric/config.hpp"
#include "schemetric/detail/utf8.hpp"
#include "schemetric/label.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// The replacement character U+FFFD in UTF-8, for what cannot be written as given.
inline constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

/// Appends the characters of `text` that start within its first `max_bytes` bytes: runs of
/// ASCII bytes `plain(c)` accepts (it rejects bytes >= 0x80) and well-formed UTF-8 sequences
/// as they are, each
/// other ASCII byte as `escape(out, c)` writes it, and each byte that is not part of
/// well-formed UTF-8 as U+FFFD. The escaping of every text format the library writes.
template <class Plain, class Escape>
void append_escaped_by(std::string& out, std::string_view text, std::size_t max_bytes, Plain plain,
                       Escape escape) {
  const std::size_t end = text.size() < max_bytes ? text.size() : max_bytes;
  std::size_t run = 0;  // the start of the run of bytes copied as they are
  std::size_t i = 0;
  while (i < end) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (plain(c)) {
      ++i;
      continue;
    }
    std::size_t length = 1;
    if (c >= 0x80) {
      length = utf8_sequence_length(text, i);
      if (length != 0) {
        i += length;  // well-formed: part of the plain run
        continue;
      }
      length = 1;
    }
    out.append(text.data() + run, i - run);
    if (c >= 0x80) {
      out += replacement_character;
    } else {
      escape(out, c);
    }
    i += length;
    run = i;
  }
  out.append(text.data() + run, i - run);
}

/// Appends `text` escaped: backslash and line feed become `\\` and `\n`, a double quote `\"`
/// with `escape_quote`; each byte that is not part of well-formed UTF-8 and each control
/// character but tab becomes U+FFFD, so that no value can make a parser reject the scrape.
/// Writes the characters that start within the first `max_bytes` bytes of `text`.
inline void append_escaped(std::string& out, std::string_view text, bool escape_quote,
                           std::size_t max_bytes) {
  append_escaped_by(
      out, text, max_bytes,
      [escape_quote](unsigned char c) {
        return c >= 0x20 && c < 0x80 && c != '\\' && (c != '"' || !escape_quote);
      },
      [](std::string& to, unsigned char c) {
        switch (c) {
          case '\\':
            to += "\\\\";
            break;
          case '"':
            to += "\\\"";
            break;
          case '\n':
            to += "\\n";
            break;
          case '\t':
            to += '\t';
            break;
          default:
            to += replacement_character;
        }
      });
}

/// Appends `value` escaped as a label value (Prometheus text format 0.0.4 and OpenMetrics 1.0
/// alike), cut after max_label_value_bytes (see append_escaped).
inline void append_label_value(std::string& out, std::string_view value) {
  append_escaped(out, value, true, max_label_value_bytes);
}

/// Appends `text` escaped as HELP text; with `escape_quote` (OpenMetrics) a double quote
/// becomes `\"` as well. The 0.0.4 format does not escape quotes in HELP, and its parsers
/// would keep the backslash.
inline void append_help(std::string& out, std::string_view text, bool escape_quote) {
  append_escaped(out, text, escape_quote, text.size());
}

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
