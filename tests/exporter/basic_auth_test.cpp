// Tests of basic authentication (detail/web/basic_auth.hpp): credential parsing, bcrypt
// verification on the authenticator's thread, the cache of successes and the queue bound.
#include "schemetric/detail/web/basic_auth.hpp"

#include <crypt.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;
using schemetric::detail::basic_auth;
using schemetric::detail::basic_credentials;
using verdict = schemetric::detail::http_authenticator::verdict;

// A bcrypt hash of `password` at the lowest cost (4), made with libxcrypt as htpasswd would.
std::string bcrypt(const char* password, const char* prefix = "$2y$") {
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  EXPECT_NE(crypt_gensalt_rn("$2b$", 4, nullptr, 0, setting, sizeof setting), nullptr);
  crypt_data data{};
  std::string hash = crypt_rn(password, setting, &data, sizeof data);
  hash.replace(0, 4, prefix);  // $2a$, $2b$ and $2y$ hash alike
  return hash;
}

// "Basic " + base64(text)
std::string basic(const std::string& text) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out = "Basic ";
  for (std::size_t i = 0; i < text.size(); i += 3) {
    const std::size_t left = text.size() - i;
    unsigned value = static_cast<unsigned char>(text[i]) << 16;
    if (left > 1) value |= static_cast<unsigned char>(text[i + 1]) << 8;
    if (left > 2) value |= static_cast<unsigned char>(text[i + 2]);
    out += alphabet[(value >> 18) & 63];
    out += alphabet[(value >> 12) & 63];
    out += left > 1 ? alphabet[(value >> 6) & 63] : '=';
    out += left > 2 ? alphabet[value & 63] : '=';
  }
  return out;
}

// Runs one verification and waits for its answer (bounded).
bool verified(basic_auth& auth, const std::string& authorization) {
  std::promise<bool> answer;
  auto future = answer.get_future();
  EXPECT_TRUE(auth.verify(authorization, [&answer](bool allowed) { answer.set_value(allowed); }));
  EXPECT_EQ(future.wait_for(30s), std::future_status::ready);
  return future.get();
}

TEST(basic_credentials, parses_rfc_7617_and_rejects_the_rest) {
  const basic_credentials good(basic("alice:pa:ss word"));
  ASSERT_TRUE(good.valid());
  EXPECT_EQ(good.user(), "alice");
  EXPECT_STREQ(good.password(), "pa:ss word");  // the first colon splits
  EXPECT_TRUE(basic_credentials("bAsIc   " + basic("a:b").substr(6)).valid());
  EXPECT_TRUE(basic_credentials(basic(":")).valid());  // empty user and password: parseable
  EXPECT_FALSE(basic_credentials("").valid());
  EXPECT_FALSE(basic_credentials("Bearer abc").valid());
  EXPECT_FALSE(basic_credentials("Basic").valid());
  EXPECT_FALSE(basic_credentials(basic("no colon")).valid());
  EXPECT_FALSE(basic_credentials("Basic YWxpY2U6c2VjcmV").valid());  // not a multiple of 4
  EXPECT_FALSE(basic_credentials("Basic YWxp!2U6c2VjcmV0").valid());
  EXPECT_FALSE(basic_credentials("Basic YQ=b").valid());
  EXPECT_FALSE(basic_credentials(basic(std::string("a:b\0c", 5))).valid());
  EXPECT_FALSE(basic_credentials(basic("a:" + std::string(73, 'x'))).valid());  // bcrypt's 72
  EXPECT_TRUE(basic_credentials(basic("a:" + std::string(72, 'x'))).valid());
  EXPECT_FALSE(basic_credentials(basic(std::string(600, 'u') + ":p")).valid());
}

TEST(basic_auth, right_password_allowed_then_remembered) {
  basic_auth auth({{"alice", bcrypt("s3cret")}, {"bob", bcrypt("other", "$2a$")}});
  EXPECT_EQ(auth.realm(), "metrics");
  EXPECT_EQ(auth.check(""), verdict::deny);
  EXPECT_EQ(auth.check("Basic !!!!"), verdict::deny);
  EXPECT_EQ(auth.check(basic("alice:s3cret")), verdict::verify);
  EXPECT_TRUE(verified(auth, basic("alice:s3cret")));
  // Remembered: no second bcrypt for the same pair; another password is not.
  EXPECT_EQ(auth.check(basic("alice:s3cret")), verdict::allow);
  EXPECT_EQ(auth.check(basic("alice:s3cret ")), verdict::verify);
  EXPECT_TRUE(verified(auth, basic("bob:other")));
}

TEST(basic_auth, wrong_password_unknown_user_and_other_users_password_are_refused) {
  basic_auth auth({{"alice", bcrypt("s3cret")}, {"bob", bcrypt("other", "$2b$")}});
  EXPECT_FALSE(verified(auth, basic("alice:wrong")));
  EXPECT_FALSE(verified(auth, basic("mallory:s3cret")));
  EXPECT_FALSE(verified(auth, basic("alice:other")));
  EXPECT_FALSE(verified(auth, basic("ALICE:s3cret")));
  EXPECT_EQ(auth.check(basic("alice:wrong")), verdict::verify);  // failures are not remembered
}

TEST(basic_auth, the_queue_is_bounded_and_stop_drops_what_waits) {
  // Cost 12 makes each check take long enough for the queue to fill.
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  ASSERT_NE(crypt_gensalt_rn("$2b$", 12, nullptr, 0, setting, sizeof setting), nullptr);
  crypt_data data{};
  basic_auth auth({{"alice", crypt_rn("pw", setting, &data, sizeof data)}});
  std::atomic<int> answers{0};
  int queued = 0;
  for (std::size_t i = 0; i < basic_auth::max_waiting + 5; ++i) {
    if (auth.verify(basic("alice:guess" + std::to_string(i)), [&](bool) { ++answers; })) ++queued;
  }
  // One may already be taken off the queue by the thread, so max_waiting or one more fit.
  EXPECT_GE(queued, static_cast<int>(basic_auth::max_waiting));
  EXPECT_LE(queued, static_cast<int>(basic_auth::max_waiting) + 1);
  auth.stop();  // waits for the check in progress only
  EXPECT_LT(answers.load(), queued);
  EXPECT_FALSE(auth.verify(basic("alice:pw"), [](bool) {}));  // stopped: refuses
}

}  // namespace
