// Tests of the naming rules: name charset, keywords, safe identifiers, typo suggestions.
#include "naming.hpp"

#include <array>
#include <string_view>

#include <gtest/gtest.h>

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

TEST(Naming, ValidNames) {
  EXPECT_TRUE(is_valid_name("a"));
  EXPECT_TRUE(is_valid_name("http_requests_total"));
  EXPECT_TRUE(is_valid_name("a1_b2"));
  EXPECT_FALSE(is_valid_name(""));
  EXPECT_FALSE(is_valid_name("_a"));
  EXPECT_FALSE(is_valid_name("1a"));
  EXPECT_FALSE(is_valid_name("Ab"));
  EXPECT_FALSE(is_valid_name("a-b"));
  EXPECT_FALSE(is_valid_name("a:b"));
  EXPECT_FALSE(is_valid_name("a b"));
  EXPECT_FALSE(is_valid_name("é"));
}

TEST(Naming, Keywords) {
  for (const std::string_view word :
       {"delete"sv, "class"sv, "and"sv, "xor_eq"sv, "co_await"sv, "requires"sv, "char8_t"sv,
        "constinit"sv, "import"sv, "module"sv}) {
    EXPECT_TRUE(is_cpp_keyword(word)) << word;
  }
  for (const std::string_view word : {"get"sv, "final"sv, "override"sv, "std"sv, "deleted"sv}) {
    EXPECT_FALSE(is_cpp_keyword(word)) << word;
  }
  EXPECT_TRUE(is_predefined_macro("linux"));
  EXPECT_TRUE(is_predefined_macro("errno"));
  EXPECT_FALSE(is_predefined_macro("windows"));
}

TEST(Naming, SafeIdentifiers) {
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

TEST(Naming, RouteIdentifiers) {
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

TEST(Naming, EditDistance) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("help", "help"), 0u);
  EXPECT_EQ(edit_distance("hlep", "help"), 1u);  // a transposition counts once
  EXPECT_EQ(edit_distance("metric", "metrics"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(Naming, ClosestMatch) {
  constexpr std::array candidates{"type"sv, "help"sv, "unit"sv, "labels"sv, "buckets"sv};
  EXPECT_EQ(closest_match("typ", candidates), "type");
  EXPECT_EQ(closest_match("lables", candidates), "labels");
  EXPECT_EQ(closest_match("bukets", candidates), "buckets");
  EXPECT_EQ(closest_match("owner", candidates), std::nullopt);
  EXPECT_EQ(closest_match("help", candidates), std::nullopt);  // an exact match is no typo
  EXPECT_EQ(closest_match("x", candidates), std::nullopt);
}

}  // namespace
}  // namespace schemetric::codegen
