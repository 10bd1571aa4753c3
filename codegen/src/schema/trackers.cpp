// The `trackers:` section: scoped trackers, checked against the table of tracker kinds
// (model/tracker_kinds.hpp). The metrics and labels they name are checked by `resolve`.
#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include "schema/sections.hpp"
#include "support/text.hpp"
#include "yaml/scalars.hpp"

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

// The keys of a tracker mapping, in the order messages list them.
constexpr std::array tracker_keys{
    "kind"sv,          "help"sv,   "labels"sv,        "duration"sv,    "count"sv,
    "in_progress"sv,   "errors"sv, "outcome_label"sv, "error_label"sv, "request_size"sv,
    "response_size"sv, "tokens"sv, "token_label"sv};
static_assert(
    [] {
      const auto listed = [](std::string_view key) {
        return std::find(tracker_keys.begin(), tracker_keys.end(), key) != tracker_keys.end();
      };
      return std::all_of(metric_roles.begin(), metric_roles.end(),
                         [&](const metric_role_info& role) { return listed(role.key); }) &&
             std::all_of(label_roles.begin(), label_roles.end(),
                         [&](const label_role_info& role) { return listed(role.key); });
    }(),
    "every role of model/tracker_kinds.hpp is a key of a tracker");

// "kind 'http'", or "kinds 'http' or 'ai'": the kinds whose trackers may have a role.
template <class Role>
std::string kinds_allowing(Role role) {
  std::vector<std::string_view> kinds;
  for (const tracker_kind_info& kind : tracker_kinds) {
    if (allows(kind.kind, role)) kinds.push_back(kind.keyword);
  }
  return fmt::format("{} {}", kinds.size() == 1 ? "kind" : "kinds", quoted_or_list(kinds));
}

// Reads the name of a role key into `target`, unless the tracker's kind does not take it.
template <class Role, class Definition>
void read_role(yaml::node_reader& reader, const yaml::entry& entry, Role role,
               const tracker_definition& tracker, reference<Definition>& target) {
  if (tracker.kind_known && !allows(tracker.kind, role)) {
    reader.error(
        entry.key_position,
        fmt::format("'{}' is only allowed on trackers of {}, but tracker '{}' is of kind "
                    "'{}'; remove it",
                    entry.key, kinds_allowing(role), tracker.name, to_string(tracker.kind)));
    return;
  }
  if (std::optional<std::string> name =
          reader.string(entry, fmt::format("tracker '{}'", tracker.name))) {
    target = reference<Definition>{std::move(*name), entry.value_position, nullptr};
  }
}

void read_roles(yaml::node_reader& reader, const yaml::entry_map& keys,
                source_position mapping_position, tracker_definition& tracker) {
  for (const metric_role_info& role : metric_roles) {
    if (const auto it = keys.find(role.key); it != keys.end()) {
      read_role(reader, it->second, role.role, tracker, tracker.metric(role.role));
    } else if (role.role == metric_role::duration) {
      reader.error(mapping_position,
                   fmt::format("tracker '{}' is missing required key 'duration'; name the "
                               "histogram that records how long each tracked operation takes",
                               tracker.name));
    }
  }
  for (const label_role_info& role : label_roles) {
    if (const auto it = keys.find(role.key); it != keys.end()) {
      read_role(reader, it->second, role.role, tracker, tracker.label(role.role));
    }
  }
}

// A label the tracker sets needs the metric it is set on, and a metric it sets a label on needs
// that label named.
void check_role_pairs(yaml::node_reader& reader, const yaml::entry_map& keys,
                      source_position mapping_position, const tracker_definition& tracker) {
  for (const label_role_info& role : label_roles) {
    const std::string_view metric_key = info(role.metric).key;
    if (!role.needs_metric || !tracker.label(role.role).given() || keys.contains(metric_key)) {
      continue;
    }
    reader.error(keys.find(role.key)->second.key_position,
                 fmt::format("tracker '{}' has '{}' but no '{}' metric to set it on; add '{}:' or "
                             "remove '{}'",
                             tracker.name, role.key, metric_key, metric_key, role.key));
  }
  for (const metric_role_info& role : metric_roles) {
    if (!role.label_required || !keys.contains(role.key)) continue;
    if (tracker.kind_known && !allows(tracker.kind, role.role)) continue;  // reported
    const label_role_info& label = info(*role.label);
    if (keys.contains(label.key)) continue;
    const std::string_view example = label.role != label_role::outcome ? label.example
                                     : tracker.kind_known ? info(tracker.kind).outcome.example
                                                          : "outcome"sv;
    reader.error(mapping_position,
                 fmt::format("tracker '{}' has '{}' but no '{}'; name the label it sets on that "
                             "metric, e.g. '{}: {}'",
                             tracker.name, role.key, label.key, label.key, example));
  }
}

void read_tracker_kind(yaml::node_reader& reader, const yaml::entry_map& keys,
                       source_position mapping_position, tracker_definition& tracker) {
  static constexpr auto words = tracker_kind_keywords.texts();
  const auto it = keys.find("kind");
  if (it == keys.end()) {
    reader.error(mapping_position,
                 fmt::format("tracker '{}' is missing required key 'kind'; add 'kind:' with one "
                             "of {}",
                             tracker.name, quoted_or_list(words)));
    return;
  }
  const std::optional<std::size_t> index =
      reader.keyword(it->second, fmt::format("tracker '{}'", tracker.name),
                     {words, "kind", fmt::format(" of tracker '{}'", tracker.name),
                      fmt::format("; expected {}", quoted_or_list(words))});
  if (!index) return;
  tracker.kind = tracker_kind_keywords.entries[*index].value;
  tracker.kind_known = true;
}

void read_tracker(yaml::node_reader& reader, const yaml::entry& entry, schema& model) {
  tracker_definition& tracker = model.trackers.emplace_back();
  tracker.name = entry.key;
  tracker.position = entry.key_position;
  tracker.kind_known = false;
  check_name_charset(reader, tracker.name, entry.key_position, "tracker name");
  const std::string owner = fmt::format("tracker '{}'", tracker.name);
  const std::optional<yaml::definition_keys> definition =
      reader.definition(entry, owner, "'kind' and 'duration'", tracker_keys);
  if (!definition) return;
  const yaml::entry_map& keys = definition->keys;
  const source_position mapping_position = definition->position;
  read_tracker_kind(reader, keys, mapping_position, tracker);
  if (const auto it = keys.find("help"); it != keys.end()) {
    if (auto help = reader.help(it->second, owner)) tracker.help = std::move(*help);
  }
  // `labels:` with nothing under it: no start labels.
  if (const auto it = keys.find("labels"); it != keys.end() && !it->second.value.IsNull()) {
    tracker.labels = read_label_list(reader, it->second, "tracker", tracker.name);
  }
  read_roles(reader, keys, mapping_position, tracker);
  check_role_pairs(reader, keys, mapping_position, tracker);
}

}  // namespace

void read_trackers(yaml::node_reader& reader, const yaml::entry& section, schema& model) {
  if (section.value.IsNull()) return;  // `trackers:` with nothing under it: none
  const std::optional<std::vector<yaml::entry>> entries =
      reader.section_entries(section, "tracker");
  if (!entries) return;
  for (const yaml::entry& entry : *entries) read_tracker(reader, entry, model);
}

}  // namespace schemetric::codegen
