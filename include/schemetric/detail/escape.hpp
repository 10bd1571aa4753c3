// Escaping for the text formats: label values and HELP text.
#pragma once

#include <string>
#include <string_view>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// Appends `value` escaped as a label value: backslash, double quote and line feed become
/// `\\`, `\"` and `\n` (Prometheus text format 0.0.4 and OpenMetrics 1.0 alike).
inline void append_label_value(std::string& out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
}

/// Appends `text` escaped as HELP text: backslash and line feed become `\\` and `\n`; with
/// `escape_quote` (OpenMetrics) a double quote becomes `\"` as well. The 0.0.4 format does
/// not escape quotes in HELP, and its parsers would keep the backslash.
inline void append_help(std::string& out, std::string_view text, bool escape_quote) {
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '"':
        out += escape_quote ? "\\\"" : "\"";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
