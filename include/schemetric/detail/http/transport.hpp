// How the exporter's connections carry HTTP: plain TCP here; TLS is another policy of the
// same shape, in the schemetric::exporter_tls target, so the core never needs OpenSSL.
#pragma once

#include <sys/socket.h>
#include <sys/types.h>

#include <cstddef>
#include <string_view>
#include <system_error>
#include <utility>

#include <asio.hpp>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// Peeks (without waiting) at what a freshly accepted socket has received; `bytes` holds at
/// most `size`. 0 when nothing (or the connection is gone).
inline std::size_t peek_received(asio::ip::tcp::socket& socket, char* bytes,
                                 std::size_t size) noexcept {
  const ssize_t got = ::recv(socket.native_handle(), bytes, size, MSG_PEEK | MSG_DONTWAIT);
  return got > 0 ? static_cast<std::size_t>(got) : 0;
}

/// A transport policy for http_connection and http_listener:
/// - `stream_type`: what the connection reads and writes (async_read_some, asio::async_write);
/// - `encrypted`: whether a handshake and a session shutdown exist (then the connection calls
///   `reject_plaintext`, `async_handshake` and `async_shutdown`);
/// - `make_stream(socket)` and `socket(stream)`: the stream over an accepted TCP socket, and
///   the TCP socket under a stream;
/// - `request_ready(socket)`: whether a freshly accepted socket has already received what a
///   client sends first in one go (only such a newcomer may evict a waiting connection).
/// Plain TCP: the stream is the socket.
struct plain_transport {
  using stream_type = asio::ip::tcp::socket;
  static constexpr bool encrypted = false;

  stream_type make_stream(asio::ip::tcp::socket&& socket) const { return std::move(socket); }
  static asio::ip::tcp::socket& socket(stream_type& stream) noexcept { return stream; }

  /// A whole request head (an empty line) has arrived, or more than fits in a look.
  static bool request_ready(asio::ip::tcp::socket& socket) noexcept {
    char bytes[2048];
    const std::size_t got = peek_received(socket, bytes, sizeof bytes);
    const std::string_view received(bytes, got);
    return got == sizeof bytes || received.find("\r\n\r\n") != std::string_view::npos ||
           received.find("\n\n") != std::string_view::npos;
  }
};

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
