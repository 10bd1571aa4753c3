// Pieces of JSON text the library writes itself (the health document, the event log): strings
// escaped so that any bytes make valid JSON, numbers, and RFC 3339 timestamps.
#pragma once

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "schemetric/config.hpp"
#include "schemetric/detail/escape.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// Appends `text` as a JSON string (RFC 8259, section 7), quotes included: `"` and `\` are
/// escaped, control characters (U+0000-U+001F, and DEL) become `\n`, `\t`, `\r`, `\b`, `\f` or
/// `\u00XX`, and each byte that is not part of well-formed UTF-8 becomes U+FFFD, so that any
/// bytes make a string every JSON parser accepts. Writes the characters that start within the
/// first `max_bytes` bytes of `text`.
inline void append_json_string(std::string& out, std::string_view text,
                               std::size_t max_bytes = static_cast<std::size_t>(-1)) {
  out += '"';
  append_escaped_by(
      out, text, max_bytes,
      [](unsigned char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; },
      [](std::string& to, unsigned char c) {
        switch (c) {
          case '"':
            to += "\\\"";
            break;
          case '\\':
            to += "\\\\";
            break;
          case '\n':
            to += "\\n";
            break;
          case '\t':
            to += "\\t";
            break;
          case '\r':
            to += "\\r";
            break;
          case '\b':
            to += "\\b";
            break;
          case '\f':
            to += "\\f";
            break;
          default:
            constexpr char hex[] = "0123456789abcdef";
            to += "\\u00";
            to += hex[c >> 4];
            to += hex[c & 0xf];
        }
      });
  out += '"';
}

/// Appends `value` as a JSON number, the shortest text that reads back as the same double
/// (independent of the locale); `null` for NaN and infinities, which JSON cannot write.
inline void append_json_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char buffer[32];
  const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, written.ptr);
}

/// Appends `value` as a JSON number.
inline void append_json_number(std::string& out, std::uint64_t value) {
  char buffer[24];
  const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, written.ptr);
}

/// Appends `time` as an RFC 3339 UTC timestamp with milliseconds, as a JSON string:
/// `"2026-03-01T12:34:56.789Z"` (rounded down to the millisecond).
inline void append_json_timestamp(std::string& out, std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  const auto milliseconds_since_epoch = floor<milliseconds>(time);
  const auto day = floor<days>(milliseconds_since_epoch);
  const year_month_day date{day};
  const hh_mm_ss time_of_day{milliseconds_since_epoch - day};
  const auto digits = [&](long long value, int width) {
    char buffer[8];
    for (int i = width - 1; i >= 0; --i) {
      buffer[i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
    out.append(buffer, static_cast<std::size_t>(width));
  };
  // RFC 3339 has four-digit years: a clock set outside them is written at the bound.
  const int year = static_cast<int>(date.year());
  out += '"';
  digits(year < 0 ? 0 : year > 9999 ? 9999 : year, 4);
  out += '-';
  digits(static_cast<unsigned>(date.month()), 2);
  out += '-';
  digits(static_cast<unsigned>(date.day()), 2);
  out += 'T';
  digits(time_of_day.hours().count(), 2);
  out += ':';
  digits(time_of_day.minutes().count(), 2);
  out += ':';
  digits(time_of_day.seconds().count(), 2);
  out += '.';
  digits(time_of_day.subseconds().count(), 3);
  out += "Z\"";
}

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
