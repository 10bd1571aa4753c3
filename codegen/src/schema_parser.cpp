// Reads a schema file (YAML, format version 1) into the validated model, reporting every error.
#include "schema_parser.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "cardinality.hpp"
#include "naming.hpp"

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

constexpr std::array top_level_keys{"schemetric"sv, "name"sv,    "help"sv,    "max_series"sv,
                                    "labels"sv,     "metrics"sv, "trackers"sv};
constexpr std::array label_keys{"kind"sv,  "help"sv,  "values"sv,     "routes"sv,
                                "other"sv, "codes"sv, "max_values"sv, "overflow"sv};
constexpr std::array label_kinds{"enum"sv, "text"sv, "route"sv, "status"sv, "bounded"sv};
// The keys each label kind takes (every kind takes `kind` and `help`).
constexpr std::array enum_label_keys{"kind"sv, "help"sv, "values"sv};
constexpr std::array text_label_keys{"kind"sv, "help"sv};
constexpr std::array route_label_keys{"kind"sv, "help"sv, "routes"sv, "other"sv};
constexpr std::array status_label_keys{"kind"sv, "help"sv, "codes"sv};
constexpr std::array bounded_label_keys{"kind"sv, "help"sv, "max_values"sv, "overflow"sv};
constexpr std::array metric_keys{"type"sv,        "help"sv,     "unit"sv,      "labels"sv,
                                 "value"sv,       "buckets"sv,  "quantiles"sv, "max_age_seconds"sv,
                                 "age_buckets"sv, "callback"sv, "health"sv,    "from_build"sv,
                                 "states"sv};
// In the order of `metric_type`.
constexpr std::array metric_types{"counter"sv, "gauge"sv, "histogram"sv,
                                  "summary"sv, "info"sv,  "stateset"sv};
constexpr std::array counter_values{"integer"sv, "float"sv};
constexpr std::array tracker_keys{
    "kind"sv,          "help"sv,   "labels"sv,        "duration"sv,    "count"sv,
    "in_progress"sv,   "errors"sv, "outcome_label"sv, "error_label"sv, "request_size"sv,
    "response_size"sv, "tokens"sv, "token_label"sv};
// In the order of `tracker_kind`.
constexpr std::array tracker_kinds{"http"sv, "db"sv, "ai"sv, "cache"sv, "integration"sv, "mcp"sv};
// The labels an info metric with `from_build: true` may have: the library fills them in.
constexpr std::array build_label_names{"version"sv, "revision"sv, "compiler"sv, "build_type"sv};
// The states a stateset with `health: true` must have.
constexpr std::array health_states{"healthy"sv, "degraded"sv, "unhealthy"sv};

// Names the generated header declares itself in the schema's namespace, or relies on finding
// unqualified there (`std::`, `schemetric::`, `boost::`): a label enum spelled like one of them
// would break the header.
constexpr std::array reserved_label_names{"labels"sv,
                                          "metrics"sv,
                                          "registry"sv,
                                          "trackers"sv,
                                          "schemetric_label_values"sv,
                                          "schemetric_route_templates"sv,
                                          "schemetric_status_classes"sv,
                                          "schemetric_status_codes"sv,
                                          "std"sv,
                                          "boost"sv,
                                          "schemetric"sv};

// The members of the struct generated for a bounded label (and the base class it names
// unqualified): a bounded label named like one of them would be a member of its own name.
constexpr std::array reserved_bounded_label_names{"label_name"sv, "overflow_value"sv,
                                                  "bounded_label"sv};

// Metric names become structs in `labels::` and `metrics::` and members of `registry`; a struct
// may not have a member of its own name, so the descriptor members are reserved too. `trackers`
// is a namespace the registry's member functions name unqualified.
constexpr std::array reserved_metric_names{"labels"sv,
                                           "metrics"sv,
                                           "registry"sv,
                                           "trackers"sv,
                                           "std"sv,
                                           "boost"sv,
                                           "schemetric"sv,
                                           "schema_name"sv,
                                           "schemetric_families"sv,
                                           "schemetric_bounded_labels"sv,
                                           "name"sv,
                                           "help"sv,
                                           "unit"sv,
                                           "value_type"sv,
                                           "buckets"sv,
                                           "quantiles"sv,
                                           "max_age_seconds"sv,
                                           "age_buckets"sv,
                                           "from_build"sv,
                                           "state"sv};

// Tracker names become structs in `trackers::`, whose members are these; `std`, `boost` and
// `schemetric` would hide the namespaces the structs name unqualified.
constexpr std::array reserved_tracker_names{
    "registry"sv,      "labels"sv,      "kind"sv,          "duration"sv,
    "count"sv,         "in_progress"sv, "errors"sv,        "request_size"sv,
    "response_size"sv, "tokens"sv,      "outcome_label"sv, "error_label"sv,
    "token_label"sv,   "std"sv,         "boost"sv,         "schemetric"sv};

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

// The largest `max_values` of a bounded label: with its overflow value, it fits the same index.
constexpr std::int64_t max_bounded_values = std::numeric_limits<std::uint16_t>::max();

// The largest `age_buckets` of a summary.
constexpr std::int64_t max_age_buckets = 60;

// The status classes a `kind: status` label without `codes` has.
constexpr std::array status_classes{"1xx"sv, "2xx"sv, "3xx"sv, "4xx"sv, "5xx"sv};

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

std::string_view article_for(label_kind kind) {
  return kind == label_kind::enumeration ? "an" : "a";
}

// The value of an integer scalar within [min, max], or nothing for anything else (a string, a
// float such as 5.0, a number out of range). Callers report the error in their own words.
std::optional<std::int64_t> integer_in_range(const YAML::Node& node, std::int64_t min,
                                             std::int64_t max) {
  if (!node.IsScalar() || classify_scalar(node) != scalar_kind::number) return std::nullopt;
  const std::optional<yaml_number> number = parse_yaml_number(node.Scalar());
  if (!number || !number->integral) return std::nullopt;
  if (!(number->value >= static_cast<double>(min) && number->value <= static_cast<double>(max))) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(number->value);
}

// The words of `all` that `present` lacks.
std::vector<std::string_view> missing_from(std::span<const std::string_view> all,
                                           std::span<const label_value> present) {
  std::vector<std::string_view> missing;
  for (const std::string_view word : all) {
    const bool found = std::any_of(present.begin(), present.end(),
                                   [&](const label_value& value) { return value.text == word; });
    if (!found) missing.push_back(word);
  }
  return missing;
}

// "'a'", "'a' and 'b'", "'a', 'b' and 'c'".
std::string quoted_and_list(std::span<const std::string_view> words) {
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text += i + 1 == words.size() ? " and " : ", ";
    text += fmt::format("'{}'", words[i]);
  }
  return text;
}

// Whether `text` is an identifier as a route parameter name: [A-Za-z_][A-Za-z0-9_]*.
bool is_parameter_name(std::string_view text) {
  if (text.empty() || (text.front() >= '0' && text.front() <= '9')) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// What is wrong with a route template, or nothing. `/` alone is the root; every other template
// is `/`-separated non-empty segments, each either literal text or a whole `{parameter}`.
std::optional<std::string> route_template_problem(std::string_view text) {
  if (!text.starts_with('/')) {
    return fmt::format("route template '{}' must start with '/', e.g. '/{}'", text, text);
  }
  if (const std::size_t at = text.find_first_of("?#"); at != std::string_view::npos) {
    return fmt::format(
        "route template '{}' contains '{}'; a template is a path only, without "
        "query string or fragment: remove everything from '{}' on",
        text, text[at], text[at]);
  }
  if (text == "/") return std::nullopt;
  std::string_view rest = text.substr(1);
  while (true) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment.empty()) {
      return fmt::format(
          "route template '{}' has an empty segment; remove the doubled or "
          "trailing '/'",
          text);
    }
    if (segment.find_first_of("{}") != std::string_view::npos) {
      const bool parameter = segment.size() >= 2 && segment.front() == '{' &&
                             segment.back() == '}' &&
                             is_parameter_name(segment.substr(1, segment.size() - 2));
      if (!parameter) {
        return fmt::format(
            "route template '{}' has a malformed parameter in segment '{}'; a "
            "parameter is a whole segment '{{name}}' with an identifier inside",
            text, segment);
      }
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return std::nullopt;
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
  std::optional<bool> read_bool(const mapping_entry& entry, std::string_view owner);

  void read_format_version(const mapping_entry& entry, schema& model);
  void read_schema_name(const mapping_entry& entry, schema& model);
  void read_max_series(const mapping_entry& entry, schema& model);
  bool check_name_charset(std::string_view name, source_position position, std::string_view what);
  void read_labels(const mapping_entry& entry, schema& model);
  void read_label(const mapping_entry& entry, schema& model);
  void check_keys_of_kind(const entry_map& keys, label_kind kind, std::string_view name);
  void read_route_label(const entry_map& keys, source_position mapping_position,
                        label_definition& label);
  void read_status_label(const entry_map& keys, label_definition& label);
  void read_bounded_label(const entry_map& keys, source_position mapping_position,
                          label_definition& label);
  void read_metrics(const mapping_entry& entry, schema& model);
  void read_metric(const mapping_entry& entry, schema& model);
  std::optional<metric_type> read_metric_type(const mapping_entry& entry, std::string_view owner);
  void check_metric_name(const metric_definition& metric, bool type_known);
  void check_unit(const mapping_entry& entry, metric_definition& metric);
  // A label named in a `labels:` list: `known` when it is defined; `kind` is empty when it is
  // not, or when its definition had errors.
  struct listed_label {
    std::string name;
    source_position position;
    bool known;
    std::optional<label_kind> kind;
  };
  // The entries of a metric's or tracker's `labels:` list, reporting what is not a name, a
  // duplicate or an unknown label (`owner_kind` is "metric" or "tracker").
  std::vector<listed_label> read_label_list(const mapping_entry& entry, std::string_view owner_kind,
                                            const std::string& owner_name);
  void read_metric_labels(const mapping_entry& entry, metric_definition& metric, bool type_known);
  void read_buckets(const mapping_entry& entry, metric_definition& metric);
  void read_summary(const entry_map& keys, source_position mapping_position,
                    metric_definition& metric);
  void read_quantiles(const mapping_entry& entry, metric_definition& metric);
  void check_health_states(const mapping_entry& entry, const metric_definition& metric);
  void check_from_build_labels(const metric_definition& metric);
  void read_trackers(const mapping_entry& entry, schema& model);
  void read_tracker(const mapping_entry& entry, schema& model);
  void read_tracker_labels(const mapping_entry& entry, tracker_definition& tracker);
  void read_tracker_metric_roles(const entry_map& keys, source_position mapping_position,
                                 const schema& model, tracker_definition& tracker,
                                 std::optional<tracker_kind> kind);
  void read_tracker_label_roles(const entry_map& keys, tracker_definition& tracker,
                                std::optional<tracker_kind> kind);
  void check_tracker_outcome_labels(const entry_map& keys, const schema& model,
                                    const tracker_definition& tracker,
                                    std::optional<tracker_kind> kind);
  void check_tracker_metric_labels(const entry_map& keys, const schema& model,
                                   const tracker_definition& tracker);
  void check_budget(const schema& model);
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
  // Every metric name declared under `metrics:`, with its type when that is known: a tracker
  // naming a declared but broken metric gets no second error.
  std::map<std::string, std::optional<metric_type>, std::less<>> declared_metrics_;
  source_position max_series_position_;
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

std::optional<bool> schema_reader::read_bool(const mapping_entry& entry, std::string_view owner) {
  if (entry.value.IsScalar() && classify_scalar(entry.value) == scalar_kind::boolean) {
    const std::string& text = entry.value.Scalar();
    if (is_yaml_bool(text)) return text.front() == 't' || text.front() == 'T';
  }
  error(entry.value_position, fmt::format("'{}' of {} must be true or false, found {}", entry.key,
                                          owner, describe(entry.value)));
  return std::nullopt;
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
  if (const auto it = keys.find("max_series"); it != keys.end()) read_max_series(it->second, model);
  if (const auto it = keys.find("labels"); it != keys.end()) read_labels(it->second, model);
  if (const auto it = keys.find("metrics"); it != keys.end()) {
    read_metrics(it->second, model);
  } else {
    error(root_position,
          "missing required key 'metrics' in the schema; add a 'metrics:' mapping with at least "
          "one metric");
  }
  // Trackers refer to labels and metrics, wherever those stand in the file.
  if (const auto it = keys.find("trackers"); it != keys.end()) read_trackers(it->second, model);
  check_cross_references(model);
  // The worst case is only meaningful for a schema that is otherwise valid.
  if (!diags_.has_errors()) check_budget(model);
  if (diags_.has_errors()) return std::nullopt;
  return model;
}

void schema_reader::read_max_series(const mapping_entry& entry, schema& model) {
  // 2^53: every integer up to it is exact in the double YAML numbers are read as.
  constexpr std::int64_t largest = std::int64_t{1} << 53;
  const std::optional<std::int64_t> budget = integer_in_range(entry.value, 1, largest);
  if (!budget) {
    error(entry.value_position,
          fmt::format("'max_series' must be a positive integer, the most series the schema may "
                      "expose (e.g. your Prometheus plan's series limit), found {}",
                      describe(entry.value)));
    return;
  }
  model.max_series = static_cast<std::uint64_t>(*budget);
  max_series_position_ = entry.value_position;
}

void schema_reader::check_budget(const schema& model) {
  if (!model.max_series) return;
  const cardinality_report report = compute_cardinality(model);
  if (report.total <= *model.max_series) return;
  std::string biggest;
  for (const metric_series& metric : report.biggest(3)) {
    if (!biggest.empty()) biggest += ", ";
    biggest += fmt::format("{} ({})", metric.name, metric.series);
  }
  error(max_series_position_,
        fmt::format("the worst case is {} series, over the budget of {}; the biggest: {}; remove "
                    "labels or label values from them (or lower their 'max_values'), or raise "
                    "'max_series'",
                    report.total, *model.max_series, biggest));
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
  bool name_valid = false;
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
    } else {
      name_valid = true;
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
  const source_position mapping_position = position_of(entry.value);
  const entry_map keys = known_keys(entry.value, label_keys, fmt::format("in {}", owner));

  std::optional<label_kind> kind = label_kind::enumeration;
  if (const auto it = keys.find("kind"); it != keys.end()) {
    kind = std::nullopt;
    if (const std::optional<std::string> text = read_string(it->second, owner)) {
      for (std::size_t i = 0; i < label_kinds.size(); ++i) {
        if (*text == label_kinds[i]) kind = static_cast<label_kind>(i);
      }
      if (!kind) {
        std::string hint = did_you_mean(*text, label_kinds);
        if (hint.empty()) {
          hint =
              "; expected 'enum' (a closed set of values), 'text', 'route', 'status' or "
              "'bounded'";
        }
        error(it->second.value_position,
              fmt::format("unknown kind '{}' of label '{}'{}", *text, name, hint));
      }
    }
  }
  if (const auto it = keys.find("help"); it != keys.end()) {
    if (auto help = read_help(it->second, owner)) label.help = std::move(*help);
  }
  if (kind) check_keys_of_kind(keys, *kind, name);
  if (kind == label_kind::enumeration) {
    if (const auto values = keys.find("values"); values == keys.end()) {
      error(mapping_position,
            fmt::format("label '{}' is missing required key 'values'; list its closed set of "
                        "values, e.g. 'values: [a, b]', or add 'kind: text' for a free string "
                        "(info metrics only)",
                        name));
    } else {
      label.values = read_values(values->second, "value", owner);
    }
  } else if (kind == label_kind::route) {
    read_route_label(keys, mapping_position, label);
  } else if (kind == label_kind::status) {
    read_status_label(keys, label);
  } else if (kind == label_kind::bounded) {
    read_bounded_label(keys, mapping_position, label);
    // The struct generated for a bounded label has these members and base.
    if (name_valid &&
        std::find(reserved_bounded_label_names.begin(), reserved_bounded_label_names.end(), name) !=
            reserved_bounded_label_names.end()) {
      error(entry.key_position,
            fmt::format("bounded label name '{}' collides with a member of the struct generated "
                        "for it; choose another name",
                        name));
    }
  }
  if (kind) {
    label.kind = *kind;
    declared_labels_[label.name] = kind;
  }
  model.labels.push_back(std::move(label));
}

void schema_reader::check_keys_of_kind(const entry_map& keys, label_kind kind,
                                       std::string_view name) {
  const auto allowed_keys = [](label_kind of) -> std::span<const std::string_view> {
    switch (of) {
      case label_kind::enumeration:
        return enum_label_keys;
      case label_kind::text:
        return text_label_keys;
      case label_kind::route:
        return route_label_keys;
      case label_kind::status:
        return status_label_keys;
      case label_kind::bounded:
        return bounded_label_keys;
    }
    return enum_label_keys;
  };
  const std::span<const std::string_view> allowed = allowed_keys(kind);
  for (const auto& [key, entry] : keys) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    if (kind == label_kind::text && key == "values") {
      error(entry.key_position,
            fmt::format("'values' is not allowed on label '{}' of kind 'text'; remove it, or "
                        "remove 'kind: text' to make the label a closed set",
                        name));
      continue;
    }
    // Every key of label_keys belongs to exactly one kind.
    label_kind owner = label_kind::enumeration;
    for (std::size_t i = 0; i < label_kinds.size(); ++i) {
      const std::span<const std::string_view> keys_of_kind =
          allowed_keys(static_cast<label_kind>(i));
      if (std::find(keys_of_kind.begin(), keys_of_kind.end(), key) != keys_of_kind.end()) {
        owner = static_cast<label_kind>(i);
      }
    }
    error(entry.key_position,
          fmt::format("'{}' is only allowed on labels of kind '{}', but label '{}' is of kind "
                      "'{}'; remove it ({} '{}' label takes {})",
                      key, to_string(owner), name, to_string(kind), article_for(kind),
                      to_string(kind), quoted_list(allowed)));
  }
}

void schema_reader::read_route_label(const entry_map& keys, source_position mapping_position,
                                     label_definition& label) {
  const std::string owner = fmt::format("label '{}'", label.name);
  const auto routes = keys.find("routes");
  if (routes == keys.end()) {
    error(mapping_position,
          fmt::format("label '{}' of kind 'route' is missing required key 'routes'; list the "
                      "route templates of the service, e.g. 'routes: [/api/tasks, "
                      "/api/tasks/{{task_id}}]'",
                      label.name));
    return;
  }
  const mapping_entry& entry = routes->second;
  if (!entry.value.IsSequence()) {
    error(entry.value_position,
          fmt::format("'routes' must be a sequence of route templates, found {}",
                      describe(entry.value)));
    return;
  }
  if (entry.value.size() == 0) {
    error(entry.value_position,
          fmt::format("'routes' of {} must not be empty; list at least one route template", owner));
    return;
  }
  // One enumerator is the no-match value, so one fewer template than closed-set values.
  if (entry.value.size() > max_values - 1) {
    error(entry.value_position, fmt::format("{} has {} route templates; at most {} are supported",
                                            owner, entry.value.size(), max_values - 1));
    return;
  }
  std::unordered_map<std::string, std::size_t> by_text;
  std::unordered_map<std::string, std::size_t> by_identifier;
  for (const YAML::Node& item : entry.value) {
    const source_position position = item_position(item);
    if (!item.IsScalar() && !item.IsNull()) {
      error(position, fmt::format("each entry of 'routes' must be a route template such as "
                                  "'/api/tasks/{{task_id}}', found {}",
                                  describe(item)));
      continue;
    }
    const std::string text = item.IsNull() ? std::string{} : item.Scalar();
    if (text.empty()) {
      error(position, fmt::format("{} has an empty route template; templates start with '/', "
                                  "e.g. '/api/tasks'",
                                  owner));
      continue;
    }
    if (const std::optional<std::string> problem = route_template_problem(text)) {
      error(position, *problem);
      continue;
    }
    if (const auto same_text = by_text.find(text); same_text != by_text.end()) {
      error(position,
            fmt::format("duplicate route template '{}' in {} (first at {}); remove one of them",
                        text, owner, position_text(label.values[same_text->second].position)));
      continue;
    }
    std::string identifier = route_identifier(text);
    if (const auto same = by_identifier.find(identifier); same != by_identifier.end()) {
      const label_value& first = label.values[same->second];
      error(position,
            fmt::format("route templates '{}' (at {}) and '{}' of {} both have the C++ spelling "
                        "'{}'; rename one of them",
                        first.text, position_text(first.position), text, owner, identifier));
      continue;
    }
    by_text.emplace(text, label.values.size());
    by_identifier.emplace(identifier, label.values.size());
    label.values.push_back(label_value{text, std::move(identifier), position});
  }

  // The value of paths that match no template, last in the enum.
  label_value other{"other", "other", label.position};
  if (const auto it = keys.find("other"); it != keys.end()) {
    const std::optional<std::string> text = read_string(it->second, owner);
    if (!text) return;
    if (text->empty()) {
      error(it->second.value_position,
            fmt::format("'other' of {} must not be empty; name the value of paths that match no "
                        "template, e.g. 'other'",
                        owner));
      return;
    }
    other = label_value{*text, safe_identifier(*text), it->second.value_position};
  }
  if (const auto same_text = by_text.find(other.text); same_text != by_text.end()) {
    error(other.position,
          fmt::format("'other' of {} is '{}', which is also one of its route templates (at {}); "
                      "choose a value that is not a template, e.g. 'other'",
                      owner, other.text, position_text(label.values[same_text->second].position)));
    return;
  }
  if (const auto same = by_identifier.find(other.identifier); same != by_identifier.end()) {
    const label_value& first = label.values[same->second];
    error(other.position,
          fmt::format("the no-match value '{}' and route template '{}' (at {}) of {} both have "
                      "the C++ spelling '{}'; choose another 'other' value",
                      other.text, first.text, position_text(first.position), owner,
                      other.identifier));
    return;
  }
  label.values.push_back(std::move(other));
}

void schema_reader::read_status_label(const entry_map& keys, label_definition& label) {
  const auto codes = keys.find("codes");
  if (codes == keys.end()) {
    for (const std::string_view status_class : status_classes) {
      label.values.push_back(
          label_value{std::string{status_class}, safe_identifier(status_class), label.position});
    }
    return;
  }
  const std::string owner = fmt::format("label '{}'", label.name);
  const mapping_entry& entry = codes->second;
  if (!entry.value.IsSequence()) {
    error(entry.value_position,
          fmt::format("'codes' must be a sequence of HTTP status codes, found {}",
                      describe(entry.value)));
    return;
  }
  if (entry.value.size() == 0) {
    error(entry.value_position,
          fmt::format("'codes' of {} must not be empty; list the exact codes to keep, e.g. "
                      "'codes: [200, 404, 500]', or remove 'codes' for the classes 1xx to 5xx",
                      owner));
    return;
  }
  std::map<int, source_position> seen;
  for (const YAML::Node& item : entry.value) {
    const source_position position = item_position(item);
    const std::optional<std::int64_t> code = integer_in_range(item, 100, 599);
    if (!code) {
      error(position, fmt::format("each entry of 'codes' must be an HTTP status code, an integer "
                                  "from 100 to 599, found {}",
                                  describe(item)));
      continue;
    }
    const int status = static_cast<int>(*code);
    if (const auto first = seen.find(status); first != seen.end()) {
      error(position, fmt::format("duplicate status code {} in {} (first at {}); remove one of "
                                  "them",
                                  status, owner, position_text(first->second)));
      continue;
    }
    seen.emplace(status, position);
    label.status_codes.push_back(status);
    const std::string text = std::to_string(status);
    label.values.push_back(label_value{text, safe_identifier(text), position});
  }
  // Every code not listed: the codes are digits only, so `other` cannot collide with them.
  label.values.push_back(label_value{"other", "other", entry.value_position});
}

void schema_reader::read_bounded_label(const entry_map& keys, source_position mapping_position,
                                       label_definition& label) {
  const std::string owner = fmt::format("label '{}'", label.name);
  if (const auto it = keys.find("max_values"); it == keys.end()) {
    error(mapping_position,
          fmt::format("label '{}' of kind 'bounded' is missing required key 'max_values'; give "
                      "the number of distinct values that get their own series, e.g. "
                      "'max_values: 8'",
                      label.name));
  } else if (const std::optional<std::int64_t> count =
                 integer_in_range(it->second.value, 1, max_bounded_values)) {
    label.max_values = static_cast<std::size_t>(*count);
  } else {
    error(it->second.value_position,
          fmt::format("'max_values' of {} must be an integer from 1 to {}, found {}", owner,
                      max_bounded_values, describe(it->second.value)));
  }
  label.overflow_value = "other";
  if (const auto it = keys.find("overflow"); it != keys.end()) {
    if (const std::optional<std::string> text = read_string(it->second, owner)) {
      if (text->empty()) {
        error(it->second.value_position,
              fmt::format("'overflow' of {} must not be empty; name the value that values past "
                          "'max_values' fold into, e.g. 'other'",
                          owner));
      } else {
        label.overflow_value = *text;
      }
    }
  }
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
    declared_metrics_[metric.name] = std::nullopt;
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

  // Keys that only some metric types take, with the types that do (a bit per type).
  struct type_specific_key {
    std::string_view key;
    std::string_view allowed_on;
    unsigned allowed_types;
    bool allowed(metric_type type) const {
      return (allowed_types >> static_cast<unsigned>(type)) & 1U;
    }
  };
  constexpr auto types = [](std::initializer_list<metric_type> allowed) {
    unsigned bits = 0;
    for (metric_type type : allowed) bits |= 1U << static_cast<unsigned>(type);
    return bits;
  };
  static constexpr std::array type_specific_keys{
      type_specific_key{"value", "counter metrics", types({metric_type::counter})},
      type_specific_key{"buckets", "histogram metrics", types({metric_type::histogram})},
      type_specific_key{"quantiles", "summary metrics", types({metric_type::summary})},
      type_specific_key{"max_age_seconds", "summary metrics", types({metric_type::summary})},
      type_specific_key{"age_buckets", "summary metrics", types({metric_type::summary})},
      type_specific_key{"callback", "gauge metrics", types({metric_type::gauge})},
      type_specific_key{"health", "stateset metrics", types({metric_type::stateset})},
      type_specific_key{"from_build", "info metrics", types({metric_type::info})},
      type_specific_key{"states", "stateset metrics", types({metric_type::stateset})},
      type_specific_key{"unit", "counter, gauge, histogram and summary metrics",
                        types({metric_type::counter, metric_type::gauge, metric_type::histogram,
                               metric_type::summary})},
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
  // The flags come before the labels: `from_build` restricts an info metric's labels.
  const auto read_flag = [&](std::string_view key, metric_type on, bool& flag) {
    if (const auto it = keys.find(key); it != keys.end() && type == on) {
      flag = read_bool(it->second, owner).value_or(false);
    }
  };
  read_flag("callback", metric_type::gauge, metric.callback);
  read_flag("health", metric_type::stateset, metric.health);
  read_flag("from_build", metric_type::info, metric.from_build);
  if (const auto it = keys.find("labels"); it != keys.end()) {
    read_metric_labels(it->second, metric, type.has_value());
  }
  if (metric.from_build) check_from_build_labels(metric);
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
  if (type == metric_type::summary) read_summary(keys, mapping_position, metric);
  if (type == metric_type::stateset) {
    if (const auto it = keys.find("states"); it != keys.end()) {
      metric.states = read_values(it->second, "state", fmt::format("stateset '{}'", metric.name));
    } else {
      error(mapping_position,
            fmt::format("stateset '{}' is missing required key 'states'; list its states, e.g. "
                        "'states: [healthy, degraded, unhealthy]'",
                        metric.name));
    }
    if (const auto it = keys.find("health"); it != keys.end() && metric.health) {
      check_health_states(it->second, metric);
    }
  }
  check_metric_name(metric, type.has_value());
  declared_metrics_[metric.name] = type;
  model.metrics.push_back(std::move(metric));
}

void schema_reader::read_summary(const entry_map& keys, source_position mapping_position,
                                 metric_definition& metric) {
  const std::string owner = fmt::format("summary '{}'", metric.name);
  if (const auto it = keys.find("quantiles"); it != keys.end()) {
    read_quantiles(it->second, metric);
  } else {
    error(mapping_position,
          fmt::format("summary '{}' is missing required key 'quantiles'; list the quantiles to "
                      "report, e.g. 'quantiles: [0.5, 0.9, 0.99]'",
                      metric.name));
  }
  if (const auto it = keys.find("max_age_seconds"); it != keys.end()) {
    const YAML::Node& value = it->second.value;
    std::optional<yaml_number> number;
    if (value.IsScalar() && classify_scalar(value) == scalar_kind::number) {
      number = parse_yaml_number(value.Scalar());
    }
    if (number && std::isfinite(number->value) && number->value > 0) {
      metric.max_age_seconds = number->value;
    } else {
      error(it->second.value_position,
            fmt::format("'max_age_seconds' of {} must be a finite number of seconds greater than "
                        "0 (the window the quantiles cover, default 600), found {}",
                        owner, describe(value)));
    }
  }
  if (const auto it = keys.find("age_buckets"); it != keys.end()) {
    if (const std::optional<std::int64_t> count =
            integer_in_range(it->second.value, 1, max_age_buckets)) {
      metric.age_buckets = static_cast<std::size_t>(*count);
    } else {
      error(it->second.value_position,
            fmt::format("'age_buckets' of {} must be an integer from 1 to {} (the slices of the "
                        "window, default 5), found {}",
                        owner, max_age_buckets, describe(it->second.value)));
    }
  }
}

void schema_reader::read_quantiles(const mapping_entry& entry, metric_definition& metric) {
  if (!entry.value.IsSequence()) {
    error(entry.value_position, fmt::format("'quantiles' must be a sequence of numbers, found {}",
                                            describe(entry.value)));
    return;
  }
  if (entry.value.size() == 0) {
    error(entry.value_position,
          fmt::format("'quantiles' of summary '{}' must not be empty; list at least one quantile, "
                      "e.g. 'quantiles: [0.5, 0.9, 0.99]'",
                      metric.name));
    return;
  }
  std::optional<std::string> previous;  // the text of the last accepted quantile
  double previous_quantile = 0;
  for (const YAML::Node& item : entry.value) {
    const source_position position = item_position(item);
    std::optional<yaml_number> number;
    if (item.IsScalar() && classify_scalar(item) == scalar_kind::number) {
      number = parse_yaml_number(item.Scalar());
    }
    if (!number) {
      error(position, fmt::format("each quantile must be a number, found {}", describe(item)));
      continue;
    }
    if (!(number->value > 0 && number->value < 1)) {
      error(position, fmt::format("quantile {} is not between 0 and 1 (both excluded); write the "
                                  "median as 0.5 and the 99th percentile as 0.99",
                                  item.Scalar()));
      continue;
    }
    if (previous && !(number->value > previous_quantile)) {
      error(position,
            fmt::format("quantile {} is not greater than the quantile before it, {}; quantiles "
                        "must be strictly increasing",
                        item.Scalar(), *previous));
      continue;
    }
    previous = item.Scalar();
    previous_quantile = number->value;
    metric.quantiles.push_back(number->value);
  }
}

void schema_reader::check_health_states(const mapping_entry& entry,
                                        const metric_definition& metric) {
  if (metric.name == "health") {
    error(entry.key_position,
          "stateset 'health' cannot have 'health: true': its generated descriptor "
          "'metrics::health' would have a member of its own name; rename the metric, e.g. "
          "'component_health'");
  }
  if (metric.states.empty()) return;  // reported with the states
  const std::vector<std::string_view> missing = missing_from(health_states, metric.states);
  if (missing.empty()) return;
  error(entry.value_position,
        fmt::format("stateset '{}' has 'health: true' but lacks the state{} {}; a health "
                    "stateset has the states 'healthy', 'degraded' and 'unhealthy' (and may have "
                    "more, e.g. 'unknown'): add the missing ones",
                    metric.name, missing.size() == 1 ? "" : "s", quoted_and_list(missing)));
}

void schema_reader::check_from_build_labels(const metric_definition& metric) {
  for (std::size_t i = 0; i < metric.label_names.size(); ++i) {
    const std::string& name = metric.label_names[i];
    const auto declared = declared_labels_.find(name);
    if (declared == declared_labels_.end()) continue;  // reported as unknown
    const bool build_name = std::find(build_label_names.begin(), build_label_names.end(), name) !=
                            build_label_names.end();
    const bool text = !declared->second || *declared->second == label_kind::text;
    if (build_name && text) continue;
    const std::string problem =
        build_name ? fmt::format("label '{}' is of kind '{}': make it 'kind: text'", name,
                                 to_string(declared->second.value_or(label_kind::text)))
                   : fmt::format("label '{}' is not one of those names: remove it", name);
    error(metric.label_positions[i],
          fmt::format("info '{}' has 'from_build: true', so its labels must be 'kind: text' "
                      "labels named {} (the library fills them from the build); {}, or remove "
                      "'from_build: true' and set the labels yourself",
                      metric.name, quoted_list(build_label_names), problem));
  }
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

std::vector<schema_reader::listed_label> schema_reader::read_label_list(
    const mapping_entry& entry, std::string_view owner_kind, const std::string& owner_name) {
  std::vector<listed_label> listed;
  if (!entry.value.IsSequence()) {
    error(entry.value_position,
          fmt::format("'labels' of {} '{}' must be a sequence of label names, found {}", owner_kind,
                      owner_name, describe(entry.value)));
    return listed;
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
      error(position, fmt::format("label '{}' is listed twice in {} '{}' (first at {}); remove the "
                                  "duplicate",
                                  name, owner_kind, owner_name, position_text(first->second)));
      continue;
    }
    seen.emplace(name, position);
    const auto declared = declared_labels_.find(name);
    if (declared == declared_labels_.end()) {
      std::string hint = did_you_mean(name, declared_names);
      if (hint.empty()) hint = "; define it under the top-level 'labels:'";
      error(position,
            fmt::format("{} '{}' uses unknown label '{}'{}", owner_kind, owner_name, name, hint));
      listed.push_back({name, position, false, std::nullopt});
      continue;
    }
    listed.push_back({name, position, true, declared->second});
  }
  return listed;
}

void schema_reader::read_metric_labels(const mapping_entry& entry, metric_definition& metric,
                                       bool type_known) {
  for (const listed_label& listed : read_label_list(entry, "metric", metric.name)) {
    const std::string& name = listed.name;
    const source_position position = listed.position;
    metric.label_names.push_back(name);
    metric.label_positions.push_back(position);
    if (!listed.known) continue;  // reported
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
    if (listed.kind == label_kind::text && metric.type != metric_type::info) {
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

// --- trackers -----------------------------------------------------------------------------------

// A metric a tracker updates: its key, the metric type it must have, where the model keeps it,
// the one tracker kind that may have it (when only one may), and the tracker's label that the
// metric may have besides the tracker's `labels`.
struct tracker_metric_role {
  std::string_view key;
  metric_type type;
  std::string tracker_definition::*metric;
  std::optional<tracker_kind> only_on;
  std::string tracker_definition::*extra_label;
  std::string_view extra_label_key;
};
const std::array tracker_metric_roles{
    tracker_metric_role{"duration", metric_type::histogram, &tracker_definition::duration,
                        std::nullopt, &tracker_definition::outcome_label, "outcome_label"},
    tracker_metric_role{"count", metric_type::counter, &tracker_definition::count, std::nullopt,
                        &tracker_definition::outcome_label, "outcome_label"},
    tracker_metric_role{"in_progress", metric_type::gauge, &tracker_definition::in_progress,
                        std::nullopt, nullptr, ""},
    tracker_metric_role{"errors", metric_type::counter, &tracker_definition::errors, std::nullopt,
                        &tracker_definition::error_label, "error_label"},
    tracker_metric_role{"request_size", metric_type::histogram, &tracker_definition::request_size,
                        tracker_kind::http, nullptr, ""},
    tracker_metric_role{"response_size", metric_type::histogram, &tracker_definition::response_size,
                        tracker_kind::http, nullptr, ""},
    tracker_metric_role{"tokens", metric_type::counter, &tracker_definition::tokens,
                        tracker_kind::ai, &tracker_definition::token_label, "token_label"},
};

// The entry of `key` in tracker_metric_roles, which has one for every key used.
const tracker_metric_role& metric_role(std::string_view key) {
  return *std::find_if(tracker_metric_roles.begin(), tracker_metric_roles.end(),
                       [&](const tracker_metric_role& role) { return role.key == key; });
}

// A label a tracker sets itself, and the metric role it goes with.
struct tracker_label_role {
  std::string_view key;
  std::string tracker_definition::*label;
  std::string_view metric_key;  ///< the role whose metric the label belongs to
  std::optional<tracker_kind> only_on;
};
const std::array tracker_label_roles{
    tracker_label_role{"outcome_label", &tracker_definition::outcome_label, "count", std::nullopt},
    tracker_label_role{"error_label", &tracker_definition::error_label, "errors", std::nullopt},
    tracker_label_role{"token_label", &tracker_definition::token_label, "tokens", tracker_kind::ai},
};

void schema_reader::read_trackers(const mapping_entry& entry, schema& model) {
  if (entry.value.IsNull()) return;  // `trackers:` with nothing under it: none
  if (!entry.value.IsMap()) {
    error(entry.value_position,
          fmt::format("'trackers' must be a mapping of tracker name to definition, found {}",
                      describe(entry.value)));
    return;
  }
  std::map<std::string, source_position, std::less<>> seen;
  for (const mapping_entry& tracker : entries_of(entry.value)) {
    if (const auto first = seen.find(tracker.key); first != seen.end()) {
      error(tracker.key_position,
            fmt::format("duplicate tracker '{}' (first defined at {}); tracker names must be "
                        "unique",
                        tracker.key, position_text(first->second)));
      continue;
    }
    seen.emplace(tracker.key, tracker.key_position);
    read_tracker(tracker, model);
  }
}

void schema_reader::read_tracker(const mapping_entry& entry, schema& model) {
  tracker_definition tracker;
  tracker.name = entry.key;
  tracker.position = entry.key_position;
  const std::string owner = fmt::format("tracker '{}'", tracker.name);
  const std::string function_name = "track_" + tracker.name;
  if (check_name_charset(tracker.name, entry.key_position, "tracker name")) {
    if (std::find(reserved_tracker_names.begin(), reserved_tracker_names.end(), tracker.name) !=
        reserved_tracker_names.end()) {
      error(entry.key_position,
            fmt::format("tracker name '{}' collides with a name the struct generated for it uses; "
                        "choose another name",
                        tracker.name));
    } else if (const auto metric = declared_metrics_.find(function_name);
               metric != declared_metrics_.end()) {
      const metric_definition* clash = model.find_metric(function_name);
      error(entry.key_position,
            fmt::format("tracker '{}' generates the registry function '{}', which collides with "
                        "metric '{}'{}; rename the tracker or the metric",
                        tracker.name, function_name, function_name,
                        clash != nullptr ? fmt::format(" (at {})", position_text(clash->position))
                                         : std::string{}));
    }
  }
  if (!entry.value.IsMap()) {
    error(entry.value_position,
          fmt::format("tracker '{}' must be a mapping with 'kind' and 'duration', found {}",
                      tracker.name, describe(entry.value)));
    return;
  }
  const source_position mapping_position = position_of(entry.value);
  const entry_map keys = known_keys(entry.value, tracker_keys, fmt::format("in {}", owner));

  std::optional<tracker_kind> kind;
  if (const auto it = keys.find("kind"); it != keys.end()) {
    if (const std::optional<std::string> text = read_string(it->second, owner)) {
      for (std::size_t i = 0; i < tracker_kinds.size(); ++i) {
        if (*text == tracker_kinds[i]) kind = static_cast<tracker_kind>(i);
      }
      if (!kind) {
        std::string hint = did_you_mean(*text, tracker_kinds);
        if (hint.empty()) hint = fmt::format("; expected {}", quoted_list(tracker_kinds));
        error(it->second.value_position,
              fmt::format("unknown kind '{}' of tracker '{}'{}", *text, tracker.name, hint));
      }
    }
  } else {
    error(mapping_position,
          fmt::format("tracker '{}' is missing required key 'kind'; add 'kind:' with one of {}",
                      tracker.name, quoted_list(tracker_kinds)));
  }
  if (kind) tracker.kind = *kind;
  if (const auto it = keys.find("help"); it != keys.end()) {
    if (auto help = read_help(it->second, owner)) tracker.help = std::move(*help);
  }
  if (const auto it = keys.find("labels"); it != keys.end()) {
    read_tracker_labels(it->second, tracker);
  }

  read_tracker_metric_roles(keys, mapping_position, model, tracker, kind);
  read_tracker_label_roles(keys, tracker, kind);
  // A metric the tracker sets a label on needs that label named.
  const auto require_label = [&](std::string_view metric_key, std::string_view label_key,
                                 std::string_view example) {
    if (!keys.contains(metric_key) || keys.contains(label_key)) return;
    error(mapping_position,
          fmt::format("tracker '{}' has '{}' but no '{}'; name the label it sets on that metric, "
                      "e.g. '{}: {}'",
                      tracker.name, metric_key, label_key, label_key, example));
  };
  const std::string_view outcome_example = !kind                          ? "outcome"
                                           : *kind == tracker_kind::http  ? "status"
                                           : *kind == tracker_kind::cache ? "cache_result"
                                                                          : "outcome";
  require_label("count", "outcome_label", outcome_example);
  require_label("errors", "error_label", "error_category");
  if (!kind || *kind == tracker_kind::ai) require_label("tokens", "token_label", "token_type");

  check_tracker_outcome_labels(keys, model, tracker, kind);
  check_tracker_metric_labels(keys, model, tracker);
  model.trackers.push_back(std::move(tracker));
}

void schema_reader::read_tracker_metric_roles(const entry_map& keys,
                                              source_position mapping_position, const schema& model,
                                              tracker_definition& tracker,
                                              std::optional<tracker_kind> kind) {
  const std::string owner = fmt::format("tracker '{}'", tracker.name);
  std::vector<std::string_view> metric_names;
  for (const auto& declared : declared_metrics_) metric_names.push_back(declared.first);
  for (const tracker_metric_role& role : tracker_metric_roles) {
    const auto it = keys.find(role.key);
    if (it == keys.end()) {
      if (role.key == "duration") {
        error(mapping_position,
              fmt::format("tracker '{}' is missing required key 'duration'; name the histogram "
                          "that records how long each tracked operation takes",
                          tracker.name));
      }
      continue;
    }
    if (role.only_on && kind && *kind != *role.only_on) {
      error(it->second.key_position,
            fmt::format("'{}' is only allowed on trackers of kind '{}', but tracker '{}' is of "
                        "kind '{}'; remove it",
                        role.key, to_string(*role.only_on), tracker.name, to_string(*kind)));
      continue;
    }
    const std::optional<std::string> name = read_string(it->second, owner);
    if (!name) continue;
    tracker.*role.metric = *name;
    const auto declared = declared_metrics_.find(*name);
    if (declared == declared_metrics_.end()) {
      std::string hint = did_you_mean(*name, metric_names);
      if (hint.empty()) hint = "; define it under 'metrics:'";
      error(it->second.value_position,
            fmt::format("tracker '{}' uses unknown metric '{}' as its '{}'{}", tracker.name, *name,
                        role.key, hint));
      continue;
    }
    if (!declared->second) continue;  // a metric whose type is broken: reported there
    const metric_type type = *declared->second;
    if (type != role.type) {
      error(it->second.value_position,
            fmt::format("the '{}' of tracker '{}' must be {} {}, but '{}' is {} {}; name {} {}",
                        role.key, tracker.name, article_for(role.type), to_string(role.type), *name,
                        article_for(type), to_string(type), article_for(role.type),
                        to_string(role.type)));
      continue;
    }
    const metric_definition* metric = model.find_metric(*name);
    if (role.key == "in_progress" && metric != nullptr && metric->callback) {
      error(it->second.value_position,
            fmt::format("the 'in_progress' of tracker '{}' must be a gauge the tracker sets, but "
                        "'{}' is a callback gauge (read at scrape time); name a gauge without "
                        "'callback: true'",
                        tracker.name, *name));
    }
  }
}

void schema_reader::read_tracker_label_roles(const entry_map& keys, tracker_definition& tracker,
                                             std::optional<tracker_kind> kind) {
  const std::string owner = fmt::format("tracker '{}'", tracker.name);
  std::vector<std::string_view> label_names;
  for (const auto& declared : declared_labels_) label_names.push_back(declared.first);
  for (const tracker_label_role& role : tracker_label_roles) {
    const auto it = keys.find(role.key);
    if (it == keys.end()) continue;
    if (role.only_on && kind && *kind != *role.only_on) {
      error(it->second.key_position,
            fmt::format("'{}' is only allowed on trackers of kind '{}', but tracker '{}' is of "
                        "kind '{}'; remove it",
                        role.key, to_string(*role.only_on), tracker.name, to_string(*kind)));
      continue;
    }
    const std::optional<std::string> name = read_string(it->second, owner);
    if (!name) continue;
    tracker.*role.label = *name;
    if (!declared_labels_.contains(*name)) {
      std::string hint = did_you_mean(*name, label_names);
      if (hint.empty()) hint = "; define it under the top-level 'labels:'";
      error(it->second.value_position,
            fmt::format("tracker '{}' uses unknown label '{}' as its '{}'{}", tracker.name, *name,
                        role.key, hint));
      continue;
    }
    if (std::find(tracker.label_names.begin(), tracker.label_names.end(), *name) !=
        tracker.label_names.end()) {
      error(it->second.value_position,
            fmt::format("the '{}' of tracker '{}', '{}', is also one of its 'labels'; the tracker "
                        "sets it itself, so remove it from 'labels'",
                        role.key, tracker.name, *name));
      continue;
    }
    if (role.key != "outcome_label" && !keys.contains(role.metric_key)) {
      error(it->second.key_position,
            fmt::format("tracker '{}' has '{}' but no '{}' metric to set it on; add '{}:' or "
                        "remove '{}'",
                        tracker.name, role.key, role.metric_key, role.metric_key, role.key));
    }
  }
}

void schema_reader::read_tracker_labels(const mapping_entry& entry, tracker_definition& tracker) {
  if (entry.value.IsNull()) return;  // `labels:` with nothing: no start labels
  for (const listed_label& listed : read_label_list(entry, "tracker", tracker.name)) {
    const std::string& name = listed.name;
    const source_position position = listed.position;
    tracker.label_names.push_back(name);
    if (!listed.known) continue;  // reported
    if (name == "track_" + tracker.name) {
      error(position,
            fmt::format("tracker '{}' cannot have a label named '{}': the generated "
                        "'labels::{}' struct would have a member of its own name; rename the "
                        "label",
                        tracker.name, name, name));
      continue;
    }
    if (listed.kind == label_kind::text) {
      error(position,
            fmt::format("label '{}' has kind 'text', which trackers cannot take; a tracker starts "
                        "with enum, route, status or bounded labels",
                        name));
    }
  }
}

void schema_reader::check_tracker_outcome_labels(const entry_map& keys, const schema& model,
                                                 const tracker_definition& tracker,
                                                 std::optional<tracker_kind> kind) {
  // The label at `label_key`, when it is set and defined without errors.
  const auto label_at = [&](std::string_view label_key,
                            const std::string& name) -> const label_definition* {
    if (name.empty() || !keys.contains(label_key)) return nullptr;
    const auto declared = declared_labels_.find(name);
    if (declared == declared_labels_.end() || !declared->second) return nullptr;
    return model.find_label(name);
  };
  // Checks that `label` is an enum label with `values`; `subject` names the label and its role.
  const auto require_enum_with = [&](std::string_view label_key, const label_definition& label,
                                     std::string_view subject,
                                     std::span<const std::string_view> values) {
    const source_position position = keys.find(label_key)->second.value_position;
    if (label.kind != label_kind::enumeration) {
      error(position,
            fmt::format("{} must be an enum label (a closed set) whose values include "
                        "{}; '{}' is of kind '{}'",
                        subject, quoted_and_list(values), label.name, to_string(label.kind)));
      return;
    }
    const std::vector<std::string_view> missing = missing_from(values, label.values);
    if (missing.empty()) return;
    error(position,
          fmt::format("{} must be an enum label whose values include {}; add {} to its 'values'",
                      subject, quoted_and_list(values), quoted_and_list(missing)));
  };
  // Checks that the metric of the role `metric_key` has the label the tracker sets on it.
  const auto require_on_metric = [&](std::string_view label_key, std::string_view label_noun,
                                     const label_definition& label, std::string_view metric_key) {
    if (!keys.contains(metric_key)) return;
    const tracker_metric_role& role = metric_role(metric_key);
    const metric_definition* metric = model.find_metric(tracker.*role.metric);
    // A missing metric or one of the wrong type is reported with the role.
    if (metric == nullptr || metric->type != role.type || metric->has_label(label.name)) return;
    error(keys.find(label_key)->second.value_position,
          fmt::format("the {} '{}' of tracker '{}' is not a label of its '{}' metric '{}'; add "
                      "'{}' to the metric's 'labels' or name another label",
                      label_noun, label.name, tracker.name, metric_key, metric->name, label.name));
  };

  if (const label_definition* outcome = label_at("outcome_label", tracker.outcome_label)) {
    if (kind) {
      const std::string what =
          fmt::format("tracker '{}' is of kind '{}', so its outcome label '{}'", tracker.name,
                      to_string(*kind), outcome->name);
      static constexpr std::array success_error{"success"sv, "error"sv};
      static constexpr std::array hit_miss{"hit"sv, "miss"sv};
      if (*kind == tracker_kind::http) {
        if (outcome->kind != label_kind::status) {
          error(keys.find("outcome_label")->second.value_position,
                fmt::format("{} must be a 'kind: status' label (set from the response status); "
                            "'{}' is of kind '{}'",
                            what, outcome->name, to_string(outcome->kind)));
        }
      } else if (*kind == tracker_kind::cache) {
        require_enum_with("outcome_label", *outcome, what, hit_miss);
      } else {
        require_enum_with("outcome_label", *outcome, what, success_error);
      }
    }
    // With a count, the outcome is counted there; without one it can only go on the duration.
    require_on_metric("outcome_label", "outcome label", *outcome,
                      keys.contains("count") ? "count" : "duration");
  }
  if (const label_definition* category = label_at("error_label", tracker.error_label)) {
    static constexpr std::array other{"other"sv};
    require_enum_with(
        "error_label", *category,
        fmt::format("the error label '{}' of tracker '{}'", category->name, tracker.name), other);
    require_on_metric("error_label", "error label", *category, "errors");
  }
  if (const label_definition* token_type = label_at("token_label", tracker.token_label)) {
    static constexpr std::array input_output{"input"sv, "output"sv};
    require_enum_with(
        "token_label", *token_type,
        fmt::format("the token label '{}' of tracker '{}'", token_type->name, tracker.name),
        input_output);
    require_on_metric("token_label", "token label", *token_type, "tokens");
  }
}

void schema_reader::check_tracker_metric_labels(const entry_map& keys, const schema& model,
                                                const tracker_definition& tracker) {
  for (const tracker_metric_role& role : tracker_metric_roles) {
    const std::string& metric_name = tracker.*role.metric;
    const auto it = keys.find(role.key);
    if (metric_name.empty() || it == keys.end()) continue;
    const metric_definition* metric = model.find_metric(metric_name);
    if (metric == nullptr || metric->type != role.type) continue;  // reported above
    // A count, errors or tokens metric without its label named: reported as that missing key.
    if (role.key != "duration" && !role.extra_label_key.empty() &&
        !keys.contains(role.extra_label_key)) {
      continue;
    }
    const std::string extra = role.extra_label != nullptr ? tracker.*role.extra_label : "";
    for (const std::string& label : metric->label_names) {
      if (label == extra || std::find(tracker.label_names.begin(), tracker.label_names.end(),
                                      label) != tracker.label_names.end()) {
        continue;
      }
      const std::string may_have =
          role.extra_label_key.empty()
              ? std::string{"only the tracker's 'labels'"}
              : fmt::format("only the tracker's 'labels' and its '{}'", role.extra_label_key);
      error(it->second.value_position,
            fmt::format("tracker '{}' cannot set label '{}' of its '{}' metric '{}': that metric "
                        "may have {}; add '{}' to the tracker's 'labels' or remove it from the "
                        "metric",
                        tracker.name, label, role.key, metric->name, may_have, label));
    }
  }
}

void schema_reader::check_cross_references(const schema& model) {
  // Route and status labels get a function `<label>_of` beside the label enums.
  for (const label_definition& label : model.labels) {
    if (label.kind != label_kind::route && label.kind != label_kind::status) continue;
    const std::string function_name = label.name + "_of";
    if (const auto other = label_positions_.find(function_name); other != label_positions_.end()) {
      error(other->second,
            fmt::format("label name '{}' collides with the function '{}' generated for {} label "
                        "'{}' (at {}); rename the label",
                        function_name, function_name, to_string(label.kind), label.name,
                        position_text(label.position)));
    }
  }
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
