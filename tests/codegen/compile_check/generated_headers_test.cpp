// Compiles the committed golden headers and a header generated at build time from
// data/tricky.yaml against the test double of <schemetric/schema.hpp>, and checks what they
// declare: the generated code must be valid C++ with the documented shape.
#include <cstdint>
#include <string_view>
#include <type_traits>

#include <gtest/gtest.h>
#include <boost/hana/at.hpp>
#include <boost/hana/length.hpp>

#include "example_metrics.hpp"
#include "minimal_metrics.hpp"
#include "tricky_metrics.hpp"

namespace {

using namespace std::string_view_literals;

// --- example (golden)
// -----------------------------------------------------------------------------

static_assert(std::is_same_v<std::underlying_type_t<example::method>, std::uint8_t>);
static_assert(example::schemetric_label_values(example::method{}).size() == 5);
static_assert(example::schemetric_label_values(example::method{})[4] == "DELETE"sv);
static_assert(static_cast<int>(example::method::delete_) == 4);
static_assert(static_cast<int>(example::db_operation::delete_) == 3);
static_assert(example::schemetric_label_values(example::route{})[1] == "/api/tasks/{task_id}"sv);
static_assert(example::schemetric_label_values(example::ai_model{})[3] == "llama-3.1-70b"sv);
static_assert(static_cast<int>(example::ai_model::llama_3_1_70b) == 3);
static_assert(example::metrics::http_requests_total::name == "http_requests_total"sv);
static_assert(example::metrics::http_request_duration_seconds::unit == "seconds"sv);
static_assert(example::metrics::http_request_duration_seconds::buckets.size() == 11);
static_assert(example::metrics::http_request_duration_seconds::buckets[7] == 1.0);
static_assert(std::is_same_v<example::metrics::http_requests_total::value_type, std::uint64_t>);
static_assert(std::is_same_v<example::metrics::ai_cost_usd_total::value_type, double>);
static_assert(
    std::is_same_v<example::metrics::component_health::state, example::component_health_state>);
static_assert(std::is_same_v<example::metrics::active_users::labels, schemetric::no_labels>);
static_assert(std::is_same_v<example::metrics::http_requests_total::labels,
                             example::labels::http_requests_total>);
static_assert(example::registry::schema_name == "example"sv);
static_assert(decltype(boost::hana::length(example::registry::schemetric_families()))::value == 28);
static_assert(!std::is_copy_constructible_v<example::registry>);

TEST(GeneratedHeaders, ExampleRegistryTakesDesignatedLabelsInSchemaOrder) {
  static example::registry registry;
  registry.http_requests_total({.method = example::method::get,
                                .route = example::route::_api_tasks__task_id_,
                                .status = example::status::_2xx});
  EXPECT_EQ(registry.http_requests_total.last_labels.route.value,
            example::route::_api_tasks__task_id_);
  registry.build_info({.version = "1.2.3", .revision = "abc123"});
  EXPECT_EQ(registry.build_info.last_labels.revision.value, "abc123");
  constexpr auto families = example::registry::schemetric_families();
  EXPECT_EQ(&(registry.*boost::hana::at_c<0>(families)), &registry.http_requests_total);
}

// --- minimal (golden)
// -----------------------------------------------------------------------------

static_assert(minimal::metrics::job_duration_seconds::buckets.size() == 4);
static_assert(minimal::registry::schema_name == "minimal"sv);

TEST(GeneratedHeaders, MinimalRegistry) {
  static minimal::registry registry;
  registry.jobs_processed_total({.outcome = minimal::outcome::success});
  EXPECT_EQ(registry.jobs_processed_total.last_labels.outcome.value, minimal::outcome::success);
}

// --- tricky (generated at build time)
// --------------------------------------------------------------

static_assert(std::is_same_v<std::underlying_type_t<tricky::code>, std::uint16_t>);
static_assert(tricky::schemetric_label_values(tricky::code{}).size() == 300);
static_assert(static_cast<int>(tricky::code::c299) == 299);
static_assert(static_cast<int>(tricky::op::linux_) == 3);
static_assert(static_cast<int>(tricky::op::errno_) == 4);
static_assert(static_cast<int>(tricky::op::import_) == 5);
static_assert(static_cast<int>(tricky::op::_2xx) == 8);
static_assert(tricky::schemetric_label_values(tricky::op{})[9] == "\xc3\x84\xc3\x96"sv);
static_assert(tricky::metrics::delay_seconds::buckets[0] == -1.0);
static_assert(tricky::metrics::delay_seconds::buckets[5] == 1.5e300);
static_assert(std::is_same_v<tricky::metrics::health::state, tricky::health_state>);
static_assert(static_cast<int>(tricky::health_state::not_ok) == 1);
static_assert(static_cast<int>(tricky::health_state::delete_) == 2);

TEST(GeneratedHeaders, TrickyStringsSurviveEscaping) {
  EXPECT_EQ(tricky::metrics::ops_total::help,
            "Line one\nline two\twith tab, bell \a, digit after escape \x01"
            "7, \"quoted\", ends in \\"sv);
  EXPECT_EQ(tricky::metrics::cost_usd_total::help,
            "Cost in US dollars \xe2\x80\x94 UTF-8 in help \xe2\x9c\x93."sv);
  EXPECT_EQ(tricky::schemetric_label_values(tricky::op{})[7], "/api/{id}"sv);
  static tricky::registry registry;
  registry.build_info({.version = "1", .host = "h", .op = tricky::op::new_});
  EXPECT_EQ(registry.build_info.last_labels.op.value, tricky::op::new_);
}

}  // namespace
