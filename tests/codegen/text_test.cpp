// Tests of the text helpers every stage uses: the name charset, typo suggestions and lists.
#include "support/text.hpp"

#include <array>
#include <string_view>

#include <gtest/gtest.h>

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

TEST(Text, ValidNames) {
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

TEST(Text, EditDistance) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("help", "help"), 0u);
  EXPECT_EQ(edit_distance("hlep", "help"), 1u);  // a transposition counts once
  EXPECT_EQ(edit_distance("metric", "metrics"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(Text, ClosestMatch) {
  constexpr std::array candidates{"type"sv, "help"sv, "unit"sv, "labels"sv, "buckets"sv};
  EXPECT_EQ(closest_match("typ", candidates), "type");
  EXPECT_EQ(closest_match("lables", candidates), "labels");
  EXPECT_EQ(closest_match("bukets", candidates), "buckets");
  EXPECT_EQ(closest_match("owner", candidates), std::nullopt);
  EXPECT_EQ(closest_match("help", candidates), std::nullopt);  // an exact match is no typo
  EXPECT_EQ(closest_match("x", candidates), std::nullopt);
}

TEST(Text, DidYouMeanAndLists) {
  constexpr std::array candidates{"type"sv, "help"sv};
  EXPECT_EQ(did_you_mean("hlep", candidates), "; did you mean 'help'?");
  EXPECT_EQ(did_you_mean("owner", candidates), "");
  constexpr std::array three{"a"sv, "b"sv, "c"sv};
  EXPECT_EQ(quoted_or_list(three), "'a', 'b' or 'c'");
  EXPECT_EQ(quoted_and_list(three), "'a', 'b' and 'c'");
  EXPECT_EQ(quoted_and_list(std::span(three).first(1)), "'a'");
  EXPECT_EQ(position_text({3, 14}), "3:14");
  EXPECT_EQ(article_for("enum"), "an");
  EXPECT_EQ(article_for("histogram"), "a");
}

}  // namespace
}  // namespace schemetric::codegen
