// How the exporter's connections carry HTTP: plain TCP here; TLS is another policy of the
// same shape, in the schemetric::exporter_tls target, so the core never needs OpenSSL.
#pragma once

#include <system_error>
#include <utility>

#include <asio.hpp>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// A transport policy for http_connection and http_listener:
/// - `stream_type`: what the connection reads and writes (async_read_some, asio::async_write);
/// - `encrypted`: whether a handshake and a session shutdown exist (then the connection calls
///   `reject_plaintext`, `async_handshake` and `async_shutdown`);
/// - `make_stream(socket)` and `socket(stream)`: the stream over an accepted TCP socket, and
///   the TCP socket under a stream.
/// Plain TCP: the stream is the socket.
struct plain_transport {
  using stream_type = asio::ip::tcp::socket;
  static constexpr bool encrypted = false;

  stream_type make_stream(asio::ip::tcp::socket&& socket) const { return std::move(socket); }
  static asio::ip::tcp::socket& socket(stream_type& stream) noexcept { return stream; }
};

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
