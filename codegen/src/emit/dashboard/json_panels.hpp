// Grafana's JSON of panels and rows laid out on its 24-column grid (internal to emit/dashboard/).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "emit/dashboard/panels.hpp"

namespace schemetric::codegen::dashboard {

using json = nlohmann::ordered_json;

/// The dashboard's `panels`: each row as a row panel followed by its panels, placed left to
/// right and top to bottom without overlaps. Ids are derived from panel names.
[[nodiscard]] json panels_json(const std::vector<row_spec>& rows);

/// A hash of `text` that never changes between runs or machines (FNV-1a): ids and uids follow
/// from names, so they do not move when other panels are added.
[[nodiscard]] std::uint32_t stable_hash(std::string_view text);

/// `{"type": "prometheus", "uid": "${datasource}"}`.
[[nodiscard]] json datasource();

}  // namespace schemetric::codegen::dashboard
