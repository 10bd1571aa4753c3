// Tests of the stages in order (driver/pipeline.hpp): which checks run, where outputs go, and
// what the emitters are given.
#include "driver/pipeline.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "schema_support.hpp"

namespace schemetric::codegen {
namespace {

constexpr std::string_view keyword_metric = R"(schemetric: 1
name: shop
metrics:
  delete: {type: gauge, help: D.}
)";

TEST(Pipeline, ChecksOnlyForTheChosenEmitters) {
  // A metric named `delete` is fine for Prometheus; only the C++ header cannot have it.
  diagnostics without_emitters("s.yaml");
  EXPECT_TRUE(check_schema(keyword_metric, {}, without_emitters).has_value());
  EXPECT_EQ(without_emitters.format(), "");
  diagnostics with_cpp("s.yaml");
  EXPECT_FALSE(check_schema(keyword_metric, testing::cpp_only(), with_cpp).has_value());
  EXPECT_EQ(with_cpp.format(),
            "s.yaml:4:3: error: metric name 'delete' is a C++ keyword; choose another name\n");
}

TEST(Pipeline, TheAnalysisIsPartOfTheResult) {
  diagnostics diags("s.yaml");
  const std::optional<checked_schema> checked = check_schema(R"(schemetric: 1
name: shop
labels:
  method: {values: [GET, POST]}
metrics:
  requests_total: {type: counter, help: R., labels: [method]}
)",
                                                             testing::cpp_only(), diags);
  ASSERT_TRUE(checked.has_value());
  EXPECT_EQ(checked->analysis.cardinality.total, 2u);
  ASSERT_EQ(checked->analysis.cardinality.metrics.size(), 1u);
  EXPECT_EQ(checked->analysis.cardinality.metrics[0].metric, &checked->model.metrics[0]);
}

TEST(Pipeline, OutputsAreNamedByTheEmitterTable) {
  const std::vector<const emitter*> cpp = testing::cpp_only();
  const std::vector<planned_outputs> plan = plan_outputs("shop", cpp, "out/dir");
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].by, cpp[0]);
  EXPECT_EQ(plan[0].paths, (std::vector<std::filesystem::path>{"out/dir/shop_metrics.hpp"}));
  EXPECT_EQ(output_file_name("{name}.rules.yml", "shop"), "shop.rules.yml");
  EXPECT_EQ(output_file_name("{name}/{name}.md", "a"), "a/a.md");
}

TEST(Pipeline, EveryEmitterGetsItsFileNames) {
  diagnostics diags("s.yaml");
  std::optional<checked_schema> checked = check_schema(R"(schemetric: 1
name: shop
metrics:
  up: {type: gauge, help: Up.}
)",
                                                       testing::cpp_only(), diags);
  ASSERT_TRUE(checked.has_value());
  std::vector<planned_outputs> plan = plan_outputs("shop", testing::cpp_only(), "out");
  plan[0].paths = {"elsewhere/custom.hpp"};
  const std::vector<file_to_write> files = emit_outputs(*checked, plan, "s.yaml", "1.2.3");
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, "elsewhere/custom.hpp");
  EXPECT_EQ(files[0].text, cpp::header(checked->model, {"s.yaml", "custom.hpp", "1.2.3"}));
}

TEST(Pipeline, EveryEmitterHasANameAFileAndBothFunctions) {
  for (const emitter& output : emitters()) {
    EXPECT_FALSE(output.name.empty());
    EXPECT_EQ(find_emitter(output.name), &output);
    EXPECT_FALSE(output.outputs.empty()) << output.name;
    for (const std::string_view pattern : output.outputs) {
      EXPECT_NE(pattern.find("{name}"), std::string_view::npos) << pattern;
    }
    EXPECT_NE(output.check, nullptr);
    EXPECT_NE(output.emit, nullptr);
  }
  EXPECT_EQ(find_emitter("nope"), nullptr);
}

}  // namespace
}  // namespace schemetric::codegen
