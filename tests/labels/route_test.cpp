// Route normalization: raw request paths map to the template they match, or to `other`.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "label_kinds_metrics.hpp"

namespace {

using label_kinds::route;
using label_kinds::route_of;

// Templates chosen to exercise specificity and ties.
enum class overlapping_route : std::uint8_t {
  task_by_id,         // /api/tasks/{id}
  task_stats,         // /api/tasks/stats (declared after the parameter: still wins)
  root,               // /
  file_by_a,          // /files/{a}
  file_by_b,          // /files/{b} (same shape as file_by_a: the first declared wins)
  any_b_any,          // /{x}/b/{y}
  a_any_any,          // /a/{x}/{y}
  any_b_c,            // /{x}/b/c (more literals than a_any_any, but a literal comes later)
  upper_case,         // /Case
  braces_in_segment,  // /json/{name}.json (not a parameter: the segment is not just {name})
  other
};
constexpr std::array<std::string_view, 11> schemetric_label_values(overlapping_route) noexcept {
  return {"/api/tasks/{id}", "/api/tasks/stats",  "/",          "/files/{a}",
          "/files/{b}",      "/{x}/b/{y}",        "/a/{x}/{y}", "/{x}/b/c",
          "/Case",           "/json/{name}.json", "other"};
}
constexpr std::array<std::string_view, 10> schemetric_route_templates(overlapping_route) noexcept {
  return {"/api/tasks/{id}", "/api/tasks/stats", "/",        "/files/{a}", "/files/{b}",
          "/{x}/b/{y}",      "/a/{x}/{y}",       "/{x}/b/c", "/Case",      "/json/{name}.json"};
}
constexpr overlapping_route overlapping_of(std::string_view path) noexcept {
  return schemetric::match_route<overlapping_route>(path);
}

// A route label whose schema declares no templates: everything is `other`.
enum class no_templates : std::uint8_t { other };
constexpr std::array<std::string_view, 1> schemetric_label_values(no_templates) noexcept {
  return {"other"};
}
constexpr std::array<std::string_view, 0> schemetric_route_templates(no_templates) noexcept {
  return {};
}

// It works in constant expressions.
static_assert(schemetric::route_label_enum<route>);
static_assert(!schemetric::route_label_enum<label_kinds::status>);
static_assert(route_of("/api/tasks") == route::api_tasks);
static_assert(route_of("/api/tasks/42") == route::api_tasks_task_id);
static_assert(route_of("/api/tasks/42/run?dry=1") == route::api_tasks_task_id_run);
static_assert(route_of("/health/") == route::health);
static_assert(route_of("/nope") == route::other);
static_assert(route_of("") == route::other);
static_assert(overlapping_of("/api/tasks/stats") == overlapping_route::task_stats);
static_assert(overlapping_of("/") == overlapping_route::root);
static_assert(schemetric::match_route<no_templates>("/") == no_templates::other);

struct route_case {
  std::string_view path;
  route expected;
};

// Every case of a table holds at compile time too.
template <std::size_t N>
constexpr bool all_routes_match(const route_case (&cases)[N]) {
  for (const route_case& c : cases) {
    if (route_of(c.path) != c.expected) return false;
  }
  return true;
}

class route_table : public testing::TestWithParam<route_case> {};

TEST_P(route_table, maps_path_to_template) {
  const route_case& c = GetParam();
  EXPECT_EQ(static_cast<int>(route_of(c.path)), static_cast<int>(c.expected))
      << "path: \"" << c.path << "\"";
}

constexpr route_case exact_and_parameters_cases[] = {
    {"/api/tasks", route::api_tasks},
    {"/health", route::health},
    {"/api/tasks/42", route::api_tasks_task_id},
    {"/api/tasks/a-b_c.d~e", route::api_tasks_task_id},
    {"/api/tasks/{task_id}", route::api_tasks_task_id},
    {"/api/tasks/42/run", route::api_tasks_task_id_run},
    {"/api/tasks/run/run", route::api_tasks_task_id_run},
    {"/api/tasks/42/run/extra", route::other},
    {"/api/tasks/42/stop", route::other},
    {"/api", route::other},
    {"/api/task", route::other},
    {"/api/taskss", route::other},
    {"/API/tasks", route::other},
    {"/Health", route::other},
    {"/healthz", route::other},
    {"/unknown/route", route::other},
};
INSTANTIATE_TEST_SUITE_P(exact_and_parameters, route_table,
                         testing::ValuesIn(exact_and_parameters_cases));
static_assert(all_routes_match(exact_and_parameters_cases));

constexpr route_case trailing_slashes_cases[] = {
    {"/api/tasks/", route::api_tasks},
    {"/api/tasks/42/", route::api_tasks_task_id},
    {"/api/tasks/42/run/", route::api_tasks_task_id_run},
    {"/health/", route::health},
    // Only one trailing slash is ignored; the second leaves an empty segment.
    {"/health//", route::other},
    {"/api/tasks//", route::other},
    {"/", route::other},
};
INSTANTIATE_TEST_SUITE_P(trailing_slashes, route_table, testing::ValuesIn(trailing_slashes_cases));
static_assert(all_routes_match(trailing_slashes_cases));

constexpr route_case query_and_fragment_cases[] = {
    {"/health?verbose=1", route::health},
    {"/health/?verbose=1", route::health},
    {"/api/tasks/42?x=/run", route::api_tasks_task_id},
    {"/api/tasks?", route::api_tasks},
    {"/health#top", route::health},
    {"/health#frag?x=1", route::health},
    {"/health?x=1#frag", route::health},
    {"/api/tasks/42#/run", route::api_tasks_task_id},
    {"/api/tasks/?", route::api_tasks},
    {"?/health", route::other},
    {"#/health", route::other},
};
INSTANTIATE_TEST_SUITE_P(query_and_fragment, route_table,
                         testing::ValuesIn(query_and_fragment_cases));
static_assert(all_routes_match(query_and_fragment_cases));

constexpr route_case percent_signs_cases[] = {
    {"/api/tasks/a%2Fb", route::api_tasks_task_id},
    {"/api/tasks/a%2Fb/run", route::api_tasks_task_id_run},
    {"/api%2Ftasks", route::other},
    {"/api/tasks/%", route::api_tasks_task_id},
    {"/%68ealth", route::other},
    {"/api/tasks/42%3Frun", route::api_tasks_task_id},
};
INSTANTIATE_TEST_SUITE_P(percent_signs, route_table, testing::ValuesIn(percent_signs_cases));
static_assert(all_routes_match(percent_signs_cases));

constexpr route_case empty_segments_and_bad_paths_cases[] = {
    {"/api/tasks//run", route::other},
    {"/api//tasks", route::other},
    {"//api/tasks", route::other},
    {"/api/tasks///", route::other},
    {"", route::other},
    {"health", route::other},
    {"api/tasks/42", route::other},
    {"*", route::other},
    {"http://host/health", route::other},
    {" /health", route::other},
    {"?", route::other},
    {"#", route::other},
};
INSTANTIATE_TEST_SUITE_P(empty_segments_and_bad_paths, route_table,
                         testing::ValuesIn(empty_segments_and_bad_paths_cases));
static_assert(all_routes_match(empty_segments_and_bad_paths_cases));

struct overlapping_case {
  std::string_view path;
  overlapping_route expected;
};

template <std::size_t N>
constexpr bool all_overlapping_match(const overlapping_case (&cases)[N]) {
  for (const overlapping_case& c : cases) {
    if (overlapping_of(c.path) != c.expected) return false;
  }
  return true;
}

class overlapping_table : public testing::TestWithParam<overlapping_case> {};

TEST_P(overlapping_table, most_specific_template_wins) {
  const overlapping_case& c = GetParam();
  EXPECT_EQ(static_cast<int>(overlapping_of(c.path)), static_cast<int>(c.expected))
      << "path: \"" << c.path << "\"";
}

constexpr overlapping_case specificity_and_ties_cases[] = {
    {"/api/tasks/stats", overlapping_route::task_stats},
    {"/api/tasks/stats/", overlapping_route::task_stats},
    {"/api/tasks/Stats", overlapping_route::task_by_id},
    {"/api/tasks/42", overlapping_route::task_by_id},
    {"/files/x", overlapping_route::file_by_a},
    // A literal at the first differing position beats more literals later.
    {"/a/b/c", overlapping_route::a_any_any},
    {"/z/b/c", overlapping_route::any_b_c},
    {"/z/b/y", overlapping_route::any_b_any},
    {"/a/q/c", overlapping_route::a_any_any},
    {"/a//c", overlapping_route::other},
    {"/Case", overlapping_route::upper_case},
    {"/case", overlapping_route::other},
    {"/json/{name}.json", overlapping_route::braces_in_segment},
    {"/json/x.json", overlapping_route::other},
    // The root: "/" alone, with a query, or "//" (the root plus one trailing slash).
    {"/", overlapping_route::root},
    {"/?q=1", overlapping_route::root},
    {"/#x", overlapping_route::root},
    {"//", overlapping_route::root},
    {"///", overlapping_route::other},
    {"", overlapping_route::other},
    {"?", overlapping_route::other},
};
INSTANTIATE_TEST_SUITE_P(specificity_and_ties, overlapping_table,
                         testing::ValuesIn(specificity_and_ties_cases));
static_assert(all_overlapping_match(specificity_and_ties_cases));

TEST(route, root_does_not_match_without_a_root_template) {
  EXPECT_EQ(route_of("/"), route::other);
  EXPECT_EQ(route_of("//"), route::other);
  EXPECT_EQ(schemetric::match_route<no_templates>("/api/tasks"), no_templates::other);
}

// `head` followed by `tail`. (Built by appending: GCC 12 reports a false -Wrestrict for
// `"literal" + std::string` at -O3, GCC bug 105651.)
std::string joined(std::string_view head, std::string_view tail) {
  std::string text(head);
  text += tail;
  return text;
}

TEST(route, very_long_paths) {
  constexpr std::size_t length = 100 * 1024;

  // One huge parameter segment.
  const std::string long_id = joined("/api/tasks/", std::string(length, 'x'));
  EXPECT_EQ(route_of(long_id), route::api_tasks_task_id);
  EXPECT_EQ(route_of(joined(long_id, "/run")), route::api_tasks_task_id_run);
  EXPECT_EQ(route_of(joined(long_id, "/")), route::api_tasks_task_id);

  // Very many segments: the shape matches no template.
  std::string many_segments;
  while (many_segments.size() < length) many_segments += "/a";
  EXPECT_EQ(route_of(many_segments), route::other);
  EXPECT_EQ(route_of(std::string(length, '/')), route::other);
  EXPECT_EQ(overlapping_of(std::string(length, '/')), overlapping_route::other);

  // A long query string or fragment is ignored.
  EXPECT_EQ(route_of(joined("/health?", std::string(length, 'q'))), route::health);
  EXPECT_EQ(route_of(joined("/health#", std::string(length, '/'))), route::health);

  // A long literal that almost matches.
  EXPECT_EQ(route_of(joined("/", std::string(length, 'h'))), route::other);
  EXPECT_EQ(route_of(std::string(length, 'x')), route::other);
}

TEST(route, label_text_of_the_match_is_the_template) {
  EXPECT_EQ(schemetric::label_text(route_of("/api/tasks/7/run")), "/api/tasks/{task_id}/run");
  EXPECT_EQ(schemetric::label_text(route_of("/metrics")), "other");
}

}  // namespace
