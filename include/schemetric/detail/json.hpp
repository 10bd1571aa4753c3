// JSON text for the documents the library writes (alert status and history, the event log):
// strings escaped per RFC 8259, with every byte that is not part of well-formed UTF-8 replaced
// by U+FFFD so that a document always parses; numbers that JSON cannot hold (NaN, infinities)
// written as null.
#pragma once

#include <cmath>
#include <cstdint>
#include <ctime>
#include <iterator>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "schemetric/config.hpp"
#include "schemetric/detail/utf8.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// Appends `text` as a JSON string, quotes included.
inline void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length == 0) {
        out.append("\xef\xbf\xbd");
        ++i;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out.append(fmt::format("\\u{:04x}", c));
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
}

/// Appends `value` as a JSON number (the shortest text that reads back as `value`), or null.
inline void append_json_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out.append("null");
    return;
  }
  fmt::format_to(std::back_inserter(out), "{}", value);
}

/// Appends the Unix time `ms` (milliseconds) as an RFC 3339 UTC string in quotes,
/// "2026-11-30T07:05:54.123Z".
inline void append_json_time(std::string& out, std::int64_t ms) {
  std::int64_t seconds = ms / 1000;
  std::int64_t millis = ms % 1000;
  if (millis < 0) {
    millis += 1000;
    --seconds;
  }
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  fmt::format_to(std::back_inserter(out), "\"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z\"",
                 utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
                 utc.tm_sec, millis);
}

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
