// The web configuration file of Prometheus exporters (exporter-toolkit's format): TLS and
// basic-auth settings read and checked, without OpenSSL.
#pragma once

#include <cstddef>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schemetric/config.hpp"
#include "schemetric/detail/web/yaml_subset.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// TLS protocol versions, in order.
enum class tls_version : unsigned char { tls10, tls11, tls12, tls13 };

/// Which client certificates the server asks for (Go's tls.ClientAuthType names).
enum class client_auth_type : unsigned char {
  none,                ///< NoClientCert: none asked for
  verify_if_given,     ///< VerifyClientCertIfGiven: optional, verified against client_ca_file
  require_and_verify,  ///< RequireAndVerifyClientCert: required and verified
};

/// `tls_server_config`, with file names resolved against the config file's directory.
struct tls_server_settings {
  std::string cert_file;
  std::string key_file;
  std::string client_ca_file;  ///< empty unless client certificates are verified
  client_auth_type client_auth = client_auth_type::none;
  tls_version min_version = tls_version::tls12;
  tls_version max_version = tls_version::tls13;
  bool prefer_server_cipher_suites = true;
};

/// A user of `basic_auth_users` and the bcrypt hash of the password.
struct basic_auth_user {
  std::string name;
  std::string bcrypt_hash;
};

/// A checked web configuration. Empty (no TLS, no users, no headers) means plain HTTP.
struct web_config {
  std::optional<tls_server_settings> tls;
  std::vector<basic_auth_user> users;
  /// `http_server_config.headers`: fields added to every response, as "Name: value\r\n" lines.
  std::string response_fields;
};

/// Reads exporter-toolkit's web configuration format
/// (https://github.com/prometheus/exporter-toolkit/blob/master/docs/web-configuration.md):
///
/// ```yaml
/// tls_server_config:
///   cert_file: server.crt          # PEM; relative names are relative to this file
///   key_file: server.key
///   min_version: TLS12             # TLS10..TLS13, default TLS12 (max_version: default TLS13)
///   client_auth_type: RequireAndVerifyClientCert   # or NoClientCert, VerifyClientCertIfGiven
///   client_ca_file: ca.crt         # needed to verify client certificates
/// basic_auth_users:
///   prometheus: $2y$10$...         # bcrypt hashes (htpasswd -nBC 10 "" | tr -d ':\n')
/// http_server_config:
///   headers:                       # the five headers exporter-toolkit allows
///     X-Frame-Options: deny
/// ```
///
/// Every setting the exporter cannot honour is an error rather than ignored, because each one
/// narrows who may connect: inline `cert`/`key`/`client_ca`, `client_allowed_sans`,
/// `cipher_suites`, `curve_preferences`, `rate_limit`, and the client_auth_types
/// RequestClientCert and RequireAnyClientCert (which accept any certificate). `http2` is
/// accepted and has no effect (the exporter speaks HTTP/1.1). Unknown keys are errors.
/// Failure: config_error with "file:line:column: ..." that never quotes a password hash.
/// Thread safety: pure functions.
class web_config_reader {
 public:
  /// Reads the file at `path`. Failure: config_error (also when it cannot be read).
  static web_config load(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw config_error(path + ": cannot open the web config file");
    std::ostringstream text;
    text << file.rdbuf();
    if (file.bad()) throw config_error(path + ": cannot read the web config file");
    const std::size_t slash = path.rfind('/');
    return parse(text.str(), path, slash == std::string::npos ? "" : path.substr(0, slash + 1));
  }

  /// Reads `text`; `source_name` prefixes errors; relative file names get `directory` (empty,
  /// or ending in '/') in front.
  static web_config parse(std::string_view text, std::string_view source_name,
                          std::string_view directory = {}) {
    web_config_reader reader(source_name, directory);
    const yaml_node root = yaml_subset_reader::read(text, source_name);
    web_config config;
    if (root.type == yaml_node::kind::null) return config;
    reader.expect(root, yaml_node::kind::mapping, "the file must be a mapping of settings");
    for (const yaml_entry& entry : root.entries) {
      if (entry.key == "tls_server_config") {
        config.tls = reader.tls_settings(entry);
      } else if (entry.key == "basic_auth_users") {
        config.users = reader.users(entry);
      } else if (entry.key == "http_server_config") {
        config.response_fields = reader.http_settings(entry);
      } else if (entry.key == "rate_limit") {
        reader.unsupported(entry, "rate_limit is not supported by this exporter");
      } else {
        reader.unknown_key(entry, {"tls_server_config", "basic_auth_users", "http_server_config"});
      }
    }
    return config;
  }

  /// Whether `hash` has the form of a bcrypt hash: $2a$, $2b$ or $2y$, a cost 04-31, '$', and
  /// 53 characters of bcrypt's base-64 alphabet.
  static bool is_bcrypt_hash(std::string_view hash) {
    if (hash.size() != 60 || hash.substr(0, 2) != "$2" || hash[3] != '$' || hash[6] != '$') {
      return false;
    }
    if (hash[2] != 'a' && hash[2] != 'b' && hash[2] != 'y') return false;
    if (hash[4] < '0' || hash[4] > '3' || hash[5] < '0' || hash[5] > '9') return false;
    const int cost = (hash[4] - '0') * 10 + (hash[5] - '0');
    if (cost < 4 || cost > 31) return false;
    for (const char c : hash.substr(7)) {
      const bool alphabet = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '.' || c == '/';
      if (!alphabet) return false;
    }
    return true;
  }

 private:
  web_config_reader(std::string_view source_name, std::string_view directory)
      : source_(source_name), directory_(directory) {}

  [[noreturn]] void fail(std::size_t line, std::size_t column, std::string_view what) const {
    throw config_error(std::string(source_) + ":" + std::to_string(line) + ":" +
                       std::to_string(column) + ": " + std::string(what));
  }

  void expect(const yaml_node& node, yaml_node::kind type, std::string_view what) const {
    if (node.type != type) fail(node.line, node.column, what);
  }

  [[noreturn]] void unsupported(const yaml_entry& entry, std::string_view why) const {
    fail(entry.line, entry.column, std::string(why) + " (remove `" + entry.key + "`)");
  }

  [[noreturn]] void unknown_key(const yaml_entry& entry,
                                std::initializer_list<std::string_view> known) const {
    std::string message = "unknown key `" + entry.key + "`; known keys here:";
    for (const std::string_view key : known) message += " " + std::string(key);
    fail(entry.line, entry.column, message);
  }

  std::string string_value(const yaml_entry& entry) const {
    if (entry.value.type != yaml_node::kind::scalar || entry.value.scalar.empty()) {
      fail(entry.value.line, entry.value.column, "`" + entry.key + "` needs a non-empty string");
    }
    return entry.value.scalar;
  }

  std::string file_name(const yaml_entry& entry) const {
    std::string name = string_value(entry);
    if (name.front() != '/') name.insert(0, directory_);
    return name;
  }

  bool boolean(const yaml_entry& entry) const {
    const yaml_node& value = entry.value;
    if (value.type == yaml_node::kind::scalar && !value.quoted) {
      if (value.scalar == "true" || value.scalar == "True" || value.scalar == "TRUE") return true;
      if (value.scalar == "false" || value.scalar == "False" || value.scalar == "FALSE") {
        return false;
      }
    }
    fail(value.line, value.column, "`" + entry.key + "` needs true or false");
  }

  tls_version version(const yaml_entry& entry) const {
    const std::string name = string_value(entry);
    if (name == "TLS10") return tls_version::tls10;
    if (name == "TLS11") return tls_version::tls11;
    if (name == "TLS12") return tls_version::tls12;
    if (name == "TLS13") return tls_version::tls13;
    fail(entry.value.line, entry.value.column,
         "`" + entry.key + "` must be one of TLS10, TLS11, TLS12, TLS13");
  }

  tls_server_settings tls_settings(const yaml_entry& section) const {
    expect(section.value, yaml_node::kind::mapping,
           "tls_server_config needs cert_file and key_file");
    tls_server_settings tls;
    for (const yaml_entry& entry : section.value.entries) {
      if (entry.key == "cert_file") {
        tls.cert_file = file_name(entry);
      } else if (entry.key == "key_file") {
        tls.key_file = file_name(entry);
      } else if (entry.key == "client_ca_file") {
        tls.client_ca_file = file_name(entry);
      } else if (entry.key == "client_auth_type") {
        const std::string type = string_value(entry);
        if (type == "NoClientCert") {
          tls.client_auth = client_auth_type::none;
        } else if (type == "VerifyClientCertIfGiven") {
          tls.client_auth = client_auth_type::verify_if_given;
        } else if (type == "RequireAndVerifyClientCert") {
          tls.client_auth = client_auth_type::require_and_verify;
        } else if (type == "RequestClientCert" || type == "RequireAnyClientCert") {
          fail(entry.value.line, entry.value.column,
               type +
                   " accepts any client certificate and is not supported: use "
                   "RequireAndVerifyClientCert with client_ca_file");
        } else {
          fail(entry.value.line, entry.value.column,
               "client_auth_type must be NoClientCert, VerifyClientCertIfGiven or "
               "RequireAndVerifyClientCert");
        }
      } else if (entry.key == "min_version") {
        tls.min_version = version(entry);
      } else if (entry.key == "max_version") {
        tls.max_version = version(entry);
      } else if (entry.key == "prefer_server_cipher_suites") {
        tls.prefer_server_cipher_suites = boolean(entry);
      } else if (entry.key == "cert" || entry.key == "key" || entry.key == "client_ca") {
        unsupported(entry, "inline PEM is not supported: put it in a file and use `" + entry.key +
                               "_file`");
      } else if (entry.key == "client_allowed_sans" || entry.key == "cipher_suites" ||
                 entry.key == "curve_preferences") {
        unsupported(entry, entry.key + " is not supported by this exporter");
      } else {
        unknown_key(entry, {"cert_file", "key_file", "client_auth_type", "client_ca_file",
                            "min_version", "max_version", "prefer_server_cipher_suites"});
      }
    }
    if (tls.cert_file.empty() || tls.key_file.empty()) {
      fail(section.line, section.column, "tls_server_config needs both cert_file and key_file");
    }
    if (tls.min_version > tls.max_version) {
      fail(section.line, section.column, "tls_server_config: min_version is above max_version");
    }
    if (tls.client_auth != client_auth_type::none && tls.client_ca_file.empty()) {
      fail(section.line, section.column,
           "client_auth_type needs client_ca_file to verify client certificates");
    }
    if (tls.client_auth == client_auth_type::none && !tls.client_ca_file.empty()) {
      fail(section.line, section.column,
           "client_ca_file is set but client_auth_type is NoClientCert: set client_auth_type "
           "to RequireAndVerifyClientCert (or VerifyClientCertIfGiven)");
    }
    return tls;
  }

  std::vector<basic_auth_user> users(const yaml_entry& section) const {
    if (section.value.type == yaml_node::kind::null) return {};
    expect(section.value, yaml_node::kind::mapping,
           "basic_auth_users needs `user: bcrypt-hash` lines");
    std::vector<basic_auth_user> users;
    for (const yaml_entry& entry : section.value.entries) {
      if (entry.key.find(':') != std::string::npos) {
        fail(entry.line, entry.column, "a basic-auth user name cannot contain ':'");
      }
      // The message names the user, never the value.
      if (entry.value.type != yaml_node::kind::scalar || !is_bcrypt_hash(entry.value.scalar)) {
        fail(entry.value.line, entry.value.column,
             "the password of user \"" + entry.key +
                 "\" must be a bcrypt hash ($2y$10$... made e.g. with htpasswd -nBC 10)");
      }
      users.push_back({entry.key, entry.value.scalar});
    }
    return users;
  }

  std::string http_settings(const yaml_entry& section) const {
    std::string fields;
    if (section.value.type == yaml_node::kind::null) return fields;
    expect(section.value, yaml_node::kind::mapping, "http_server_config needs a mapping");
    for (const yaml_entry& entry : section.value.entries) {
      if (entry.key == "http2") {
        boolean(entry);  // checked, no effect: the exporter speaks HTTP/1.1 only
      } else if (entry.key == "headers") {
        fields = headers(entry);
      } else {
        unknown_key(entry, {"http2", "headers"});
      }
    }
    return fields;
  }

  // exporter-toolkit's allow-list of extra headers, with the values it allows (any when none).
  std::string headers(const yaml_entry& section) const {
    if (section.value.type == yaml_node::kind::null) return {};
    expect(section.value, yaml_node::kind::mapping, "headers needs `Name: value` lines");
    struct allowed {
      std::string_view name;
      std::initializer_list<std::string_view> values;
    };
    static const allowed table[] = {{"Strict-Transport-Security", {}},
                                    {"X-Content-Type-Options", {"nosniff"}},
                                    {"X-Frame-Options", {"deny", "sameorigin"}},
                                    {"X-XSS-Protection", {}},
                                    {"Content-Security-Policy", {}}};
    std::string fields;
    for (const yaml_entry& entry : section.value.entries) {
      const allowed* rule = nullptr;
      for (const allowed& candidate : table) {
        if (candidate.name == entry.key) rule = &candidate;
      }
      if (rule == nullptr) {
        unknown_key(entry, {"Strict-Transport-Security", "X-Content-Type-Options",
                            "X-Frame-Options", "X-XSS-Protection", "Content-Security-Policy"});
      }
      const std::string value =
          entry.value.type == yaml_node::kind::null ? "" : string_value(entry);
      if (value.empty()) continue;  // blank: unset, as exporter-toolkit does
      for (const char c : value) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          fail(entry.value.line, entry.value.column, "control character in a header value");
        }
      }
      bool value_allowed = rule->values.size() == 0;
      for (const std::string_view candidate : rule->values) value_allowed |= candidate == value;
      if (!value_allowed) {
        std::string message = entry.key + " must be one of:";
        for (const std::string_view candidate : rule->values)
          message += " " + std::string(candidate);
        fail(entry.value.line, entry.value.column, message);
      }
      fields += entry.key + ": " + value + "\r\n";
    }
    return fields;
  }

  std::string_view source_;
  std::string directory_;
};

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
