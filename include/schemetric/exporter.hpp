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
#include <algorithm>
#include <array>
#include <atomic>
#include <list>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <asio.hpp>

#include "schemetric/detail/http_handler.hpp"
#include "schemetric/detail/http_listen_address.hpp"
#include "schemetric/detail/http_request.hpp"
#include "schemetric/runtime.hpp"
#endif

SCHEMETRIC_BEGIN_NAMESPACE

/// Settings of an exporter. A plain value; copy it freely.
struct exporter_options {
  /// Address to listen on: an IPv4/IPv6 literal or a name resolved at start(). The default
  /// listens on every IPv4 interface: 0.0.0.0:9464 (the port OpenTelemetry's Prometheus
  /// exporter uses by default).
  std::string host = "0.0.0.0";
  /// TCP port; 0 picks an ephemeral port (read it back with exporter::port()).
  std::uint16_t port = 9464;
  /// Time a client has to send a whole request head, counted from the connection's accept or
  /// from the first byte of a request on a kept-alive connection (not reset per byte, so a
  /// slow "slowloris" client is closed when it runs out).
  std::chrono::milliseconds read_timeout{5000};
  /// Time a client has to take a whole response; a client that stops reading is closed.
  std::chrono::milliseconds write_timeout{5000};
  /// How long a kept-alive connection may wait idle for its next request. Longer than the
  /// usual 1-minute maximum scrape interval, so a scraper's connection is reused.
  std::chrono::milliseconds keep_alive_timeout{65000};
  /// Connections served at once; further connections are answered 503 and closed at once.
  std::size_t max_connections = 64;
  /// Largest request head accepted (request line + fields); larger heads get 431.
  std::size_t max_header_bytes = 8192;

  /// Returns `defaults` with host and port taken from the environment variable
  /// SCHEMETRIC_LISTEN when it is set and not empty: `host:port`, `[ipv6]:port` (e.g.
  /// `[::1]:9464`) or `:port` (keeps the default host).
  /// Failure: a malformed value throws std::invalid_argument naming the variable, the value
  /// and the expected form. When metrics are compiled out (SCHEMETRIC_ENABLED=0) it returns
  /// `defaults` unchanged without reading the environment.
  /// Thread safety: reads the environment; must not race with setenv().
  /// (The default argument `= {}` sits on the definition below: inside the class the default
  /// member initializers cannot be used yet, CWG 1397, and both GCC and Clang reject it.)
  static exporter_options from_environment(exporter_options defaults);
};

#if SCHEMETRIC_ENABLED

namespace detail {

class http_server;

/// One accepted connection: reads heads into a fixed buffer, answers them in order, enforces
/// the timeouts with a single timer. All members are guarded by the server's mutex; every
/// completion handler takes it first and holds a shared_ptr to the connection.
class http_connection : public std::enable_shared_from_this<http_connection> {
 public:
  http_connection(std::shared_ptr<http_server> server, asio::ip::tcp::socket socket);
  ~http_connection();
  http_connection(const http_connection&) = delete;
  http_connection& operator=(const http_connection&) = delete;

  void start();
  void close() noexcept;

  // Where the server's registry lists this connection (valid when `registered`).
  std::list<http_connection*>::iterator registry_position;
  bool registered = false;

 private:
  void read();
  void on_read(const std::error_code& error, std::size_t bytes);
  void process();
  void write();
  void on_written(const std::error_code& error);
  void linger();
  void arm_timer(std::chrono::milliseconds timeout);

  std::shared_ptr<http_server> server_;
  asio::ip::tcp::socket socket_;
  asio::steady_timer timer_;
  std::vector<char> input_;  // fixed size: max_header_bytes + 1; pipelined bytes stay in it
  std::size_t input_begin_ = 0;
  std::size_t input_end_ = 0;
  http_request_parser parser_;
  http_response response_;
  std::uint64_t timer_generation_ = 0;
  bool idle_ = false;  // waiting for the first byte of a request on a kept-alive connection
  bool closed_ = false;
};

/// The listening side and everything shared by the connections. Handlers keep it alive via
/// shared_ptr, so it may outlive the exporter object until the pending handlers have run.
class http_server : public std::enable_shared_from_this<http_server> {
 public:
  http_server(asio::io_context& context, scrape_source& source, const exporter_options& options)
      : options_(options), acceptor_(context), retry_timer_(context), handler_(source) {}

  // Binds and listens; throws std::system_error naming the address.
  void listen() {
    asio::ip::tcp::endpoint endpoint;
    std::error_code error;
    const asio::ip::address address = asio::ip::make_address(options_.host, error);
    if (!error) {
      endpoint = {address, options_.port};
    } else {
      asio::ip::tcp::resolver resolver(acceptor_.get_executor());
      const auto results = resolver.resolve(options_.host, std::to_string(options_.port),
                                            asio::ip::resolver_base::passive, error);
      if (error || results.empty()) throw_listen_error(error ? error : asio::error::host_not_found);
      endpoint = results.begin()->endpoint();
    }
    acceptor_.open(endpoint.protocol(), error);
    if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor_.bind(endpoint, error);
    if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (error) {
      std::error_code ignored;
      acceptor_.close(ignored);
      throw_listen_error(error);
    }
    port_ = acceptor_.local_endpoint().port();
  }

  std::uint16_t port() const noexcept { return port_; }

  void start_accepting() {
    std::lock_guard lock(mutex_);
    accept();
  }

  // Closes the acceptor and every connection; afterwards no handler touches the source.
  void close_all() noexcept {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    std::error_code ignored;
    acceptor_.close(ignored);
    retry_timer_.cancel();
    for (http_connection* connection : connections_) connection->close();
  }

  std::recursive_mutex& mutex() noexcept { return mutex_; }
  bool stopped() const noexcept { return stopped_; }
  const exporter_options& options() const noexcept { return options_; }
  http_handler& handler() noexcept { return handler_; }
  void unregister(http_connection& connection) noexcept {
    std::lock_guard lock(mutex_);
    if (connection.registered) connections_.erase(connection.registry_position);
  }

 private:
  [[noreturn]] void throw_listen_error(std::error_code error) const {
    // Asio reports errno values in its own category; std::system_category lets callers
    // compare with std::errc (e.g. std::errc::address_in_use).
    if (error.category() == asio::error::get_system_category()) {
      error = std::error_code(error.value(), std::system_category());
    }
    const bool v6 = options_.host.find(':') != std::string::npos;
    throw std::system_error(error, "schemetric exporter: cannot listen on " +
                                       (v6 ? "[" + options_.host + "]" : options_.host) + ":" +
                                       std::to_string(options_.port));
  }

  void accept() {
    if (stopped_) return;
    acceptor_.async_accept(
        [self = shared_from_this()](const std::error_code& error, asio::ip::tcp::socket socket) {
          std::lock_guard lock(self->mutex_);
          self->on_accept(error, std::move(socket));
        });
  }

  void on_accept(const std::error_code& error, asio::ip::tcp::socket socket) {
    if (stopped_ || error == asio::error::operation_aborted) return;
    if (error) {
      // A client that gave up before its connection was accepted: accept the next one now.
      if (error == asio::error::connection_aborted || error == asio::error::connection_reset ||
          error == asio::error::interrupted || error == asio::error::try_again) {
        return accept();
      }
      // Out of descriptors or memory (EMFILE, ENOBUFS, ...): accepting again at once would
      // spin on the same error, so retry shortly; the pending connections wait in the backlog.
      retry_timer_.expires_after(std::chrono::milliseconds(100));
      retry_timer_.async_wait([self = shared_from_this()](const std::error_code& wait_error) {
        std::lock_guard lock(self->mutex_);
        if (!wait_error) self->accept();
      });
      return;
    }
    if (connections_.size() >= options_.max_connections) {
      reject_busy(socket);
    } else {
      try {
        auto connection = std::make_shared<http_connection>(shared_from_this(), std::move(socket));
        connections_.push_front(connection.get());
        connection->registry_position = connections_.begin();
        connection->registered = true;
        connection->start();
      } catch (...) {
        // std::bad_alloc: the socket (moved or not) is closed by its destructor.
      }
    }
    accept();
  }

  // Over the cap: one non-blocking write of a fixed 503 (it fits any fresh socket's send
  // buffer), then close. Best effort: a client that already sent its request may see a reset.
  static void reject_busy(asio::ip::tcp::socket& socket) noexcept {
    std::error_code ignored;
    socket.non_blocking(true, ignored);
    socket.send(asio::buffer(busy_response.data(), busy_response.size()), 0, ignored);
    socket.shutdown(asio::socket_base::shutdown_send, ignored);
    socket.close(ignored);
  }

  std::recursive_mutex mutex_;
  bool stopped_ = false;
  exporter_options options_;
  asio::ip::tcp::acceptor acceptor_;
  asio::steady_timer retry_timer_;
  std::list<http_connection*> connections_;
  http_handler handler_;
  std::uint16_t port_ = 0;
};

inline http_connection::http_connection(std::shared_ptr<http_server> server,
                                        asio::ip::tcp::socket socket)
    : server_(std::move(server)),
      socket_(std::move(socket)),
      timer_(socket_.get_executor()),
      input_(server_->options().max_header_bytes + 1),
      parser_(server_->options().max_header_bytes) {}

inline http_connection::~http_connection() {
  server_->unregister(*this);
}

inline void http_connection::start() {
  std::error_code ignored;
  socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
  arm_timer(server_->options().read_timeout);
  read();
}

inline void http_connection::close() noexcept {
  if (closed_) return;
  closed_ = true;
  std::error_code ignored;
  timer_.cancel();
  socket_.close(ignored);
}

inline void http_connection::arm_timer(std::chrono::milliseconds timeout) {
  // A stale expiry already queued when the timer is re-armed must not close the connection:
  // the generation tells the handler whether it is still the current deadline.
  const std::uint64_t generation = ++timer_generation_;
  timer_.expires_after(timeout);
  timer_.async_wait([self = shared_from_this(), generation](const std::error_code& error) {
    std::lock_guard lock(self->server_->mutex());
    if (!error && generation == self->timer_generation_) self->close();
  });
}

inline void http_connection::read() {
  if (input_end_ == input_.size() && input_begin_ > 0) {
    // Pipelined bytes of the next request: move them to the front to make room.
    std::copy(input_.begin() + static_cast<std::ptrdiff_t>(input_begin_),
              input_.begin() + static_cast<std::ptrdiff_t>(input_end_), input_.begin());
    input_end_ -= input_begin_;
    input_begin_ = 0;
  }
  socket_.async_read_some(
      asio::buffer(input_.data() + input_end_, input_.size() - input_end_),
      [self = shared_from_this()](const std::error_code& error, std::size_t bytes) {
        std::lock_guard lock(self->server_->mutex());
        self->on_read(error, bytes);
      });
}

inline void http_connection::on_read(const std::error_code& error, std::size_t bytes) {
  if (closed_ || server_->stopped() || error) return close();
  input_end_ += bytes;
  if (idle_) {
    idle_ = false;
    arm_timer(server_->options().read_timeout);  // the next head's deadline starts now
  }
  process();
}

inline void http_connection::process() {
  try {
    const std::string_view pending(input_.data() + input_begin_, input_end_ - input_begin_);
    const http_parse_result result = parser_.parse(pending);
    switch (result.status) {
      case http_parse_status::incomplete:
        return read();
      case http_parse_status::failed:
        server_->handler().handle_error(result, response_);
        break;
      case http_parse_status::complete:
        server_->handler().handle(parser_.head(), response_);
        input_begin_ += parser_.head().size;
        parser_.reset();
        break;
    }
    write();
  } catch (...) {
    close();  // std::bad_alloc while building a response: drop this client only
  }
}

inline void http_connection::write() {
  arm_timer(server_->options().write_timeout);
  const std::array<asio::const_buffer, 2> buffers{
      asio::buffer(response_.head),
      response_.send_body ? asio::buffer(response_.body) : asio::const_buffer()};
  asio::async_write(socket_, buffers,
                    [self = shared_from_this()](const std::error_code& error, std::size_t) {
                      std::lock_guard lock(self->server_->mutex());
                      self->on_written(error);
                    });
}

inline void http_connection::on_written(const std::error_code& error) {
  if (closed_ || server_->stopped() || error) return close();
  if (response_.close) return linger();
  if (input_begin_ == input_end_) {
    input_begin_ = input_end_ = 0;
    idle_ = true;
    arm_timer(server_->options().keep_alive_timeout);
    return read();
  }
  arm_timer(server_->options().read_timeout);  // a pipelined request is already waiting
  process();
}

// Closing a socket with unread input makes the kernel send a reset, which can destroy the
// response before the client reads it (RFC 9112 §9.6). So: shut down our side, discard what
// the client still sends until it closes too, bounded by the read timeout.
inline void http_connection::linger() {
  std::error_code ignored;
  socket_.shutdown(asio::socket_base::shutdown_send, ignored);
  arm_timer(std::min(server_->options().read_timeout, std::chrono::milliseconds(2000)));
  input_begin_ = input_end_ = 0;
  struct discard {
    std::shared_ptr<http_connection> self;
    void operator()(const std::error_code& error, std::size_t) {
      std::lock_guard lock(self->server_->mutex());
      if (self->closed_ || self->server_->stopped() || error) return self->close();
      self->socket_.async_read_some(asio::buffer(self->input_), discard{self});
    }
  };
  socket_.async_read_some(asio::buffer(input_), discard{shared_from_this()});
}

}  // namespace detail

inline exporter_options exporter_options::from_environment(exporter_options defaults = {}) {
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
/// closed. Connections beyond max_connections get a 503 and are closed at once. A client
/// that misbehaves or disconnects affects only its own connection.
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
      : source_(source), options_(std::move(options)) {}
  ~exporter() { stop(); }
  exporter(const exporter&) = delete;
  exporter& operator=(const exporter&) = delete;

  /// Binds, listens and serves on a thread of its own.
  /// Failure: throws std::system_error (message "schemetric exporter: cannot listen on
  /// host:port: <reason>") when the address cannot be resolved or bound, and
  /// std::logic_error when already running; the exporter is then left stopped.
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
      server_.reset();
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
    if (!server_) return;
    // From the exporter's own thread (inside the source) the join below could never finish.
    SCHEMETRIC_ASSERT(!thread_.joinable() || thread_.get_id() != std::this_thread::get_id());
    server_->close_all();
    server_.reset();
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

 private:
  bool prepare() {
    if (server_) throw std::logic_error("schemetric exporter: start() called while running");
    return enabled();
  }

  void launch(asio::io_context& context) {
    auto server = std::make_shared<detail::http_server>(context, source_, options_);
    server->listen();
    server->start_accepting();
    port_ = server->port();
    server_ = std::move(server);
  }

  scrape_source& source_;
  exporter_options options_;
  std::unique_ptr<asio::io_context> own_context_;
  std::thread thread_;
  std::shared_ptr<detail::http_server> server_;
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
