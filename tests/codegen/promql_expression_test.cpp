// PromQL expressions print with correct quoting, escaping, durations and parentheses.
#include "promql/expression.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace schemetric::codegen::promql {
namespace {

TEST(PromqlQuote, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(quote("plain"), "\"plain\"");
  EXPECT_EQ(quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(quote("line\nnext\ttab\r"), "\"line\\nnext\\ttab\\r\"");
  EXPECT_EQ(quote(std::string("nul\0x", 5)), "\"nul\\x00x\"");
  EXPECT_EQ(quote("caf\xc3\xa9"), "\"caf\xc3\xa9\"");  // UTF-8 passes through
}

TEST(PromqlQuote, RegexMetacharactersMatchThemselves) {
  EXPECT_EQ(quote_regex("/api/tasks/{task_id}"), "/api/tasks/\\{task_id\\}");
  EXPECT_EQ(quote_regex("a.b+c*d?(e)|[f]^$\\"), "a\\.b\\+c\\*d\\?\\(e\\)\\|\\[f\\]\\^\\$\\\\");
}

TEST(PromqlMatcher, OneValueIsEqualitySeveralAreAnAlternation) {
  const std::vector<std::string> one{"5xx"};
  const label_matcher single = matcher_for_values("status", one);
  EXPECT_EQ(single.op, match_op::equal);
  EXPECT_EQ(single.value, "5xx");
  const std::vector<std::string> two{"/a.b", "/c"};
  const label_matcher several = matcher_for_values("route", two);
  EXPECT_EQ(several.op, match_op::regex);
  EXPECT_EQ(several.value, "/a\\.b|/c");
  EXPECT_EQ(expression::selector("x", {several}).text(), "x{route=~\"/a\\\\.b|/c\"}");
}

TEST(PromqlNumber, ShortestRoundTrip) {
  EXPECT_EQ(format_number(0.05), "0.05");
  EXPECT_EQ(format_number(14.4), "14.4");
  EXPECT_EQ(format_number(2), "2");
  EXPECT_EQ(format_number(1e-6), "1e-06");
}

TEST(PromqlExpression, SelectorsCallsAndAggregations) {
  const expression rate = expression::call(
      "rate", {expression::selector("http_requests_total",
                                    {{"job", match_op::equal, "api"}, {"code", match_op::not_regex, "2.."}},
                                    300'000)});
  EXPECT_EQ(rate.text(), "rate(http_requests_total{job=\"api\", code!~\"2..\"}[5m])");
  EXPECT_EQ(expression::aggregate("sum", {"job", "le"}, rate).text(),
            "sum by (job, le) (rate(http_requests_total{job=\"api\", code!~\"2..\"}[5m]))");
  EXPECT_EQ(expression::aggregate("sum", {}, rate).text(),
            "sum (rate(http_requests_total{job=\"api\", code!~\"2..\"}[5m]))");
}

TEST(PromqlExpression, ParenthesesFollowPrecedenceAndAssociativity) {
  const auto n = [](double v) { return expression::number(v); };
  const auto b = [](const char* op, expression l, expression r) {
    return expression::binary(op, std::move(l), std::move(r));
  };
  EXPECT_EQ(b("-", n(1), b("-", n(2), n(3))).text(), "1 - (2 - 3)");
  EXPECT_EQ(b("-", b("-", n(1), n(2)), n(3)).text(), "1 - 2 - 3");
  EXPECT_EQ(b("/", b("+", n(1), n(2)), n(3)).text(), "(1 + 2) / 3");
  EXPECT_EQ(b(">", b("/", n(1), n(2)), n(3)).text(), "1 / 2 > 3");
  EXPECT_EQ(b("and", b(">", n(1), n(2)), b("or", n(3), n(4))).text(), "1 > 2 and (3 or 4)");
  EXPECT_EQ(b("^", n(2), b("^", n(3), n(4))).text(), "2 ^ 3 ^ 4");
  EXPECT_EQ(b("^", b("^", n(2), n(3)), n(4)).text(), "(2 ^ 3) ^ 4");
}

TEST(PromqlExpression, VectorMatchingAndBool) {
  const expression x = expression::selector("x");
  const expression y = expression::selector("y");
  EXPECT_EQ(expression::binary("/", x, y, {vector_matching::kind::on, {"job"}, true}).text(),
            "x / on(job) group_left y");
  EXPECT_EQ(expression::binary("and", x, y, {vector_matching::kind::ignoring, {"window"}}).text(),
            "x and ignoring(window) y");
  EXPECT_EQ(expression::binary(">", x, expression::number(1), {}, true).text(), "x > bool 1");
}

TEST(PromqlExpression, MultilineBreaksOnlyAtLogicalOperators) {
  const expression x = expression::selector("x");
  const expression both = expression::binary(
      "and", expression::binary(">", x, expression::number(1)),
      expression::binary(">", expression::selector("y"), expression::number(2)));
  EXPECT_EQ(both.text_multiline(), "x > 1\nand\ny > 2");
  EXPECT_EQ(expression::binary(">", x, expression::number(1)).text_multiline(), "x > 1");
}

}  // namespace
}  // namespace schemetric::codegen::promql
