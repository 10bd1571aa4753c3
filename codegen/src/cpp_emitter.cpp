// Turns a validated schema into the text of its C++ header (`<name>_metrics.hpp`).
#include "cpp_emitter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include <fmt/format.h>

namespace schemetric::codegen {
namespace {

// Lines are kept within this many columns where a line break is possible (long help strings
// stay on one line).
constexpr std::size_t column_limit = 100;

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

std::string section_rule(std::string_view title) {
  std::string line = fmt::format("// --- {} ", title);
  if (line.size() < 80) line.append(80 - line.size(), '-');
  return line + "\n";
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

// `prefix item, item, ...suffix`, on one line when it fits, else with the items packed into
// lines aligned under the first one.
std::string packed(std::string_view prefix, std::span<const std::string> items,
                   std::string_view suffix) {
  const std::string one_line = on_one_line(prefix, items, suffix);
  if (one_line.size() <= column_limit) return one_line + "\n";

  const std::string indent(prefix.size(), ' ');
  std::string text{prefix};
  std::size_t line_length = prefix.size();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const bool last = i + 1 == items.size();
    const std::string piece = items[i] + (last ? std::string{suffix} : std::string{","});
    if (i > 0) {
      if (line_length + 1 + piece.size() > column_limit) {
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

// `prefix item, item, ...suffix`, on one line when it fits, else one item per line aligned under
// the first one.
std::string one_per_line(std::string_view prefix, std::span<const std::string> items,
                         std::string_view suffix) {
  const std::string one_line = on_one_line(prefix, items, suffix);
  if (one_line.size() <= column_limit) return one_line + "\n";

  const std::string indent(prefix.size(), ' ');
  std::string text{prefix};
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += ",\n" + indent;
    text += items[i];
  }
  return text + std::string{suffix} + "\n";
}

std::string_view enum_underlying_type(std::size_t value_count) {
  return value_count <= 256 ? "std::uint8_t" : "std::uint16_t";
}

// The enum and its `schemetric_label_values` overload for one closed label set or stateset.
std::string label_enum(std::string_view enum_name, std::string_view doc,
                       std::span<const label_value> values) {
  std::vector<std::string> identifiers;
  std::vector<std::string> literals;
  for (const label_value& value : values) {
    identifiers.push_back(value.identifier);
    literals.push_back(cpp_string_literal(value.text));
  }
  std::string text;
  text += fmt::format("/// {}\n", comment_text(doc));
  text +=
      packed(fmt::format("enum class {} : {} {{ ", enum_name, enum_underlying_type(values.size())),
             identifiers, " };");
  text += fmt::format(
      "constexpr std::array<std::string_view, {}> schemetric_label_values({}) noexcept {{\n",
      values.size(), enum_name);
  text += packed("  return {", literals, "};");
  text += "}\n";
  return text;
}

// The doc comment of a label's enum or struct: its help, or a default line.
std::string label_doc(const label_definition& label) {
  return label.help.empty() ? fmt::format("Values of the {} label.", label.name) : label.help;
}

// A function returning a constant list, in the shape of `schemetric_label_values`.
std::string list_function(std::string_view return_type, std::string_view function_name,
                          std::string_view parameter, std::span<const std::string> items) {
  std::string text =
      fmt::format("constexpr {} {}({}) noexcept {{\n", return_type, function_name, parameter);
  text += packed("  return {", items, "};");
  text += "}\n";
  return text;
}

// The enum of `label` as the body of its `<label>_of(parameter)` function names it: unqualified,
// unless the parameter has the label's name and hides it (a route label named `path`, a status
// label named `code`).
std::string enum_in_function(const label_definition& label, std::string_view ns,
                             std::string_view parameter) {
  return label.name == parameter ? fmt::format("{}::{}", ns, label.name) : label.name;
}

// The enum, values and route helpers of a `kind: route` label.
std::string route_label(const label_definition& label, std::string_view ns) {
  std::string text = label_enum(label.name, label_doc(label), label.values);
  std::vector<std::string> templates;
  for (const label_value& route : label.route_templates()) {
    templates.push_back(cpp_string_literal(route.text));
  }
  text += list_function(fmt::format("std::array<std::string_view, {}>", templates.size()),
                        "schemetric_route_templates", label.name, templates);
  text += fmt::format("/// The route template `path` matches; {}::{} when none does.\n", label.name,
                      label.values.back().identifier);
  text += fmt::format("constexpr {} {}_of(std::string_view path) noexcept {{\n", label.name,
                      label.name);
  text += fmt::format("  return schemetric::match_route<{}>(path);\n",
                      enum_in_function(label, ns, "path"));
  text += "}\n";
  return text;
}

// The enum, values and status helpers of a `kind: status` label.
std::string status_label(const label_definition& label, std::string_view ns) {
  std::string text = label_enum(label.name, label_doc(label), label.values);
  if (label.is_status_classes()) {
    text += fmt::format("constexpr bool schemetric_status_classes({}) noexcept {{\n", label.name);
    text += "  return true;\n}\n";
    text += "/// The class of the HTTP status `code`.\n";
    text += fmt::format("constexpr {} {}_of(int code) noexcept {{\n", label.name, label.name);
    text += fmt::format("  return schemetric::status_class_of<{}>(code);\n",
                        enum_in_function(label, ns, "code"));
  } else {
    std::vector<std::string> codes;
    for (const int code : label.status_codes) codes.push_back(std::to_string(code));
    text += list_function(fmt::format("std::array<int, {}>", codes.size()),
                          "schemetric_status_codes", label.name, codes);
    text += fmt::format("/// The value of the HTTP status `code`; {}::{} for a code not listed.\n",
                        label.name, label.values.back().identifier);
    text += fmt::format("constexpr {} {}_of(int code) noexcept {{\n", label.name, label.name);
    text += fmt::format("  return schemetric::status_code_of<{}>(code);\n",
                        enum_in_function(label, ns, "code"));
  }
  text += "}\n";
  return text;
}

// The struct of a `kind: bounded` label.
std::string bounded_label(const label_definition& label) {
  std::string text;
  text += fmt::format("/// {} At most {} distinct value{}; later ones are exposed as \"{}\".\n",
                      comment_text(label_doc(label)), label.max_values,
                      label.max_values == 1 ? "" : "s", comment_text(label.overflow_value));
  text += fmt::format("struct {} : schemetric::bounded_label<{}, {}> {{\n", label.name, label.name,
                      label.max_values);
  text += "  using bounded_label::bounded_label;\n";
  text += fmt::format("  static constexpr std::string_view label_name = {};\n",
                      cpp_string_literal(label.name));
  text += fmt::format("  static constexpr std::string_view overflow_value = {};\n",
                      cpp_string_literal(label.overflow_value));
  text += "};\n";
  return text;
}

// `(type, name)`: one member of a label struct.
std::string label_member(const schema& model, std::string_view ns, const std::string& label_name) {
  const label_definition* label = model.find_label(label_name);
  if (label != nullptr && label->kind == label_kind::text) {
    return fmt::format("(schemetric::text_label, {})", label_name);
  }
  if (label != nullptr && label->kind == label_kind::bounded) {
    return fmt::format("({}::{}, {})", ns, label_name, label_name);
  }
  return fmt::format("(schemetric::label<{}::{}>, {})", ns, label_name, label_name);
}

// A label struct adapted with Boost.Hana, or an alias of `schemetric::no_labels`.
std::string label_struct(const schema& model, std::string_view ns, std::string_view struct_name,
                         std::span<const std::string> label_names, std::string_view doc) {
  if (label_names.empty()) {
    return fmt::format("/// {}: none.\nusing {} = schemetric::no_labels;\n", doc, struct_name);
  }
  std::vector<std::string> members{std::string{struct_name}};
  for (const std::string& label_name : label_names) {
    members.push_back(label_member(model, ns, label_name));
  }
  std::string text = fmt::format("/// {}.\n", doc);
  text += fmt::format("struct {} {{\n", struct_name);
  text += one_per_line("  BOOST_HANA_DEFINE_STRUCT(", members, ");");
  text += "};\n";
  return text;
}

// A number of seconds as a C++ literal: integral values read as integers (`600`).
std::string seconds_literal(double seconds) {
  if (seconds == std::floor(seconds) && seconds < 1e15) {
    return fmt::format("{}", static_cast<std::int64_t>(seconds));
  }
  return cpp_double_literal(seconds);
}

std::string_view family_template(const metric_definition& metric) {
  switch (metric.type) {
    case metric_type::counter:
      return "counter_family";
    case metric_type::gauge:
      return metric.callback ? "callback_gauge_family" : "gauge_family";
    case metric_type::histogram:
      return "histogram_family";
    case metric_type::summary:
      return "summary_family";
    case metric_type::info:
      return "info_family";
    case metric_type::stateset:
      return "stateset_family";
  }
  return "gauge_family";
}

std::string_view article(std::string_view word) {
  return !word.empty() && std::string_view{"aeiou"}.find(word.front()) != std::string_view::npos
             ? "an"
             : "a";
}

// What one tracked operation is, for "Starts tracking ...": the tracker's help made into a
// phrase ("One HTTP request." -> "one HTTP request"), or a default for its kind.
std::string tracked_operation(const tracker_definition& tracker) {
  if (tracker.help.empty()) {
    switch (tracker.kind) {
      case tracker_kind::http:
        return "one HTTP request";
      case tracker_kind::db:
        return "one database query";
      case tracker_kind::ai:
        return "one AI request";
      case tracker_kind::cache:
        return "one cache look-up";
      case tracker_kind::integration:
        return "one call to an external service";
      case tracker_kind::mcp:
        return "one MCP tool call";
    }
  }
  std::string phrase = comment_text(tracker.help);
  while (!phrase.empty() && phrase.back() == '.') phrase.pop_back();
  // Lowercase a capital that starts a sentence, not one that starts an acronym ("HTTP").
  const auto is_upper = [](char c) {
    return c >= 'A' && c <= 'Z';
  };
  if (!phrase.empty() && is_upper(phrase[0]) && (phrase.size() == 1 || !is_upper(phrase[1]))) {
    phrase[0] = static_cast<char>(phrase[0] - 'A' + 'a');
  }
  return phrase;
}

// `head(` + `parameters) tail` on one line when it fits, else broken after the parenthesis with
// the parameters indented by `indent` (clang-format's shape).
std::string declaration(std::string_view head, std::string_view parameters, std::string_view tail,
                        std::size_t indent) {
  const std::string one_line = fmt::format("{}({}){}", head, parameters, tail);
  if (one_line.size() <= column_limit) return one_line + "\n";
  return fmt::format("{}(\n{}{}){}\n", head, std::string(indent, ' '), parameters, tail);
}

struct version_parts {
  std::string major;
  std::string minor;
};

version_parts split_version(std::string_view version) {
  const std::size_t first_dot = version.find('.');
  if (first_dot == std::string_view::npos) return {std::string{version}, "0"};
  const std::size_t second_dot = version.find('.', first_dot + 1);
  return {std::string{version.substr(0, first_dot)},
          std::string{version.substr(first_dot + 1, second_dot == std::string_view::npos
                                                        ? std::string_view::npos
                                                        : second_dot - first_dot - 1)}};
}

}  // namespace

std::string default_header_name(const schema& model) {
  return model.name + "_metrics.hpp";
}

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

std::string emit_cpp_header(const schema& model, const cpp_emit_options& options) {
  const std::string ns = "::" + model.name;
  const version_parts version = split_version(options.generator_version);
  std::string out;

  out += fmt::format("// Generated from {} by schemetric-gen {} -- do not edit.\n",
                     comment_text(options.source_path), options.generator_version);
  out += "#pragma once\n\n#include <schemetric/schema.hpp>\n\n";
  out += fmt::format(
      "static_assert(SCHEMETRIC_VERSION_MAJOR == {} && SCHEMETRIC_VERSION_MINOR == {},\n",
      version.major, version.minor);
  out += fmt::format(
      "              {});\n\n",
      cpp_string_literal(fmt::format("{} was generated by schemetric-gen {}.{}; regenerate it "
                                     "with the schemetric-gen of this library",
                                     options.header_name, version.major, version.minor)));
  out += fmt::format("namespace {} {{\n\n", model.name);

  // Enums of closed label sets and structs of bounded labels, then stateset states, in schema
  // order.
  std::vector<std::string> enums;
  for (const label_definition& label : model.labels) {
    switch (label.kind) {
      case label_kind::enumeration:
        enums.push_back(label_enum(label.name, label_doc(label), label.values));
        break;
      case label_kind::route:
        enums.push_back(route_label(label, ns));
        break;
      case label_kind::status:
        enums.push_back(status_label(label, ns));
        break;
      case label_kind::bounded:
        enums.push_back(bounded_label(label));
        break;
      case label_kind::text:
        break;
    }
  }
  for (const metric_definition& metric : model.metrics) {
    if (metric.type != metric_type::stateset) continue;
    enums.push_back(label_enum(metric.name + "_state", fmt::format("States of {}.", metric.name),
                               metric.states));
  }
  if (!enums.empty()) {
    out += section_rule("labels");
    out += "\n";
    for (std::size_t i = 0; i < enums.size(); ++i) {
      if (i > 0) out += "\n";
      out += enums[i];
    }
    out += "\n";
  }

  out += section_rule("label sets, one per metric");
  out += "namespace labels {\n\n";
  for (std::size_t i = 0; i < model.metrics.size(); ++i) {
    const metric_definition& metric = model.metrics[i];
    if (i > 0) out += "\n";
    out += label_struct(model, ns, metric.name, metric.label_names,
                        fmt::format("Labels of {}", metric.name));
  }
  for (const tracker_definition& tracker : model.trackers) {
    out += "\n";
    out += label_struct(
        model, ns, "track_" + tracker.name, tracker.label_names,
        fmt::format("Labels given when {} {} tracker starts", article(tracker.name), tracker.name));
  }
  out += "\n}  // namespace labels\n\n";

  out += section_rule("metric descriptors");
  out += "namespace metrics {\n\n";
  for (std::size_t i = 0; i < model.metrics.size(); ++i) {
    const metric_definition& metric = model.metrics[i];
    if (i > 0) out += "\n";
    out += fmt::format("/// {}\n", comment_text(metric.help));
    out += fmt::format("struct {} {{\n", metric.name);
    out += fmt::format("  static constexpr std::string_view name = {};\n",
                       cpp_string_literal(metric.name));
    out += fmt::format("  static constexpr std::string_view help = {};\n",
                       cpp_string_literal(metric.help));
    out += fmt::format("  static constexpr std::string_view unit = {};\n",
                       cpp_string_literal(metric.unit));
    out += fmt::format("  using labels = {}::labels::{};\n", ns, metric.name);
    switch (metric.type) {
      case metric_type::counter:
        out += fmt::format("  using value_type = {};\n",
                           metric.value == counter_value::integer ? "std::uint64_t" : "double");
        break;
      case metric_type::histogram: {
        std::vector<std::string> bounds;
        for (const double bound : metric.buckets) bounds.push_back(cpp_double_literal(bound));
        out += packed(fmt::format("  static constexpr std::array<double, {}> buckets{{",
                                  metric.buckets.size()),
                      bounds, "};");
        break;
      }
      case metric_type::summary: {
        std::vector<std::string> quantiles;
        for (const double quantile : metric.quantiles) {
          quantiles.push_back(cpp_double_literal(quantile));
        }
        out += packed(fmt::format("  static constexpr std::array<double, {}> quantiles{{",
                                  metric.quantiles.size()),
                      quantiles, "};");
        out += fmt::format("  static constexpr double max_age_seconds = {};\n",
                           seconds_literal(metric.max_age_seconds));
        out +=
            fmt::format("  static constexpr std::size_t age_buckets = {};\n", metric.age_buckets);
        break;
      }
      case metric_type::stateset:
        out += fmt::format("  using state = {}::{}_state;\n", ns, metric.name);
        if (metric.health) out += "  static constexpr bool health = true;\n";
        break;
      case metric_type::info:
        if (metric.from_build) out += "  static constexpr bool from_build = true;\n";
        break;
      case metric_type::gauge:
        break;
    }
    out += "};\n";
  }
  out += "\n}  // namespace metrics\n\n";

  if (!model.trackers.empty()) {
    // The registry's tracker functions return types defined after it, from its member pointers.
    out += "namespace trackers {\n";
    for (const tracker_definition& tracker : model.trackers) {
      out += fmt::format("struct {};\n", tracker.name);
    }
    out += "}  // namespace trackers\n\n";
  }

  out += section_rule("the registry");
  if (!model.help.empty()) out += fmt::format("/// {}\n///\n", comment_text(model.help));
  out += fmt::format(
      "/// Every metric family of the {} schema. Non-copyable; give it static storage or allocate "
      "it.\n",
      model.name);
  out += "struct registry {\n";
  out += fmt::format("  static constexpr std::string_view schema_name = {};\n",
                     cpp_string_literal(model.name));
  std::vector<std::string> member_pointers;
  for (const metric_definition& metric : model.metrics) {
    out += fmt::format("  schemetric::{}<{}::metrics::{}> {};\n", family_template(metric), ns,
                       metric.name, metric.name);
    member_pointers.push_back(fmt::format("&registry::{}", metric.name));
  }
  out += "  static constexpr auto schemetric_families() noexcept {\n";
  out += one_per_line("    return boost::hana::make_tuple(", member_pointers, ");");
  out += "  }\n";
  // The bounded labels the metrics use, in first-use order: the library keeps their run-time
  // value tables.
  std::vector<std::string> bounded_labels;
  for (const metric_definition& metric : model.metrics) {
    for (const std::string& label_name : metric.label_names) {
      const label_definition* label = model.find_label(label_name);
      if (label == nullptr || label->kind != label_kind::bounded) continue;
      std::string type = fmt::format("{}::{}", ns, label_name);
      if (std::find(bounded_labels.begin(), bounded_labels.end(), type) == bounded_labels.end()) {
        bounded_labels.push_back(std::move(type));
      }
    }
  }
  out += "  static constexpr auto schemetric_bounded_labels() noexcept {\n";
  out += one_per_line("    return boost::hana::tuple_t<", bounded_labels, ">;");
  out += "  }\n";
  for (const tracker_definition& tracker : model.trackers) {
    out += fmt::format("  /// Starts tracking {}: see schemetric/tracker.hpp.\n",
                       tracked_operation(tracker));
    out += declaration(fmt::format("  [[nodiscard]] schemetric::tracker<{}::trackers::{}> track_{}",
                                   ns, tracker.name, tracker.name),
                       fmt::format("const {}::labels::track_{}& labels", ns, tracker.name),
                       " noexcept;", 6);
  }
  out += "};\n\n";

  if (!model.trackers.empty()) {
    out += section_rule("trackers");
    out += "namespace trackers {\n\n";
    for (std::size_t i = 0; i < model.trackers.size(); ++i) {
      const tracker_definition& tracker = model.trackers[i];
      if (i > 0) out += "\n";
      out += fmt::format("/// What {} {} tracker updates.\n", article(tracker.name), tracker.name);
      out += fmt::format("struct {} {{\n", tracker.name);
      out += fmt::format("  using registry = {}::registry;\n", ns);
      out += fmt::format("  using labels = {}::labels::track_{};\n", ns, tracker.name);
      out += fmt::format(
          "  static constexpr schemetric::tracker_kind kind = schemetric::tracker_kind::{};\n",
          to_string(tracker.kind));
      const auto role = [&](std::string_view key, const std::string& metric_name) {
        out += fmt::format("  static constexpr auto {} = {};\n", key,
                           metric_name.empty() ? "nullptr" : "&registry::" + metric_name);
      };
      role("duration", tracker.duration);
      role("count", tracker.count);
      role("in_progress", tracker.in_progress);
      role("errors", tracker.errors);
      role("request_size", tracker.request_size);
      role("response_size", tracker.response_size);
      role("tokens", tracker.tokens);
      const auto label_role = [&](std::string_view key, const std::string& label_name) {
        out += fmt::format("  static constexpr std::string_view {} = {};\n", key,
                           cpp_string_literal(label_name));
      };
      label_role("outcome_label", tracker.outcome_label);
      label_role("error_label", tracker.error_label);
      label_role("token_label", tracker.token_label);
      out += "};\n";
    }
    out += "\n}  // namespace trackers\n\n";
    for (const tracker_definition& tracker : model.trackers) {
      out += declaration(fmt::format("inline schemetric::tracker<trackers::{}> registry::track_{}",
                                     tracker.name, tracker.name),
                         fmt::format("const labels::track_{}& labels", tracker.name), " noexcept {",
                         4);
      out +=
          fmt::format("  return schemetric::tracker<trackers::{}>(*this, labels);\n", tracker.name);
      out += "}\n\n";
    }
  }
  out += fmt::format("}}  // namespace {}\n", model.name);
  return out;
}

}  // namespace schemetric::codegen
