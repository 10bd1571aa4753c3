// UTF-8 checks for the generator's input.
#include "support/utf8.hpp"

#include <fmt/format.h>

namespace schemetric::codegen {
namespace {

// One decoded character: its code point and byte length; length 0 when the bytes at the
// position do not begin a well-formed sequence.
struct decoded {
  char32_t code_point = 0;
  std::size_t length = 0;
};

bool is_continuation(unsigned char byte) noexcept {
  return (byte & 0xC0) == 0x80;
}

// RFC 3629, table 3-7 of the Unicode standard: the second byte's range depends on the first so
// that overlong forms, surrogates and code points above U+10FFFF are rejected.
decoded decode(std::string_view text, std::size_t at) noexcept {
  const auto byte = [&](std::size_t i) {
    return static_cast<unsigned char>(text[at + i]);
  };
  const unsigned char first = byte(0);
  if (first < 0x80) return {first, 1};
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  char32_t code_point = 0;
  if (first >= 0xC2 && first <= 0xDF) {
    length = 2;
    code_point = first & 0x1F;
  } else if (first >= 0xE0 && first <= 0xEF) {
    length = 3;
    code_point = first & 0x0F;
    if (first == 0xE0) low = 0xA0;   // overlong
    if (first == 0xED) high = 0x9F;  // surrogates
  } else if (first >= 0xF0 && first <= 0xF4) {
    length = 4;
    code_point = first & 0x07;
    if (first == 0xF0) low = 0x90;   // overlong
    if (first == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return {};
  }
  if (at + length > text.size()) return {};
  if (byte(1) < low || byte(1) > high) return {};
  for (std::size_t i = 1; i < length; ++i) {
    if (!is_continuation(byte(i))) return {};
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  return {code_point, length};
}

std::string invalid_at(std::string_view text, std::size_t at) {
  return fmt::format("invalid UTF-8 (byte 0x{:02x})", static_cast<unsigned char>(text[at]));
}

// The first character of `text` that is invalid UTF-8 or for which `rejected` holds.
template <class Rejected>
std::optional<text_problem> first_problem(std::string_view text, Rejected rejected) {
  std::size_t at = 0;
  while (at < text.size()) {
    const decoded character = decode(text, at);
    if (character.length == 0) return text_problem{at, invalid_at(text, at)};
    if (rejected(character.code_point)) {
      const bool control = character.code_point < 0x20 ||
                           (character.code_point >= 0x7F && character.code_point <= 0x9F);
      return text_problem{at, fmt::format("{}U+{:04X}", control ? "the control character " : "",
                                          static_cast<std::uint32_t>(character.code_point))};
    }
    at += character.length;
  }
  return std::nullopt;
}

bool is_control(char32_t c) noexcept {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

}  // namespace

std::optional<text_problem> first_invalid_utf8(std::string_view text) {
  return first_problem(text, [](char32_t) { return false; });
}

std::optional<text_problem> first_unprintable(std::string_view text) {
  // YAML 1.2 c-printable, plus U+0085 (NEL) which it allows but yaml-cpp reads as a line break.
  return first_problem(text, [](char32_t c) {
    return (is_control(c) && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF;
  });
}

std::optional<text_problem> first_bad_string_character(std::string_view text) {
  return first_problem(text, [](char32_t c) { return is_control(c) && c != '\t' && c != '\n'; });
}

std::string printable(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const decoded character = decode(text, at);
    const std::size_t length = character.length == 0 ? 1 : character.length;
    if (character.length == 0 || is_control(character.code_point)) {
      const auto byte = static_cast<unsigned char>(text[at]);
      if (byte == '\n') {
        result += "\\n";
      } else if (byte == '\r') {
        result += "\\r";
      } else if (byte == '\t') {
        result += "\\t";
      } else {
        for (std::size_t i = 0; i < length; ++i) {
          result += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[at + i]));
        }
      }
    } else {
      result.append(text.substr(at, length));
    }
    at += length;
  }
  return result;
}

std::string excerpt(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string{text};
  std::size_t cut = max_bytes;
  while (cut > 0 && is_continuation(static_cast<unsigned char>(text[cut]))) --cut;
  return std::string{text.substr(0, cut)} + "...";
}

}  // namespace schemetric::codegen
