// TLS for the exporter's connections (OpenSSL through asio::ssl): the transport policy and
// the server context built from a web config's tls_server_config.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <asio.hpp>
#include <asio/ssl.hpp>

#include "schemetric/config.hpp"
#include "schemetric/detail/http/transport.hpp"
#include "schemetric/detail/web/web_config.hpp"
#include "schemetric/detail/web/yaml_subset.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// The transport policy (see plain_transport) for TLS: an asio::ssl::stream over the accepted
/// socket, sharing one server context. The handshake runs under the connection's head
/// deadline, so a client that stalls it is closed (or evicted) like a slow request.
/// Thread safety: the context is only read once connections exist (OpenSSL allows that).
class tls_transport {
 public:
  using stream_type = asio::ssl::stream<asio::ip::tcp::socket>;
  static constexpr bool encrypted = true;

  explicit tls_transport(std::shared_ptr<asio::ssl::context> context) noexcept
      : context_(std::move(context)) {}

  stream_type make_stream(asio::ip::tcp::socket&& socket) const {
    return stream_type(std::move(socket), *context_);
  }
  static asio::ip::tcp::socket& socket(stream_type& stream) noexcept { return stream.next_layer(); }

  /// Called once the first bytes can be read. A TLS connection starts with a handshake record
  /// (0x16); anything else, typically a plain HTTP request, is answered with a plain 400 that
  /// says what is wrong (as Go's servers do), and true tells the caller to close.
  bool reject_plaintext(asio::ip::tcp::socket& socket) const noexcept {
    unsigned char first = 0;
    std::error_code error;
    const std::size_t got =
        socket.receive(asio::buffer(&first, 1), asio::socket_base::message_peek, error);
    if (error || got == 0) return true;
    if (first == 0x16) return false;
    static constexpr std::string_view answer =
        "HTTP/1.0 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Connection: close\r\n\r\nClient sent an HTTP request to an HTTPS server.\n";
    socket.non_blocking(true, error);
    socket.send(asio::buffer(answer.data(), answer.size()), 0, error);
    socket.shutdown(asio::socket_base::shutdown_send, error);
    return true;
  }

  /// A whole first TLS record (the ClientHello) has arrived, or more than fits in a look; or
  /// the first bytes are not TLS at all (reject_plaintext answers them at once).
  static bool request_ready(asio::ip::tcp::socket& socket) noexcept {
    char bytes[2048];
    const std::size_t got = peek_received(socket, bytes, sizeof bytes);
    if (got == 0) return false;
    if (static_cast<unsigned char>(bytes[0]) != 0x16) return true;
    if (got < 5) return false;
    const std::size_t record =
        5 + (static_cast<std::size_t>(static_cast<unsigned char>(bytes[3])) << 8 |
             static_cast<unsigned char>(bytes[4]));
    return got >= record || got == sizeof bytes;
  }

  template <class Handler>
  void async_handshake(stream_type& stream, Handler&& handler) const {
    stream.async_handshake(asio::ssl::stream_base::server, std::forward<Handler>(handler));
  }

  /// Sends close_notify and waits for the peer's (the caller bounds the wait).
  template <class Handler>
  void async_shutdown(stream_type& stream, Handler&& handler) const {
    stream.async_shutdown(std::forward<Handler>(handler));
  }

 private:
  std::shared_ptr<asio::ssl::context> context_;
};

/// The server context for `settings`: protocol versions, certificate chain and key (checked
/// to match), client-certificate verification. Failure: config_error naming the file and
/// OpenSSL's reason; a key protected by a passphrase is refused instead of prompting.
inline std::shared_ptr<asio::ssl::context> make_tls_context(const tls_server_settings& settings) {
  auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
  SSL_CTX* native = context->native_handle();
  const auto protocol = [](tls_version version) {
    switch (version) {
      case tls_version::tls10:
        return TLS1_VERSION;
      case tls_version::tls11:
        return TLS1_1_VERSION;
      case tls_version::tls12:
        return TLS1_2_VERSION;
      case tls_version::tls13:
        break;
    }
    return TLS1_3_VERSION;
  };
  SSL_CTX_set_min_proto_version(native, protocol(settings.min_version));
  SSL_CTX_set_max_proto_version(native, protocol(settings.max_version));
  // No renegotiation (a client could make the server redo handshakes at will) and no
  // compression (CRIME).
  long options = SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION;
  if (settings.prefer_server_cipher_suites) options |= SSL_OP_CIPHER_SERVER_PREFERENCE;
  SSL_CTX_set_options(native, options);

  const auto fail = [](const std::string& file, std::string_view what, std::error_code error) {
    throw config_error(file + ": " + std::string(what) +
                       (error ? ": " + error.message() : std::string()));
  };
  std::error_code error;
  context->set_password_callback(
      [](std::size_t, asio::ssl::context::password_purpose) { return std::string(); }, error);
  context->use_certificate_chain_file(settings.cert_file, error);
  if (error) fail(settings.cert_file, "cannot load the certificate (cert_file, PEM)", error);
  context->use_private_key_file(settings.key_file, asio::ssl::context::pem, error);
  if (error) {
    fail(settings.key_file, "cannot load the private key (key_file, PEM without passphrase)",
         error);
  }
  if (SSL_CTX_check_private_key(native) != 1) {
    fail(settings.key_file, "the private key does not belong to the certificate in cert_file", {});
  }
  if (settings.client_auth != client_auth_type::none) {
    context->load_verify_file(settings.client_ca_file, error);
    if (error) fail(settings.client_ca_file, "cannot load the client CA (client_ca_file)", error);
    // Tell clients which CAs are accepted, so that they pick the right certificate.
    STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(settings.client_ca_file.c_str());
    if (names == nullptr) fail(settings.client_ca_file, "no CA certificate in client_ca_file", {});
    SSL_CTX_set_client_CA_list(native, names);
    int mode = SSL_VERIFY_PEER;
    if (settings.client_auth == client_auth_type::require_and_verify) {
      mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
    }
    SSL_CTX_set_verify(native, mode, nullptr);
    // Session resumption with verified clients needs an id context (else OpenSSL fails it).
    static constexpr unsigned char id_context[] = "schemetric";
    SSL_CTX_set_session_id_context(native, id_context, sizeof id_context - 1);
  }
  return context;
}

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
