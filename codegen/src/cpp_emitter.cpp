// Turns a validated schema into the text of its C++ header (`<name>_metrics.hpp`).
#include "cpp_emitter.hpp"

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

std::string_view family_template(metric_type type) {
  switch (type) {
    case metric_type::counter:
      return "counter_family";
    case metric_type::gauge:
      return "gauge_family";
    case metric_type::histogram:
      return "histogram_family";
    case metric_type::info:
      return "info_family";
    case metric_type::stateset:
      return "stateset_family";
  }
  return "gauge_family";
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

  // Enums: closed label sets, then stateset states, in schema order.
  std::vector<std::string> enums;
  for (const label_definition& label : model.labels) {
    if (label.kind != label_kind::enumeration) continue;
    enums.push_back(label_enum(
        label.name,
        label.help.empty() ? fmt::format("Values of the {} label.", label.name) : label.help,
        label.values));
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
    if (metric.label_names.empty()) {
      out += fmt::format("/// Labels of {}: none.\n", metric.name);
      out += fmt::format("using {} = schemetric::no_labels;\n", metric.name);
      continue;
    }
    std::vector<std::string> members{metric.name};
    for (const std::string& label_name : metric.label_names) {
      const label_definition* label = model.find_label(label_name);
      const bool text = label != nullptr && label->kind == label_kind::text;
      members.push_back(
          text ? fmt::format("(schemetric::text_label, {})", label_name)
               : fmt::format("(schemetric::label<{}::{}>, {})", ns, label_name, label_name));
    }
    out += fmt::format("/// Labels of {}.\n", metric.name);
    out += fmt::format("struct {} {{\n", metric.name);
    out += one_per_line("  BOOST_HANA_DEFINE_STRUCT(", members, ");");
    out += "};\n";
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
      case metric_type::stateset:
        out += fmt::format("  using state = {}::{}_state;\n", ns, metric.name);
        break;
      case metric_type::gauge:
      case metric_type::info:
        break;
    }
    out += "};\n";
  }
  out += "\n}  // namespace metrics\n\n";

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
    out += fmt::format("  schemetric::{}<{}::metrics::{}> {};\n", family_template(metric.type), ns,
                       metric.name, metric.name);
    member_pointers.push_back(fmt::format("&registry::{}", metric.name));
  }
  out += "  static constexpr auto schemetric_families() noexcept {\n";
  out += one_per_line("    return boost::hana::make_tuple(", member_pointers, ");");
  out += "  }\n";
  out += "};\n\n";
  out += fmt::format("}}  // namespace {}\n", model.name);
  return out;
}

}  // namespace schemetric::codegen
