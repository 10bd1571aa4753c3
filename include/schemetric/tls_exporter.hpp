// The exporter with TLS and basic auth, configured by a web config file as Prometheus's own
// exporters are. Link schemetric::exporter_tls (OpenSSL, libcrypt) where it is used.
#pragma once

#include <memory>
#include <utility>

#include "schemetric/config.hpp"
#include "schemetric/exporter.hpp"

#if SCHEMETRIC_ENABLED
#include <asio.hpp>

#include "schemetric/detail/http/authenticator.hpp"
#include "schemetric/detail/http/limits.hpp"
#include "schemetric/detail/http/listener.hpp"
#include "schemetric/detail/http/transport.hpp"
#include "schemetric/detail/web/basic_auth.hpp"
#include "schemetric/detail/web/tls_transport.hpp"
#include "schemetric/detail/web/web_config.hpp"
#include "schemetric/detail/web/yaml_subset.hpp"
#endif

SCHEMETRIC_BEGIN_NAMESPACE

#if SCHEMETRIC_ENABLED

namespace detail {

// The listener of a tls_exporter: as configured by the web config file, plain otherwise.
inline std::shared_ptr<http_listener_base> make_web_listener(asio::io_context& context,
                                                             scrape_source& source,
                                                             const exporter_options& options,
                                                             const http_limits& limits) {
  if (options.web_config_file.empty()) {
    return std::make_shared<http_listener<plain_transport>>(context, source, limits);
  }
  try {
    web_config config = web_config_reader::load(options.web_config_file);
    std::shared_ptr<http_authenticator> authenticator;
    if (!config.users.empty())
      authenticator = std::make_shared<basic_auth>(std::move(config.users));
    if (config.tls) {
      return std::make_shared<http_listener<tls_transport>>(
          context, source, limits, tls_transport(make_tls_context(*config.tls)),
          std::move(authenticator), std::move(config.response_fields));
    }
    return std::make_shared<http_listener<plain_transport>>(
        context, source, limits, plain_transport{}, std::move(authenticator),
        std::move(config.response_fields));
  } catch (const config_error& error) {
    throw config_error(std::string("schemetric exporter: web config: ") + error.what());
  }
}

}  // namespace detail

/// The exporter (same API and behaviour as schemetric::exporter) that also honours
/// exporter_options::web_config_file (or SCHEMETRIC_WEB_CONFIG through from_environment()):
/// a file in the format of Prometheus's exporter-toolkit that turns on TLS
/// (tls_server_config: certificate and key, minimum version, client certificates) and HTTP
/// basic auth (basic_auth_users with bcrypt hashes) for every path. Without a file it serves
/// plain HTTP like schemetric::exporter. The file is read at start(); a change needs
/// stop() and start() (or a restart).
///
/// Requests without valid credentials get 401 with `WWW-Authenticate: Basic`; a plain HTTP
/// request to the TLS port gets a plain 400; a TLS handshake counts against read_timeout and
/// the connection limits like a request head. See detail/web/basic_auth.hpp for what a
/// password check costs and how its results are remembered.
///
/// Failure: start() also throws std::invalid_argument (a config_error whose message names the
/// file, line and column) when the file cannot be read, has an error or asks for something
/// this exporter does not support, or when a certificate or key cannot be loaded.
/// Thread safety and lifetime: as schemetric::exporter. Compiled out (SCHEMETRIC_ENABLED=0):
/// the empty exporter, without OpenSSL.
class tls_exporter : public exporter {
 public:
  /// Does not listen yet (the web config file is read by start()).
  explicit tls_exporter(scrape_source& source, exporter_options options = {})
      : exporter(source, std::move(options), &detail::make_web_listener) {}
};

#else  // SCHEMETRIC_ENABLED

/// Compiled-out tls_exporter (SCHEMETRIC_ENABLED=0): the empty exporter, without OpenSSL.
class tls_exporter : public exporter {
 public:
  using exporter::exporter;
};

#endif  // SCHEMETRIC_ENABLED

SCHEMETRIC_END_NAMESPACE
