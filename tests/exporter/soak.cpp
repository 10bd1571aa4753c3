// Soak test of the exporter with the example service's registry (schema/example.yaml): writer
// threads drive every tracker kind and every metric type, a scraper scrapes as fast as it can
// (text, OpenMetrics and gzip, a new connection each time), and hostile clients connect and
// drop (at once, mid-head, with garbage, with a reset, and a flood of idle connections from
// one peer). At the end:
// - the last scrape's values equal the operations the writers counted, exactly;
// - every scrape was answered 200 with a complete, growing exposition;
// - the process's open descriptors are back to their number before the clients came, and
//   its resident memory is within --rss-bound-mib (4 MiB) of the figure after warming up (not
//   checked under sanitizers, whose allocators keep freed memory in quarantine).
// Usage: exporter_soak [--seconds S] [--writers N] [--rss-bound-mib M]
#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <schemetric/exporter.hpp>
#include <schemetric/registry_source.hpp>
#include <schemetric/schemetric.hpp>

#include "example_metrics.hpp"
#include "test_client.hpp"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SCHEMETRIC_SOAK_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SCHEMETRIC_SOAK_SANITIZED 1
#endif
#endif
#ifndef SCHEMETRIC_SOAK_SANITIZED
#define SCHEMETRIC_SOAK_SANITIZED 0
#endif

namespace {

using namespace std::chrono_literals;
using schemetric_test::http_client;

int failures = 0;

void fail(const std::string& what) {
  ++failures;
  std::printf("FAIL: %s\n", what.c_str());
}

long resident_kib() {
  std::ifstream statm("/proc/self/statm");
  long size = 0;
  long resident = 0;
  statm >> size >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

int open_descriptors() {
  int count = 0;
  if (DIR* directory = opendir("/proc/self/fd")) {
    while (const dirent* entry = readdir(directory)) count += entry->d_name[0] != '.';
    closedir(directory);
  }
  return count - 1;  // the directory stream's own descriptor
}

// The operations one writer performed, counted as it performed them.
struct tally {
  std::uint64_t rounds = 0;
  std::uint64_t summary_sum = 0;
  int last_users = -1;
  example::component_health_state last_state{};
};

// The database pool in use, read by the callback gauge at each scrape.
std::atomic<int> pool_in_use{0};

// One round: every tracker kind and every metric type once or more, with values whose sums
// are exact in binary floating point.
void round(example::registry& metrics, std::uint64_t i, bool first_writer, tally& counted) {
  using namespace example;
  {
    auto request =
        metrics.track_http_request({.method = method::get, .route = route_of("/api/tasks")});
    request.request_size(100);
    request.status(200);
    request.response_size(1000);
  }
  {
    auto request =
        metrics.track_http_request({.method = method::post, .route = route_of("/api/tasks")});
    request.request_size(200);
    request.status(422);
    request.response_size(10);
  }
  {
    auto request =
        metrics.track_http_request({.method = method::get, .route = route_of("/api/tasks/42")});
    request.status(404);
  }
  try {
    auto request = metrics.track_http_request({.method = method::delete_, .route = route_of("/x")});
    throw std::runtime_error("handler failed");  // a scope left by an exception: 500
  } catch (const std::runtime_error&) {
  }
  {
    auto query =
        metrics.track_db_query({.db_operation = db_operation::select, .db_table = db_table::tasks});
    query.run([] { pool_in_use.fetch_add(1, std::memory_order_relaxed); });
  }
  {
    auto query = metrics.track_db_query(
        {.db_operation = db_operation::insert, .db_table = db_table::audit_log});
    query.fail(error_category::timeout);
  }
  {
    auto call = metrics.track_ai_request({.ai_model = "gpt-4o"});
    call.tokens(10, 3);
  }
  {
    auto call = metrics.track_ai_request({.ai_model = "llama-3"});
    call.fail();
  }
  {
    auto lookup = metrics.track_cache_lookup({.cache = cache::tasks});
    lookup.hit();
  }
  {
    auto lookup = metrics.track_cache_lookup({.cache = cache::tasks});
    lookup.miss();
  }
  {
    auto lookup = metrics.track_cache_lookup({.cache = cache::sessions});
    lookup.fail();
  }
  { auto call = metrics.track_integration_call({.integration = integration::slack}); }
  {
    auto call = metrics.track_integration_call({.integration = integration::stripe});
    call.fail(error_category::timeout);
  }
  { auto call = metrics.track_mcp_tool_call({.mcp_tool = "search_tasks"}); }
  {
    auto call = metrics.track_mcp_tool_call({.mcp_tool = "create_issue"});
    call.fail();
  }
  metrics.tasks_created_total({.task_priority = task_priority::high}).inc();
  metrics
      .application_errors_total({.component = component::api,
                                 .error_type = error_type::internal,
                                 .severity = severity::error})
      .inc(2u);
  metrics
      .rate_limit_violations_total({.route = route::api_models, .client_tier = client_tier::free})
      .inc();
  metrics.task_queue_depth({.task_priority = task_priority::normal}).inc();
  metrics.task_queue_depth({.task_priority = task_priority::normal}).dec();
  metrics.task_queue_depth({.task_priority = task_priority::low}).inc();
  const auto value = static_cast<std::uint64_t>(i % 100);
  metrics.customer_lifetime_value_dollars().observe(static_cast<double>(value));
  counted.summary_sum += value;
  if (first_writer) {  // set-type metrics: one writer, so the last value is known
    counted.last_users = static_cast<int>(i % 50);
    metrics.active_users().set(counted.last_users);
    counted.last_state = i % 2 ? component_health_state::degraded : component_health_state::healthy;
    metrics.component_health({.component = component::api}).set(counted.last_state);
  }
  ++counted.rounds;
}

// "name{labels}" -> value, from a text exposition.
std::map<std::string, double> parse_exposition(std::string_view text) {
  std::map<std::string, double> values;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t space = line.rfind(' ');
    values[std::string(line.substr(0, space))] =
        std::strtod(std::string(line.substr(space + 1)).c_str(), nullptr);
  }
  return values;
}

std::optional<std::string> scrape(std::uint16_t port, int kind) {
  static constexpr const char* requests[] = {
      "GET /metrics HTTP/1.1\r\nHost: soak\r\n\r\n",
      "GET /metrics HTTP/1.1\r\nHost: soak\r\nAccept: application/openmetrics-text\r\n\r\n",
      "GET /metrics HTTP/1.1\r\nHost: soak\r\nAccept-Encoding: gzip\r\n\r\n"};
  http_client client(port, 30s);
  const auto reply = client.request(requests[kind % 3]);
  if (!reply || reply->status != 200) return std::nullopt;
  if (kind % 3 == 2) return schemetric_test::gunzip(reply->body);
  return reply->body;
}

// Hostile clients from their own loopback addresses, until `stop`.
void hostile(std::uint16_t port, const std::atomic<bool>& stop, std::atomic<long>& connections) {
  std::deque<std::unique_ptr<http_client>> idle;  // the flood from one peer, above its limit
  for (long n = 0; !stop.load(); ++n) {
    switch (n % 5) {
      case 0: {
        http_client gone(port, 2s, "127.0.0.2");
        break;
      }
      case 1: {
        http_client partial(port, 2s, "127.0.0.3");
        partial.send("GET /metr");
        break;
      }
      case 2: {
        http_client garbage(port, 2s, "127.0.0.4");
        garbage.send(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11));
        garbage.closed_within(2s);  // answered 400 and closed
        break;
      }
      case 3: {
        http_client impatient(port, 2s, "127.0.0.5");
        impatient.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
        impatient.reset();  // gone before the response: a reset
        break;
      }
      default:
        idle.push_back(std::make_unique<http_client>(port, 2s, "127.0.0.6"));
        if (idle.size() > 80) idle.pop_front();
        break;
    }
    ++connections;
    std::this_thread::sleep_for(1ms);
  }
}

struct options {
  double seconds = 60;
  int writers = 2;
  long rss_bound_mib = 4;
};

options parse(int argc, char** argv) {
  options result;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view name = argv[i];
    if (name == "--seconds") {
      result.seconds = std::strtod(argv[i + 1], nullptr);
    } else if (name == "--writers") {
      result.writers = std::atoi(argv[i + 1]);
    } else if (name == "--rss-bound-mib") {
      result.rss_bound_mib = std::atol(argv[i + 1]);
    } else {
      std::fprintf(stderr, "usage: %s [--seconds S] [--writers N] [--rss-bound-mib M]\n", argv[0]);
      std::exit(2);
    }
  }
  return result;
}

void expect_value(const std::map<std::string, double>& values, const std::string& series,
                  double expected) {
  const auto found = values.find(series);
  if (found == values.end()) return fail("the last scrape has no " + series);
  if (found->second != expected) {
    fail(series + " is " + std::to_string(found->second) + ", expected " +
         std::to_string(expected));
  }
}

void check_totals(const std::map<std::string, double>& values, const std::vector<tally>& tallies) {
  double rounds = 0;
  double summary_sum = 0;
  for (const tally& counted : tallies) {
    rounds += static_cast<double>(counted.rounds);
    summary_sum += static_cast<double>(counted.summary_sum);
  }
  const double r = rounds;
  std::printf("checking the last scrape against %.0f rounds of every operation\n", r);
  for (const char* http : {R"(method="GET",route="/api/tasks",status="2xx")",
                           R"(method="POST",route="/api/tasks",status="4xx")",
                           R"(method="GET",route="/api/tasks/{task_id}",status="4xx")",
                           R"(method="DELETE",route="other",status="5xx")"}) {
    expect_value(values, std::string("http_requests_total{") + http + "}", r);
  }
  for (const char* labels :
       {R"(method="GET",route="/api/tasks")", R"(method="POST",route="/api/tasks")",
        R"(method="GET",route="/api/tasks/{task_id}")", R"(method="DELETE",route="other")"}) {
    expect_value(values, std::string("http_request_duration_seconds_count{") + labels + "}", r);
  }
  expect_value(values, R"(http_request_size_bytes_count{method="GET",route="/api/tasks"})", r);
  expect_value(values, R"(http_request_size_bytes_sum{method="GET",route="/api/tasks"})", 100 * r);
  expect_value(values, R"(http_request_size_bytes_sum{method="POST",route="/api/tasks"})", 200 * r);
  expect_value(values, R"(http_response_size_bytes_sum{method="GET",route="/api/tasks"})",
               1000 * r);
  expect_value(values, R"(http_response_size_bytes_sum{method="POST",route="/api/tasks"})", 10 * r);
  for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
    expect_value(values, std::string("http_requests_in_progress{method=\"") + method + "\"}", 0);
  }
  expect_value(values, R"(db_query_duration_seconds_count{db_operation="select",db_table="tasks"})",
               r);
  expect_value(values,
               R"(db_query_duration_seconds_count{db_operation="insert",db_table="audit_log"})", r);
  expect_value(values, R"(db_query_errors_total{db_operation="insert",error_category="timeout"})",
               r);
  expect_value(values, R"(db_query_errors_total{db_operation="select",error_category="timeout"})",
               0);
  expect_value(values, R"(ai_requests_total{ai_model="gpt-4o",outcome="success"})", r);
  expect_value(values, R"(ai_requests_total{ai_model="llama-3",outcome="error"})", r);
  expect_value(values, R"(ai_tokens_total{ai_model="gpt-4o",token_type="input"})", 10 * r);
  expect_value(values, R"(ai_tokens_total{ai_model="gpt-4o",token_type="output"})", 3 * r);
  expect_value(values, R"(ai_request_duration_seconds_count{ai_model="llama-3"})", r);
  expect_value(values, R"(cache_operations_total{cache="tasks",cache_result="hit"})", r);
  expect_value(values, R"(cache_operations_total{cache="tasks",cache_result="miss"})", r);
  expect_value(values, R"(cache_operations_total{cache="sessions",cache_result="error"})", r);
  expect_value(values, R"(cache_lookup_duration_seconds_count{cache="tasks"})", 2 * r);
  expect_value(values, R"(integration_calls_total{integration="slack",outcome="success"})", r);
  expect_value(values, R"(integration_calls_total{integration="stripe",outcome="error"})", r);
  expect_value(values, R"(integration_errors_total{integration="stripe",error_category="timeout"})",
               r);
  expect_value(values, R"(mcp_tool_calls_total{mcp_tool="search_tasks",outcome="success"})", r);
  expect_value(values, R"(mcp_tool_calls_total{mcp_tool="create_issue",outcome="error"})", r);
  expect_value(values, R"(mcp_tool_call_duration_seconds_count{mcp_tool="create_issue"})", r);
  expect_value(values, R"(tasks_created_total{task_priority="high"})", r);
  expect_value(
      values, R"(application_errors_total{component="api",error_type="internal",severity="error"})",
      2 * r);
  expect_value(values, R"(rate_limit_violations_total{route="/api/models",client_tier="free"})", r);
  expect_value(values, R"(task_queue_depth{task_priority="normal"})", 0);
  expect_value(values, R"(task_queue_depth{task_priority="low"})", r);
  expect_value(values, "customer_lifetime_value_dollars_count", r);
  expect_value(values, "customer_lifetime_value_dollars_sum", summary_sum);
  expect_value(values, "active_users", tallies.front().last_users);
  const bool degraded = tallies.front().last_state == example::component_health_state::degraded;
  expect_value(values, R"(component_health{component="api",component_health="degraded"})",
               degraded);
  expect_value(values, R"(component_health{component="api",component_health="healthy"})",
               !degraded);
  expect_value(values, R"(db_pool_connections{pool_state="in_use"})", pool_in_use.load() % 20);
  expect_value(values, "db_pool_max_connections", 20);
}

}  // namespace

int main(int argc, char** argv) {
  const options opts = parse(argc, argv);
  {
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
  static example::registry metrics;
  metrics.db_pool_max_connections().set(20);
  metrics.db_pool_connections.on_scrape([](const auto& set) {
    const int in_use = pool_in_use.load() % 20;
    set({.pool_state = example::pool_state::in_use}, in_use);
    set({.pool_state = example::pool_state::idle}, 20 - in_use);
  });
  schemetric::registry_source source(metrics);
  schemetric::exporter_options exporter_options;
  exporter_options.port = 0;
  schemetric::exporter exporter(source, exporter_options);
  exporter.start();
  const std::uint16_t port = exporter.port();
  const int baseline_fds = open_descriptors();

  std::atomic<bool> stop_writers{false};
  std::vector<tally> tallies(static_cast<std::size_t>(opts.writers));
  std::vector<std::thread> writers;
  for (int w = 0; w < opts.writers; ++w) {
    writers.emplace_back([&, w] {
      tally& counted = tallies[static_cast<std::size_t>(w)];
      for (std::uint64_t i = 0; !stop_writers.load(std::memory_order_relaxed); ++i) {
        round(metrics, i, w == 0, counted);
      }
    });
  }
  // Warm up: the scrape buffers and the allocator's arenas reach their working size.
  for (int i = 0; i < 30; ++i) {
    if (!scrape(port, i)) fail("a warm-up scrape was not answered");
  }
  std::this_thread::sleep_for(500ms);
  const long baseline_kib = resident_kib();

  std::atomic<bool> stop_clients{false};
  std::atomic<long> hostile_connections{0};
  std::thread attacker([&] { hostile(port, stop_clients, hostile_connections); });
  long scrapes = 0;
  long unanswered = 0;
  double last_count = 0;
  const auto end = std::chrono::steady_clock::now() +
                   std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                       std::chrono::duration<double>(opts.seconds));
  long peak_kib = baseline_kib;
  while (std::chrono::steady_clock::now() < end) {
    const auto body = scrape(port, static_cast<int>(scrapes));
    ++scrapes;
    if (!body) {
      ++unanswered;
      continue;
    }
    // Complete and never going backwards (a counter read while writers write).
    const std::string key =
        "http_requests_total{method=\"GET\",route=\"/api/tasks\",status=\"2xx\"} ";
    const std::size_t at = body->find(key);
    if (at == std::string::npos) {
      fail("a scrape lacks " + key);
      continue;
    }
    const double count = std::strtod(body->c_str() + at + key.size(), nullptr);
    if (count < last_count) fail("a counter went backwards between scrapes");
    last_count = count;
    if (scrapes % 100 == 0) peak_kib = std::max(peak_kib, resident_kib());
  }
  stop_clients = true;
  attacker.join();
  stop_writers = true;
  for (auto& writer : writers) writer.join();

  const auto last = scrape(port, 0);
  if (!last) {
    fail("the last scrape was not answered");
  } else {
    check_totals(parse_exposition(*last), tallies);
  }
  std::printf("%ld scrapes (%ld unanswered), %ld hostile connections\n", scrapes, unanswered,
              hostile_connections.load());
  if (unanswered != 0) fail(std::to_string(unanswered) + " scrapes were not answered 200");

  // The server closes its side of every connection the clients closed: back to the baseline.
  int fds = open_descriptors();
  for (int i = 0; i < 200 && fds != baseline_fds; ++i) {
    std::this_thread::sleep_for(100ms);
    fds = open_descriptors();
  }
  const long final_kib = resident_kib();
  std::printf("open descriptors: %d before the clients, %d at the end\n", baseline_fds, fds);
  std::printf("resident memory: %ld KiB after warming up, %ld KiB peak, %ld KiB at the end\n",
              baseline_kib, peak_kib, final_kib);
  if (fds != baseline_fds) fail("descriptors were not released");
  if (SCHEMETRIC_SOAK_SANITIZED) {
    std::printf("resident memory not checked: sanitizer build\n");
  } else if (final_kib > baseline_kib + opts.rss_bound_mib * 1024) {
    fail("resident memory grew by more than " + std::to_string(opts.rss_bound_mib) + " MiB");
  }
  exporter.stop();
  if (failures == 0) {
    std::printf("soak: passed\n");
  } else {
    std::printf("soak: %d failures\n", failures);
  }
  return failures == 0 ? 0 : 1;
}
