// The registry's scrape_source: /metrics is the text writer's output, /health a JSON
// document from the health statesets with the status the exporter answers with.
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "schemetric/registry_source.hpp"
#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

namespace {

using service::component;
using state = service::component_health_state;

TEST(registry_source, health_reports_every_component_and_the_worst_state) {
  auto reg = std::make_unique<service::registry>();
  schemetric::registry_source source(*reg);
  std::string out;
  EXPECT_TRUE(source.write_health(out));  // unknown everywhere: not unhealthy
  EXPECT_EQ(
      out,
      R"({"status":"healthy","components":{"database":"unknown","cache \"primary\"":"unknown"}})"
      "\n");

  reg->component_health({.component = component::database}).set(state::healthy);
  reg->component_health({.component = component::cache__primary_}).set(state::degraded);
  out.clear();
  EXPECT_TRUE(source.write_health(out));
  EXPECT_EQ(
      out,
      R"({"status":"degraded","components":{"database":"healthy","cache \"primary\"":"degraded"}})"
      "\n");

  reg->component_health({.component = component::database}).set(state::unhealthy);
  out.clear();
  EXPECT_FALSE(source.write_health(out));  // 503
  EXPECT_NE(out.find(R"("status":"unhealthy")"), std::string::npos);
}

TEST(registry_source, metrics_are_the_text_writer_output) {
  auto reg = std::make_unique<service::registry>();
  reg->http_responses_total({.status_code = service::status_code_of(404)}).inc();
  schemetric::registry_source source(*reg);
  const schemetric::text_writer writer(*reg);
  for (auto format : {schemetric::exposition_format::prometheus_text,
                      schemetric::exposition_format::openmetrics}) {
    std::string from_source;
    std::string from_writer;
    source.write_metrics(format, from_source);
    writer.write(from_writer, format);
    EXPECT_EQ(from_source, from_writer);
  }
}

}  // namespace
