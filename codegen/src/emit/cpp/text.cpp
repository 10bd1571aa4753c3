// C++ source text: literals, comments and the line layout of the generated header.
#include "emit/cpp/text.hpp"

#include <cmath>
#include <cstdint>

#include <fmt/format.h>

namespace schemetric::codegen::cpp {
namespace {

// The length of the valid UTF-8 sequence starting at `text[at]` (2 to 4), or 0 when the bytes
// there do not form one (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
std::size_t utf8_sequence_at(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) {
    return static_cast<unsigned char>(text[i]);
  };
  const unsigned char lead = byte(at);
  std::size_t length = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead == 0xe0) second_min = 0xa0;  // overlong
    if (lead == 0xed) second_max = 0x9f;  // surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead == 0xf0) second_min = 0x90;  // overlong
    if (lead == 0xf4) second_max = 0x8f;  // past U+10FFFF
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(at + 1) < second_min || byte(at + 1) > second_max) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if ((byte(at + i) & 0xc0) != 0x80) return 0;
  }
  return length;
}

// `prefix item, item, ...suffix` on one line, however long.
std::string on_one_line(std::string_view prefix, std::span<const std::string> items,
                        std::string_view suffix) {
  std::string line{prefix};
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) line += ", ";
    line += items[i];
  }
  line += suffix;
  return line;
}

// `prefix item, item, ...suffix` on one line when it fits, else with the items in lines aligned
// under the first one: as many per line as fit, or one per line.
std::string wrapped(std::string_view prefix, std::span<const std::string> items,
                    std::string_view suffix, bool one_item_per_line) {
  const std::string one_line = on_one_line(prefix, items, suffix);
  if (one_line.size() <= column_limit) return one_line + "\n";

  const std::string indent(prefix.size(), ' ');
  std::string text{prefix};
  std::size_t line_length = prefix.size();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const bool last = i + 1 == items.size();
    const std::string piece = items[i] + (last ? std::string{suffix} : std::string{","});
    if (i > 0) {
      if (one_item_per_line || line_length + 1 + piece.size() > column_limit) {
        text += "\n" + indent;
        line_length = indent.size();
      } else {
        text += ' ';
        ++line_length;
      }
    }
    text += piece;
    line_length += piece.size();
  }
  return text + "\n";
}

}  // namespace

std::string cpp_string_literal(std::string_view text) {
  std::string literal = "\"";
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      literal += '\\';
      literal += c;
    } else if (c == '?' && !literal.empty() && literal.back() == '?') {
      // "??=" and friends are trigraphs before C++17, and GCC's -Wtrigraphs (in -Wall) flags
      // them in any mode: break every "??" pair.
      literal += "\\?";
    } else if (c == '\n') {
      literal += "\\n";
    } else if (c == '\t') {
      literal += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      literal += fmt::format("\\{:03o}", byte);
    } else if (byte >= 0x80) {
      if (const std::size_t length = utf8_sequence_at(text, i); length > 0) {
        literal += text.substr(i, length);
        i += length;
        continue;
      }
      literal += fmt::format("\\{:03o}", byte);
    } else {
      literal += c;
    }
    ++i;
  }
  literal += '"';
  return literal;
}

std::string comment_text(std::string_view text) {
  std::string line;
  line.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const char shown = (byte < 0x20 || byte == 0x7f) ? ' ' : c;
    // Runs of spaces (a line break followed by indentation) read as one.
    if (shown == ' ' && (line.empty() || line.back() == ' ')) continue;
    line += shown;
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  // A backslash ending a line would splice the next line into the comment ([lex.phases]/2); so
  // would the trigraph "??/" where trigraphs are still enabled (C++14 and earlier).
  if (!line.empty() && (line.back() == '\\' || line.ends_with("?\?/"))) line += '.';
  return line;
}

std::string cpp_double_literal(double value) {
  std::string literal = fmt::format("{}", value);
  if (literal.find_first_of(".eEn") == std::string::npos) literal += ".0";
  return literal;
}

std::string seconds_literal(double seconds) {
  if (seconds == std::floor(seconds) && seconds < 1e15) {
    return fmt::format("{}", static_cast<std::int64_t>(seconds));
  }
  return cpp_double_literal(seconds);
}

std::string section_rule(std::string_view title) {
  std::string line = fmt::format("// --- {} ", title);
  if (line.size() < 80) line.append(80 - line.size(), '-');
  return line + "\n";
}

std::string packed(std::string_view prefix, std::span<const std::string> items,
                   std::string_view suffix) {
  return wrapped(prefix, items, suffix, false);
}

std::string one_per_line(std::string_view prefix, std::span<const std::string> items,
                         std::string_view suffix) {
  return wrapped(prefix, items, suffix, true);
}

std::string namespace_section(std::string_view title, std::string_view name,
                              std::span<const std::string> declarations) {
  std::string text = section_rule(title);
  text += fmt::format("namespace {} {{\n\n", name);
  for (std::size_t i = 0; i < declarations.size(); ++i) {
    if (i > 0) text += "\n";
    text += declarations[i];
  }
  return text + fmt::format("\n}}  // namespace {}\n\n", name);
}

std::string declaration(std::string_view head, std::string_view parameters, std::string_view tail,
                        std::size_t indent) {
  const std::string one_line = fmt::format("{}({}){}", head, parameters, tail);
  if (one_line.size() <= column_limit) return one_line + "\n";
  return fmt::format("{}(\n{}{}){}\n", head, std::string(indent, ' '), parameters, tail);
}

}  // namespace schemetric::codegen::cpp
