// Reads a schema file (YAML, format version 1) into the model: the top-level keys here, each
// section in its own file.
#include "schema/read.hpp"

#include <array>
#include <cstdint>

#include <fmt/format.h>

#include "model/limits.hpp"
#include "schema/sections.hpp"
#include "support/text.hpp"
#include "support/utf8.hpp"
#include "yaml/scalars.hpp"

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

constexpr std::array top_level_keys{
    "schemetric"sv,      "name"sv,     "help"sv,   "max_series"sv, "labels"sv,     "metrics"sv,
    "process_metrics"sv, "trackers"sv, "alerts"sv, "slos"sv,       "prometheus"sv, "dashboard"sv};

constexpr std::array prometheus_keys{"job"sv, "runbook_base_url"sv};

void read_prometheus(yaml::node_reader& reader, const yaml::entry& entry, schema& model) {
  const std::optional<yaml::definition_keys> definition =
      reader.definition(entry, "'prometheus'", "'job' or 'runbook_base_url'", prometheus_keys);
  if (!definition) return;
  struct setting {
    std::string_view key;
    std::string* target;
    std::string_view what;
  };
  for (const setting& each :
       {setting{"job", &model.prometheus.job, "the scrape job's name, or remove it"},
        setting{"runbook_base_url", &model.prometheus.runbook_base_url,
                "the URL the reference is published under, or remove it"}}) {
    const auto it = definition->keys.find(each.key);
    if (it == definition->keys.end()) continue;
    std::optional<std::string> text = reader.string(it->second, "'prometheus'");
    if (!text) continue;
    if (text->empty()) {
      reader.error(
          it->second.value_position,
          fmt::format("'{}' of 'prometheus' must not be empty; give {}", each.key, each.what));
      continue;
    }
    *each.target = std::move(*text);
  }
}

void read_format_version(yaml::node_reader& reader, const yaml::entry& entry, schema& model) {
  const YAML::Node& value = entry.value;
  if (const std::optional<yaml::number> number = yaml::number_of(value);
      number && number->integral) {
    if (number->value == supported_format_version) {
      model.format_version = supported_format_version;
      return;
    }
    reader.error(entry.value_position,
                 fmt::format("unsupported schema format version {}; this schemetric-gen supports "
                             "version {} (write 'schemetric: {}')",
                             value.Scalar(), supported_format_version, supported_format_version));
    return;
  }
  reader.error(entry.value_position,
               fmt::format("'schemetric' must be the integer format version {}, found {}",
                           supported_format_version, yaml::describe(value)));
}

void read_schema_name(yaml::node_reader& reader, const yaml::entry& entry, schema& model) {
  std::optional<std::string> name = reader.string(entry, "the schema");
  if (!name || !check_name_charset(reader, *name, entry.value_position, "schema name")) return;
  model.name = std::move(*name);
  model.name_position = entry.value_position;
}

void read_max_series(yaml::node_reader& reader, const yaml::entry& entry, schema& model) {
  // 2^53: every integer up to it is exact in the double YAML numbers are read as.
  constexpr std::int64_t largest = std::int64_t{1} << 53;
  const std::optional<std::int64_t> budget = yaml::integer_in_range(entry.value, 1, largest);
  if (!budget) {
    reader.error(entry.value_position,
                 fmt::format("'max_series' must be a positive integer, the most series the schema "
                             "may expose (e.g. your Prometheus plan's series limit), found {}",
                             yaml::describe(entry.value)));
    return;
  }
  model.max_series = static_cast<std::uint64_t>(*budget);
  model.max_series_position = entry.value_position;
}

void report_not_a_mapping(yaml::node_reader& reader, const YAML::Node& root) {
  if (root.IsNull()) {
    reader.error({1, 1},
                 "the schema is empty; it must be a mapping with the keys 'schemetric', 'name' and "
                 "'metrics'");
    return;
  }
  reader.error(yaml::position_of(root),
               fmt::format("the schema must be a mapping with the keys 'schemetric', 'name' and "
                           "'metrics', found {}",
                           yaml::describe(root)));
}

std::optional<schema> read_root(yaml::node_reader& reader, const YAML::Node& root) {
  if (!root.IsMap()) {
    report_not_a_mapping(reader, root);
    return std::nullopt;
  }
  schema model;
  const source_position root_position = yaml::position_of(root);
  const yaml::entry_map keys = reader.known_keys(root, top_level_keys, "in the schema");
  // Each key, its reader, and what to say when a required key is missing.
  using section_reader = void (*)(yaml::node_reader&, const yaml::entry&, schema&);
  struct top_level_key {
    std::string_view key;
    section_reader read;
    std::string_view missing;  ///< empty for optional keys
  };
  static constexpr std::array<top_level_key, 12> readers{{
      {"schemetric", &read_format_version,
       "missing required key 'schemetric' in the schema; add 'schemetric: 1' (the schema format "
       "version)"},
      {"name", &read_schema_name,
       "missing required key 'name' in the schema; add the schema's name, e.g. 'name: "
       "my_service' (it becomes the C++ namespace)"},
      {"help",
       [](yaml::node_reader& r, const yaml::entry& entry, schema& m) {
         if (auto help = r.help(entry, "the schema")) m.help = std::move(*help);
       },
       ""},
      {"max_series", &read_max_series, ""},
      {"labels", &read_labels, ""},
      {"metrics", &read_metrics,
       "missing required key 'metrics' in the schema; add a 'metrics:' mapping with at least one "
       "metric"},
      {"process_metrics", &read_process_metrics, ""},
      {"trackers", &read_trackers, ""},
      {"alerts", &read_alerts, ""},
      {"slos", &read_slos, ""},
      {"prometheus", &read_prometheus, ""},
      {"dashboard", &read_dashboard, ""},
  }};
  for (const top_level_key& top : readers) {
    if (const auto it = keys.find(top.key); it != keys.end()) {
      top.read(reader, it->second, model);
    } else if (!top.missing.empty()) {
      reader.error(root_position, std::string{top.missing});
    }
  }
  add_process_metrics(reader, model);
  if (model.prometheus.job.empty()) model.prometheus.job = model.name;
  return model;
}

}  // namespace

bool check_name_length(yaml::node_reader& reader, std::string_view name, source_position position,
                       std::string_view what) {
  if (name.size() <= limits::name_bytes) return true;
  reader.error(position,
               fmt::format("{} '{}' is {} bytes long; names are at most {} bytes: shorten it", what,
                           excerpt(name, 40), name.size(), limits::name_bytes));
  return false;
}

bool check_name_charset(yaml::node_reader& reader, std::string_view name, source_position position,
                        std::string_view what) {
  if (!check_name_length(reader, name, position, what)) return false;
  if (is_valid_name(name)) return true;
  // Suggest the obvious repair (lowercase, '_' for other characters) when it gives a name.
  std::string repaired;
  for (const char c : name) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    const bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
    repaired += keep ? lower : '_';
  }
  const std::string hint =
      is_valid_name(repaired) ? fmt::format(", e.g. '{}'", repaired) : std::string{};
  reader.error(position, fmt::format("invalid {} '{}': names must match [a-z][a-z0-9_]* (a "
                                     "lowercase letter, then lowercase letters, digits or '_'){}",
                                     what, name, hint));
  return false;
}

std::optional<schema> read_schema(std::string_view yaml_text, diagnostics& diags) {
  const std::optional<YAML::Node> root = yaml::load_document(yaml_text, diags);
  if (!root) return std::nullopt;
  try {
    yaml::node_reader reader(yaml_text, diags);
    return read_root(reader, *root);
  } catch (const YAML::Exception& exception) {
    // Not expected: the readers check every node's type before converting it.
    diags.error(yaml::position_of(exception.mark),
                fmt::format("cannot read the schema: {}", exception.msg));
    return std::nullopt;
  }
}

}  // namespace schemetric::codegen
