// The `labels:` section: label definitions of every kind, and the closed-set lists (values,
// states) and label-name lists other sections read the same way.
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "schema/sections.hpp"
#include "support/text.hpp"
#include "yaml/scalars.hpp"

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

constexpr std::array label_keys{"kind"sv,  "help"sv,  "values"sv,     "routes"sv,
                                "other"sv, "codes"sv, "max_values"sv, "overflow"sv};
// The keys each label kind takes, in the order of `label_kind` (every kind takes `kind` and
// `help`); every other key of label_keys belongs to exactly one kind.
constexpr std::array enum_label_keys{"kind"sv, "help"sv, "values"sv};
constexpr std::array text_label_keys{"kind"sv, "help"sv};
constexpr std::array route_label_keys{"kind"sv, "help"sv, "routes"sv, "other"sv};
constexpr std::array status_label_keys{"kind"sv, "help"sv, "codes"sv};
constexpr std::array bounded_label_keys{"kind"sv, "help"sv, "max_values"sv, "overflow"sv};
constexpr std::array<std::span<const std::string_view>, 5> keys_of_kind{
    enum_label_keys, text_label_keys, route_label_keys, status_label_keys, bounded_label_keys};

// At most this many values per closed label set or stateset: the library indexes them with a
// std::uint16_t.
constexpr std::size_t max_values = std::size_t{std::numeric_limits<std::uint16_t>::max()} + 1;

// The largest `max_values` of a bounded label: with its overflow value, it fits the same index.
constexpr std::int64_t max_bounded_values = std::numeric_limits<std::uint16_t>::max();

// The status classes a `kind: status` label without `codes` has.
constexpr std::array status_classes{"1xx"sv, "2xx"sv, "3xx"sv, "4xx"sv, "5xx"sv};

bool contains(std::span<const std::string_view> words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
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
          "route template '{}' has an empty segment; remove the doubled or trailing '/'", text);
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

// The names Prometheus reserves for labels; the C++ emitter checks its own.
void check_label_name(yaml::node_reader& reader, const label_definition& label) {
  const std::string_view name = label.name;
  if (name.starts_with("__")) {
    reader.error(label.position,
                 fmt::format("label name '{}' is reserved: names starting with '__' are for "
                             "Prometheus' internal use; choose another name",
                             name));
  } else if (!check_name_charset(reader, name, label.position, "label name")) {
    return;
  } else if (name == "le") {
    reader.error(label.position,
                 "label name 'le' is reserved for the bucket bounds of histograms; choose another "
                 "name");
  } else if (name == "quantile") {
    reader.error(label.position,
                 "label name 'quantile' is reserved for the quantiles of summaries; choose "
                 "another name");
  }
}

// Reports the keys of `keys` that labels of `kind` do not take.
void check_keys_of_kind(yaml::node_reader& reader, const yaml::entry_map& keys, label_kind kind,
                        std::string_view name) {
  const std::span<const std::string_view> allowed = keys_of_kind[static_cast<std::size_t>(kind)];
  for (const auto& [key, entry] : keys) {
    if (contains(allowed, key)) continue;
    if (kind == label_kind::text && key == "values") {
      reader.error(entry.key_position,
                   fmt::format("'values' is not allowed on label '{}' of kind 'text'; remove it, "
                               "or remove 'kind: text' to make the label a closed set",
                               name));
      continue;
    }
    label_kind owner = label_kind::enumeration;
    for (std::size_t i = 0; i < keys_of_kind.size(); ++i) {
      if (contains(keys_of_kind[i], key)) owner = static_cast<label_kind>(i);
    }
    reader.error(
        entry.key_position,
        fmt::format("'{}' is only allowed on labels of kind '{}', but label '{}' is of "
                    "kind '{}'; remove it ({} '{}' label takes {})",
                    key, to_string(owner), name, to_string(kind), article_for(to_string(kind)),
                    to_string(kind), quoted_or_list(allowed)));
  }
}

void read_enum_label(yaml::node_reader& reader, const yaml::entry_map& keys,
                     source_position mapping_position, label_definition& label) {
  const auto values = keys.find("values");
  if (values == keys.end()) {
    reader.error(mapping_position,
                 fmt::format("label '{}' is missing required key 'values'; list its closed set of "
                             "values, e.g. 'values: [a, b]', or add 'kind: text' for a free "
                             "string (info metrics only)",
                             label.name));
    return;
  }
  label.values =
      read_values(reader, values->second, "value", fmt::format("label '{}'", label.name));
}

// Adds the templates of a route label to `label.values`, and the index of each text to
// `by_text`. False when the list itself is unusable (then there is no no-match value either).
bool read_route_templates(yaml::node_reader& reader, const yaml::entry& entry,
                          label_definition& label,
                          std::unordered_map<std::string, std::size_t>& by_text) {
  const std::string owner = fmt::format("label '{}'", label.name);
  const std::optional<std::vector<yaml::item>> items =
      reader.sequence(entry, "", "route templates");
  if (!items) return false;
  if (items->empty()) {
    reader.error(
        entry.value_position,
        fmt::format("'routes' of {} must not be empty; list at least one route template", owner));
    return false;
  }
  // One value is the no-match value, so one fewer template than closed-set values.
  if (items->size() > max_values - 1) {
    reader.error(entry.value_position,
                 fmt::format("{} has {} route templates; at most {} are supported", owner,
                             items->size(), max_values - 1));
    return false;
  }
  for (const yaml::item& item : *items) {
    if (!item.node.IsScalar() && !item.node.IsNull()) {
      reader.error(item.position, fmt::format("each entry of 'routes' must be a route template "
                                              "such as '/api/tasks/{{task_id}}', found {}",
                                              yaml::describe(item.node)));
      continue;
    }
    const std::string text = item.node.IsNull() ? std::string{} : item.node.Scalar();
    if (text.empty()) {
      reader.error(item.position, fmt::format("{} has an empty route template; templates start "
                                              "with '/', e.g. '/api/tasks'",
                                              owner));
      continue;
    }
    if (const std::optional<std::string> problem = route_template_problem(text)) {
      reader.error(item.position, *problem);
      continue;
    }
    if (const auto same = by_text.find(text); same != by_text.end()) {
      reader.error(item.position,
                   fmt::format("duplicate route template '{}' in {} (first at {}); remove one of "
                               "them",
                               text, owner, position_text(label.values[same->second].position)));
      continue;
    }
    by_text.emplace(text, label.values.size());
    label.values.push_back(label_value{text, item.position});
  }
  return true;
}

// The `other` of a route label: a non-empty string that is none of its templates.
std::optional<label_value> read_no_match_value(
    yaml::node_reader& reader, const yaml::entry& entry, std::string_view owner,
    const std::unordered_map<std::string, std::size_t>& by_text,
    std::span<const label_value> templates) {
  const std::optional<std::string> text = reader.string(entry, owner);
  if (!text) return std::nullopt;
  if (text->empty()) {
    reader.error(entry.value_position,
                 fmt::format("'other' of {} must not be empty; name the value of paths that "
                             "match no template, e.g. 'other'",
                             owner));
    return std::nullopt;
  }
  if (const auto same = by_text.find(*text); same != by_text.end()) {
    reader.error(entry.value_position,
                 fmt::format("'other' of {} is '{}', which is also one of its route templates (at "
                             "{}); choose a value that is not a template, e.g. 'other'",
                             owner, *text, position_text(templates[same->second].position)));
    return std::nullopt;
  }
  return label_value{*text, entry.value_position};
}

void read_route_label(yaml::node_reader& reader, const yaml::entry_map& keys,
                      source_position mapping_position, label_definition& label) {
  const auto routes = keys.find("routes");
  if (routes == keys.end()) {
    reader.error(mapping_position,
                 fmt::format("label '{}' of kind 'route' is missing required key 'routes'; list "
                             "the route templates of the service, e.g. 'routes: [/api/tasks, "
                             "/api/tasks/{{task_id}}]'",
                             label.name));
    return;
  }
  std::unordered_map<std::string, std::size_t> by_text;
  if (!read_route_templates(reader, routes->second, label, by_text)) return;
  // The value of paths that match no template, last in the closed set. When the one given is
  // unusable (reported), the default stands in, so that the set always ends with it.
  const std::string owner = fmt::format("label '{}'", label.name);
  label_value other{"other", label.position};
  if (const auto it = keys.find("other"); it != keys.end()) {
    if (std::optional<label_value> given =
            read_no_match_value(reader, it->second, owner, by_text, label.values)) {
      other = std::move(*given);
    }
  }
  label.values.push_back(std::move(other));
}

void read_status_label(yaml::node_reader& reader, const yaml::entry_map& keys,
                       label_definition& label) {
  const auto codes = keys.find("codes");
  if (codes == keys.end()) {
    for (const std::string_view status_class : status_classes) {
      label.values.push_back(label_value{std::string{status_class}, label.position});
    }
    return;
  }
  const std::string owner = fmt::format("label '{}'", label.name);
  const yaml::entry& entry = codes->second;
  const std::optional<std::vector<yaml::item>> items =
      reader.sequence(entry, "", "HTTP status codes");
  if (!items) return;
  if (items->empty()) {
    reader.error(entry.value_position,
                 fmt::format("'codes' of {} must not be empty; list the exact codes to keep, e.g. "
                             "'codes: [200, 404, 500]', or remove 'codes' for the classes 1xx to "
                             "5xx",
                             owner));
    return;
  }
  std::map<int, source_position> seen;
  for (const yaml::item& item : *items) {
    const std::optional<std::int64_t> code = yaml::integer_in_range(item.node, 100, 599);
    if (!code) {
      reader.error(item.position, fmt::format("each entry of 'codes' must be an HTTP status code, "
                                              "an integer from 100 to 599, found {}",
                                              yaml::describe(item.node)));
      continue;
    }
    const int status = static_cast<int>(*code);
    if (const auto first = seen.find(status); first != seen.end()) {
      reader.error(item.position, fmt::format("duplicate status code {} in {} (first at {}); "
                                              "remove one of them",
                                              status, owner, position_text(first->second)));
      continue;
    }
    seen.emplace(status, item.position);
    label.status_codes.push_back(status);
    label.values.push_back(label_value{std::to_string(status), item.position});
  }
  // Every code not listed: the codes are digits only, so `other` cannot collide with them.
  label.values.push_back(label_value{"other", entry.value_position});
}

void read_bounded_label(yaml::node_reader& reader, const yaml::entry_map& keys,
                        source_position mapping_position, label_definition& label) {
  const std::string owner = fmt::format("label '{}'", label.name);
  if (const auto it = keys.find("max_values"); it == keys.end()) {
    reader.error(mapping_position,
                 fmt::format("label '{}' of kind 'bounded' is missing required key 'max_values'; "
                             "give the number of distinct values that get their own series, e.g. "
                             "'max_values: 8'",
                             label.name));
  } else if (const std::optional<std::int64_t> count =
                 yaml::integer_in_range(it->second.value, 1, max_bounded_values)) {
    label.max_values = static_cast<std::size_t>(*count);
  } else {
    reader.error(it->second.value_position,
                 fmt::format("'max_values' of {} must be an integer from 1 to {}, found {}", owner,
                             max_bounded_values, yaml::describe(it->second.value)));
  }
  label.overflow_value = "other";
  if (const auto it = keys.find("overflow"); it != keys.end()) {
    if (const std::optional<std::string> text = reader.string(it->second, owner)) {
      if (text->empty()) {
        reader.error(it->second.value_position,
                     fmt::format("'overflow' of {} must not be empty; name the value that values "
                                 "past 'max_values' fold into, e.g. 'other'",
                                 owner));
      } else {
        label.overflow_value = *text;
      }
    }
  }
}

std::optional<label_kind> read_label_kind(yaml::node_reader& reader, const yaml::entry_map& keys,
                                          std::string_view name) {
  const auto it = keys.find("kind");
  if (it == keys.end()) return label_kind::enumeration;
  static constexpr auto words = label_kind_keywords.texts();
  const std::optional<std::size_t> index = reader.keyword(
      it->second, fmt::format("label '{}'", name),
      {words, "kind", fmt::format(" of label '{}'", name),
       "; expected 'enum' (a closed set of values), 'text', 'route', 'status' or 'bounded'"});
  if (!index) return std::nullopt;
  return label_kind_keywords.entries[*index].value;
}

void read_label(yaml::node_reader& reader, const yaml::entry& entry, schema& model) {
  label_definition& label = model.labels.emplace_back();
  label.name = entry.key;
  label.position = entry.key_position;
  label.kind_known = false;
  check_label_name(reader, label);
  const std::string owner = fmt::format("label '{}'", label.name);
  const std::optional<yaml::definition_keys> definition =
      reader.definition(entry, owner, "'values' (a closed set) or 'kind: text'", label_keys);
  if (!definition) return;
  const yaml::entry_map& keys = definition->keys;
  const source_position mapping_position = definition->position;
  const std::optional<label_kind> kind = read_label_kind(reader, keys, label.name);
  if (const auto it = keys.find("help"); it != keys.end()) {
    if (auto help = reader.help(it->second, owner)) label.help = std::move(*help);
  }
  if (!kind) return;
  label.kind = *kind;
  label.kind_known = true;
  check_keys_of_kind(reader, keys, *kind, label.name);
  switch (*kind) {
    case label_kind::enumeration:
      read_enum_label(reader, keys, mapping_position, label);
      break;
    case label_kind::route:
      read_route_label(reader, keys, mapping_position, label);
      break;
    case label_kind::status:
      read_status_label(reader, keys, label);
      break;
    case label_kind::bounded:
      read_bounded_label(reader, keys, mapping_position, label);
      break;
    case label_kind::text:
      break;
  }
}

}  // namespace

void read_labels(yaml::node_reader& reader, const yaml::entry& section, schema& model) {
  const std::optional<std::vector<yaml::entry>> entries = reader.section_entries(section, "label");
  if (!entries) return;
  for (const yaml::entry& entry : *entries) read_label(reader, entry, model);
}

std::vector<label_value> read_values(yaml::node_reader& reader, const yaml::entry& entry,
                                     std::string_view noun, std::string_view owner) {
  std::vector<label_value> values;
  const std::optional<std::vector<yaml::item>> items = reader.sequence(entry, "", "strings");
  if (!items) return values;
  if (items->empty()) {
    reader.error(entry.value_position, fmt::format("'{}' of {} must not be empty; list at least "
                                                   "one {}",
                                                   entry.key, owner, noun));
    return values;
  }
  if (items->size() > max_values) {
    reader.error(entry.value_position, fmt::format("{} has {} {}s; at most {} are supported", owner,
                                                   items->size(), noun, max_values));
    return values;
  }
  // The index of the first value with a given text: closed sets can hold tens of thousands.
  std::unordered_map<std::string, std::size_t> by_text;
  for (const yaml::item& item : *items) {
    if (!item.node.IsScalar() && !item.node.IsNull()) {
      reader.error(item.position, fmt::format("each entry of '{}' must be a string, found {}",
                                              entry.key, yaml::describe(item.node)));
      continue;
    }
    const std::string text = item.node.IsNull() ? std::string{} : item.node.Scalar();
    if (text.empty()) {
      reader.error(item.position, fmt::format("{} has an empty {}; {}s must be non-empty strings",
                                              owner, noun, noun));
      continue;
    }
    if (const auto same = by_text.find(text); same != by_text.end()) {
      reader.error(item.position,
                   fmt::format("duplicate {} '{}' in {} (first at {}); remove one of them", noun,
                               text, owner, position_text(values[same->second].position)));
      continue;
    }
    by_text.emplace(text, values.size());
    values.push_back(label_value{text, item.position});
  }
  return values;
}

std::vector<reference<label_definition>> read_label_list(yaml::node_reader& reader,
                                                         const yaml::entry& entry,
                                                         std::string_view owner_kind,
                                                         std::string_view owner_name) {
  std::vector<reference<label_definition>> listed;
  const std::optional<std::vector<yaml::item>> items =
      reader.sequence(entry, fmt::format("{} '{}'", owner_kind, owner_name), "label names");
  if (!items) return listed;
  std::map<std::string, source_position, std::less<>> seen;
  for (const yaml::item& item : *items) {
    if (!item.node.IsScalar()) {
      reader.error(item.position, fmt::format("each entry of 'labels' must be a label name, found "
                                              "{}",
                                              yaml::describe(item.node)));
      continue;
    }
    const std::string& name = item.node.Scalar();
    if (const auto first = seen.find(name); first != seen.end()) {
      reader.error(item.position,
                   fmt::format("label '{}' is listed twice in {} '{}' (first at {}); remove the "
                               "duplicate",
                               name, owner_kind, owner_name, position_text(first->second)));
      continue;
    }
    seen.emplace(name, item.position);
    listed.push_back(reference<label_definition>{name, item.position, nullptr});
  }
  return listed;
}

}  // namespace schemetric::codegen
