// The exporter's listening socket: binds, accepts, admits connections by the connection table.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <utility>

#include <asio.hpp>

#include "schemetric/config.hpp"
#include "schemetric/detail/http/authenticator.hpp"
#include "schemetric/detail/http/connection.hpp"
#include "schemetric/detail/http/connection_table.hpp"
#include "schemetric/detail/http/handler.hpp"
#include "schemetric/detail/http/limits.hpp"
#include "schemetric/scrape_source.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// The listening side as the exporter facade sees it, whatever the transport.
class http_listener_base {
 public:
  virtual ~http_listener_base() = default;

  /// Binds and listens on host:port (an address literal, or a name resolved now).
  /// Failure: throws std::system_error naming the address.
  virtual void listen(const std::string& host, std::uint16_t port) = 0;
  /// Starts accepting connections (after listen()).
  virtual void start_accepting() = 0;
  /// Stops: from its return on, no handler calls the source; the listening socket is closed
  /// now, the connections by the listener's executor (or when its io_context is destroyed).
  virtual void close_all() noexcept = 0;
  /// The bound port (after listen()).
  virtual std::uint16_t port() const noexcept = 0;
};

/// The listening side of one exporter. Accept handlers keep it alive via shared_ptr, so it may
/// outlive the exporter object until the pending handlers have run. Every socket, timer and
/// handler of it runs on one strand of the io_context.
template <class Transport>
class http_listener final : public http_listener_base,
                            public std::enable_shared_from_this<http_listener<Transport>> {
 public:
  using context_type = http_connection_context<Transport>;
  using connection_type = http_connection<Transport>;

  /// `authenticator` may be null (no credentials needed); `response_fields` ("Name: value\r\n"
  /// lines) go into every response.
  http_listener(asio::io_context& io_context, scrape_source& source, const http_limits& limits,
                Transport transport = {}, std::shared_ptr<http_authenticator> authenticator = {},
                std::string response_fields = {})
      : context_(std::make_shared<context_type>(source, limits, std::move(transport),
                                                std::move(authenticator))),
        strand_(asio::make_strand(io_context)),
        acceptor_(strand_),
        retry_timer_(strand_) {
    context_->handler.set_response_fields(std::move(response_fields));
  }

  void listen(const std::string& host, std::uint16_t port) override {
    asio::ip::tcp::endpoint endpoint;
    std::error_code error;
    const asio::ip::address address = asio::ip::make_address(host, error);
    if (!error) {
      endpoint = {address, port};
    } else {
      asio::ip::tcp::resolver resolver(acceptor_.get_executor());
      const auto results =
          resolver.resolve(host, std::to_string(port), asio::ip::resolver_base::passive, error);
      if (error || results.empty()) {
        throw_listen_error(error ? error : asio::error::host_not_found, host, port);
      }
      endpoint = results.begin()->endpoint();
    }
    acceptor_.open(endpoint.protocol(), error);
    if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor_.bind(endpoint, error);
    if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
#ifdef TCP_DEFER_ACCEPT
    // Linux: the kernel hands over a connection only once its first bytes arrived (or after
    // about read_timeout). Scrapers send their request at once; a flood of connections that
    // send nothing then costs no accept, descriptor or eviction here, and cannot queue ahead
    // of a scraper. Best effort: without it the connection table still copes.
    if (!error) {
      const auto seconds = std::chrono::ceil<std::chrono::seconds>(context_->limits.read_timeout);
      std::error_code ignored;
      acceptor_.set_option(
          defer_accept(static_cast<int>(std::max<std::int64_t>(seconds.count(), 1))), ignored);
    }
#endif
    if (!error) acceptor_.non_blocking(true, error);  // for drain()
    if (error) {
      std::error_code ignored;
      acceptor_.close(ignored);
      throw_listen_error(error, host, port);
    }
    port_ = acceptor_.local_endpoint().port();
  }

  std::uint16_t port() const noexcept override {
    return port_;
  }

  void start_accepting() override {
    std::lock_guard lock(context_->mutex);
    accept();
  }

  void close_all() noexcept override {
    std::lock_guard lock(context_->mutex);
    context_->stopped = true;
    if (context_->authenticator) context_->authenticator->stop();
    std::error_code ignored;
    acceptor_.close(ignored);
    retry_timer_.cancel();
    // The connections' sockets (and TLS sessions) are used by handlers on the strand: closing
    // them from this thread could race with one in progress, so the strand closes them.
    try {
      asio::post(strand_, [context = context_] {
        std::lock_guard lock(context->mutex);
        while (connection_type* connection = context->connections.any()) connection->close();
      });
    } catch (...) {
      // std::bad_alloc: the connections close when their io_context is destroyed; stopped
      // already keeps every handler from serving.
    }
  }

 private:
  [[noreturn]] static void throw_listen_error(std::error_code error, const std::string& host,
                                              std::uint16_t port) {
    // Asio reports errno values in its own category; std::system_category lets callers
    // compare with std::errc (e.g. std::errc::address_in_use).
    if (error.category() == asio::error::get_system_category()) {
      error = std::error_code(error.value(), std::system_category());
    }
    const bool v6 = host.find(':') != std::string::npos;
    throw std::system_error(error, "schemetric exporter: cannot listen on " +
                                       (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port));
  }

  void accept() {
    if (context_->stopped) return;
    // The new socket gets the acceptor's executor: the strand. accept4 fills in the peer's
    // address, which spares a getpeername per connection.
    acceptor_.async_accept(peer_, [self = this->shared_from_this()](const std::error_code& error,
                                                                    asio::ip::tcp::socket socket) {
      std::lock_guard lock(self->context_->mutex);
      self->on_accept(error, std::move(socket));
    });
  }

  void on_accept(const std::error_code& error, asio::ip::tcp::socket socket) {
    if (context_->stopped || error == asio::error::operation_aborted) return;
    if (error) {
      // A client that gave up before its connection was accepted: accept the next one now.
      if (error == asio::error::connection_aborted || error == asio::error::connection_reset ||
          error == asio::error::interrupted || error == asio::error::try_again) {
        return accept();
      }
      // Out of descriptors or memory (EMFILE, ENOBUFS, ...): accepting again at once would
      // spin on the same error, so retry shortly; the pending connections wait in the backlog.
      retry_timer_.expires_after(std::chrono::milliseconds(100));
      retry_timer_.async_wait([self = this->shared_from_this()](const std::error_code& wait_error) {
        std::lock_guard lock(self->context_->mutex);
        if (!wait_error) self->accept();
      });
      return;
    }
    admit(std::move(socket));
    drain();
    accept();
  }

  // Takes the connections already queued in the kernel, up to a batch, before going back to
  // the event loop: a scraper behind a crowd of hostile connections then waits for one pass
  // over them, not for an event-loop round per connection ahead of it.
  void drain() {
    for (int taken = 0; taken < 64 && !context_->stopped; ++taken) {
      asio::ip::tcp::socket socket(acceptor_.get_executor());
      std::error_code error;
      acceptor_.accept(socket, peer_, error);  // non-blocking: would_block when none is queued
      if (error) return;                       // the asynchronous accept deals with real errors
      admit(std::move(socket));
    }
  }

  // The connection table decides: serve it, after evicting a connection that only waits, or
  // refuse it when every connection it could replace is busy answering.
  void admit(asio::ip::tcp::socket socket) {
    const peer_key peer = peer_of(peer_.address());
    const auto admission = context_->connections.admit(peer);
    if (!admission.admit) return reject_busy(socket);
    if (admission.evict != nullptr) {
      // Evicting is for a client that asks for something now. A newcomer whose request (or
      // TLS hello) has not fully arrived is closed instead: that costs far less than an
      // eviction, so a crowd of slow clients reconnecting cannot keep a scraper queued.
      if (!Transport::request_ready(socket)) return;  // the socket's destructor closes it
      admission.evict->close();
    }
    try {
      auto connection = std::make_shared<connection_type>(context_, std::move(socket));
      context_->connections.add(*connection, peer);
      connection->start();
    } catch (...) {
      // std::bad_alloc (or a TLS session that cannot be created): the socket (moved or not)
      // is closed by its destructor, and the connection's destructor leaves the table.
    }
  }

  // Refused: one non-blocking write of a fixed 503 (it fits any fresh socket's send buffer),
  // then close. Best effort: a client that already sent its request may see a reset.
  static void reject_busy(asio::ip::tcp::socket& socket) noexcept {
    std::error_code ignored;
    socket.non_blocking(true, ignored);
    socket.send(asio::buffer(busy_response.data(), busy_response.size()), 0, ignored);
    socket.shutdown(asio::socket_base::shutdown_send, ignored);
    socket.close(ignored);
  }

#ifdef TCP_DEFER_ACCEPT
  using defer_accept = asio::detail::socket_option::integer<IPPROTO_TCP, TCP_DEFER_ACCEPT>;
#endif

  std::shared_ptr<context_type> context_;
  asio::strand<asio::io_context::executor_type> strand_;
  asio::ip::tcp::acceptor acceptor_;
  asio::ip::tcp::endpoint peer_;  // the accepted connection's peer (one accept at a time)
  asio::steady_timer retry_timer_;
  std::uint16_t port_ = 0;
};

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
