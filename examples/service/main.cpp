// The example service: a simulated task API instrumented only through the API generated from
// schema/example.yaml, serving its metrics on /metrics and its health on /health, and
// evaluating the schema's alerts in process (/monitoring/alerts, /monitoring/status).
//
// Usage: example_service [--listen HOST:PORT] [--admin HOST:PORT] [--duration SECONDS]
//                        [--workers N] [--event-log FILE]
//   --listen    where the exporter listens (default 127.0.0.1:9464; SCHEMETRIC_LISTEN too)
//   --admin     serve the fault-injection endpoint there (admin_server.hpp; default: none)
//   --duration  exit by itself after this many seconds (default: run until interrupted)
//   --event-log append a JSON line per failed operation and alert transition to FILE
//               (schemetric/event_log.hpp; `-` for standard error; default: none)
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <schemetric/alerting/evaluator.hpp>
#include <schemetric/alerting/monitoring_source.hpp>
#include <schemetric/event_log.hpp>
#include <schemetric/exporter.hpp>
#include <schemetric/registry_source.hpp>
#include <schemetric/schemetric.hpp>

#include "admin_server.hpp"
#include "example_metrics.hpp"
#include "service.hpp"

namespace {

using example_service::dice;
using example_service::service;

using namespace std::chrono_literals;

std::atomic<bool> stopping{false};

extern "C" void on_signal(int) {
  stopping = true;
}

struct options {
  std::optional<std::string> listen;
  std::optional<std::string> admin;
  std::optional<std::string> event_log;
  double duration_seconds = 0;  // 0: until interrupted
  int workers = 2;
};

options parse(int argc, char** argv) {
  options result;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--listen" && has_value) {
      result.listen = argv[++i];
    } else if (arg == "--admin" && has_value) {
      result.admin = argv[++i];
    } else if (arg == "--duration" && has_value) {
      result.duration_seconds = std::strtod(argv[++i], nullptr);
    } else if (arg == "--event-log" && has_value) {
      result.event_log = argv[++i];
    } else if (arg == "--workers" && has_value) {
      result.workers = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr,
                   "usage: %s [--listen HOST:PORT] [--admin HOST:PORT] [--duration SECONDS] "
                   "[--workers N] [--event-log FILE]\n",
                   argv[0]);
      std::exit(2);
    }
  }
  if (result.workers < 1 || result.duration_seconds < 0) {
    std::fprintf(stderr, "--workers must be >= 1 and --duration >= 0\n");
    std::exit(2);
  }
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  const options opts = parse(argc, argv);
  static example::registry metrics;
  static example_service::faults faults;
  service app(metrics, faults);

  // Failed operations (through the error reporter) and alert transitions as JSON lines.
  std::optional<schemetric::event_log> events;
  if (opts.event_log) {
    try {
      events.emplace(schemetric::event_log_options{
          .path = *opts.event_log == "-" ? std::string{} : *opts.event_log});
    } catch (const std::exception& error) {  // a file that cannot be opened
      std::fprintf(stderr, "example service: --event-log: %s\n", error.what());
      return 1;
    }
    schemetric::set_error_reporter(&*events);
    schemetric::event_log::install(&*events);
  }

  if (opts.listen) setenv("SCHEMETRIC_LISTEN", opts.listen->c_str(), 1);
  schemetric::registry_source source(metrics);
  // The schema's alerts, evaluated here too (SCHEMETRIC_ALERT_* tune them).
  schemetric::alerting::evaluator alerts(metrics, example::alerts::all);
  schemetric::alerting::monitoring_source served(source, alerts);
  for (const std::string& problem : alerts.configuration_problems()) {
    std::fprintf(stderr, "example service: %s\n", problem.c_str());
  }
  alerts.on_transition([](const schemetric::alerting::transition& t) {
    std::printf("example service: alert %.*s %s -> %s (value %g)\n",
                static_cast<int>(t.name.size()), t.name.data(),
                std::string(to_string(t.from)).c_str(), std::string(to_string(t.to)).c_str(),
                t.value);
    std::fflush(stdout);
  });
  std::optional<schemetric::exporter> exporter;
  try {
    exporter.emplace(served, schemetric::exporter_options::from_environment(
                                 {.host = "127.0.0.1", .port = 9464}));
    exporter->start();
  } catch (const std::exception& error) {  // a bad SCHEMETRIC_LISTEN, a port in use
    std::fprintf(stderr, "example service: %s\n", error.what());
    return 1;
  }
  if (exporter->running()) {
    std::printf("example service: metrics on http://127.0.0.1:%u/metrics, health on /health\n",
                static_cast<unsigned>(exporter->port()));
    std::printf(
        "example service: alerts on http://127.0.0.1:%u/monitoring/alerts, status on "
        "/monitoring/status\n",
        static_cast<unsigned>(exporter->port()));
  } else {
    std::printf("example service: metrics are switched off (SCHEMETRIC_ENABLED), nothing served\n");
  }
  std::fflush(stdout);

  std::optional<example_admin::admin_server> admin;
  if (opts.admin) {
    const std::size_t colon = opts.admin->rfind(':');
    try {
      admin.emplace(faults, opts.admin->substr(0, colon),
                    static_cast<unsigned short>(std::atoi(opts.admin->c_str() + colon + 1)));
    } catch (const std::exception& error) {  // a bad address, a port in use
      std::fprintf(stderr, "example service: admin endpoint on %s: %s\n", opts.admin->c_str(),
                   error.what());
      return 1;
    }
    std::printf("example service: fault injection on http://%s:%u/faults\n",
                opts.admin->substr(0, colon).c_str(), static_cast<unsigned>(admin->port()));
    std::fflush(stdout);
  }

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double>(opts.duration_seconds));
  const auto running = [&] {
    return !stopping && (opts.duration_seconds == 0 || std::chrono::steady_clock::now() < deadline);
  };

  alerts.start();
  std::vector<std::thread> workers;
  for (int w = 0; w < opts.workers; ++w) {
    workers.emplace_back([&, w] {
      dice rng(static_cast<unsigned>(1234 + w));
      while (running()) {
        app.handle_random_request(rng);
        rng.work(2ms);
      }
    });
  }
  dice health_rng(99);
  while (running()) {
    app.check_health(health_rng);
    std::this_thread::sleep_for(200ms);
  }
  for (auto& worker : workers) worker.join();
  alerts.stop();
  if (events) {
    schemetric::set_error_reporter(nullptr);
    schemetric::event_log::install(nullptr);
  }
  admin.reset();
  exporter->stop();
  std::printf("example service: stopped\n");
  return 0;
}
