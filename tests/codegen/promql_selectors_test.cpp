// Tests of finding the vector selectors of a PromQL expression.
#include "promql/selectors.hpp"

#include <gtest/gtest.h>

namespace schemetric::codegen::promql {
namespace {

std::vector<std::string> metrics_of(std::string_view expression) {
  const selector_scan scan = find_selectors(expression);
  EXPECT_FALSE(scan.error) << *scan.error;
  std::vector<std::string> names;
  for (const found_selector& selector : scan.selectors) names.push_back(selector.metric);
  return names;
}

TEST(PromqlSelectors, FunctionsKeywordsAndGroupingLabelsAreNotSelectors) {
  EXPECT_EQ(metrics_of("sum by (job, route) (rate(http_requests_total[5m])) / on(job) "
                       "group_left sum(rate(x_total[1h] offset 5m)) > bool 0.5 and up"),
            (std::vector<std::string>{"http_requests_total", "x_total", "up"}));
  EXPECT_EQ(metrics_of("histogram_quantile(0.9, SUM BY (le) (rate(h_bucket[5m])))"),
            std::vector<std::string>{"h_bucket"});
  EXPECT_EQ(metrics_of("time() - stamp > 1e3 # a comment naming nothing"),
            std::vector<std::string>{"stamp"});
  EXPECT_EQ(metrics_of("job:ratio:rate5m{job=\"a\"} > 1"),
            std::vector<std::string>{"job:ratio:rate5m"});
}

TEST(PromqlSelectors, MatchersAreRead) {
  const selector_scan scan =
      find_selectors(R"(x{a="1", b!="2", c=~'3|4', d!~`5\d`, __name__="y"} or {e="6"})");
  ASSERT_FALSE(scan.error);
  ASSERT_EQ(scan.selectors.size(), 2u);
  const found_selector& first = scan.selectors[0];
  EXPECT_EQ(first.metric, "y");  // __name__ names it
  ASSERT_EQ(first.matchers.size(), 4u);
  EXPECT_EQ(first.matchers[1].op, match_op::not_equal);
  EXPECT_EQ(first.matchers[2].value, "3|4");
  EXPECT_EQ(first.matchers[3].op, match_op::not_regex);
  EXPECT_EQ(first.matchers[3].value, "5\\d");  // raw strings keep their backslash
  EXPECT_EQ(scan.selectors[1].metric, "");
  EXPECT_EQ(scan.selectors[1].offset, 54u);
}

TEST(PromqlSelectors, UnreadableExpressionsSayWhere) {
  const selector_scan unterminated = find_selectors("x{a=\"1}");
  ASSERT_TRUE(unterminated.error);
  EXPECT_EQ(*unterminated.error, "a string is not terminated");
  EXPECT_EQ(unterminated.error_offset, 4u);
  EXPECT_EQ(*find_selectors("x{a}").error,
            "a label matcher is not 'label=\"value\"' (or !=, =~, !~)");
  EXPECT_EQ(*find_selectors("rate(x[5m)").error, "a '[' is not closed");
}

}  // namespace
}  // namespace schemetric::codegen::promql
