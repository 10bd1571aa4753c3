// Tests of the web config reader (detail/web/web_config.hpp) and the YAML subset under it
// (detail/web/yaml_subset.hpp): what is read, and that everything else is a positioned error.
#include "schemetric/detail/web/web_config.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using schemetric::detail::client_auth_type;
using schemetric::detail::config_error;
using schemetric::detail::tls_version;
using schemetric::detail::web_config;
using schemetric::detail::web_config_reader;
using schemetric::detail::yaml_node;
using schemetric::detail::yaml_subset_reader;

constexpr const char* hash = "$2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG";

web_config parse(const std::string& text) {
  return web_config_reader::parse(text, "web.yml", "/etc/app/");
}

// The error message of parsing `text`, or "" when it parsed.
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const config_error& error) {
    return error.what();
  }
  return "";
}

TEST(yaml_subset, mappings_sequences_and_scalars) {
  const yaml_node root = yaml_subset_reader::read(
      "---\n"
      "# comment\n"
      "a: plain value  # trailing comment\n"
      "b:\n"
      "  c: 'it''s'\n"
      "  d: \"q\\\"\\\\ #x\"\n"
      "e:\n"
      "- one\n"
      "- \"two\"\n"
      "f: [x, 'y', \"z\"]\n"
      "g:\n"
      "h: ~\n",
      "t.yml");
  ASSERT_EQ(root.type, yaml_node::kind::mapping);
  ASSERT_EQ(root.entries.size(), 6u);
  EXPECT_EQ(root.entries[0].value.scalar, "plain value");
  EXPECT_EQ(root.entries[1].value.entries[0].value.scalar, "it's");
  EXPECT_EQ(root.entries[1].value.entries[1].value.scalar, "q\"\\ #x");
  EXPECT_TRUE(root.entries[1].value.entries[1].value.quoted);
  ASSERT_EQ(root.entries[2].value.items.size(), 2u);
  EXPECT_EQ(root.entries[2].value.items[1].scalar, "two");
  ASSERT_EQ(root.entries[3].value.items.size(), 3u);
  EXPECT_EQ(root.entries[3].value.items[2].scalar, "z");
  EXPECT_EQ(root.entries[4].value.type, yaml_node::kind::null);
  EXPECT_EQ(root.entries[5].value.type, yaml_node::kind::null);
  EXPECT_EQ(root.entries[1].value.entries[0].line, 5u);
  EXPECT_EQ(root.entries[1].value.entries[0].column, 3u);
}

TEST(yaml_subset, everything_outside_the_subset_is_a_positioned_error) {
  const auto error = [](const char* text) -> std::string {
    try {
      yaml_subset_reader::read(text, "t.yml");
    } catch (const config_error& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_EQ(error("a:\n\tb: 1\n"), "t.yml:2:1: tab character in indentation: indent with spaces");
  EXPECT_NE(error("a: &anchor x\n").find("t.yml:1:4: anchors"), std::string::npos);
  EXPECT_NE(error("a: *alias\n").find("anchors and aliases"), std::string::npos);
  EXPECT_NE(error("a: !tag x\n").find("tags"), std::string::npos);
  EXPECT_NE(error("a: |\n  text\n").find("block scalars"), std::string::npos);
  EXPECT_NE(error("a: {b: c}\n").find("flow mappings"), std::string::npos);
  EXPECT_NE(error("a: b\n  continued\n").find("t.yml:2:3: unexpected indentation"),
            std::string::npos);
  EXPECT_NE(error("a: 1\na: 2\n").find("t.yml:2:1: duplicate key \"a\" (first at line 1)"),
            std::string::npos);
  EXPECT_NE(error("a:\n- b: c\n").find("mapping inside a sequence"), std::string::npos);
  EXPECT_NE(error("a: 1\n---\nb: 2\n").find("second document"), std::string::npos);
  EXPECT_NE(error("a: \"open\n").find("not closed"), std::string::npos);
  EXPECT_NE(error("a: [x, y\n").find("not closed"), std::string::npos);
  EXPECT_NE(error("a: \"\\q\"\n").find("unsupported escape"), std::string::npos);
  EXPECT_NE(error("a: b: c\n").find("must be quoted"), std::string::npos);
  EXPECT_NE(error("just text\n").find("expected `key: value`"), std::string::npos);
}

TEST(web_config, empty_file_means_plain_http) {
  const web_config config = parse("# nothing configured\n");
  EXPECT_FALSE(config.tls);
  EXPECT_TRUE(config.users.empty());
  EXPECT_TRUE(config.response_fields.empty());
}

TEST(web_config, the_documented_example_reads) {
  const web_config config = parse(std::string("tls_server_config:\n"
                                              "  cert_file: server.crt\n"
                                              "  key_file: /keys/server.key\n"
                                              "  min_version: TLS13\n"
                                              "  client_auth_type: RequireAndVerifyClientCert\n"
                                              "  client_ca_file: ca.crt\n"
                                              "  prefer_server_cipher_suites: false\n"
                                              "basic_auth_users:\n"
                                              "  prometheus: ") +
                                  hash +
                                  "\n"
                                  "  'second user': \"" +
                                  hash +
                                  "\"\n"
                                  "http_server_config:\n"
                                  "  http2: true\n"
                                  "  headers:\n"
                                  "    X-Frame-Options: deny\n"
                                  "    Strict-Transport-Security: max-age=31536000\n"
                                  "    X-XSS-Protection:\n");
  ASSERT_TRUE(config.tls);
  EXPECT_EQ(config.tls->cert_file, "/etc/app/server.crt");  // relative to the config file
  EXPECT_EQ(config.tls->key_file, "/keys/server.key");
  EXPECT_EQ(config.tls->client_ca_file, "/etc/app/ca.crt");
  EXPECT_EQ(config.tls->client_auth, client_auth_type::require_and_verify);
  EXPECT_EQ(config.tls->min_version, tls_version::tls13);
  EXPECT_EQ(config.tls->max_version, tls_version::tls13);
  EXPECT_FALSE(config.tls->prefer_server_cipher_suites);
  ASSERT_EQ(config.users.size(), 2u);
  EXPECT_EQ(config.users[0].name, "prometheus");
  EXPECT_EQ(config.users[0].bcrypt_hash, hash);
  EXPECT_EQ(config.users[1].name, "second user");
  EXPECT_EQ(config.response_fields,
            "X-Frame-Options: deny\r\nStrict-Transport-Security: max-age=31536000\r\n");
}

TEST(web_config, defaults_of_tls_server_config) {
  const web_config config = parse("tls_server_config:\n  cert_file: a\n  key_file: b\n");
  ASSERT_TRUE(config.tls);
  EXPECT_EQ(config.tls->min_version, tls_version::tls12);
  EXPECT_EQ(config.tls->max_version, tls_version::tls13);
  EXPECT_EQ(config.tls->client_auth, client_auth_type::none);
  EXPECT_TRUE(config.tls->prefer_server_cipher_suites);
}

TEST(web_config, settings_it_cannot_honour_are_errors_not_ignored) {
  const std::string tls = "tls_server_config:\n  cert_file: a\n  key_file: b\n";
  EXPECT_NE(error_of(tls + "  cipher_suites: [TLS_AES_128_GCM_SHA256]\n").find("web.yml:4:3: "),
            std::string::npos);
  EXPECT_NE(error_of(tls + "  client_allowed_sans: [x]\n").find("not supported"),
            std::string::npos);
  EXPECT_NE(error_of(tls + "  curve_preferences: [X25519]\n").find("not supported"),
            std::string::npos);
  EXPECT_NE(error_of(tls + "  cert: PEM\n").find("use `cert_file`"), std::string::npos);
  EXPECT_NE(error_of(tls + "  client_auth_type: RequireAnyClientCert\n")
                .find("accepts any client certificate"),
            std::string::npos);
  EXPECT_NE(error_of(tls + "  client_auth_type: RequireAndVerifyClientCert\n")
                .find("needs client_ca_file"),
            std::string::npos);
  EXPECT_NE(error_of(tls + "  client_ca_file: ca\n").find("client_auth_type is NoClientCert"),
            std::string::npos);
  EXPECT_NE(error_of(tls + "  min_version: TLS13\n  max_version: TLS12\n")
                .find("min_version is above max_version"),
            std::string::npos);
  EXPECT_NE(error_of(tls + "  min_version: SSL3\n").find("TLS10, TLS11, TLS12, TLS13"),
            std::string::npos);
  EXPECT_NE(error_of("tls_server_config:\n  cert_file: a\n").find("both cert_file and key_file"),
            std::string::npos);
  EXPECT_NE(error_of("rate_limit:\n  interval: 1s\n").find("rate_limit is not supported"),
            std::string::npos);
  EXPECT_NE(error_of("tls_config:\n  cert_file: a\n").find("unknown key `tls_config`"),
            std::string::npos);
  EXPECT_NE(error_of("http_server_config:\n  headers:\n    X-Frame-Options: allow\n")
                .find("X-Frame-Options must be one of: deny sameorigin"),
            std::string::npos);
  EXPECT_NE(error_of("http_server_config:\n  headers:\n    Server: x\n").find("unknown key"),
            std::string::npos);
  EXPECT_NE(error_of("http_server_config:\n  http2: yes please\n").find("true or false"),
            std::string::npos);
}

TEST(web_config, a_password_that_is_not_bcrypt_is_refused_without_quoting_it) {
  const std::string message = error_of("basic_auth_users:\n  alice: secret-in-clear\n");
  EXPECT_EQ(message,
            "web.yml:2:10: the password of user \"alice\" must be a bcrypt hash ($2y$10$... made "
            "e.g. with htpasswd -nBC 10)");
  EXPECT_EQ(message.find("secret-in-clear"), std::string::npos);
  // A SHA-512 crypt hash is not bcrypt either, nor is a bcrypt hash with a bad cost.
  EXPECT_NE(error_of("basic_auth_users:\n  a: $6$salt$abcdefghijklmnopqrstuvwxyz\n"), "");
  std::string bad_cost = hash;
  bad_cost[4] = '3';
  bad_cost[5] = '2';
  EXPECT_NE(error_of("basic_auth_users:\n  a: " + bad_cost + "\n"), "");
  EXPECT_NE(error_of(std::string("basic_auth_users:\n  'a:b': ") + hash + "\n").find("':'"),
            std::string::npos);
}

TEST(web_config, bcrypt_hash_shapes) {
  EXPECT_TRUE(web_config_reader::is_bcrypt_hash(hash));
  EXPECT_TRUE(web_config_reader::is_bcrypt_hash(
      "$2b$04$abcdefghijklmnopqrstuu5pX4mVZZ2fUyEVSCIwFvT0vLH8fmKO2"));
  EXPECT_FALSE(web_config_reader::is_bcrypt_hash(""));
  EXPECT_FALSE(web_config_reader::is_bcrypt_hash(std::string(hash).substr(0, 59)));
  EXPECT_FALSE(web_config_reader::is_bcrypt_hash(
      "$2x$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG"));
  EXPECT_FALSE(web_config_reader::is_bcrypt_hash(
      "$2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7z!"));
}

TEST(web_config, a_missing_file_names_the_file) {
  try {
    web_config_reader::load("/nonexistent/web.yml");
    FAIL() << "no error";
  } catch (const config_error& error) {
    EXPECT_STREQ(error.what(), "/nonexistent/web.yml: cannot open the web config file");
  }
}

}  // namespace
