// The one table of tracker kinds: their keywords, the metrics and labels each kind's trackers
// may update (roles), and the values their outcome labels must have. The schema reader checks
// trackers against it, the resolver checks the metrics and labels they name, and the C++ emitter
// writes the tracker descriptors the library's `schemetric::tracker` reads from it.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "model/keywords.hpp"

namespace schemetric::codegen {

/// What a scoped tracker measures (`kind:` of a tracker). Same enumerators in the same order as
/// the library's `schemetric::tracker_kind` (a test compares them).
enum class tracker_kind { http, db, ai, cache, integration, mcp };

/// A metric a tracker updates. Its key is the schema key and the member of the generated
/// tracker descriptor.
enum class metric_role {
  duration,
  count,
  in_progress,
  errors,
  request_size,
  response_size,
  tokens
};
inline constexpr std::size_t metric_role_count = 7;

/// A label a tracker sets itself when it ends (not given when it starts).
enum class label_role { outcome, error, token };
inline constexpr std::size_t label_role_count = 3;

/// What the table says about a metric role.
struct metric_role_info {
  metric_role role;
  std::string_view key;  ///< "duration"
  metric_kind kind;      ///< the kind its metric must have
  /// The label the tracker sets on this metric besides its start labels, if any.
  std::optional<label_role> label;
  bool label_required;  ///< the tracker must name that label when it has this role
};

/// In the order of `metric_role`, which is the order of the descriptor's members.
inline constexpr std::array<metric_role_info, metric_role_count> metric_roles{{
    {metric_role::duration, "duration", metric_kind::histogram, label_role::outcome, false},
    {metric_role::count, "count", metric_kind::counter, label_role::outcome, true},
    {metric_role::in_progress, "in_progress", metric_kind::gauge, std::nullopt, false},
    {metric_role::errors, "errors", metric_kind::counter, label_role::error, true},
    {metric_role::request_size, "request_size", metric_kind::histogram, std::nullopt, false},
    {metric_role::response_size, "response_size", metric_kind::histogram, std::nullopt, false},
    {metric_role::tokens, "tokens", metric_kind::counter, label_role::token, true},
}};

/// The categories the library's error classifier returns (schemetric::error_class_names, in its
/// order; a test compares them): a tracker's error label needs a value for each.
inline constexpr std::array error_label_values{
    std::string_view{"other"},      std::string_view{"timeout"},
    std::string_view{"connection"}, std::string_view{"rate_limited"},
    std::string_view{"not_found"},  std::string_view{"validation"}};
inline constexpr std::array token_label_values{std::string_view{"input"},
                                               std::string_view{"output"}};

/// What the table says about a label role.
struct label_role_info {
  label_role role;
  std::string_view key;   ///< "outcome_label"
  std::string_view noun;  ///< "outcome label"
  /// The metric role the label is set on; the outcome label goes on the duration instead when
  /// the tracker has no count.
  metric_role metric;
  bool needs_metric;  ///< naming the label without that metric is an error
  /// The values its enum label must have; the outcome's depend on the tracker kind.
  std::span<const std::string_view> values;
  std::string_view example;  ///< a label name for messages; the outcome's depends on the kind
};

/// In the order of `label_role`.
inline constexpr std::array<label_role_info, label_role_count> label_roles{{
    {label_role::outcome, "outcome_label", "outcome label", metric_role::count, false, {}, ""},
    {label_role::error, "error_label", "error label", metric_role::errors, true, error_label_values,
     "error_category"},
    {label_role::token, "token_label", "token label", metric_role::tokens, true, token_label_values,
     "token_type"},
}};

/// What a tracker kind's outcome label must be.
struct outcome_rule {
  /// A `kind: status` label, set from the response status; else an enum label with `values`.
  bool status_label;
  std::span<const std::string_view> values;
  std::string_view example;  ///< a label name for messages
};

inline constexpr std::array success_error{std::string_view{"success"}, std::string_view{"error"}};
inline constexpr std::array hit_miss{std::string_view{"hit"}, std::string_view{"miss"}};

inline constexpr std::array common_metric_roles{metric_role::duration, metric_role::count,
                                                metric_role::in_progress, metric_role::errors};
inline constexpr std::array http_metric_roles{
    metric_role::duration, metric_role::count,        metric_role::in_progress,
    metric_role::errors,   metric_role::request_size, metric_role::response_size};
inline constexpr std::array ai_metric_roles{metric_role::duration, metric_role::count,
                                            metric_role::in_progress, metric_role::errors,
                                            metric_role::tokens};
inline constexpr std::array common_label_roles{label_role::outcome, label_role::error};
inline constexpr std::array ai_label_roles{label_role::outcome, label_role::error,
                                           label_role::token};

/// What the table says about a tracker kind.
struct tracker_kind_info {
  tracker_kind kind;
  std::string_view keyword;    ///< "http", also its `schemetric::tracker_kind` enumerator
  std::string_view operation;  ///< what one tracked operation is, for documentation
  std::span<const metric_role> metric_roles;  ///< the metric roles its trackers may have
  std::span<const label_role> label_roles;    ///< the label roles its trackers may have
  outcome_rule outcome;
};

/// In the order of `tracker_kind`, which is also the order messages list them in.
inline constexpr std::array<tracker_kind_info, 6> tracker_kinds{{
    {tracker_kind::http,
     "http",
     "one HTTP request",
     http_metric_roles,
     common_label_roles,
     {true, {}, "status"}},
    {tracker_kind::db,
     "db",
     "one database query",
     common_metric_roles,
     common_label_roles,
     {false, success_error, "outcome"}},
    {tracker_kind::ai,
     "ai",
     "one AI request",
     ai_metric_roles,
     ai_label_roles,
     {false, success_error, "outcome"}},
    {tracker_kind::cache,
     "cache",
     "one cache look-up",
     common_metric_roles,
     common_label_roles,
     {false, hit_miss, "cache_result"}},
    {tracker_kind::integration,
     "integration",
     "one call to an external service",
     common_metric_roles,
     common_label_roles,
     {false, success_error, "outcome"}},
    {tracker_kind::mcp,
     "mcp",
     "one MCP tool call",
     common_metric_roles,
     common_label_roles,
     {false, success_error, "outcome"}},
}};

/// The table's entry of `kind`, of `role`.
[[nodiscard]] constexpr const tracker_kind_info& info(tracker_kind kind) noexcept {
  return tracker_kinds[static_cast<std::size_t>(kind)];
}
[[nodiscard]] constexpr const metric_role_info& info(metric_role role) noexcept {
  return metric_roles[static_cast<std::size_t>(role)];
}
[[nodiscard]] constexpr const label_role_info& info(label_role role) noexcept {
  return label_roles[static_cast<std::size_t>(role)];
}

/// True when trackers of `kind` may have `role`.
[[nodiscard]] constexpr bool allows(tracker_kind kind, metric_role role) noexcept {
  for (const metric_role allowed : info(kind).metric_roles) {
    if (allowed == role) return true;
  }
  return false;
}
[[nodiscard]] constexpr bool allows(tracker_kind kind, label_role role) noexcept {
  for (const label_role allowed : info(kind).label_roles) {
    if (allowed == role) return true;
  }
  return false;
}

/// The keywords of the tracker kinds, in table order.
inline constexpr keyword_table tracker_kind_keywords = [] {
  keyword_table<tracker_kind, tracker_kinds.size()> table{};
  for (std::size_t i = 0; i < tracker_kinds.size(); ++i) {
    table.entries[i] = {tracker_kinds[i].kind, tracker_kinds[i].keyword};
  }
  return table;
}();

/// The schema keyword of a tracker kind ("http", ...).
[[nodiscard]] constexpr std::string_view to_string(tracker_kind kind) noexcept {
  return info(kind).keyword;
}

// The tables are indexed by their enums.
static_assert([] {
  for (std::size_t i = 0; i < tracker_kinds.size(); ++i) {
    if (static_cast<std::size_t>(tracker_kinds[i].kind) != i) return false;
  }
  for (std::size_t i = 0; i < metric_roles.size(); ++i) {
    if (static_cast<std::size_t>(metric_roles[i].role) != i) return false;
  }
  for (std::size_t i = 0; i < label_roles.size(); ++i) {
    if (static_cast<std::size_t>(label_roles[i].role) != i) return false;
  }
  return true;
}());

}  // namespace schemetric::codegen
