// The part of Go's text/template that alert annotations may use, parsed, checked against the
// labels an alert has, and rendered as Prometheus renders it (so generated `promtool test rules`
// cases can state the exact annotations they expect).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace schemetric::codegen::promql {

/// How a template prints the alert's value.
enum class value_format {
  plain,                ///< `{{ $value }}`: Go's `%v`
  humanize,             ///< `{{ $value | humanize }}`
  humanize_1024,        ///< `{{ $value | humanize1024 }}`
  humanize_percentage,  ///< `{{ $value | humanizePercentage }}`
  humanize_duration,    ///< `{{ $value | humanizeDuration }}`
  printf,               ///< `{{ printf "%.2f" $value }}`: one `f`, `g` or `e` verb
};

/// One piece of a parsed template.
struct template_text {
  std::string text;
};
struct template_value {
  value_format format = value_format::plain;
  std::string printf_format;  ///< the format string for value_format::printf
};
struct template_label {
  std::string name;  ///< `{{ $labels.name }}`
};
using template_piece = std::variant<template_text, template_value, template_label>;

/// A parsed annotation template.
struct alert_template {
  std::vector<template_piece> pieces;

  /// Whether it prints anything but text.
  [[nodiscard]] bool has_actions() const noexcept;
  /// The labels it prints, in order of appearance (repeats included).
  [[nodiscard]] std::vector<std::string> label_names() const;
};

/// What is wrong with a template: the message and the byte offset of the action in the text.
struct template_error {
  std::string message;
  std::size_t offset = 0;
};

/// Parses `text`. Supported actions: `$value` / `.Value`, optionally piped to (or called with)
/// humanize, humanize1024, humanizePercentage or humanizeDuration; `printf "<fmt>" $value` with
/// one %f, %g or %e verb; `$labels.NAME` / `.Labels.NAME`; `{{-` and `-}}` trim white space.
/// Anything else is an error that says what is supported.
[[nodiscard]] std::variant<alert_template, template_error> parse_alert_template(
    std::string_view text);

/// The text Prometheus 2.x renders for `parsed` with the alert's value and labels. A label the
/// alert lacks renders empty, as Prometheus renders it (callers check names beforehand).
[[nodiscard]] std::string render(const alert_template& parsed, double value,
                                 const std::map<std::string, std::string, std::less<>>& labels);

}  // namespace schemetric::codegen::promql
