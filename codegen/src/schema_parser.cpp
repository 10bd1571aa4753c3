// Reads a schema file (YAML, format version 1) into the validated model, reporting every error.
#include "schema_parser.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "naming.hpp"

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

constexpr std::array top_level_keys{"schemetric"sv, "name"sv, "help"sv, "labels"sv, "metrics"sv};
constexpr std::array label_keys{"kind"sv, "help"sv, "values"sv};
constexpr std::array label_kinds{"enum"sv, "text"sv};
constexpr std::array metric_keys{"type"sv,  "help"sv,    "unit"sv,  "labels"sv,
                                 "value"sv, "buckets"sv, "states"sv};
constexpr std::array metric_types{"counter"sv, "gauge"sv, "histogram"sv, "info"sv, "stateset"sv};
constexpr std::array counter_values{"integer"sv, "float"sv};

// Names the generated header declares itself in the schema's namespace, or relies on finding
// unqualified there (`std::`, `schemetric::`, `boost::`): a label enum spelled like one of them
// would break the header.
constexpr std::array reserved_label_names{
    "labels"sv, "metrics"sv, "registry"sv,  "schemetric_label_values"sv,
    "std"sv,    "boost"sv,   "schemetric"sv};

// Metric names become structs in `labels::` and `metrics::` and members of `registry`; a struct
// may not have a member of its own name, so the descriptor members are reserved too.
constexpr std::array reserved_metric_names{
    "labels"sv,  "metrics"sv,    "registry"sv,    "std"sv,
    "boost"sv,   "schemetric"sv, "schema_name"sv, "schemetric_families"sv,
    "name"sv,    "help"sv,       "unit"sv,        "value_type"sv,
    "buckets"sv, "state"sv};

constexpr std::array reserved_schema_names{"std"sv, "boost"sv, "schemetric"sv};

// Suffixes of the series Prometheus and OpenMetrics derive from a family's name.
struct reserved_suffix {
  std::string_view suffix;
  std::string_view reason;
};
constexpr std::array reserved_suffixes{
    reserved_suffix{"_bucket", "the bucket series of histograms"},
    reserved_suffix{"_sum", "the sum series of histograms and summaries"},
    reserved_suffix{"_count", "the count series of histograms and summaries"},
    reserved_suffix{"_created", "the creation-time series of counters and histograms"},
};

// Units that are not base units, and the base unit to use instead (Prometheus naming practice:
// https://prometheus.io/docs/practices/naming/#base-units).
struct unit_replacement {
  std::string_view unit;
  std::string_view base_unit;
};
constexpr std::array non_base_units{
    unit_replacement{"ms", "seconds"},
    unit_replacement{"millisecond", "seconds"},
    unit_replacement{"milliseconds", "seconds"},
    unit_replacement{"us", "seconds"},
    unit_replacement{"microsecond", "seconds"},
    unit_replacement{"microseconds", "seconds"},
    unit_replacement{"ns", "seconds"},
    unit_replacement{"nanosecond", "seconds"},
    unit_replacement{"nanoseconds", "seconds"},
    unit_replacement{"s", "seconds"},
    unit_replacement{"sec", "seconds"},
    unit_replacement{"secs", "seconds"},
    unit_replacement{"second", "seconds"},
    unit_replacement{"minute", "seconds"},
    unit_replacement{"minutes", "seconds"},
    unit_replacement{"hour", "seconds"},
    unit_replacement{"hours", "seconds"},
    unit_replacement{"day", "seconds"},
    unit_replacement{"days", "seconds"},
    unit_replacement{"week", "seconds"},
    unit_replacement{"weeks", "seconds"},
    unit_replacement{"byte", "bytes"},
    unit_replacement{"bit", "bytes"},
    unit_replacement{"bits", "bytes"},
    unit_replacement{"kb", "bytes"},
    unit_replacement{"kilobyte", "bytes"},
    unit_replacement{"kilobytes", "bytes"},
    unit_replacement{"mb", "bytes"},
    unit_replacement{"megabyte", "bytes"},
    unit_replacement{"megabytes", "bytes"},
    unit_replacement{"gb", "bytes"},
    unit_replacement{"gigabyte", "bytes"},
    unit_replacement{"gigabytes", "bytes"},
    unit_replacement{"tb", "bytes"},
    unit_replacement{"terabyte", "bytes"},
    unit_replacement{"terabytes", "bytes"},
    unit_replacement{"kib", "bytes"},
    unit_replacement{"mib", "bytes"},
    unit_replacement{"gib", "bytes"},
    unit_replacement{"tib", "bytes"},
    unit_replacement{"kilobits", "bytes"},
    unit_replacement{"megabits", "bytes"},
    unit_replacement{"gigabits", "bytes"},
    unit_replacement{"percent", "ratio"},
    unit_replacement{"percents", "ratio"},
    unit_replacement{"percentage", "ratio"},
    unit_replacement{"fahrenheit", "celsius"},
    unit_replacement{"kelvin", "celsius"},
    unit_replacement{"meter", "meters"},
    unit_replacement{"metre", "meters"},
    unit_replacement{"metres", "meters"},
    unit_replacement{"millimeters", "meters"},
    unit_replacement{"centimeters", "meters"},
    unit_replacement{"kilometers", "meters"},
    unit_replacement{"feet", "meters"},
    unit_replacement{"inches", "meters"},
    unit_replacement{"miles", "meters"},
    unit_replacement{"gram", "grams"},
    unit_replacement{"milligrams", "grams"},
    unit_replacement{"kilograms", "grams"},
    unit_replacement{"kg", "grams"},
    unit_replacement{"pounds", "grams"},
    unit_replacement{"volt", "volts"},
    unit_replacement{"millivolts", "volts"},
    unit_replacement{"ampere", "amperes"},
    unit_replacement{"amps", "amperes"},
    unit_replacement{"milliamperes", "amperes"},
    unit_replacement{"joule", "joules"},
    unit_replacement{"kilojoules", "joules"},
    unit_replacement{"calories", "joules"},
};

// At most this many values per closed label set or stateset: the enum is std::uint16_t.
constexpr std::size_t max_values = std::size_t{std::numeric_limits<std::uint16_t>::max()} + 1;

source_position position_of(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return {};
  return {mark.line + 1, mark.column + 1};
}

source_position position_of(const YAML::Node& node) {
  return position_of(node.Mark());
}

std::string position_text(source_position position) {
  return fmt::format("{}:{}", position.line, position.column);
}

// --- scalars (YAML 1.2 core schema, https://yaml.org/spec/1.2.2/#1032-tag-resolution) --------

struct yaml_number {
  double value = 0;
  bool integral = false;
  bool underflow = false;  ///< a non-zero literal too small for a double (1e-400)
};

std::size_t count_digits(std::string_view text, std::size_t from, int base) {
  std::size_t end = from;
  while (end < text.size()) {
    const char c = text[end];
    const bool digit = base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                                  : (c >= '0' && c < static_cast<char>('0' + base));
    if (!digit) break;
    ++end;
  }
  return end - from;
}

std::optional<yaml_number> parse_integer_in_base(std::string_view digits, int base) {
  if (digits.empty() || count_digits(digits, 0, base) != digits.size()) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (error == std::errc::result_out_of_range) {
    return yaml_number{std::numeric_limits<double>::infinity(), true, false};  // overflow
  }
  if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return yaml_number{static_cast<double>(value), true, false};
}

// Parses the core schema's int and float forms: 12, -3, 0x1f, 0o17, 1.5, .5, 1e-3, .inf, .nan.
std::optional<yaml_number> parse_yaml_number(std::string_view text) {
  if (text == ".nan" || text == ".NaN" || text == ".NAN") {
    return yaml_number{std::numeric_limits<double>::quiet_NaN(), false, false};
  }
  if (text.starts_with("0x")) return parse_integer_in_base(text.substr(2), 16);
  if (text.starts_with("0o")) return parse_integer_in_base(text.substr(2), 8);
  std::string_view body = text;
  bool negative = false;
  if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    const double infinity = std::numeric_limits<double>::infinity();
    return yaml_number{negative ? -infinity : infinity, false, false};
  }
  // [0-9]+ ( . [0-9]* )? | . [0-9]+, then an optional exponent [eE][-+]?[0-9]+.
  std::size_t at = 0;
  const std::size_t integer_digits = count_digits(body, at, 10);
  at += integer_digits;
  std::size_t fraction_digits = 0;
  bool has_point = false;
  if (at < body.size() && body[at] == '.') {
    has_point = true;
    ++at;
    fraction_digits = count_digits(body, at, 10);
    at += fraction_digits;
  }
  if (integer_digits == 0 && fraction_digits == 0) return std::nullopt;
  bool has_exponent = false;
  if (at < body.size() && (body[at] == 'e' || body[at] == 'E')) {
    has_exponent = true;
    ++at;
    if (at < body.size() && (body[at] == '+' || body[at] == '-')) ++at;
    const std::size_t exponent_digits = count_digits(body, at, 10);
    if (exponent_digits == 0) return std::nullopt;
    at += exponent_digits;
  }
  if (at != body.size()) return std::nullopt;

  // std::from_chars does not take "1." or ".5" in every library; give it "1.0" and "0.5".
  std::string normalized;
  if (integer_digits == 0) normalized += '0';
  normalized += body.substr(0, integer_digits + (has_point ? 1 : 0));
  if (has_point && fraction_digits == 0) normalized += '0';
  normalized += body.substr(integer_digits + (has_point ? 1 : 0));
  double value = 0;
  const auto [end, error] =
      std::from_chars(normalized.data(), normalized.data() + normalized.size(), value);
  yaml_number result{0, !has_point && !has_exponent, false};
  if (error == std::errc::result_out_of_range) {
    // std::from_chars leaves the value alone here; tell overflow (infinity) from underflow: a
    // literal out of range is too small when its exponent is negative, or when it has no
    // exponent and its integer part is zero (0.000...1).
    const std::size_t exponent = normalized.find_first_of("eE");
    const bool too_small =
        exponent == std::string::npos
            ? normalized.find_first_not_of('0') == normalized.find('.')
            : exponent + 1 < normalized.size() && normalized[exponent + 1] == '-';
    result.value = too_small ? 0.0 : std::numeric_limits<double>::infinity();
    result.underflow = too_small;
  } else if (error != std::errc{} || end != normalized.data() + normalized.size()) {
    return std::nullopt;
  } else {
    result.value = value;
  }
  if (negative) result.value = -result.value;
  return result;
}

bool is_yaml_bool(std::string_view text) {
  return text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" ||
         text == "FALSE";
}

enum class scalar_kind { string, number, boolean };

scalar_kind classify_scalar(const YAML::Node& node) {
  const std::string& tag = node.Tag();
  const std::string& text = node.Scalar();
  if (tag == "?") {  // a plain (unquoted, untagged) scalar
    if (is_yaml_bool(text)) return scalar_kind::boolean;
    if (parse_yaml_number(text)) return scalar_kind::number;
    return scalar_kind::string;
  }
  if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float") {
    return scalar_kind::number;
  }
  if (tag == "tag:yaml.org,2002:bool") return scalar_kind::boolean;
  return scalar_kind::string;  // quoted ("!"), !!str or any other tag
}

// "a mapping", "the number 5", "the string 'a'": the "found ..." part of a type error.
std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a sequence";
    case YAML::NodeType::Scalar:
      switch (classify_scalar(node)) {
        case scalar_kind::number:
          return fmt::format("the number {}", node.Scalar());
        case scalar_kind::boolean:
          return fmt::format("the boolean {}", node.Scalar());
        case scalar_kind::string:
          return fmt::format("the string '{}'", node.Scalar());
      }
      break;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return "an empty value";
}

std::string quoted_list(std::span<const std::string_view> words) {
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text += i + 1 == words.size() ? " or " : ", ";
    text += fmt::format("'{}'", words[i]);
  }
  return text;
}

// "; did you mean 'x'?" when `word` looks like a typo of a candidate, else "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  if (const auto match = closest_match(word, candidates)) {
    return fmt::format("; did you mean '{}'?", *match);
  }
  return {};
}

std::string_view article_for(metric_type type) {
  return type == metric_type::info ? "an" : "a";
}

// --- the reader ---------------------------------------------------------------------------------

struct mapping_entry {
  std::string key;
  source_position key_position;
  YAML::Node value;
  source_position value_position;  ///< the key's position when the value is empty
};

using entry_map = std::map<std::string, mapping_entry, std::less<>>;

class schema_reader {
 public:
  schema_reader(std::string_view source, diagnostics& diags) : source_(source), diags_(diags) {}

  std::optional<schema> read(const YAML::Node& root);

 private:
  void error(source_position position, std::string message) {
    diags_.error(position, std::move(message));
  }

  std::vector<mapping_entry> entries_of(const YAML::Node& mapping);
  entry_map known_keys(const YAML::Node& mapping, std::span<const std::string_view> allowed,
                       std::string_view where);
  std::optional<std::string> read_string(const mapping_entry& entry, std::string_view owner);
  std::optional<std::string> read_help(const mapping_entry& entry, std::string_view owner);

  void read_format_version(const mapping_entry& entry, schema& model);
  void read_schema_name(const mapping_entry& entry, schema& model);
  bool check_name_charset(std::string_view name, source_position position, std::string_view what);
  void read_labels(const mapping_entry& entry, schema& model);
  void read_label(const mapping_entry& entry, schema& model);
  void read_metrics(const mapping_entry& entry, schema& model);
  void read_metric(const mapping_entry& entry, schema& model);
  std::optional<metric_type> read_metric_type(const mapping_entry& entry, std::string_view owner);
  void check_metric_name(const metric_definition& metric, bool type_known);
  void check_unit(const mapping_entry& entry, metric_definition& metric);
  void read_metric_labels(const mapping_entry& entry, metric_definition& metric, bool type_known);
  void read_buckets(const mapping_entry& entry, metric_definition& metric);
  std::vector<label_value> read_values(const mapping_entry& entry, std::string_view noun,
                                       std::string_view owner);
  void check_cross_references(const schema& model);

  source_position item_position(const YAML::Node& item) const;

  std::string_view source_;
  diagnostics& diags_;
  // Every label name declared under `labels:` (valid or not), with its kind when that is known:
  // a metric referencing a declared but broken label gets no second "unknown label" error.
  std::map<std::string, std::optional<label_kind>, std::less<>> declared_labels_;
  std::map<std::string, source_position, std::less<>> label_positions_;
};

source_position schema_reader::item_position(const YAML::Node& item) const {
  const YAML::Mark mark = item.Mark();
  if (!item.IsNull() || mark.is_null() || mark.pos < 0 ||
      static_cast<std::size_t>(mark.pos) > source_.size()) {
    return position_of(mark);
  }
  // yaml-cpp marks an empty sequence entry ("-" alone on its line) at the next token; walk back
  // over the white space to its "-". An explicit null (~, null) is marked where it stands.
  std::size_t at = static_cast<std::size_t>(mark.pos);
  const std::string_view rest = source_.substr(at);
  for (const std::string_view null_token : {"~"sv, "null"sv, "Null"sv, "NULL"sv}) {
    if (!rest.starts_with(null_token)) continue;
    const std::string_view after = rest.substr(null_token.size());
    if (after.empty() ||
        std::string_view{" \t\r\n,]}#"}.find(after.front()) != std::string_view::npos) {
      return position_of(mark);
    }
  }
  while (at > 0 && (source_[at - 1] == ' ' || source_[at - 1] == '\t' || source_[at - 1] == '\n' ||
                    source_[at - 1] == '\r')) {
    --at;
  }
  if (at == 0 || source_[at - 1] != '-') return position_of(mark);
  const std::size_t dash = at - 1;
  const std::size_t line_start =
      source_.rfind('\n', dash) == std::string_view::npos ? 0 : source_.rfind('\n', dash) + 1;
  const auto line =
      1 + std::count(source_.begin(), source_.begin() + static_cast<std::ptrdiff_t>(dash), '\n');
  return {static_cast<int>(line), static_cast<int>(dash - line_start) + 1};
}

std::vector<mapping_entry> schema_reader::entries_of(const YAML::Node& mapping) {
  std::vector<mapping_entry> entries;
  for (auto it = mapping.begin(); it != mapping.end(); ++it) {
    // Copies: the iterator's operator-> returns a proxy that dies with the full-expression.
    const YAML::Node key = it->first;
    const YAML::Node value = it->second;
    const source_position key_position = position_of(key);
    if (!key.IsScalar()) {
      error(key_position, fmt::format("keys must be names, found {}", describe(key)));
      continue;
    }
    // yaml-cpp marks an empty value at the next token, which may be lines further down.
    const source_position value_position = value.IsNull() ? key_position : position_of(value);
    entries.push_back(mapping_entry{key.Scalar(), key_position, value, value_position});
  }
  return entries;
}

entry_map schema_reader::known_keys(const YAML::Node& mapping,
                                    std::span<const std::string_view> allowed,
                                    std::string_view where) {
  entry_map keys;
  for (mapping_entry& entry : entries_of(mapping)) {
    if (std::find(allowed.begin(), allowed.end(), entry.key) == allowed.end()) {
      std::string hint = did_you_mean(entry.key, allowed);
      if (hint.empty()) hint = fmt::format("; allowed keys are {}", quoted_list(allowed));
      error(entry.key_position, fmt::format("unknown key '{}' {}{}", entry.key, where, hint));
      continue;
    }
    // yaml-cpp keeps both pairs of a duplicated key (and lookups find the first): report it.
    if (const auto first = keys.find(entry.key); first != keys.end()) {
      error(entry.key_position,
            fmt::format("duplicate key '{}' {} (first given at {}); remove one of them", entry.key,
                        where, position_text(first->second.key_position)));
      continue;
    }
    std::string key = entry.key;
    keys.emplace(std::move(key), std::move(entry));
  }
  return keys;
}

std::optional<std::string> schema_reader::read_string(const mapping_entry& entry,
                                                      std::string_view owner) {
  if (!entry.value.IsScalar()) {
    error(entry.value_position, fmt::format("'{}' of {} must be a string, found {}", entry.key,
                                            owner, describe(entry.value)));
    return std::nullopt;
  }
  return entry.value.Scalar();
}

std::optional<std::string> schema_reader::read_help(const mapping_entry& entry,
                                                    std::string_view owner) {
  std::optional<std::string> help = read_string(entry, owner);
  if (!help) return std::nullopt;
  if (help->find_first_not_of(" \t\r\n") == std::string::npos) {
    error(entry.value_position,
          fmt::format("'help' of {} must not be empty; describe it in one sentence", owner));
    return std::nullopt;
  }
  return help;
}

std::optional<schema> schema_reader::read(const YAML::Node& root) {
  if (!root.IsMap()) {
    if (root.IsNull()) {
      error({1, 1},
            "the schema is empty; it must be a mapping with the keys 'schemetric', 'name' and "
            "'metrics'");
    } else {
      error(position_of(root),
            fmt::format("the schema must be a mapping with the keys 'schemetric', 'name' and "
                        "'metrics', found {}",
                        describe(root)));
    }
    return std::nullopt;
  }
  schema model;
  const source_position root_position = position_of(root);
  const entry_map keys = known_keys(root, top_level_keys, "in the schema");

  if (const auto it = keys.find("schemetric"); it != keys.end()) {
    read_format_version(it->second, model);
  } else {
    error(root_position,
          "missing required key 'schemetric' in the schema; add 'schemetric: 1' (the schema "
          "format version)");
  }
  if (const auto it = keys.find("name"); it != keys.end()) {
    read_schema_name(it->second, model);
  } else {
    error(root_position,
          "missing required key 'name' in the schema; add the schema's name, e.g. 'name: "
          "my_service' (it becomes the C++ namespace)");
  }
  if (const auto it = keys.find("help"); it != keys.end()) {
    if (auto help = read_help(it->second, "the schema")) model.help = std::move(*help);
  }
  if (const auto it = keys.find("labels"); it != keys.end()) read_labels(it->second, model);
  if (const auto it = keys.find("metrics"); it != keys.end()) {
    read_metrics(it->second, model);
  } else {
    error(root_position,
          "missing required key 'metrics' in the schema; add a 'metrics:' mapping with at least "
          "one metric");
  }
  check_cross_references(model);
  if (diags_.has_errors()) return std::nullopt;
  return model;
}

void schema_reader::read_format_version(const mapping_entry& entry, schema& model) {
  const YAML::Node& value = entry.value;
  if (value.IsScalar() && classify_scalar(value) == scalar_kind::number) {
    const auto number = parse_yaml_number(value.Scalar());
    if (number && number->integral && number->value == supported_format_version) {
      model.format_version = supported_format_version;
      return;
    }
    if (number && number->integral) {
      error(entry.value_position,
            fmt::format("unsupported schema format version {}; this schemetric-gen supports "
                        "version {} (write 'schemetric: {}')",
                        value.Scalar(), supported_format_version, supported_format_version));
      return;
    }
  }
  error(entry.value_position,
        fmt::format("'schemetric' must be the integer format version {}, found {}",
                    supported_format_version, describe(value)));
}

bool schema_reader::check_name_charset(std::string_view name, source_position position,
                                       std::string_view what) {
  if (!is_valid_name(name)) {
    // Suggest the obvious repair (lowercase, '_' for other characters) when it gives a name.
    std::string repaired;
    for (const char c : name) {
      const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      const bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
      repaired += keep ? lower : '_';
    }
    const std::string hint = is_valid_name(repaired) && !is_cpp_keyword(repaired)
                                 ? fmt::format(", e.g. '{}'", repaired)
                                 : std::string{};
    error(position, fmt::format("invalid {} '{}': names must match [a-z][a-z0-9_]* (a lowercase "
                                "letter, then lowercase letters, digits or '_'){}",
                                what, name, hint));
    return false;
  }
  if (is_cpp_keyword(name)) {
    error(position, fmt::format("{} '{}' is a C++ keyword; choose another name", what, name));
    return false;
  }
  if (is_predefined_macro(name)) {
    error(position, fmt::format("{} '{}' is a macro predefined by C++ compilers or the standard "
                                "library; choose another name",
                                what, name));
    return false;
  }
  return true;
}

void schema_reader::read_schema_name(const mapping_entry& entry, schema& model) {
  std::optional<std::string> name = read_string(entry, "the schema");
  if (!name) return;
  if (!check_name_charset(*name, entry.value_position, "schema name")) return;
  if (std::find(reserved_schema_names.begin(), reserved_schema_names.end(), *name) !=
      reserved_schema_names.end()) {
    error(entry.value_position,
          fmt::format("schema name '{}' would clash with namespace '{}' in the generated header; "
                      "choose another name",
                      *name, *name));
    return;
  }
  model.name = std::move(*name);
}

void schema_reader::read_labels(const mapping_entry& entry, schema& model) {
  if (!entry.value.IsMap()) {
    error(entry.value_position,
          fmt::format("'labels' must be a mapping of label name to definition, found {}",
                      describe(entry.value)));
    return;
  }
  for (const mapping_entry& label : entries_of(entry.value)) {
    if (const auto first = label_positions_.find(label.key); first != label_positions_.end()) {
      error(label.key_position,
            fmt::format("duplicate label '{}' (first defined at {}); label names must be unique",
                        label.key, position_text(first->second)));
      continue;
    }
    label_positions_.emplace(label.key, label.key_position);
    read_label(label, model);
  }
}

void schema_reader::read_label(const mapping_entry& entry, schema& model) {
  label_definition label;
  label.name = entry.key;
  label.position = entry.key_position;
  declared_labels_[label.name] = std::nullopt;

  const std::string_view name = label.name;
  if (name.starts_with("__")) {
    error(entry.key_position,
          fmt::format("label name '{}' is reserved: names starting with '__' are for Prometheus' "
                      "internal use; choose another name",
                      name));
  } else if (check_name_charset(name, entry.key_position, "label name")) {
    if (name == "le") {
      error(entry.key_position,
            "label name 'le' is reserved for the bucket bounds of histograms; choose another name");
    } else if (name == "quantile") {
      error(entry.key_position,
            "label name 'quantile' is reserved for the quantiles of summaries; choose another "
            "name");
    } else if (std::find(reserved_label_names.begin(), reserved_label_names.end(), name) !=
               reserved_label_names.end()) {
      error(entry.key_position,
            fmt::format("label name '{}' collides with a name the generated header uses in the "
                        "schema's namespace; choose another name",
                        name));
    }
  }

  const std::string owner = fmt::format("label '{}'", name);
  if (!entry.value.IsMap()) {
    error(entry.value_position,
          fmt::format("label '{}' must be a mapping with 'values' (a closed set) or 'kind: text', "
                      "found {}",
                      name, describe(entry.value)));
    return;
  }
  const entry_map keys = known_keys(entry.value, label_keys, fmt::format("in {}", owner));

  std::optional<label_kind> kind = label_kind::enumeration;
  if (const auto it = keys.find("kind"); it != keys.end()) {
    kind = std::nullopt;
    if (const std::optional<std::string> text = read_string(it->second, owner)) {
      if (*text == "enum") {
        kind = label_kind::enumeration;
      } else if (*text == "text") {
        kind = label_kind::text;
      } else {
        std::string hint = did_you_mean(*text, label_kinds);
        if (hint.empty()) hint = "; expected 'enum' (a closed set of values) or 'text'";
        error(it->second.value_position,
              fmt::format("unknown kind '{}' of label '{}'{}", *text, name, hint));
      }
    }
  }
  if (const auto it = keys.find("help"); it != keys.end()) {
    if (auto help = read_help(it->second, owner)) label.help = std::move(*help);
  }
  const auto values = keys.find("values");
  if (kind == label_kind::text && values != keys.end()) {
    error(values->second.key_position,
          fmt::format("'values' is not allowed on label '{}' of kind 'text'; remove it, or remove "
                      "'kind: text' to make the label a closed set",
                      name));
  } else if (kind == label_kind::enumeration) {
    if (values == keys.end()) {
      error(position_of(entry.value),
            fmt::format("label '{}' is missing required key 'values'; list its closed set of "
                        "values, e.g. 'values: [a, b]', or add 'kind: text' for a free string "
                        "(info metrics only)",
                        name));
    } else {
      label.values = read_values(values->second, "value", owner);
    }
  }
  if (kind) {
    label.kind = *kind;
    declared_labels_[label.name] = kind;
  }
  model.labels.push_back(std::move(label));
}

std::vector<label_value> schema_reader::read_values(const mapping_entry& entry,
                                                    std::string_view noun, std::string_view owner) {
  std::vector<label_value> values;
  if (!entry.value.IsSequence()) {
    error(entry.value_position, fmt::format("'{}' must be a sequence of strings, found {}",
                                            entry.key, describe(entry.value)));
    return values;
  }
  if (entry.value.size() == 0) {
    error(entry.value_position, fmt::format("'{}' of {} must not be empty; list at least one {}",
                                            entry.key, owner, noun));
    return values;
  }
  if (entry.value.size() > max_values) {
    error(entry.value_position, fmt::format("{} has {} {}s; at most {} are supported", owner,
                                            entry.value.size(), noun, max_values));
    return values;
  }
  // Index of the first value with a given text and with a given C++ spelling: closed sets
  // can hold tens of thousands of values.
  std::unordered_map<std::string, std::size_t> by_text;
  std::unordered_map<std::string, std::size_t> by_identifier;
  for (const YAML::Node& item : entry.value) {
    const source_position position = item_position(item);
    if (!item.IsScalar() && !item.IsNull()) {
      error(position, fmt::format("each entry of '{}' must be a string, found {}", entry.key,
                                  describe(item)));
      continue;
    }
    const std::string text = item.IsNull() ? std::string{} : item.Scalar();
    if (text.empty()) {
      error(position,
            fmt::format("{} has an empty {}; {}s must be non-empty strings", owner, noun, noun));
      continue;
    }
    if (const auto same_text = by_text.find(text); same_text != by_text.end()) {
      error(position, fmt::format("duplicate {} '{}' in {} (first at {}); remove one of them", noun,
                                  text, owner, position_text(values[same_text->second].position)));
      continue;
    }
    std::string identifier = safe_identifier(text);
    if (const auto same = by_identifier.find(identifier); same != by_identifier.end()) {
      const label_value& first = values[same->second];
      error(position,
            fmt::format("{}s '{}' (at {}) and '{}' of {} both have the C++ spelling "
                        "'{}'; rename one of them",
                        noun, first.text, position_text(first.position), text, owner, identifier));
      continue;
    }
    by_text.emplace(text, values.size());
    by_identifier.emplace(identifier, values.size());
    values.push_back(label_value{text, std::move(identifier), position});
  }
  return values;
}

void schema_reader::read_metrics(const mapping_entry& entry, schema& model) {
  if (!entry.value.IsMap()) {
    error(entry.value_position,
          fmt::format("'metrics' must be a mapping of metric name to definition, found {}",
                      describe(entry.value)));
    return;
  }
  if (entry.value.size() == 0) {
    error(entry.value_position, "'metrics' must not be empty; define at least one metric");
    return;
  }
  std::map<std::string, source_position, std::less<>> seen;
  for (const mapping_entry& metric : entries_of(entry.value)) {
    if (const auto first = seen.find(metric.key); first != seen.end()) {
      error(metric.key_position,
            fmt::format("duplicate metric '{}' (first defined at {}); metric names must be unique",
                        metric.key, position_text(first->second)));
      continue;
    }
    seen.emplace(metric.key, metric.key_position);
    read_metric(metric, model);
  }
}

std::optional<metric_type> schema_reader::read_metric_type(const mapping_entry& entry,
                                                           std::string_view owner) {
  const std::optional<std::string> text = read_string(entry, owner);
  if (!text) return std::nullopt;
  for (std::size_t i = 0; i < metric_types.size(); ++i) {
    if (*text == metric_types[i]) return static_cast<metric_type>(i);
  }
  std::string hint = did_you_mean(*text, metric_types);
  if (hint.empty()) hint = fmt::format("; expected {}", quoted_list(metric_types));
  error(entry.value_position, fmt::format("unknown metric type '{}'{}", *text, hint));
  return std::nullopt;
}

void schema_reader::read_metric(const mapping_entry& entry, schema& model) {
  metric_definition metric;
  metric.name = entry.key;
  metric.position = entry.key_position;
  const std::string owner = fmt::format("metric '{}'", metric.name);
  if (!entry.value.IsMap()) {
    error(entry.value_position,
          fmt::format("metric '{}' must be a mapping with 'type' and 'help', found {}", metric.name,
                      describe(entry.value)));
    check_metric_name(metric, false);
    return;
  }
  const source_position mapping_position = position_of(entry.value);
  const entry_map keys = known_keys(entry.value, metric_keys, fmt::format("in {}", owner));

  std::optional<metric_type> type;
  if (const auto it = keys.find("type"); it != keys.end()) {
    type = read_metric_type(it->second, owner);
  } else {
    error(mapping_position,
          fmt::format("metric '{}' is missing required key 'type'; add 'type:' with one of {}",
                      metric.name, quoted_list(metric_types)));
  }
  if (type) metric.type = *type;

  if (const auto it = keys.find("help"); it != keys.end()) {
    if (auto help = read_help(it->second, owner)) metric.help = std::move(*help);
  } else {
    error(mapping_position,
          fmt::format("metric '{}' is missing required key 'help'; add 'help:' with one sentence "
                      "saying what it measures",
                      metric.name));
  }

  // Keys that only some metric types take.
  struct type_specific_key {
    std::string_view key;
    std::string_view allowed_on;
    bool (*allowed)(metric_type);
  };
  static constexpr std::array type_specific_keys{
      type_specific_key{"value", "counter metrics",
                        [](metric_type t) {
                          return t == metric_type::counter;
                        }},
      type_specific_key{"buckets", "histogram metrics",
                        [](metric_type t) {
                          return t == metric_type::histogram;
                        }},
      type_specific_key{"states", "stateset metrics",
                        [](metric_type t) {
                          return t == metric_type::stateset;
                        }},
      type_specific_key{"unit", "counter, gauge and histogram metrics",
                        [](metric_type t) {
                          return t == metric_type::counter || t == metric_type::gauge ||
                                 t == metric_type::histogram;
                        }},
  };
  if (type) {
    for (const type_specific_key& rule : type_specific_keys) {
      const auto it = keys.find(rule.key);
      if (it == keys.end() || rule.allowed(*type)) continue;
      error(it->second.key_position,
            fmt::format("'{}' is only allowed on {}, but '{}' is {} {}; remove it", rule.key,
                        rule.allowed_on, metric.name, article_for(*type), to_string(*type)));
    }
  }

  // On info and stateset metrics `unit` was reported above; on the others check its value.
  if (const auto it = keys.find("unit");
      it != keys.end() && type != metric_type::info && type != metric_type::stateset) {
    check_unit(it->second, metric);
  }
  if (const auto it = keys.find("labels"); it != keys.end()) {
    read_metric_labels(it->second, metric, type.has_value());
  }
  if (const auto it = keys.find("value"); it != keys.end() && type == metric_type::counter) {
    if (const std::optional<std::string> text = read_string(it->second, owner)) {
      if (*text == "integer") {
        metric.value = counter_value::integer;
      } else if (*text == "float") {
        metric.value = counter_value::floating;
      } else {
        std::string hint = did_you_mean(*text, counter_values);
        if (hint.empty()) hint = "; expected 'integer' (the default) or 'float'";
        error(it->second.value_position,
              fmt::format("unknown counter value type '{}'{}", *text, hint));
      }
    }
  }
  if (type == metric_type::histogram) {
    if (const auto it = keys.find("buckets"); it != keys.end()) {
      read_buckets(it->second, metric);
    } else {
      error(mapping_position,
            fmt::format("histogram '{}' is missing required key 'buckets'; list the bucket upper "
                        "bounds, e.g. 'buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, "
                        "5, 10]'",
                        metric.name));
    }
  }
  if (type == metric_type::stateset) {
    if (const auto it = keys.find("states"); it != keys.end()) {
      metric.states = read_values(it->second, "state", fmt::format("stateset '{}'", metric.name));
    } else {
      error(mapping_position,
            fmt::format("stateset '{}' is missing required key 'states'; list its states, e.g. "
                        "'states: [healthy, degraded, unhealthy]'",
                        metric.name));
    }
  }
  check_metric_name(metric, type.has_value());
  model.metrics.push_back(std::move(metric));
}

void schema_reader::check_metric_name(const metric_definition& metric, bool type_known) {
  const std::string_view name = metric.name;
  if (!check_name_charset(name, metric.position, "metric name")) return;
  if (std::find(reserved_metric_names.begin(), reserved_metric_names.end(), name) !=
      reserved_metric_names.end()) {
    error(metric.position,
          fmt::format("metric name '{}' collides with a name the generated header declares; "
                      "choose another name",
                      name));
    return;
  }
  if (!type_known) return;
  // The unit, when there is one, goes before `_total`: http_response_size_bytes_total.
  const std::string unit_suffix = metric.unit.empty() ? std::string{} : "_" + metric.unit;
  if (metric.type == metric_type::counter && !name.ends_with("_total")) {
    const std::string with_unit = name.ends_with(unit_suffix) ? std::string{} : unit_suffix;
    error(metric.position, fmt::format("counter name '{}' must end in '_total'; rename it to "
                                       "'{}{}_total'",
                                       name, name, with_unit));
    return;
  }
  if (metric.type != metric_type::counter && name.ends_with("_total")) {
    error(metric.position,
          fmt::format("metric name '{}' ends in '_total', which is reserved for counters; make it "
                      "a counter or choose another name",
                      name));
    return;
  }
  if (metric.type == metric_type::info && !name.ends_with("_info")) {
    error(metric.position,
          fmt::format("info metric name '{}' must end in '_info'; rename it to '{}_info'", name,
                      name));
    return;
  }
  // A counter's name ends in `_total`, so this never fires for counters: `tasks_created_total`
  // is a fine counter name.
  for (const reserved_suffix& reserved : reserved_suffixes) {
    if (name.ends_with(reserved.suffix)) {
      error(metric.position,
            fmt::format("metric name '{}' ends in '{}', a suffix reserved for {}; choose another "
                        "name",
                        name, reserved.suffix, reserved.reason));
      return;
    }
  }
  const std::string_view family =
      metric.type == metric_type::counter ? name.substr(0, name.size() - 6) : name;
  if (!unit_suffix.empty() && !family.ends_with(unit_suffix)) {
    if (metric.type == metric_type::counter) {
      error(metric.position,
            fmt::format("counter name '{}' must end in '{}_total' because its unit is '{}'; "
                        "rename it to '{}{}_total'",
                        name, unit_suffix, metric.unit, family, unit_suffix));
    } else {
      error(metric.position,
            fmt::format("metric name '{}' must end in '{}' because its unit is '{}'; rename it to "
                        "'{}{}'",
                        name, unit_suffix, metric.unit, name, unit_suffix));
    }
  }
}

void schema_reader::check_unit(const mapping_entry& entry, metric_definition& metric) {
  const std::optional<std::string> unit =
      read_string(entry, fmt::format("metric '{}'", metric.name));
  if (!unit) return;
  if (unit->empty()) {
    error(entry.value_position,
          "'unit' must not be empty; name a base unit such as 'seconds' or 'bytes', or remove it");
    return;
  }
  if (!is_valid_name(*unit)) {
    error(entry.value_position,
          fmt::format("invalid unit '{}': units must match [a-z][a-z0-9_]* (a lowercase letter, "
                      "then lowercase letters, digits or '_')",
                      *unit));
    return;
  }
  for (const unit_replacement& replacement : non_base_units) {
    if (*unit == replacement.unit) {
      error(entry.value_position,
            fmt::format("unit '{}' is not a base unit; use '{}' and record values in {}", *unit,
                        replacement.base_unit, replacement.base_unit));
      return;
    }
  }
  metric.unit = *unit;
}

void schema_reader::read_metric_labels(const mapping_entry& entry, metric_definition& metric,
                                       bool type_known) {
  if (!entry.value.IsSequence()) {
    error(entry.value_position,
          fmt::format("'labels' of metric '{}' must be a sequence of label names, found {}",
                      metric.name, describe(entry.value)));
    return;
  }
  std::vector<std::string_view> declared_names;
  for (const auto& declared : declared_labels_) declared_names.push_back(declared.first);
  std::map<std::string, source_position, std::less<>> seen;
  for (const YAML::Node& item : entry.value) {
    const source_position position = item_position(item);
    if (!item.IsScalar()) {
      error(position,
            fmt::format("each entry of 'labels' must be a label name, found {}", describe(item)));
      continue;
    }
    const std::string& name = item.Scalar();
    if (const auto first = seen.find(name); first != seen.end()) {
      error(position,
            fmt::format("label '{}' is listed twice in metric '{}' (first at {}); remove the "
                        "duplicate",
                        name, metric.name, position_text(first->second)));
      continue;
    }
    seen.emplace(name, position);
    metric.label_names.push_back(name);
    const auto declared = declared_labels_.find(name);
    if (declared == declared_labels_.end()) {
      std::string hint = did_you_mean(name, declared_names);
      if (hint.empty()) hint = "; define it under the top-level 'labels:'";
      error(position,
            fmt::format("metric '{}' uses unknown label '{}'{}", metric.name, name, hint));
      continue;
    }
    if (!type_known) continue;
    if (name == metric.name) {
      if (metric.type == metric_type::stateset) {
        error(position,
              fmt::format("stateset '{}' cannot have a label named like itself: its state label "
                          "is exposed under the metric's name; rename the label",
                          metric.name));
      } else {
        error(position,
              fmt::format("metric '{}' cannot have a label named like itself: the generated "
                          "'labels::{}' struct would have a member of its own name; rename the "
                          "label",
                          metric.name, metric.name));
      }
      continue;
    }
    if (declared->second == label_kind::text && metric.type != metric_type::info) {
      error(position,
            fmt::format("label '{}' has kind 'text', which only info metrics may use, but '{}' is "
                        "{} {}; give the label a closed set of 'values' instead",
                        name, metric.name, article_for(metric.type), to_string(metric.type)));
    }
  }
}

void schema_reader::read_buckets(const mapping_entry& entry, metric_definition& metric) {
  if (!entry.value.IsSequence()) {
    error(entry.value_position,
          fmt::format("'buckets' must be a sequence of numbers, found {}", describe(entry.value)));
    return;
  }
  if (entry.value.size() == 0) {
    error(entry.value_position,
          fmt::format("'buckets' of histogram '{}' must not be empty; list at least one upper "
                      "bound (the +Inf bucket is implicit)",
                      metric.name));
    return;
  }
  std::optional<std::string> previous;  // the text of the last accepted bound
  double previous_bound = 0;
  for (const YAML::Node& item : entry.value) {
    const source_position position = item_position(item);
    if (!item.IsScalar() || classify_scalar(item) != scalar_kind::number) {
      error(position, fmt::format("each bucket bound must be a number, found {}", describe(item)));
      continue;
    }
    const std::optional<yaml_number> number = parse_yaml_number(item.Scalar());
    if (!number) {  // a !!float-tagged scalar that is not a number
      error(position, fmt::format("each bucket bound must be a number, found {}", describe(item)));
      continue;
    }
    if (number->underflow) {
      error(position,
            fmt::format("bucket bound {} is too small to be represented as a double; use a larger "
                        "bound",
                        item.Scalar()));
      continue;
    }
    if (!std::isfinite(number->value)) {
      error(position,
            fmt::format("bucket bound {} is not a finite number; list finite upper bounds only "
                        "(the +Inf bucket is implicit)",
                        item.Scalar()));
      continue;
    }
    if (previous && !(number->value > previous_bound)) {
      error(position,
            fmt::format("bucket bound {} is not greater than the bound before it, {}; buckets "
                        "must be strictly increasing",
                        item.Scalar(), *previous));
      continue;
    }
    previous = item.Scalar();
    previous_bound = number->value;
    metric.buckets.push_back(number->value);
  }
}

void schema_reader::check_cross_references(const schema& model) {
  // A stateset's state enum, `<metric>_state`, lives beside the label enums.
  for (const metric_definition& metric : model.metrics) {
    if (metric.type != metric_type::stateset) continue;
    const std::string enum_name = metric.name + "_state";
    if (const auto label = label_positions_.find(enum_name); label != label_positions_.end()) {
      error(label->second,
            fmt::format("label name '{}' collides with the state enum generated for stateset "
                        "'{}' (at {}); rename the label",
                        enum_name, metric.name, position_text(metric.position)));
    }
  }
  // OpenMetrics exposes a counter `x_total` and an info `x_info` as the family `x`: another
  // metric named `x` would be a second family of the same name.
  std::map<std::string, const metric_definition*, std::less<>> families;
  for (const metric_definition& metric : model.metrics) {
    std::string_view family = metric.name;
    if (metric.type == metric_type::counter && family.ends_with("_total")) {
      family.remove_suffix(6);
    } else if (metric.type == metric_type::info && family.ends_with("_info")) {
      family.remove_suffix(5);
    }
    const auto [it, inserted] = families.emplace(std::string{family}, &metric);
    if (inserted) continue;
    error(metric.position,
          fmt::format("metric '{}' and metric '{}' (at {}) are both exposed as the OpenMetrics "
                      "family '{}'; rename one of them",
                      metric.name, it->second->name, position_text(it->second->position), family));
  }
}

}  // namespace

std::optional<schema> parse_schema(std::string_view yaml_text, diagnostics& diags) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string{yaml_text});
  } catch (const YAML::Exception& exception) {
    diags.error(position_of(exception.mark), fmt::format("invalid YAML: {}", exception.msg));
    return std::nullopt;
  }
  if (documents.size() > 1) {
    diags.error(position_of(documents[1]),
                "the schema file must hold a single YAML document; remove the second one");
    return std::nullopt;
  }
  try {
    schema_reader reader(yaml_text, diags);
    return reader.read(documents.empty() ? YAML::Node{} : documents.front());
  } catch (const YAML::Exception& exception) {
    // Not expected: the reader checks every node's type before converting it.
    diags.error(position_of(exception.mark),
                fmt::format("cannot read the schema: {}", exception.msg));
    return std::nullopt;
  }
}

}  // namespace schemetric::codegen
