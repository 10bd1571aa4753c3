// Tests of the metric reference: Markdown escaping, anchors, and that every link of the
// reference of a schema with alerts and SLOs leads to a heading of it.
#include "emit/docs/docs_emitter.hpp"

#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "driver/pipeline.hpp"
#include "schema_support.hpp"

namespace schemetric::codegen::docs {
namespace {

TEST(DocsText, MarkdownSyntaxIsEscaped) {
  EXPECT_EQ(markdown_text("a_b *c* [d](e) <f> | #g\nh"),
            "a\\_b \\*c\\* \\[d\\](e) \\<f\\> \\| \\#g h");
}

TEST(DocsText, CodeSpansFenceBackticks) {
  EXPECT_EQ(code_span("up{job=\"a\"}"), "`up{job=\"a\"}`");
  EXPECT_EQ(code_span("a`b"), "``a`b``");
  EXPECT_EQ(code_span("`a"), "`` `a ``");
}

TEST(DocsText, AnchorsAreGitHubs) {
  EXPECT_EQ(heading_anchor("Alert HighErrorRate"), "alert-higherrorrate");
  EXPECT_EQ(heading_anchor("Metric http_requests_total"), "metric-http_requests_total");
  EXPECT_EQ(heading_anchor("Recording rules"), "recording-rules");
}

TEST(DocsEmitter, EveryLinkLeadsToAHeading) {
  const schema model = codegen::testing::parse_valid(R"(schemetric: 1
name: svc
help: A service.
labels:
  status: {kind: status}
metrics:
  requests_total: {type: counter, help: Requests by status., labels: [status]}
  request_seconds: {type: histogram, help: Durations., unit: seconds, buckets: [0.5]}
trackers:
  request: {kind: http, duration: request_seconds, count: requests_total, outcome_label: status}
alerts:
  Errors:
    ratio: {tracker: request}
    above: 0.05
    severity: critical
    summary: Requests fail.
    description: "{{ $value | humanizePercentage }}"
    runbook: Restart it.
slos:
  availability: {objective: 99.9, ratio: {tracker: request}}
)");
  const schema_analysis analysis{compute_cardinality(model)};
  const std::string text = emit(model, analysis, {"s.yaml", "1.2.3", {"svc.md"}}).at(0);
  EXPECT_TRUE(text.starts_with("<!-- Generated from s.yaml by schemetric-gen 1.2.3 -- do not "
                               "edit. -->\n\n# Metrics of svc\n"));
  std::set<std::string> anchors;
  const std::regex heading(R"(^#+ (.*)$)", std::regex::multiline);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), heading);
       it != std::sregex_iterator(); ++it) {
    anchors.insert(heading_anchor((*it)[1].str()));
  }
  const std::regex link(R"(\]\(#([^)]*)\))");
  int links = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), link);
       it != std::sregex_iterator(); ++it, ++links) {
    EXPECT_TRUE(anchors.contains((*it)[1].str())) << (*it)[1].str();
  }
  EXPECT_GT(links, 10);
  // The SLO's budget in minutes, its burn alerts, and what reads the counter.
  EXPECT_NE(text.find("an error budget of 0.1 %, 43.2 minutes of total failure per 30d"),
            std::string::npos);
  EXPECT_NE(text.find("| AvailabilityErrorBudgetBurn | critical | 1h and 5m | 14.4 | 2 % |"),
            std::string::npos);
  EXPECT_NE(text.find("- Read by alerts: [Errors](#alert-errors)"), std::string::npos);
  EXPECT_NE(text.find("**Runbook.** Restart it."), std::string::npos);
  EXPECT_TRUE(text.ends_with("\n") && !text.ends_with("\n\n"));
}

}  // namespace
}  // namespace schemetric::codegen::docs
