// The example service's request handling, instrumented only through the API generated from
// schema/example.yaml: a simulated task API (routes, a database, a cache, AI and tool calls,
// webhooks). main.cpp serves it; overhead_bench.cpp counts what its metrics cost.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "example_metrics.hpp"

namespace example_service {

using namespace std::chrono_literals;

/// Faults to inject (admin_server.hpp sets them); read by the workers on every request.
struct faults {
  std::atomic<double> http_5xx_ratio{0};
  std::atomic<int> latency_ms{0};
  std::atomic<bool> database_down{false};  ///< the health check finds the database unhealthy
};

/// No fault: the service's default.
inline const faults no_faults{};

/// A random source per worker thread.
class dice {
 public:
  /// Without `simulate_latency`, work() returns at once (the overhead benchmark's handler).
  explicit dice(unsigned seed, bool simulate_latency = true)
      : engine_(seed), simulate_latency_(simulate_latency) {}
  bool chance(double probability) { return std::bernoulli_distribution(probability)(engine_); }
  int between(int low, int high) { return std::uniform_int_distribution(low, high)(engine_); }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(between(0, static_cast<int>(items.size()) - 1))];
  }
  /// Sleeps a log-normally distributed time around `median`.
  void work(std::chrono::microseconds median) {
    const double factor = std::lognormal_distribution(0.0, 0.6)(engine_);
    if (!simulate_latency_) return;
    std::this_thread::sleep_for(std::chrono::microseconds(
        static_cast<std::int64_t>(static_cast<double>(median.count()) * factor)));
  }

 private:
  std::mt19937 engine_;
  bool simulate_latency_;
};

struct validation_error : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};
struct not_found_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The simulated database pool, read by the callback gauge at scrape time.
struct connection_pool {
  std::atomic<int> in_use{0};
  static constexpr int size = 20;
};

class service {
 public:
  explicit service(example::registry& metrics, const faults& injected = no_faults)
      : metrics_(metrics), faults_(injected) {
    metrics_.db_pool_max_connections().set(connection_pool::size);
    metrics_.app_start_time_seconds().set(static_cast<double>(std::time(nullptr)));
    metrics_.db_pool_connections.on_scrape([this](const auto& set) {
      const int in_use = pool_.in_use.load();
      set({.pool_state = example::pool_state::in_use}, in_use);
      set({.pool_state = example::pool_state::idle}, connection_pool::size - in_use);
    });
  }

  /// One HTTP request: method and raw path as a server would see them.
  void handle(dice& rng, example::method method, std::string_view path) {
    auto request =
        metrics_.track_http_request({.method = method, .route = example::route_of(path)});
    request.request_size(method == example::method::post ? rng.between(200, 4000) : 0);
    if (const int latency = faults_.latency_ms.load(); latency > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(latency));
    }
    // An injected fault; no random draw without one, so the requests stay those of the seed.
    if (const double ratio = faults_.http_5xx_ratio.load(); ratio > 0 && rng.chance(ratio)) {
      request.status(500);
      return;
    }
    try {
      const std::size_t response_bytes = request.run([&] { return route(rng, method, path); });
      request.status(200);
      request.response_size(response_bytes);
    } catch (const validation_error&) {
      request.status(422);
      record_error(example::component::api, example::severity::warning);
    } catch (const not_found_error&) {
      request.status(404);
    } catch (const std::system_error&) {
      request.status(503);
      record_error(example::component::database, example::severity::error);
    } catch (const std::exception&) {
      request.status(500);
      record_error(example::component::api, example::severity::critical);
    }
  }

  /// One request as the simulated clients send them: a random method (GET the most) and
  /// raw path (with query strings, a trailing slash, unknown paths).
  void handle_random_request(dice& rng) {
    static const std::vector<std::string_view> paths{
        "/api/tasks", "/api/tasks?page=2", "/api/tasks/42", "/api/tasks/7/run", "/api/models",
        "/health",    "/api/tasks/",       "/favicon.ico",  "/api/unknown"};
    static const std::vector methods{example::method::get, example::method::get,
                                     example::method::post, example::method::put,
                                     example::method::delete_};
    handle(rng, rng.pick(methods), rng.pick(paths));
  }

  /// Checks the components now and then, as a health checker would.
  void check_health(dice& rng) {
    using example::component;
    using state = example::component_health_state;
    for (component c : {component::api, component::database, component::cache,
                        component::ai_provider, component::queue}) {
      const state s = rng.chance(0.9)   ? state::healthy
                      : rng.chance(0.8) ? state::degraded
                                        : state::unhealthy;
      const bool down = c == component::database && faults_.database_down.load();
      metrics_.component_health({.component = c}).set(down ? state::unhealthy : s);
    }
    metrics_.active_users().set(rng.between(40, 60));
    for (auto priority : {example::task_priority::low, example::task_priority::normal,
                          example::task_priority::high}) {
      metrics_.task_queue_depth({.task_priority = priority}).set(rng.between(0, 25));
    }
  }

 private:
  std::size_t route(dice& rng, example::method method, std::string_view path) {
    switch (example::route_of(path)) {
      case example::route::api_tasks:
        return method == example::method::post ? create_task(rng) : list_tasks(rng);
      case example::route::api_tasks_task_id:
        return get_task(rng);
      case example::route::api_tasks_task_id_run:
        return run_task(rng);
      case example::route::api_models:
        return lookup(rng, example::cache::model_responses) ? 800 : 1200;
      case example::route::health:
      case example::route::metrics:
        return 40;
      case example::route::other:
        break;
    }
    throw not_found_error("no such route");
  }

  std::size_t list_tasks(dice& rng) {
    if (!lookup(rng, example::cache::tasks)) {
      query(rng, example::db_operation::select, example::db_table::tasks, 3ms);
    }
    return static_cast<std::size_t>(rng.between(2000, 60000));
  }

  std::size_t get_task(dice& rng) {
    lookup(rng, example::cache::sessions);
    query(rng, example::db_operation::select, example::db_table::tasks, 1ms);
    if (rng.chance(0.05)) throw not_found_error("no such task");
    return static_cast<std::size_t>(rng.between(300, 3000));
  }

  std::size_t create_task(dice& rng) {
    if (rng.chance(0.08)) throw validation_error("title is empty");
    query(rng, example::db_operation::insert, example::db_table::tasks, 4ms);
    query(rng, example::db_operation::insert, example::db_table::audit_log, 2ms);
    static const std::vector priorities{
        example::task_priority::low, example::task_priority::normal, example::task_priority::normal,
        example::task_priority::high, example::task_priority::critical};
    metrics_.tasks_created_total({.task_priority = rng.pick(priorities)}).inc();
    return 400;
  }

  std::size_t run_task(dice& rng) {
    query(rng, example::db_operation::update, example::db_table::task_runs, 2ms);
    static const std::vector<std::string> models{"gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet",
                                                 "llama-3.1-70b"};
    {
      auto ai = metrics_.track_ai_request({.ai_model = rng.pick(models)});
      rng.work(20ms);
      ai.tokens(static_cast<std::uint64_t>(rng.between(200, 3000)),
                static_cast<std::uint64_t>(rng.between(50, 800)));
      if (rng.chance(0.04)) ai.fail();  // this tracker counts no error categories
    }
    static const std::vector<std::string> tools{"search_tasks", "read_file", "create_issue"};
    {
      auto tool = metrics_.track_mcp_tool_call({.mcp_tool = rng.pick(tools)});
      rng.work(5ms);
      if (rng.chance(0.03)) tool.fail();
    }
    notify(rng);
    if (rng.chance(0.5)) {
      metrics_.tasks_completed_total({.task_priority = example::task_priority::normal}).inc();
    }
    if (rng.chance(0.01)) {
      metrics_.customer_lifetime_value_dollars().observe(rng.between(50, 20000));
    }
    return 1500;
  }

  void notify(dice& rng) {
    static const std::vector integrations{
        example::integration::slack, example::integration::discord, example::integration::github,
        example::integration::stripe};
    auto call = metrics_.track_integration_call({.integration = rng.pick(integrations)});
    call.run([&] {
      rng.work(8ms);
      if (rng.chance(0.03)) {
        throw std::system_error(std::make_error_code(std::errc::connection_refused), "webhook");
      }
    });
  }

  /// A cache look-up; true on a hit.
  bool lookup(dice& rng, example::cache cache) {
    auto lookup = metrics_.track_cache_lookup({.cache = cache});
    rng.work(100us);
    if (rng.chance(0.01)) {
      lookup.fail();
      return false;
    }
    const bool hit = rng.chance(0.7);
    hit ? lookup.hit() : lookup.miss();
    return hit;
  }

  /// A database statement; throws std::system_error on a (simulated) timeout.
  void query(dice& rng, example::db_operation operation, example::db_table table,
             std::chrono::microseconds median) {
    auto statement = metrics_.track_db_query({.db_operation = operation, .db_table = table});
    pool_.in_use.fetch_add(1);
    statement.run([&] {
      rng.work(median);
      pool_.in_use.fetch_sub(1);
      if (rng.chance(0.01)) {
        throw std::system_error(std::make_error_code(std::errc::timed_out), "statement timeout");
      }
    });
  }

  void record_error(example::component component, example::severity severity) {
    metrics_
        .application_errors_total({.component = component,
                                   .error_type = schemetric::error_category<example::error_type>(
                                       std::current_exception()),
                                   .severity = severity})
        .inc();
  }

  example::registry& metrics_;
  const faults& faults_;
  connection_pool pool_;
};

}  // namespace example_service
