// UTF-8 checks for text that goes into the exposition, whose parsers reject a whole scrape over
// one invalid label value.
#pragma once

#include <cstddef>
#include <string_view>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// The length of the well-formed UTF-8 sequence starting at `text[at]` (RFC 3629: no overlong
/// forms, no surrogates, nothing above U+10FFFF), or 0 if none starts there.
constexpr std::size_t utf8_sequence_length(std::string_view text, std::size_t at) noexcept {
  const auto byte = [&](std::size_t i) {
    return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0u;
  };
  const auto continuation = [&](std::size_t i, unsigned low = 0x80, unsigned high = 0xBF) {
    return byte(i) >= low && byte(i) <= high;
  };
  const unsigned lead = byte(0);
  if (at >= text.size()) return 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned low = lead == 0xE0 ? 0xA0 : 0x80;   // E0 80..9F: overlong
    const unsigned high = lead == 0xED ? 0x9F : 0xBF;  // ED A0..BF: surrogates
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned low = lead == 0xF0 ? 0x90 : 0x80;   // F0 80..8F: overlong
    const unsigned high = lead == 0xF4 ? 0x8F : 0xBF;  // F4 90..: above U+10FFFF
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;  // a continuation byte, C0, C1 or F5..FF
}

/// Whether `c` is a control character the exposition has no escape for (C0 but tab and line
/// feed): written raw it would confuse tools reading the text, so it is replaced.
constexpr bool unwritable_control(unsigned char c) noexcept {
  return c < 0x20 && c != '\t' && c != '\n';
}

/// Whether `value` is exposed as given: well-formed UTF-8, no unwritable control character, at
/// most `max_bytes` bytes.
constexpr bool exposable_as_is(std::string_view value, std::size_t max_bytes) noexcept {
  if (value.size() > max_bytes) return false;
  for (std::size_t i = 0; i < value.size();) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c < 0x80) {
      if (unwritable_control(c)) return false;
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(value, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
