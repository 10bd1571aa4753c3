// Compiles the committed golden headers and a header generated at build time from
// data/tricky.yaml (a schema of awkward names) against the library in include/, and checks what
// they declare and that the library records through them: generated code must compile next to
// everything the library declares, with the documented shape.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include <gtest/gtest.h>
#include <schemetric/registry_source.hpp>
#include <schemetric/text_writer.hpp>
#if SCHEMETRIC_TEST_WITH_EXPORTER
// The exporter's headers bring in most of the C library's macros and global names: generated
// code must compile next to them too.
#include <schemetric/exporter.hpp>
#endif

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
static_assert(example::metrics::http_requests_total::name == "http_requests_total"sv);
static_assert(example::metrics::http_request_duration_seconds::unit == "seconds"sv);
static_assert(example::metrics::http_request_duration_seconds::buckets.size() == 11);
static_assert(example::metrics::http_request_duration_seconds::buckets[7] == 1.0);
static_assert(std::is_same_v<example::metrics::http_requests_total::value_type, std::uint64_t>);
static_assert(
    std::is_same_v<example::metrics::component_health::state, example::component_health_state>);
static_assert(std::is_same_v<example::metrics::active_users::labels, schemetric::no_labels>);
static_assert(std::is_same_v<example::metrics::http_requests_total::labels,
                             example::labels::http_requests_total>);
static_assert(example::registry::schema_name == "example"sv);
// 29 metrics, then the process metrics (process_metrics: true).
static_assert(schemetric::detail::family_count<example::registry> == 30);
static_assert(!std::is_copy_constructible_v<example::registry>);

// Route labels: templates then the no-match value; route_of matches through the library.
static_assert(example::schemetric_label_values(example::route{})[1] == "/api/tasks/{task_id}"sv);
static_assert(example::schemetric_label_values(example::route{}).back() == "other"sv);
static_assert(example::schemetric_route_templates(example::route{}).size() == 6);
static_assert(static_cast<int>(example::route::api_tasks_task_id_run) == 2);
static_assert(example::route_of("/api/tasks/42") == example::route::api_tasks_task_id);
static_assert(example::route_of("/api/tasks/42/run?x=1") == example::route::api_tasks_task_id_run);
static_assert(example::route_of("/nowhere") == example::route::other);

// Status classes.
static_assert(example::schemetric_status_classes(example::status{}));
static_assert(example::schemetric_label_values(example::status{})[3] == "4xx"sv);
static_assert(example::status_of(404) == example::status::_4xx);

// Bounded labels: structs, in the registry's list in first-use order.
static_assert(example::ai_model::label_name == "ai_model"sv);
static_assert(example::ai_model::overflow_value == "other"sv);
static_assert(example::ai_model::max_values == 8);
static_assert(example::mcp_tool::max_values == 32);
static_assert(std::is_same_v<decltype(example::registry::schemetric_bounded_labels()),
                             schemetric::bounded_label_list<example::ai_model, example::mcp_tool>>);

// New metric keys.
static_assert(example::metrics::customer_lifetime_value_dollars::quantiles.size() == 3);
static_assert(example::metrics::customer_lifetime_value_dollars::quantiles[2] == 0.99);
static_assert(example::metrics::customer_lifetime_value_dollars::max_age_seconds == 600.0);
static_assert(
    std::is_same_v<decltype(example::metrics::customer_lifetime_value_dollars::age_buckets),
                   const std::size_t>);
static_assert(example::metrics::customer_lifetime_value_dollars::age_buckets == 5);
static_assert(example::metrics::component_health::health);
static_assert(example::schemetric_label_values(example::component_health_state{})[0] ==
              "unknown"sv);
static_assert(example::metrics::build_info::from_build);
static_assert(
    std::is_same_v<decltype(example::registry::db_pool_connections),
                   schemetric::callback_gauge_family<example::metrics::db_pool_connections>>);
static_assert(
    std::is_same_v<decltype(example::registry::customer_lifetime_value_dollars),
                   schemetric::summary_family<example::metrics::customer_lifetime_value_dollars>>);

// Trackers: every role present, nullptr when not given.
static_assert(example::trackers::http_request::kind == schemetric::tracker_kind::http);
static_assert(example::trackers::http_request::duration ==
              &example::registry::http_request_duration_seconds);
static_assert(example::trackers::http_request::response_size ==
              &example::registry::http_response_size_bytes);
static_assert(
    std::is_same_v<decltype(example::trackers::http_request::tokens), const std::nullptr_t>);
static_assert(example::trackers::http_request::outcome_label == "status"sv);
static_assert(example::trackers::http_request::error_label == ""sv);
static_assert(example::trackers::ai_request::tokens == &example::registry::ai_tokens_total);
static_assert(example::trackers::ai_request::token_label == "token_type"sv);
static_assert(example::trackers::db_query::kind == schemetric::tracker_kind::db);
static_assert(example::trackers::cache_lookup::kind == schemetric::tracker_kind::cache);
static_assert(example::trackers::integration_call::kind == schemetric::tracker_kind::integration);
static_assert(example::trackers::integration_call::error_label == "error_category"sv);
static_assert(example::trackers::mcp_tool_call::kind == schemetric::tracker_kind::mcp);
static_assert(
    std::is_same_v<example::trackers::http_request::labels, example::labels::track_http_request>);

// The whole exposition of a registry, as a scrape reads it.
template <class Registry>
std::string exposition_of(const Registry& registry) {
  std::string text;
  schemetric::text_writer(registry).write(text);
  return text;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(GeneratedHeaders, ExampleRegistryTakesDesignatedLabelsInSchemaOrder) {
  auto registry = std::make_unique<example::registry>();
  registry
      ->http_requests_total({.method = example::method::get,
                             .route = example::route::api_tasks_task_id,
                             .status = example::status::_2xx})
      .inc();
  EXPECT_EQ(registry->http_requests_total.value({.method = example::method::get,
                                                 .route = example::route::api_tasks_task_id,
                                                 .status = example::status::_2xx}),
            1u);
  registry->ai_requests_total({.ai_model = "gpt-4o", .outcome = example::outcome::success}).inc();
  const std::string text = exposition_of(*registry);
  EXPECT_TRUE(contains(
      text,
      "http_requests_total{method=\"GET\",route=\"/api/tasks/{task_id}\",status=\"2xx\"} 1\n"))
      << text;
  EXPECT_TRUE(contains(text, "ai_requests_total{ai_model=\"gpt-4o\",outcome=\"success\"} 1\n"))
      << text;
  // from_build: the library fills build_info in.
  EXPECT_TRUE(registry->build_info.is_set());
#if defined(__linux__)
  // process_metrics: true: the process metrics follow the schema's, read from /proc.
  const std::size_t build_info = text.find("\nbuild_info{");
  const std::size_t process = text.find("\n# HELP process_cpu_seconds_total ");
  EXPECT_NE(build_info, std::string::npos);
  EXPECT_NE(process, std::string::npos) << text;
  EXPECT_LT(build_info, process);
  EXPECT_TRUE(contains(text, "\nprocess_open_fds ")) << text;
  EXPECT_TRUE(contains(text, "\nprocess_start_time_seconds ")) << text;
#endif
}

TEST(GeneratedHeaders, ExampleTrackersRecordTheirMetrics) {
  auto registry = std::make_unique<example::registry>();
  {
    auto request = registry->track_http_request(
        {.method = example::method::get, .route = example::route_of("/api/tasks/7")});
    request.status(404);
  }
  EXPECT_EQ(registry->http_requests_total.value({.method = example::method::get,
                                                 .route = example::route::api_tasks_task_id,
                                                 .status = example::status::_4xx}),
            1u);
  { auto call = registry->track_mcp_tool_call({.mcp_tool = "search"}); }
  EXPECT_TRUE(contains(exposition_of(*registry),
                       "mcp_tool_calls_total{mcp_tool=\"search\",outcome=\"success\"} 1\n"));
}

// --- minimal (golden)
// -----------------------------------------------------------------------------

static_assert(minimal::metrics::job_duration_seconds::buckets.size() == 4);
static_assert(minimal::registry::schema_name == "minimal"sv);

TEST(GeneratedHeaders, MinimalRegistry) {
  auto registry = std::make_unique<minimal::registry>();
  registry->jobs_processed_total({.outcome = minimal::outcome::success}).inc(3);
  EXPECT_EQ(registry->jobs_processed_total.value({.outcome = minimal::outcome::success}), 3u);
  EXPECT_EQ(registry->jobs_processed_total.value({.outcome = minimal::outcome::failure}), 0u);
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

// A route label named like its function's parameter, a root template and keyword segments.
static_assert(static_cast<int>(tricky::path::root) == 0);
static_assert(static_cast<int>(tricky::path::delete_) == 1);
static_assert(static_cast<int>(tricky::path::a_b_x_y_z) == 4);
static_assert(tricky::path_of("/") == tricky::path::root);
static_assert(tricky::path_of("/a-b/1/Z") == tricky::path::a_b_x_y_z);
static_assert(tricky::path_of("/a/b") == tricky::path::not_found);
static_assert(tricky::schemetric_label_values(tricky::path{}).back() == "not found"sv);
static_assert(tricky::http_code_of(404) == tricky::http_code::_404);
static_assert(tricky::http_code_of(201) == tricky::http_code::other);
static_assert(tricky::schemetric_status_codes(tricky::http_code{})[2] == 599);
static_assert(tricky::status_class_of(503) == tricky::status_class::_5xx);
static_assert(tricky::tenant::max_values == 1);
static_assert(tricky::metrics::request_latency_seconds::max_age_seconds == 0.5);
static_assert(tricky::metrics::request_latency_seconds::age_buckets == 60);
static_assert(tricky::metrics::request_latency_seconds::quantiles[2] == 0.999);
static_assert(std::is_same_v<tricky::labels::track_ping, schemetric::no_labels>);
static_assert(tricky::trackers::ping::count == nullptr);
static_assert(tricky::trackers::request::outcome_label == "status_class"sv);
static_assert(std::is_same_v<decltype(tricky::registry::schemetric_bounded_labels()),
                             schemetric::bounded_label_list<tricky::tenant, tricky::text>>);

TEST(GeneratedHeaders, TrickyStringsSurviveEscaping) {
  EXPECT_EQ(tricky::metrics::ops_total::help,
            "Line one\nline two\twith tab, \"quoted\", ends in \\"sv);
  EXPECT_EQ(tricky::metrics::cost_usd_total::help,
            "Cost in US dollars \xe2\x80\x94 UTF-8 in help \xe2\x9c\x93."sv);
  EXPECT_EQ(tricky::schemetric_label_values(tricky::op{})[7], "/api/{id}"sv);
  EXPECT_EQ(tricky::tenant::overflow_value,
            "\xc3\xbc"
            "ber \"quoted\""sv);
}

// Enumerators of values spelled like macros and keywords get a `_`; names of the library's
// members and namespaces are usable as they are.
static_assert(static_cast<int>(tricky::metric::stdin_) == 0);
static_assert(static_cast<int>(tricky::metric::assert_) == 2);
static_assert(static_cast<int>(tricky::metric::si_pid_) == 4);
static_assert(static_cast<int>(tricky::value::set) == 0);
static_assert(static_cast<int>(tricky::value::kind) == 9);
static_assert(static_cast<int>(tricky::kind_state::delete_) == 5);
static_assert(tricky::route_of("/labels/x") == tricky::route::labels_name);
static_assert(tricky::route_of("/no/such/route") == tricky::route::index);
static_assert(tricky::route_of("/nowhere") == tricky::route::value);
static_assert(tricky::status_of(204) == tricky::status::_2xx);
static_assert(tricky::text::max_values == 2);
static_assert(tricky::trackers::run::kind == schemetric::tracker_kind::ai);

TEST(GeneratedHeaders, NamesOfTheLibrarysMembersAreUsableEverywhere) {
  auto registry = std::make_unique<tricky::registry>();
  registry
      ->library_names_total({.value = tricky::value::observe,
                             .kind = tricky::kind::counter,
                             .metric = tricky::metric::stdin_,
                             .series = tricky::series::a,
                             .labels_type = tricky::labels_type::a,
                             .value_type = tricky::value_type::a,
                             .counter = tricky::counter::a,
                             .gauge = tricky::gauge::a,
                             .label = tricky::label::a,
                             .tracker = tricky::tracker::a,
                             .enabled = tricky::enabled::a,
                             .exposition_format = tricky::exposition_format::a,
                             .detail = tricky::detail::a,
                             .hana = tricky::hana::a,
                             .fmt = tricky::fmt::a,
                             .chrono = tricky::chrono::a,
                             .asio = tricky::asio::a,
                             .index = tricky::index::a,
                             .visit = tricky::visit::a,
                             .status = tricky::status_of(503),
                             .route = tricky::route_of("/labels/7"),
                             .text = "value"})
      .inc();
  registry->names_info.set({.name = "n", .set = "s"});
  registry->value().set(1);
  registry->value_at().set(2);
  registry->inc().inc();
  registry->dec().dec();
  registry->add().add(3);
  registry->set().set(4);
  registry->observe().observe(0.5);
  registry->snapshot().observe(2);
  registry->kind().set(tricky::kind_state::stdin_);
  registry->metric({.kind = tricky::kind::cache}).set(5);
  registry->on_scrape.on_scrape([](const auto& set) { set(6); });
  registry->counter().set(7);
  registry->index().set(8);
  registry->fmt().set(9);
  registry->schemetric_label_values().set(10);
  {
    auto tracked = registry->track_status({});
    tracked.status(201);
  }
  {
    auto tracked = registry->track_fail({});
    tracked.fail();
  }
  {
    auto tracked = registry->track_run({});
    EXPECT_EQ(tracked.run([] { return 11; }), 11);
  }
  {
    auto tracked = registry->track_cancel({});
    tracked.hit();
  }
  {
    auto tracked = registry->track_succeed({});
    tracked.succeed();
  }
  {
    auto tracked = registry->track_hit({});
    tracked.cancel();
  }
  {
    auto tracked = registry->track_value({});
    tracked.status(500);
  }
  const std::string text = exposition_of(*registry);
  EXPECT_TRUE(
      contains(text, "library_names_total{value=\"observe\",kind=\"counter\",metric=\"stdin\","))
      << text;
  EXPECT_TRUE(contains(text, "status=\"5xx\",route=\"/labels/{name}\",text=\"value\"} 1\n"))
      << text;
  EXPECT_TRUE(contains(text, "names_info{name=\"n\",set=\"s\"} 1\n")) << text;
  EXPECT_TRUE(contains(text, "kind{kind=\"stdin\"} 1\n")) << text;
  EXPECT_TRUE(contains(text, "snapshot{quantile=\"1.0\"} ")) << text;
  EXPECT_TRUE(contains(text, "snapshot_count 1\n")) << text;
  EXPECT_TRUE(contains(text, "on_scrape 6\n")) << text;
  EXPECT_TRUE(contains(text, "schemetric_label_values 10\n")) << text;
  // One observation per tracker above but the cancelled one.
  EXPECT_TRUE(contains(text, "ping_seconds_count 6\n")) << text;
}

TEST(GeneratedHeaders, TrickyRegistryRecordsAndExposesEveryFamily) {
  auto registry = std::make_unique<tricky::registry>();
  registry->build_info.set({.version = "1", .host = "h", .op = tricky::op::new_});
  registry->ops_total({.op = tricky::op::delete_, .code = tricky::code::c299}).inc();
  { auto ping = registry->track_ping({}); }
  const std::string text = exposition_of(*registry);
  EXPECT_TRUE(contains(text, "build_info{version=\"1\",host=\"h\",op=\"new\"} 1\n")) << text;
  EXPECT_TRUE(contains(text, "ops_total{op=\"delete\",code=\"c299\"} 1\n")) << text;
  EXPECT_TRUE(contains(text, "ping_seconds_count 1\n")) << text;
}

}  // namespace
