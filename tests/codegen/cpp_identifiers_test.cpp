// Tests of the C++ spellings of schema names and values: keywords, macros, enumerators.
#include "emit/cpp/identifiers.hpp"

#include <array>
#include <string_view>

#include <gtest/gtest.h>

#include "schema_support.hpp"

namespace schemetric::codegen::cpp {
namespace {

using namespace std::string_view_literals;

TEST(CppIdentifiers, Keywords) {
  for (const std::string_view word :
       {"delete"sv, "class"sv, "and"sv, "xor_eq"sv, "co_await"sv, "requires"sv, "char8_t"sv,
        "constinit"sv, "import"sv, "module"sv}) {
    EXPECT_TRUE(is_keyword(word)) << word;
  }
  for (const std::string_view word : {"get"sv, "final"sv, "override"sv, "std"sv, "deleted"sv}) {
    EXPECT_FALSE(is_keyword(word)) << word;
  }
  EXPECT_TRUE(is_predefined_macro("linux"));
  EXPECT_TRUE(is_predefined_macro("errno"));
  EXPECT_FALSE(is_predefined_macro("windows"));
}

TEST(CppIdentifiers, SafeIdentifiers) {
  EXPECT_EQ(safe_identifier("GET"), "get");
  EXPECT_EQ(safe_identifier("DELETE"), "delete_");
  EXPECT_EQ(safe_identifier("2xx"), "_2xx");
  EXPECT_EQ(safe_identifier("/api/x"), "_api_x");
  EXPECT_EQ(safe_identifier("/api/tasks/{task_id}"), "_api_tasks__task_id_");
  EXPECT_EQ(safe_identifier("gpt-4o-mini"), "gpt_4o_mini");
  EXPECT_EQ(safe_identifier("llama-3.1"), "llama_3_1");
  EXPECT_EQ(safe_identifier("already_fine"), "already_fine");
  EXPECT_EQ(safe_identifier("_"), "_");
  EXPECT_EQ(safe_identifier("true"), "true_");
  EXPECT_EQ(safe_identifier("Class"), "class_");
  EXPECT_EQ(safe_identifier("linux"), "linux_");
  EXPECT_EQ(safe_identifier("404"), "_404");
  // One '_' per UTF-8 character, not per byte; a stray byte counts as one character.
  EXPECT_EQ(safe_identifier("caf\xc3\xa9"), "caf_");
  EXPECT_EQ(safe_identifier("\xe2\x9c\x93 ok"), "__ok");
  EXPECT_EQ(safe_identifier("\xff"), "_");
  EXPECT_EQ(safe_identifier("\xf0\x9f\x98\x80"), "_");
}

TEST(CppIdentifiers, RouteIdentifiers) {
  EXPECT_EQ(route_identifier("/api/tasks"), "api_tasks");
  EXPECT_EQ(route_identifier("/api/tasks/{task_id}"), "api_tasks_task_id");
  EXPECT_EQ(route_identifier("/api/tasks/{task_id}/run"), "api_tasks_task_id_run");
  EXPECT_EQ(route_identifier("/health"), "health");
  EXPECT_EQ(route_identifier("/"), "root");
  EXPECT_EQ(route_identifier("/delete"), "delete_");
  EXPECT_EQ(route_identifier("/2fa"), "_2fa");
  EXPECT_EQ(route_identifier("/unix"), "unix_");
  EXPECT_EQ(route_identifier("/a-b/{x_y}/Z"), "a_b_x_y_z");
  EXPECT_EQ(route_identifier("/api.v2/caf\xc3\xa9"), "api_v2_caf_");
}

TEST(CppIdentifiers, EnumeratorsOfEveryClosedSet) {
  const schema model = testing::parse_valid(R"(
schemetric: 1
name: svc
labels:
  method: {values: [GET, POST, DELETE]}
  other_values: {values: [2xx, "/api/x", 404, true]}
  route:
    kind: route
    routes: [/, /api/tasks, "/api/tasks/{task_id}/run", /delete, /2fa]
  fallback: {kind: route, routes: [/x], other: not found}
  status: {kind: status}
  code: {kind: status, codes: [404, 200]}
metrics:
  up: {type: gauge, help: Up., labels: [method, other_values, route, fallback, status, code]}
  health: {type: stateset, help: Health., states: [healthy, Degraded]}
)");
  using names = std::vector<std::string>;
  EXPECT_EQ(enumerators_of(model.labels[0]), (names{"get", "post", "delete_"}));
  EXPECT_EQ(enumerators_of(model.labels[1]), (names{"_2xx", "_api_x", "_404", "true_"}));
  // Templates by route_identifier, the no-match value by safe_identifier.
  EXPECT_EQ(enumerators_of(model.labels[2]),
            (names{"root", "api_tasks", "api_tasks_task_id_run", "delete_", "_2fa", "other"}));
  EXPECT_EQ(enumerators_of(model.labels[3]), (names{"x", "not_found"}));
  EXPECT_EQ(enumerators_of(model.labels[4]), (names{"_1xx", "_2xx", "_3xx", "_4xx", "_5xx"}));
  EXPECT_EQ(enumerators_of(model.labels[5]), (names{"_404", "_200", "other"}));
  EXPECT_EQ(enumerators_of(model.metrics[1].states), (names{"healthy", "degraded"}));
}

}  // namespace
}  // namespace schemetric::codegen::cpp
