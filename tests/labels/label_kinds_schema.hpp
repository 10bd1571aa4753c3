// Declarations as schemetric-gen emits them for route, status and bounded labels, written by
// hand so that the label-kind tests do not depend on the generator.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "schemetric/bounded_label.hpp"
#include "schemetric/route.hpp"
#include "schemetric/status.hpp"

namespace label_kinds {

/// Route template that matched the request path; 'other' for paths matching none.
enum class route : std::uint8_t {
  api_tasks,
  api_tasks_task_id,
  api_tasks_task_id_run,
  health,
  other
};
constexpr std::array<std::string_view, 5> schemetric_label_values(route) noexcept {
  return {"/api/tasks", "/api/tasks/{task_id}", "/api/tasks/{task_id}/run", "/health", "other"};
}
constexpr std::array<std::string_view, 4> schemetric_route_templates(route) noexcept {
  return {"/api/tasks", "/api/tasks/{task_id}", "/api/tasks/{task_id}/run", "/health"};
}
/// The route template `path` matches, `route::other` when none does.
constexpr route route_of(std::string_view path) noexcept {
  return schemetric::match_route<route>(path);
}

/// HTTP response status class.
enum class status : std::uint8_t { _1xx, _2xx, _3xx, _4xx, _5xx };
constexpr std::array<std::string_view, 5> schemetric_label_values(status) noexcept {
  return {"1xx", "2xx", "3xx", "4xx", "5xx"};
}
constexpr bool schemetric_status_classes(status) noexcept {
  return true;
}
constexpr status status_of(int code) noexcept {
  return schemetric::status_class_of<status>(code);
}

/// HTTP response status code, for the codes the service cares about.
enum class status_code : std::uint8_t { _200, _201, _404, _500, other };
constexpr std::array<std::string_view, 5> schemetric_label_values(status_code) noexcept {
  return {"200", "201", "404", "500", "other"};
}
constexpr std::array<int, 4> schemetric_status_codes(status_code) noexcept {
  return {200, 201, 404, 500};
}
constexpr status_code status_code_of(int code) noexcept {
  return schemetric::status_code_of<status_code>(code);
}

/// AI model name; at most 8 distinct values, later ones are exposed as "other".
struct ai_model : schemetric::bounded_label<ai_model, 8> {
  using bounded_label::bounded_label;
  static constexpr std::string_view label_name = "ai_model";
  static constexpr std::string_view overflow_value = "other";
};

/// Tenant of the request; at most 4 distinct values, later ones are exposed as "other".
struct tenant : schemetric::bounded_label<tenant, 4> {
  using bounded_label::bounded_label;
  static constexpr std::string_view label_name = "tenant";
  static constexpr std::string_view overflow_value = "other";
};

}  // namespace label_kinds
