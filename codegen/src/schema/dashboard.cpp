// The `dashboard:` section: the dashboard's title and tags, its rows and what each shows, and
// per-panel overrides. What rows show is linked by `resolve`; panel names and the labels
// overrides split by are checked by the dashboard output, which knows the panels.
#include <array>
#include <map>

#include <fmt/format.h>

#include "schema/sections.hpp"
#include "support/text.hpp"
#include "yaml/scalars.hpp"

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

constexpr std::array dashboard_keys{"title"sv, "tags"sv, "rows"sv, "panels"sv};
constexpr std::array row_keys{"title"sv, "show"sv};
constexpr std::array override_keys{"title"sv, "type"sv, "by"sv, "hidden"sv};

std::optional<std::string> read_title(yaml::node_reader& reader, const yaml::entry& entry,
                                      std::string_view owner) {
  std::optional<std::string> title = reader.string(entry, owner);
  if (title && title->find_first_not_of(" \t") == std::string::npos) {
    reader.error(entry.value_position,
                 fmt::format("'title' of {} is blank; give a title or remove the key", owner));
    return std::nullopt;
  }
  return title;
}

void read_tags(yaml::node_reader& reader, const yaml::entry& entry, dashboard_settings& settings) {
  const auto items = reader.sequence(entry, "'dashboard'", "tags (strings)");
  if (!items) return;
  for (const yaml::item& item : *items) {
    if (!item.node.IsScalar() || item.node.Scalar().empty()) {
      reader.error(item.position, fmt::format("each tag of 'dashboard' must be a non-empty string, "
                                              "found {}",
                                              yaml::describe(item.node)));
      continue;
    }
    settings.tags.push_back(item.node.Scalar());
  }
}

void read_row(yaml::node_reader& reader, const yaml::item& item, std::size_t number,
              dashboard_settings& settings) {
  const std::string owner = fmt::format("row {} of 'dashboard'", number);
  if (!item.node.IsMap()) {
    reader.error(item.position,
                 fmt::format("{} must be a mapping with 'title' and 'show' (the trackers, SLOs "
                             "and metrics it shows), found {}",
                             owner, yaml::describe(item.node)));
    return;
  }
  const yaml::entry_map keys = reader.known_keys(item.node, row_keys, fmt::format("in {}", owner));
  dashboard_row& row = settings.rows.emplace_back();
  row.position = item.position;
  if (const auto it = keys.find("title"); it != keys.end()) {
    if (auto title = read_title(reader, it->second, owner)) row.title = std::move(*title);
  } else {
    reader.error(item.position, fmt::format("{} is missing 'title'; give the row's title, e.g. "
                                            "'title: HTTP'",
                                            owner));
  }
  const auto show = keys.find("show");
  if (show == keys.end()) {
    reader.error(item.position,
                 fmt::format("{} is missing 'show'; list the trackers, SLOs and metrics it shows, "
                             "e.g. 'show: [http_request]'",
                             owner));
    return;
  }
  const auto names = reader.sequence(show->second, owner, "tracker, SLO or metric names");
  if (!names) return;
  for (const yaml::item& name : *names) {
    if (!name.node.IsScalar() || name.node.Scalar().empty()) {
      reader.error(name.position, fmt::format("each entry of 'show' of {} must be the name of a "
                                              "tracker, an SLO or a metric, found {}",
                                              owner, yaml::describe(name.node)));
      continue;
    }
    row.show.push_back(dashboard_item{name.node.Scalar(), name.position});
  }
}

void read_override(yaml::node_reader& reader, const yaml::entry& entry,
                   dashboard_settings& settings) {
  const std::string owner = fmt::format("panel '{}'", entry.key);
  const auto definition =
      reader.definition(entry, owner, "'title', 'type', 'by' or 'hidden'", override_keys);
  if (!definition) return;
  panel_override& panel = settings.panels.emplace_back();
  panel.panel = entry.key;
  panel.position = entry.key_position;
  const yaml::entry_map& keys = definition->keys;
  if (const auto it = keys.find("title"); it != keys.end()) {
    panel.title = read_title(reader, it->second, owner);
  }
  if (const auto it = keys.find("type"); it != keys.end()) {
    static constexpr auto types = panel_type_keywords.texts();
    if (const auto index = reader.keyword(it->second, owner,
                                          {types, "panel type", fmt::format(" of {}", owner),
                                           fmt::format("; expected {}", quoted_or_list(types))})) {
      panel.type = panel_type_keywords.entries[*index].value;
      panel.type_position = it->second.value_position;
    }
  }
  if (const auto it = keys.find("by"); it != keys.end()) {
    panel.by = read_label_list(reader, it->second, "panel", entry.key);
    panel.by_position = it->second.value_position;
  }
  if (const auto it = keys.find("hidden"); it != keys.end()) {
    if (const auto hidden = reader.boolean(it->second, owner)) panel.hidden = *hidden;
  }
}

}  // namespace

void read_dashboard(yaml::node_reader& reader, const yaml::entry& section, schema& model) {
  if (section.value.IsNull()) return;  // `dashboard:` with nothing under it: the defaults
  const auto definition = reader.definition(section, "'dashboard'",
                                            "'title', 'tags', 'rows' or 'panels'", dashboard_keys);
  if (!definition) return;
  dashboard_settings& settings = model.dashboard;
  const yaml::entry_map& keys = definition->keys;
  if (const auto it = keys.find("title"); it != keys.end()) {
    if (auto title = read_title(reader, it->second, "'dashboard'")) {
      settings.title = std::move(*title);
    }
  }
  if (const auto it = keys.find("tags"); it != keys.end()) read_tags(reader, it->second, settings);
  if (const auto it = keys.find("rows"); it != keys.end()) {
    if (const auto rows = reader.sequence(it->second, "'dashboard'", "rows")) {
      for (std::size_t i = 0; i < rows->size(); ++i) read_row(reader, (*rows)[i], i + 1, settings);
    }
  }
  if (const auto it = keys.find("panels"); it != keys.end()) {
    if (const auto entries = reader.section_entries(it->second, "panel")) {
      for (const yaml::entry& entry : *entries) read_override(reader, entry, settings);
    }
  }
}

}  // namespace schemetric::codegen
