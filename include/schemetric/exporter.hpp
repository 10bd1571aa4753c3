// The HTTP exporter: serves /metrics and /health of a scrape_source over HTTP/1.1 with Asio.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include "schemetric/config.hpp"
#include "schemetric/scrape_source.hpp"

#if SCHEMETRIC_ENABLED
#include <atomic>
#include <memory>
#include <thread>
#include <utility>

#include <asio.hpp>

#include "schemetric/detail/http/limits.hpp"
#include "schemetric/detail/http/listen_address.hpp"
#include "schemetric/detail/http/listener.hpp"
#include "schemetric/detail/http/transport.hpp"
#include "schemetric/runtime.hpp"
#endif

SCHEMETRIC_BEGIN_NAMESPACE

/// Settings of an exporter. A plain value; copy it freely. start() checks them and throws
/// std::invalid_argument naming the first one out of range.
struct exporter_options {
  /// Address to listen on: an IPv4/IPv6 literal or a name resolved at start(). The default,
  /// 127.0.0.1, serves only processes on the same machine; a Prometheus on another machine
  /// (or in another container) needs "0.0.0.0" (every IPv4 interface) or "::" (every
  /// interface), which exposes the endpoint to anyone who can reach the port: see the
  /// README's Security section.
  std::string host = "127.0.0.1";
  /// TCP port; 0 picks an ephemeral port (read it back with exporter::port()). The default is
  /// the port OpenTelemetry's Prometheus exporter uses.
  std::uint16_t port = 9464;
  /// Time a client has to send a whole request head (with tls_exporter, the TLS handshake
  /// included), counted from the connection's accept or from the first byte of a request on a
  /// kept-alive connection (not reset per byte, so a slow "slowloris" client is closed when it
  /// runs out). More than 0.
  std::chrono::milliseconds read_timeout{5000};
  /// Time a client has to take a whole response; a client that stops reading is closed.
  /// More than 0.
  std::chrono::milliseconds write_timeout{5000};
  /// How long a kept-alive connection may wait idle for its next request. Longer than the
  /// usual 1-minute maximum scrape interval, so a scraper's connection is reused. More than 0.
  std::chrono::milliseconds keep_alive_timeout{65000};
  /// Connections open at once (at least 1). A new connection beyond it that has sent a whole
  /// request head (or TLS hello) evicts a connection that only waits for a request (idle
  /// keep-alive, or a head still arriving): one of the peer holding the most connections,
  /// the longest-waiting of those; a new connection that has sent less is closed. When every
  /// open connection is busy answering, the new one is answered 503 and closed. Each
  /// connection is a file descriptor: keep this well below the process's limit (ulimit -n).
  std::size_t max_connections = 256;
  /// Connections one peer (an IPv4 address, or an IPv6 /64) may hold (at least 1). Beyond
  /// it, as above within the peer's own connections: so one peer cannot take the connections
  /// of another.
  std::size_t max_connections_per_peer = 64;
  /// Largest request head accepted (request line + fields); larger heads get 431. At least 64.
  std::size_t max_header_bytes = 8192;
  /// A web configuration file in the format of Prometheus's exporter-toolkit (TLS, basic-auth
  /// users, extra response headers), read at start(). Empty: plain HTTP, no credentials.
  /// Only schemetric::tls_exporter (<schemetric/tls_exporter.hpp>, CMake target
  /// schemetric::exporter_tls) can honour it; the plain exporter refuses to start with it
  /// rather than serve without the protection the file asks for.
  std::string web_config_file{};

  /// Returns `defaults` with host and port taken from the environment variable
  /// SCHEMETRIC_LISTEN when it is set and not empty: `host:port`, `[ipv6]:port` (e.g.
  /// `[::1]:9464`) or `:port` (keeps the default host); and web_config_file from
  /// SCHEMETRIC_WEB_CONFIG when it is set and not empty.
  /// Failure: a malformed SCHEMETRIC_LISTEN throws std::invalid_argument naming the variable,
  /// the value and the expected form. When metrics are compiled out (SCHEMETRIC_ENABLED=0) it
  /// returns `defaults` unchanged without reading the environment.
  /// Thread safety: reads the environment; must not race with setenv().
  /// (The default argument `= {}` sits on the definition below: inside the class the default
  /// member initializers cannot be used yet, CWG 1397, and both GCC and Clang reject it.)
  static exporter_options from_environment(exporter_options defaults);
};

#if SCHEMETRIC_ENABLED

inline exporter_options exporter_options::from_environment(exporter_options defaults = {}) {
  if (const char* file = std::getenv("SCHEMETRIC_WEB_CONFIG"); file != nullptr && *file != '\0') {
    defaults.web_config_file = file;
  }
  const char* value = std::getenv("SCHEMETRIC_LISTEN");
  if (value == nullptr || *value == '\0') return defaults;
  const auto address = detail::parse_listen_address(value);
  if (!address) {
    throw std::invalid_argument(std::string("SCHEMETRIC_LISTEN=\"") + value +
                                "\" is malformed: expected host:port or [ipv6]:port with a port "
                                "0-65535, e.g. 0.0.0.0:9464 or [::1]:9464");
  }
  if (!address->host.empty()) defaults.host = address->host;
  defaults.port = address->port;
  return defaults;
}

namespace detail {

/// Makes an exporter's listener: the plain one below, or the TLS one of tls_exporter.
using listener_factory = std::shared_ptr<http_listener_base> (*)(asio::io_context&, scrape_source&,
                                                                 const exporter_options&,
                                                                 const http_limits&);

inline std::shared_ptr<http_listener_base> make_plain_listener(asio::io_context& context,
                                                               scrape_source& source,
                                                               const exporter_options& options,
                                                               const http_limits& limits) {
  if (!options.web_config_file.empty()) {
    throw std::invalid_argument(
        "schemetric exporter: a web config file is set (\"" + options.web_config_file +
        "\", from SCHEMETRIC_WEB_CONFIG or exporter_options::web_config_file) but this "
        "exporter has no TLS or basic-auth support: use schemetric::tls_exporter from "
        "<schemetric/tls_exporter.hpp> and link schemetric::exporter_tls");
  }
  return std::make_shared<http_listener<plain_transport>>(context, source, limits);
}

}  // namespace detail

/// Serves `GET|HEAD /metrics` and `GET|HEAD /health` of a scrape_source over HTTP/1.1.
///
/// Routes: `/metrics` (query ignored) answers 200 in the format negotiated from `Accept`
/// (Prometheus text 0.0.4 by default, OpenMetrics 1.0.0 on request), gzip-compressed when
/// `Accept-Encoding` allows (`Content-Encoding: gzip`, always `Vary: Accept, Accept-Encoding`);
/// `/health` answers the source's JSON with 200 or 503. HEAD sends the same head, same
/// Content-Length, no body. Other paths: 404; other methods on these paths: 405 with
/// `Allow: GET, HEAD`; malformed requests 400, request bodies 413, heads over
/// max_header_bytes 431, versions other than HTTP/1.0 and 1.1 505 — these four then close.
/// Keep-alive (HTTP/1.1 default, HTTP/1.0 on request) and pipelining (answered in order) are
/// supported. Each connection has one deadline at a time (read_timeout for a whole head,
/// write_timeout for a whole response, keep_alive_timeout while idle); a client past it is
/// closed. At max_connections (or max_connections_per_peer for one peer) a new connection
/// that has sent its whole request head evicts one that only waits for a request (one that has
/// sent less is closed); it is refused with 503 only when all are busy answering. So a client
/// that sends its request when it connects is served however many connections others hold
/// open; a client that misbehaves or disconnects affects only its own connection.
///
/// Run-time switch: when schemetric::enabled() is false (environment SCHEMETRIC_ENABLED=false
/// at the process' first check), start() returns without listening and running() stays false.
/// Compiled out (SCHEMETRIC_ENABLED=0): an empty type with the same API that includes no Asio.
///
/// Lifetime: `source` must outlive the exporter, or at least its stop(); after stop() returns
/// the source is never called again. The destructor stops.
/// Thread safety: start(), stop() and the destructor must not run concurrently with each
/// other (one owner thread), and stop() must not be called from inside the source's
/// callbacks. port() and running() may be called from any thread. The source is called from
/// one thread at a time (the exporter's own thread, or the application's io_context threads).
class exporter {
 public:
  /// Does not listen yet. Never throws except std::bad_alloc.
  explicit exporter(scrape_source& source, exporter_options options = {})
      : exporter(source, std::move(options), &detail::make_plain_listener) {}
  ~exporter() { stop(); }
  exporter(const exporter&) = delete;
  exporter& operator=(const exporter&) = delete;

  /// Binds, listens and serves on a thread of its own.
  /// Failure: throws std::system_error (message "schemetric exporter: cannot listen on
  /// host:port: <reason>") when the address cannot be resolved or bound,
  /// std::invalid_argument for options out of range or a web config file this exporter
  /// cannot honour (tls_exporter: also a config file with errors, or certificates that cannot
  /// be loaded, naming file and line), and std::logic_error when already running; the
  /// exporter is then left stopped.
  void start() {
    if (!prepare()) return;
    own_context_ = std::make_unique<asio::io_context>(1);
    try {
      launch(*own_context_);
      thread_ = std::thread([context = own_context_.get()] {
        for (;;) {
          try {
            context->run();
            return;
          } catch (...) {
            // Handlers catch their own errors; keep serving if one ever escapes.
          }
        }
      });
    } catch (...) {
      listener_.reset();
      own_context_.reset();
      throw;
    }
    running_ = true;
  }

  /// Binds and listens like start(), but serves from the application's `context` (whichever
  /// threads run it) instead of an own thread. The context must outlive stop(); after stop()
  /// the exporter leaves no work on it once its aborted operations completed.
  void start(asio::io_context& context) {
    if (!prepare()) return;
    launch(context);
    running_ = true;
  }

  /// Stops promptly: closes the listening socket and every connection (clients mid-request or
  /// mid-response are cut off), waits for a source call in progress, and joins the own thread.
  /// Idempotent; does nothing when never started. Never throws.
  void stop() noexcept {
    if (!listener_) return;
    // From the exporter's own thread (inside the source) the join below could never finish.
    SCHEMETRIC_ASSERT(!thread_.joinable() || thread_.get_id() != std::this_thread::get_id());
    listener_->close_all();
    listener_.reset();
    if (own_context_) {
      own_context_->stop();
      if (thread_.joinable()) thread_.join();
      own_context_.reset();  // destroys the aborted operations and, with them, the connections
    }
    running_ = false;
    port_ = 0;
  }

  /// The bound port (the ephemeral one when options.port was 0); 0 when not running.
  std::uint16_t port() const noexcept { return port_; }

  /// Whether the exporter is listening (between a successful start and stop).
  bool running() const noexcept { return running_; }

 protected:
  /// For exporters over another transport (tls_exporter): `make_listener` makes the listener
  /// at each start().
  exporter(scrape_source& source, exporter_options options, detail::listener_factory make_listener)
      : source_(source), options_(std::move(options)), make_listener_(make_listener) {}

 private:
  bool prepare() {
    if (listener_) throw std::logic_error("schemetric exporter: start() called while running");
    check(options_);
    return enabled();
  }

  static void check(const exporter_options& options) {
    const auto fail = [](const char* what) {
      throw std::invalid_argument(std::string("schemetric exporter: exporter_options::") + what);
    };
    if (options.read_timeout.count() <= 0) fail("read_timeout must be more than 0");
    if (options.write_timeout.count() <= 0) fail("write_timeout must be more than 0");
    if (options.keep_alive_timeout.count() <= 0) fail("keep_alive_timeout must be more than 0");
    if (options.max_connections == 0) fail("max_connections must be at least 1");
    if (options.max_connections_per_peer == 0) fail("max_connections_per_peer must be at least 1");
    if (options.max_header_bytes < 64) fail("max_header_bytes must be at least 64");
  }

  void launch(asio::io_context& context) {
    detail::http_limits limits;
    limits.read_timeout = options_.read_timeout;
    limits.write_timeout = options_.write_timeout;
    limits.keep_alive_timeout = options_.keep_alive_timeout;
    limits.max_connections = options_.max_connections;
    limits.max_connections_per_peer = options_.max_connections_per_peer;
    limits.max_header_bytes = options_.max_header_bytes;
    auto listener = make_listener_(context, source_, options_, limits);
    listener->listen(options_.host, options_.port);
    listener->start_accepting();
    port_ = listener->port();
    listener_ = std::move(listener);
  }

  scrape_source& source_;
  exporter_options options_;
  detail::listener_factory make_listener_;
  std::unique_ptr<asio::io_context> own_context_;
  std::thread thread_;
  std::shared_ptr<detail::http_listener_base> listener_;
  std::atomic<std::uint16_t> port_{0};
  std::atomic<bool> running_{false};
};

#else  // SCHEMETRIC_ENABLED

inline exporter_options exporter_options::from_environment(exporter_options defaults = {}) {
  return defaults;
}

/// Compiled-out exporter (SCHEMETRIC_ENABLED=0): the same API, does nothing, includes no Asio.
/// start() never listens, port() is 0, running() false. Thread safety: trivially safe.
class exporter {
 public:
  explicit exporter(scrape_source&, const exporter_options& = {}) noexcept {}
  exporter(const exporter&) = delete;
  exporter& operator=(const exporter&) = delete;
  void start() noexcept {}
  /// Takes any context type (asio::io_context in the enabled build) so no Asio is needed.
  template <class Context>
  void start(Context&) noexcept {}
  void stop() noexcept {}
  std::uint16_t port() const noexcept { return 0; }
  bool running() const noexcept { return false; }
};

#endif  // SCHEMETRIC_ENABLED

SCHEMETRIC_END_NAMESPACE
