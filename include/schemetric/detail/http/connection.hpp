// One accepted HTTP/1.1 connection of the exporter: reads heads, answers them in order.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <asio.hpp>

#include "schemetric/config.hpp"
#include "schemetric/detail/http/connection_table.hpp"
#include "schemetric/detail/http/handler.hpp"
#include "schemetric/detail/http/limits.hpp"
#include "schemetric/detail/http/request.hpp"
#include "schemetric/scrape_source.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

class http_connection;

/// What a listener shares with its connections. Every member is guarded by `mutex`, which
/// every completion handler takes first; handlers keep the context alive via shared_ptr, so it
/// may outlive the listener until the pending handlers have run.
struct http_connection_context {
  /// Response buffers kept for reuse: enough for the few scrapers of a process, so steady
  /// scraping allocates nothing while idle connections hold no response memory.
  static constexpr std::size_t max_spare_responses = 4;

  http_connection_context(scrape_source& source, const http_limits& limits)
      : limits(limits),
        handler(source),
        connections(limits.max_connections, limits.max_connections_per_peer) {
    spare_responses.reserve(max_spare_responses);
  }

  std::recursive_mutex mutex;
  bool stopped = false;  ///< set by the listener's close_all(): no handler serves any more
  const http_limits limits;
  http_handler handler;
  connection_table<http_connection> connections;
  std::vector<http_response> spare_responses;
};

/// One accepted connection: reads heads into its buffer, answers them in order, enforces the
/// deadlines with a single timer, and tells the connection table whether it waits for a
/// request (then it may be evicted) or is answering one. All members are guarded by the
/// context's mutex; every completion handler takes it first and holds a shared_ptr to the
/// connection.
///
/// Memory: the input buffer starts at 1 KiB (a scraper's head is a few hundred bytes) and
/// grows to max_header_bytes only for a larger head; response buffers are borrowed from the
/// context while a response is built and sent.
class http_connection : public std::enable_shared_from_this<http_connection> {
 public:
  static constexpr std::size_t initial_input_bytes = 1024;

  http_connection(std::shared_ptr<http_connection_context> context, asio::ip::tcp::socket socket)
      : context_(std::move(context)),
        socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        input_(initial_input_size()),
        parser_(context_->limits.max_header_bytes) {}

  ~http_connection() {
    std::lock_guard lock(context_->mutex);
    context_->connections.remove(*this);
    give_back_response();
  }
  http_connection(const http_connection&) = delete;
  http_connection& operator=(const http_connection&) = delete;

  /// Starts reading the first request; the connection must be in the table already.
  void start() {
    std::error_code ignored;
    socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
    arm_timer(context_->limits.read_timeout);
    read();
  }

  /// Closes the socket and leaves the table at once (the slot is free); pending operations
  /// end with operation_aborted. Idempotent. Never throws.
  void close() noexcept {
    context_->connections.remove(*this);
    if (closed_) return;
    closed_ = true;
    std::error_code ignored;
    timer_.cancel();
    socket_.close(ignored);
  }

  connection_table_entry<http_connection> table_entry;  ///< only the table touches it

 private:
  std::size_t initial_input_size() const {
    return std::min(initial_input_bytes, context_->limits.max_header_bytes + 1);
  }

  void arm_timer(std::chrono::milliseconds timeout) {
    // A stale expiry already queued when the timer is re-armed must not close the connection:
    // the generation tells the handler whether it is still the current deadline.
    const std::uint64_t generation = ++timer_generation_;
    timer_.expires_after(timeout);
    timer_.async_wait([self = shared_from_this(), generation](const std::error_code& error) {
      std::lock_guard lock(self->context_->mutex);
      if (!error && generation == self->timer_generation_) self->close();
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
    socket_.async_read_some(
        asio::buffer(input_.data() + input_end_, input_.size() - input_end_),
        [self = shared_from_this()](const std::error_code& error, std::size_t bytes) {
          std::lock_guard lock(self->context_->mutex);
          self->on_read(error, bytes);
        });
  }

  void on_read(const std::error_code& error, std::size_t bytes) {
    if (closed_ || context_->stopped || error) return close();
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
      } else {
        context_->handler.handle(parser_.head(), response_);
        input_begin_ += parser_.head().size;
        parser_.reset();
      }
      write();
    } catch (...) {
      close();  // std::bad_alloc while building a response: drop this client only
    }
  }

  void write() {
    arm_timer(context_->limits.write_timeout);
    const std::array<asio::const_buffer, 2> buffers{
        asio::buffer(response_.head),
        response_.send_body ? asio::buffer(response_.body) : asio::const_buffer()};
    asio::async_write(socket_, buffers,
                      [self = shared_from_this()](const std::error_code& error, std::size_t) {
                        std::lock_guard lock(self->context_->mutex);
                        self->on_written(error);
                      });
  }

  void on_written(const std::error_code& error) {
    if (closed_ || context_->stopped || error) return close();
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
  // response before the client reads it (RFC 9112 §9.6). So: shut down our side, discard what
  // the client still sends until it closes too, bounded by the read timeout. The connection
  // counts as waiting meanwhile: a new client may evict it.
  void linger() {
    std::error_code ignored;
    socket_.shutdown(asio::socket_base::shutdown_send, ignored);
    give_back_response();
    context_->connections.mark_waiting(*this);
    arm_timer(std::min(context_->limits.read_timeout, std::chrono::milliseconds(2000)));
    input_begin_ = input_end_ = 0;
    struct discard {
      std::shared_ptr<http_connection> self;
      void operator()(const std::error_code& error, std::size_t) {
        std::lock_guard lock(self->context_->mutex);
        if (self->closed_ || self->context_->stopped || error) return self->close();
        self->socket_.async_read_some(asio::buffer(self->input_), discard{self});
      }
    };
    socket_.async_read_some(asio::buffer(input_), discard{shared_from_this()});
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

  std::shared_ptr<http_connection_context> context_;
  asio::ip::tcp::socket socket_;
  asio::steady_timer timer_;
  std::vector<char> input_;  // pipelined bytes stay in it
  std::size_t input_begin_ = 0;
  std::size_t input_end_ = 0;
  http_request_parser parser_;
  http_response response_;
  std::uint64_t timer_generation_ = 0;
  bool idle_ = false;  // waiting for the first byte of a request on a kept-alive connection
  bool holds_response_ = false;  // response_ is borrowed (or grown) and not yet given back
  bool closed_ = false;
};

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
