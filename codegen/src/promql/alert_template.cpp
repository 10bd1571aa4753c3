// Alert annotation templates: parsing the supported subset of Go's text/template, rendering.
#include "promql/alert_template.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "promql/go_format.hpp"

namespace schemetric::codegen::promql {
namespace {

constexpr std::string_view supported_actions =
    "supported are {{ $value }}, {{ $value | humanize }} (or humanize1024, humanizePercentage, "
    "humanizeDuration), {{ printf \"%.2f\" $value }} and {{ $labels.NAME }}";

struct value_function {
  std::string_view name;
  value_format format;
};
constexpr std::array value_functions{
    value_function{"humanize", value_format::humanize},
    value_function{"humanize1024", value_format::humanize_1024},
    value_function{"humanizePercentage", value_format::humanize_percentage},
    value_function{"humanizeDuration", value_format::humanize_duration},
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// The words of an action, split at white space; a quoted string stays one word.
std::optional<std::vector<std::string_view>> words_of(std::string_view action) {
  std::vector<std::string_view> words;
  std::size_t at = 0;
  while (at < action.size()) {
    if (is_space(action[at])) {
      ++at;
      continue;
    }
    const std::size_t start = at;
    if (action[at] == '"') {
      ++at;
      while (at < action.size() && action[at] != '"') at += action[at] == '\\' ? 2 : 1;
      if (at >= action.size()) return std::nullopt;
      ++at;
    } else {
      while (at < action.size() && !is_space(action[at])) ++at;
    }
    words.push_back(action.substr(start, at - start));
  }
  return words;
}

bool is_value(std::string_view word) {
  return word == "$value" || word == ".Value";
}

std::optional<std::string_view> label_of(std::string_view word) {
  for (const std::string_view prefix : {"$labels.", ".Labels."}) {
    if (!word.starts_with(prefix)) continue;
    const std::string_view name = word.substr(prefix.size());
    const bool valid =
        !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_') &&
        std::all_of(name.begin(), name.end(),
                    [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
    if (valid) return name;
  }
  return std::nullopt;
}

std::optional<value_format> function_named(std::string_view word) {
  for (const value_function& function : value_functions) {
    if (function.name == word) return function.format;
  }
  return std::nullopt;
}

// A printf format with exactly one float verb (%f, %g, %e with an optional precision) and
// otherwise plain text or %%; returns the fmt-library spelling of it.
std::optional<std::string> printf_to_fmt(std::string_view quoted) {
  if (quoted.size() < 2) return std::nullopt;
  const std::string_view format = quoted.substr(1, quoted.size() - 2);
  if (format.find('\\') != std::string_view::npos) return std::nullopt;
  std::string converted;
  int verbs = 0;
  for (std::size_t i = 0; i < format.size(); ++i) {
    const char c = format[i];
    if (c == '{' || c == '}') {
      converted += std::string(2, c);
      continue;
    }
    if (c != '%') {
      converted += c;
      continue;
    }
    if (i + 1 < format.size() && format[i + 1] == '%') {
      converted += '%';
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    std::string precision;
    if (j < format.size() && format[j] == '.') {
      ++j;
      while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j]))) {
        precision += format[j++];
      }
      if (precision.empty() || precision.size() > 2) return std::nullopt;
    }
    if (j >= format.size() || std::string_view("fge").find(format[j]) == std::string_view::npos) {
      return std::nullopt;
    }
    converted += "{:" + (precision.empty() ? std::string{} : "." + precision) + format[j] + "}";
    ++verbs;
    i = j;
  }
  if (verbs != 1) return std::nullopt;
  return converted;
}

// Parses the inside of one `{{ ... }}`.
std::variant<template_piece, std::string> parse_action(std::string_view action) {
  const auto unsupported = [&] {
    return fmt::format("unsupported template action '{{{{ {} }}}}'; {}", trim(action),
                       supported_actions);
  };
  const std::optional<std::vector<std::string_view>> words = words_of(action);
  if (!words || words->empty()) return unsupported();
  const std::vector<std::string_view>& w = *words;
  if (w.size() == 1) {
    if (is_value(w[0])) return template_value{};
    if (const auto name = label_of(w[0])) return template_label{std::string(*name)};
  }
  if (w.size() == 3 && is_value(w[0]) && w[1] == "|") {
    if (const auto format = function_named(w[2])) return template_value{*format, {}};
  }
  if (w.size() == 2 && is_value(w[1])) {
    if (const auto format = function_named(w[0])) return template_value{*format, {}};
  }
  if (w.size() == 3 && w[0] == "printf" && w[1].starts_with('"') && is_value(w[2])) {
    if (auto format = printf_to_fmt(w[1])) {
      return template_value{value_format::printf, std::move(*format)};
    }
    return fmt::format(
        "unsupported printf format {} in a template; give exactly one %f, %g or %e verb with an "
        "optional precision, e.g. \"%.2f\"",
        w[1]);
  }
  return unsupported();
}

void append_text(std::vector<template_piece>& pieces, std::string_view text) {
  if (text.empty()) return;
  if (!pieces.empty()) {
    if (auto* previous = std::get_if<template_text>(&pieces.back())) {
      previous->text += text;
      return;
    }
  }
  pieces.emplace_back(template_text{std::string(text)});
}

}  // namespace

bool alert_template::has_actions() const noexcept {
  return std::any_of(pieces.begin(), pieces.end(), [](const template_piece& piece) {
    return !std::holds_alternative<template_text>(piece);
  });
}

std::vector<std::string> alert_template::label_names() const {
  std::vector<std::string> names;
  for (const template_piece& piece : pieces) {
    if (const auto* label = std::get_if<template_label>(&piece)) names.push_back(label->name);
  }
  return names;
}

std::variant<alert_template, template_error> parse_alert_template(std::string_view text) {
  alert_template parsed;
  std::size_t at = 0;
  bool trim_next_text = false;
  while (at <= text.size()) {
    const std::size_t open = text.find("{{", at);
    std::string_view literal =
        text.substr(at, open == std::string_view::npos ? text.npos : open - at);
    if (trim_next_text) {
      while (!literal.empty() && is_space(literal.front())) literal.remove_prefix(1);
    }
    if (open == std::string_view::npos) {
      if (literal.find("}}") != std::string_view::npos) {
        return template_error{"'}}' without a matching '{{' in a template",
                              at + text.substr(at).find("}}")};
      }
      append_text(parsed.pieces, literal);
      break;
    }
    const std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return template_error{"'{{' without a matching '}}' in a template", open};
    }
    std::string_view action = text.substr(open + 2, close - open - 2);
    const bool trim_before = action.starts_with("- ");
    const bool trim_after = action.ends_with(" -");
    if (trim_before) {
      action.remove_prefix(2);
      while (!literal.empty() && is_space(literal.back())) literal.remove_suffix(1);
    }
    if (trim_after) action.remove_suffix(2);
    append_text(parsed.pieces, literal);
    auto piece = parse_action(action);
    if (auto* message = std::get_if<std::string>(&piece)) {
      return template_error{std::move(*message), open};
    }
    parsed.pieces.push_back(std::get<template_piece>(std::move(piece)));
    trim_next_text = trim_after;
    at = close + 2;
  }
  return parsed;
}

std::string render(const alert_template& parsed, double value,
                   const std::map<std::string, std::string, std::less<>>& labels) {
  std::string out;
  for (const template_piece& piece : parsed.pieces) {
    if (const auto* text = std::get_if<template_text>(&piece)) {
      out += text->text;
    } else if (const auto* label = std::get_if<template_label>(&piece)) {
      const auto it = labels.find(label->name);
      out += it == labels.end() ? std::string{}
                                : it->second;  // Go: a missing key of map[string]string is ""
    } else {
      const auto& action = std::get<template_value>(piece);
      switch (action.format) {
        case value_format::plain:
          out += go_value(value);
          break;
        case value_format::humanize:
          out += humanize(value);
          break;
        case value_format::humanize_1024:
          out += humanize_1024(value);
          break;
        case value_format::humanize_percentage:
          out += humanize_percentage(value);
          break;
        case value_format::humanize_duration:
          out += humanize_duration(value);
          break;
        case value_format::printf:
          out += fmt::format(fmt::runtime(action.printf_format), value);
          break;
      }
    }
  }
  return out;
}

}  // namespace schemetric::codegen::promql
