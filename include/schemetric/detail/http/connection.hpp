// One accepted HTTP/1.1 connection of the exporter: reads heads, answers them in order.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <asio.hpp>

#include "schemetric/config.hpp"
#include "schemetric/detail/http/authenticator.hpp"
#include "schemetric/detail/http/connection_table.hpp"
#include "schemetric/detail/http/handler.hpp"
#include "schemetric/detail/http/limits.hpp"
#include "schemetric/detail/http/request.hpp"
#include "schemetric/scrape_source.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

template <class Transport>
class http_connection;

/// What a listener shares with its connections. Every member is guarded by `mutex`, which
/// every completion handler takes first; handlers keep the context alive via shared_ptr, so it
/// may outlive the listener until the pending handlers have run.
template <class Transport>
struct http_connection_context {
  /// Response buffers kept for reuse: enough for the few scrapers of a process, so steady
  /// scraping allocates nothing while idle connections hold no response memory.
  static constexpr std::size_t max_spare_responses = 4;

  http_connection_context(scrape_source& source, const http_limits& limits, Transport transport,
                          std::shared_ptr<http_authenticator> authenticator)
      : limits(limits),
        transport(std::move(transport)),
        authenticator(std::move(authenticator)),
        handler(source),
        connections(limits.max_connections, limits.max_connections_per_peer) {
    spare_responses.reserve(max_spare_responses);
  }

  std::recursive_mutex mutex;
  bool stopped = false;  ///< set by the listener's close_all(): no handler serves any more
  const http_limits limits;
  Transport transport;
  const std::shared_ptr<http_authenticator> authenticator;  ///< null: no credentials needed
  http_handler handler;
  connection_table<http_connection<Transport>> connections;
  std::vector<http_response> spare_responses;
};

/// One accepted connection: (for TLS, after the handshake) reads heads into its buffer,
/// checks credentials when the listener has an authenticator, answers the requests in order,
/// enforces the deadlines with a single timer, and tells the connection table whether it
/// waits for a request (then it may be evicted) or is answering one.
///
/// Threading: the socket's executor is the listener's strand, so all handlers of a listener,
/// Asio's intermediate ones included, run one at a time; each completion handler also takes
/// the context's mutex (against stop() on the owner's thread) and holds a shared_ptr to the
/// connection.
/// Memory: the input buffer starts at 1 KiB (a scraper's head is a few hundred bytes) and
/// grows to max_header_bytes only for a larger head; response buffers are borrowed from the
/// context while a response is built and sent.
template <class Transport>
class http_connection : public std::enable_shared_from_this<http_connection<Transport>> {
 public:
  using context_type = http_connection_context<Transport>;
  static constexpr std::size_t initial_input_bytes = 1024;

  http_connection(std::shared_ptr<context_type> context, asio::ip::tcp::socket accepted)
      : context_(std::move(context)),
        stream_(context_->transport.make_stream(std::move(accepted))),
        timer_(socket().get_executor()),
        input_(initial_input_size()),
        parser_(context_->limits.max_header_bytes) {}

  ~http_connection() {
    std::lock_guard lock(context_->mutex);
    context_->connections.remove(*this);
    give_back_response();
  }
  http_connection(const http_connection&) = delete;
  http_connection& operator=(const http_connection&) = delete;

  /// Starts the handshake (TLS) or reading the first request; the connection must be in the
  /// table already. Its whole head, handshake included, is due within read_timeout.
  void start() {
    arm_timer(context_->limits.read_timeout);
    if constexpr (Transport::encrypted) {
      // Wait for the first bytes before handing over to TLS: a plain HTTP request gets a
      // readable 400 instead of a handshake failure.
      socket().async_wait(asio::socket_base::wait_read,
                          [self = this->shared_from_this()](const std::error_code& error) {
                            std::lock_guard lock(self->context_->mutex);
                            self->on_first_bytes(error);
                          });
    } else {
      read();
    }
  }

  /// Closes the socket and leaves the table at once (the slot is free); pending operations
  /// end with operation_aborted. Idempotent. Never throws.
  void close() noexcept {
    context_->connections.remove(*this);
    if (closed_) return;
    closed_ = true;
    std::error_code ignored;
    timer_.cancel();
    socket().close(ignored);
  }

  connection_table_entry<http_connection> table_entry;  ///< only the table touches it

 private:
  asio::ip::tcp::socket& socket() noexcept { return Transport::socket(stream_); }

  bool gone() const noexcept { return closed_ || context_->stopped; }

  std::size_t initial_input_size() const {
    return std::min(initial_input_bytes, context_->limits.max_header_bytes + 1);
  }

  void arm_timer(std::chrono::milliseconds timeout) {
    // A stale expiry already queued when the timer is re-armed must not close the connection:
    // the generation tells the handler whether it is still the current deadline.
    const std::uint64_t generation = ++timer_generation_;
    timer_.expires_after(timeout);
    timer_.async_wait([self = this->shared_from_this(), generation](const std::error_code& error) {
      std::lock_guard lock(self->context_->mutex);
      if (!error && generation == self->timer_generation_) self->close();
    });
  }

  void on_first_bytes(const std::error_code& error) {
    if (gone() || error) return close();
    if (context_->transport.reject_plaintext(socket())) return close();
    context_->transport.async_handshake(
        stream_, [self = this->shared_from_this()](const std::error_code& handshake_error) {
          std::lock_guard lock(self->context_->mutex);
          if (self->gone() || handshake_error) return self->close();
          self->read();
        });
  }

  void read() {
    if (input_end_ == input_.size()) {
      if (input_begin_ > 0) {
        // Pipelined bytes of the next request: move them to the front to make room.
        std::copy(input_.begin() + static_cast<std::ptrdiff_t>(input_begin_),
                  input_.begin() + static_cast<std::ptrdiff_t>(input_end_), input_.begin());
        input_end_ -= input_begin_;
        input_begin_ = 0;
      }
      if (input_end_ == input_.size()) {
        // A head larger than the buffer (not yet over the limit, or the parser would have
        // failed): grow towards max_header_bytes + 1, which lets the parser see the excess.
        input_.resize(std::min(input_.size() * 2, context_->limits.max_header_bytes + 1));
      }
    }
    stream_.async_read_some(
        asio::buffer(input_.data() + input_end_, input_.size() - input_end_),
        [self = this->shared_from_this()](const std::error_code& error, std::size_t bytes) {
          std::lock_guard lock(self->context_->mutex);
          self->on_read(error, bytes);
        });
  }

  void on_read(const std::error_code& error, std::size_t bytes) {
    if (gone() || error) return close();
    input_end_ += bytes;
    if (idle_) {
      idle_ = false;
      arm_timer(context_->limits.read_timeout);  // the next head's deadline starts now
    }
    process();
  }

  void process() {
    try {
      const std::string_view pending(input_.data() + input_begin_, input_end_ - input_begin_);
      const http_parse_result result = parser_.parse(pending);
      if (result.status == http_parse_status::incomplete) return read();
      context_->connections.mark_busy(*this);
      borrow_response();
      if (result.status == http_parse_status::failed) {
        context_->handler.handle_error(result, response_);
        return write();
      }
      if (http_authenticator* authenticator = context_->authenticator.get()) {
        return authenticate(*authenticator);
      }
      respond(true);
    } catch (...) {
      close();  // std::bad_alloc while building a response: drop this client only
    }
  }

  void authenticate(http_authenticator& authenticator) {
    std::string_view authorization;
    int fields = 0;
    parser_.head().for_each_field([&](std::string_view name, std::string_view value) {
      if (iequals(name, "authorization")) {
        authorization = value;
        ++fields;
      }
    });
    const auto verdict =
        fields > 1 ? http_authenticator::verdict::deny : authenticator.check(authorization);
    if (verdict != http_authenticator::verdict::verify) {
      return respond(verdict == http_authenticator::verdict::allow);
    }
    // The password hash takes milliseconds: computed on the authenticator's thread while this
    // connection waits (busy, under its head deadline). The callback holds a weak_ptr, so a
    // dropped verification never ends a connection's life on that thread.
    std::weak_ptr<http_connection> weak = this->shared_from_this();
    const bool queued = authenticator.verify(
        authorization, [weak, executor = socket().get_executor()](bool allowed) {
          asio::post(executor, [weak, allowed] {
            const auto self = weak.lock();
            if (!self) return;
            std::lock_guard lock(self->context_->mutex);
            if (self->gone()) return;
            try {
              self->respond(allowed);
            } catch (...) {
              self->close();
            }
          });
        });
    if (!queued) {
      context_->handler.authentication_busy(parser_.head(), response_);
      consume_head();
      write();
    }
  }

  // Answers the complete head in the parser: served when `allowed`, else 401.
  void respond(bool allowed) {
    if (allowed) {
      context_->handler.handle(parser_.head(), response_);
    } else {
      context_->handler.unauthorized(parser_.head(), context_->authenticator->realm(), response_);
    }
    consume_head();
    write();
  }

  void consume_head() noexcept {
    input_begin_ += parser_.head().size;
    parser_.reset();
  }

  void write() {
    if (!no_delay_) {
      // A kept-alive connection's next small response must not wait for the previous one's
      // ACK (Nagle + delayed ACK). Set at the first response, so that connections evicted
      // before they asked for anything cost one system call less.
      no_delay_ = true;
      std::error_code ignored;
      socket().set_option(asio::ip::tcp::no_delay(true), ignored);
    }
    arm_timer(context_->limits.write_timeout);
    const std::array<asio::const_buffer, 2> buffers{
        asio::buffer(response_.head),
        response_.send_body ? asio::buffer(response_.body) : asio::const_buffer()};
    asio::async_write(stream_, buffers,
                      [self = this->shared_from_this()](const std::error_code& error, std::size_t) {
                        std::lock_guard lock(self->context_->mutex);
                        self->on_written(error);
                      });
  }

  void on_written(const std::error_code& error) {
    if (gone() || error) return close();
    if (response_.close) return linger();
    if (input_begin_ == input_end_) {
      input_begin_ = input_end_ = 0;
      if (input_.size() > initial_input_size()) {
        input_ = std::vector<char>(initial_input_size());  // an outsized head's buffer
      }
      give_back_response();
      context_->connections.mark_waiting(*this);
      idle_ = true;
      arm_timer(context_->limits.keep_alive_timeout);
      return read();
    }
    // A pipelined request is already (partly) here: it waits like any other head.
    context_->connections.mark_waiting(*this);
    arm_timer(context_->limits.read_timeout);
    process();
  }

  // Closing a socket with unread input makes the kernel send a reset, which can destroy the
  // response before the client reads it (RFC 9112 §9.6). So: end the TLS session if any, shut
  // down our side, discard what the client still sends until it closes too, bounded by the
  // read timeout. The connection counts as waiting meanwhile: a new client may evict it.
  void linger() {
    give_back_response();
    context_->connections.mark_waiting(*this);
    arm_timer(std::min(context_->limits.read_timeout, std::chrono::milliseconds(2000)));
    input_begin_ = input_end_ = 0;
    if constexpr (Transport::encrypted) {
      // close_notify; the peer's answer (or its close, or the timer) ends the connection.
      context_->transport.async_shutdown(stream_,
                                         [self = this->shared_from_this()](const std::error_code&) {
                                           std::lock_guard lock(self->context_->mutex);
                                           self->close();
                                         });
    } else {
      std::error_code ignored;
      socket().shutdown(asio::socket_base::shutdown_send, ignored);
      struct discard {
        std::shared_ptr<http_connection> self;
        void operator()(const std::error_code& error, std::size_t) {
          std::lock_guard lock(self->context_->mutex);
          if (self->gone() || error) return self->close();
          self->socket().async_read_some(asio::buffer(self->input_), discard{self});
        }
      };
      socket().async_read_some(asio::buffer(input_), discard{this->shared_from_this()});
    }
  }

  void borrow_response() noexcept {
    auto& spares = context_->spare_responses;
    if (holds_response_) return;  // pipelined requests reuse the one they have
    holds_response_ = true;
    if (spares.empty()) return;
    response_ = std::move(spares.back());
    spares.pop_back();
  }

  void give_back_response() noexcept {
    if (!holds_response_) return;
    holds_response_ = false;
    auto& spares = context_->spare_responses;
    if (spares.size() < spares.capacity()) {
      spares.push_back(std::move(response_));  // within the reserved capacity: no allocation
    }
    response_ = http_response{};  // frees what was not kept
  }

  std::shared_ptr<context_type> context_;
  typename Transport::stream_type stream_;
  asio::steady_timer timer_;
  std::vector<char> input_;  // pipelined bytes stay in it
  std::size_t input_begin_ = 0;
  std::size_t input_end_ = 0;
  http_request_parser parser_;
  http_response response_;
  std::uint64_t timer_generation_ = 0;
  bool idle_ = false;  // waiting for the first byte of a request on a kept-alive connection
  bool holds_response_ = false;  // response_ is borrowed (or grown) and not yet given back
  bool no_delay_ = false;        // TCP_NODELAY set
  bool closed_ = false;
};

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
