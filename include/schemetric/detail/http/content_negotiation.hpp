// Picks the exposition format from Accept and the content coding from Accept-Encoding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "schemetric/config.hpp"
#include "schemetric/detail/http/request.hpp"
#include "schemetric/scrape_source.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// The Content-Type sent for each format.
constexpr std::string_view content_type(exposition_format format) noexcept {
  return format == exposition_format::openmetrics
             ? std::string_view("application/openmetrics-text; version=1.0.0; charset=utf-8")
             : std::string_view("text/plain; version=0.0.4; charset=utf-8");
}

/// Splits a comma-separated header list into its elements, keeping commas inside quoted
/// strings; calls `visit(element)` with each OWS-trimmed, non-empty element.
template <class Visitor>
constexpr void for_each_list_element(std::string_view list, Visitor&& visit) {
  std::size_t begin = 0;
  bool quoted = false;
  for (std::size_t i = 0; i <= list.size(); ++i) {
    if (i < list.size()) {
      const char c = list[i];
      if (quoted && c == '\\') {
        ++i;  // a quoted-pair: skip the escaped character
        continue;
      }
      if (c == '"') quoted = !quoted;
      if (quoted || c != ',') continue;
    }
    const std::string_view element = trim_ows(list.substr(begin, i - begin));
    if (!element.empty()) visit(element);
    begin = i + 1;
  }
}

/// Splits a list element at `;`: returns the first part (media range or coding), OWS-trimmed,
/// and calls `visit_parameter(name, value)` for each following `name=value` part (quotes
/// around the value removed; parts without `=` skipped).
template <class Visitor>
constexpr std::string_view split_parameters(std::string_view element, Visitor&& visit_parameter) {
  std::size_t semicolon = element.find(';');
  const std::string_view value = trim_ows(element.substr(0, semicolon));
  while (semicolon != std::string_view::npos) {
    element.remove_prefix(semicolon + 1);
    semicolon = element.find(';');
    const std::string_view parameter = element.substr(0, semicolon);
    const std::size_t equals = parameter.find('=');
    if (equals == std::string_view::npos) continue;
    std::string_view parameter_value = trim_ows(parameter.substr(equals + 1));
    if (parameter_value.size() >= 2 && parameter_value.front() == '"' &&
        parameter_value.back() == '"') {
      parameter_value = parameter_value.substr(1, parameter_value.size() - 2);
    }
    visit_parameter(trim_ows(parameter.substr(0, equals)), parameter_value);
  }
  return value;
}

/// Parses a qvalue (RFC 9110 §12.4.2) into thousandths, 0..1000. Malformed values give 0, as
/// in Prometheus' parser (Go's ParseFloat error leaves q at 0), so such elements are ignored.
constexpr int parse_qvalue(std::string_view text) noexcept {
  if (text.empty() || (text[0] != '0' && text[0] != '1')) return 0;
  int thousandths = (text[0] - '0') * 1000;
  if (text.size() > 1) {
    if (text[1] != '.' || text.size() > 5) return 0;
    int scale = 100;
    for (std::size_t i = 2; i < text.size(); ++i, scale /= 10) {
      if (text[i] < '0' || text[i] > '9') return 0;
      thousandths += (text[i] - '0') * scale;
    }
  }
  return thousandths > 1000 ? 0 : thousandths;
}

/// Chooses the exposition format from one or more Accept field values, as Prometheus'
/// client_golang does (expfmt.NegotiateIncludingOpenMetrics over goautoneg):
/// - `application/openmetrics-text` with `version` 1.0.0, 0.0.1 or none -> openmetrics;
///   `text/plain` with `version=0.0.4` or none -> prometheus_text; other media ranges,
///   including the wildcards `*/*` and `text/*`, select nothing themselves;
/// - the matching element with the highest q wins; on equal q the earlier element wins
///   (goautoneg's sort keeps header order for such short lists), so the order in the header
///   decides ties, never a preference of ours;
/// - when nothing matches (no Accept, `*/*`, only unknown types) the text format is served;
///   no 406 is ever produced (Prometheus does the same);
/// - unlike goautoneg, q=0 excludes an element (RFC 9110 §12.4.2: "not acceptable").
/// Media types and parameter names compare case-insensitively, versions exactly.
/// Thread safety: none (a value type). Never throws, never allocates.
class format_negotiator {
 public:
  /// Takes the elements of one Accept field line (call once per line when repeated).
  constexpr void add_accept(std::string_view field_value) noexcept {
    for_each_list_element(field_value, [this](std::string_view element) { add_element(element); });
  }

  /// The negotiated format (prometheus_text when nothing acceptable was seen).
  constexpr exposition_format format() const noexcept { return best_format_; }

 private:
  constexpr void add_element(std::string_view element) noexcept {
    int q = 1000;
    std::string_view version;
    bool has_version = false;
    const std::string_view media_range =
        split_parameters(element, [&](std::string_view name, std::string_view value) {
          if (iequals(name, "q")) {
            q = parse_qvalue(value);
          } else if (iequals(name, "version")) {
            version = value;
            has_version = true;
          }
        });
    if (q == 0 || q <= best_q_) return;
    const std::size_t slash = media_range.find('/');
    if (slash == std::string_view::npos) return;
    const std::string_view type = trim_ows(media_range.substr(0, slash));
    const std::string_view subtype = trim_ows(media_range.substr(slash + 1));
    if (iequals(type, "application") && iequals(subtype, "openmetrics-text") &&
        (!has_version || version == "1.0.0" || version == "0.0.1")) {
      best_q_ = q;
      best_format_ = exposition_format::openmetrics;
    } else if (iequals(type, "text") && iequals(subtype, "plain") &&
               (!has_version || version == "0.0.4")) {
      best_q_ = q;
      best_format_ = exposition_format::prometheus_text;
    }
  }

  int best_q_ = 0;
  exposition_format best_format_ = exposition_format::prometheus_text;
};

/// Decides whether to gzip the response from one or more Accept-Encoding field values
/// (RFC 9110 §12.5.3):
/// - gzip's weight is its own q (`gzip` or `x-gzip`), else that of `*`, else 0;
/// - identity's weight is its own q, else that of `*`; when neither is listed identity is
///   acceptable but ranks below any listed coding;
/// - gzip is used when its weight is > 0 and not lower than identity's (ties favour gzip).
/// When identity is refused and gzip is not acceptable, the response is still sent
/// uncompressed (no 406), as most servers do. A coding listed twice: the later q counts.
/// Thread safety: none (a value type). Never throws, never allocates.
class encoding_negotiator {
 public:
  /// Takes the elements of one Accept-Encoding field line (call once per line when repeated).
  constexpr void add_accept_encoding(std::string_view field_value) noexcept {
    for_each_list_element(field_value, [this](std::string_view element) {
      int q = 1000;
      const std::string_view coding =
          split_parameters(element, [&](std::string_view name, std::string_view value) {
            if (iequals(name, "q")) q = parse_qvalue(value);
          });
      if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) {
        gzip_q_ = q;
      } else if (iequals(coding, "identity")) {
        identity_q_ = q;
      } else if (coding == "*") {
        any_q_ = q;
      }
    });
  }

  /// Whether the response should be gzip-compressed.
  constexpr bool gzip() const noexcept {
    const int gzip_weight = gzip_q_ >= 0 ? gzip_q_ : (any_q_ >= 0 ? any_q_ : 0);
    const int identity_weight = identity_q_ >= 0 ? identity_q_ : any_q_;  // -1: unlisted
    return gzip_weight > 0 && gzip_weight >= identity_weight;
  }

 private:
  int gzip_q_ = -1;  // -1: not listed
  int identity_q_ = -1;
  int any_q_ = -1;
};

/// The format for a single Accept value (empty: no Accept field). See format_negotiator.
constexpr exposition_format negotiate_format(std::string_view accept) noexcept {
  format_negotiator negotiator;
  negotiator.add_accept(accept);
  return negotiator.format();
}

/// Whether a single Accept-Encoding value allows gzip. See encoding_negotiator.
constexpr bool gzip_acceptable(std::string_view accept_encoding) noexcept {
  encoding_negotiator negotiator;
  negotiator.add_accept_encoding(accept_encoding);
  return negotiator.gzip();
}

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
