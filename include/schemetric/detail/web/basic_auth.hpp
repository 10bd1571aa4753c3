// HTTP basic authentication (RFC 7617) against bcrypt hashes, verified off the I/O thread.
#pragma once

#include <crypt.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "schemetric/config.hpp"
#include "schemetric/detail/http/authenticator.hpp"
#include "schemetric/detail/http/request.hpp"
#include "schemetric/detail/web/web_config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// Decoded `user:password` of an Authorization field, in a fixed buffer that is wiped when it
/// goes away. Empty (valid() false) when the field is absent, not Basic, not strict base64,
/// has no colon, or the password is longer than bcrypt's 72 bytes (bcrypt would silently
/// compare a prefix only; Go's bcrypt refuses such passwords too).
class basic_credentials {
 public:
  static constexpr std::size_t max_bytes = 512;
  static constexpr std::size_t max_password_bytes = 72;

  explicit basic_credentials(std::string_view authorization) noexcept {
    // RFC 7617 §2: "Basic" (any case), one or more spaces, token68.
    if (authorization.size() < 6 || !iequals(authorization.substr(0, 5), "basic") ||
        authorization[5] != ' ') {
      return;
    }
    std::string_view encoded = authorization.substr(6);
    while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
    if (!decode(encoded)) {
      wipe();
      return;
    }
    const std::string_view all(bytes_.data(), size_);
    const std::size_t colon = all.find(':');
    if (colon == std::string_view::npos || all.size() - colon - 1 > max_password_bytes) {
      wipe();
      return;
    }
    colon_ = colon;
    valid_ = true;
  }
  ~basic_credentials() { wipe(); }
  basic_credentials(const basic_credentials&) = delete;
  basic_credentials& operator=(const basic_credentials&) = delete;

  bool valid() const noexcept { return valid_; }
  std::string_view user() const noexcept { return {bytes_.data(), colon_}; }
  /// NUL-terminated (for crypt_rn).
  const char* password() const noexcept { return bytes_.data() + colon_ + 1; }
  /// `user:password` as sent (the cache key's input).
  std::string_view both() const noexcept { return {bytes_.data(), size_}; }

 private:
  bool decode(std::string_view text) noexcept {
    if (text.empty() || text.size() % 4 != 0 || text.size() / 4 * 3 > max_bytes) return false;
    const auto value = [](char c) -> int {
      if (c >= 'A' && c <= 'Z') return c - 'A';
      if (c >= 'a' && c <= 'z') return c - 'a' + 26;
      if (c >= '0' && c <= '9') return c - '0' + 52;
      if (c == '+') return 62;
      if (c == '/') return 63;
      return -1;
    };
    for (std::size_t i = 0; i < text.size(); i += 4) {
      const bool last = i + 4 == text.size();
      const int padding = last ? (text[i + 3] == '=') + (text[i + 2] == '=') : 0;
      if (padding == 1 && text[i + 2] == '=') return false;  // "x=" before a non-'=' char
      int quad[4];
      for (int k = 0; k < 4 - padding; ++k) {
        quad[k] = value(text[i + static_cast<std::size_t>(k)]);
        if (quad[k] < 0) return false;
      }
      for (int k = 4 - padding; k < 4; ++k) quad[k] = 0;
      const unsigned triple =
          (static_cast<unsigned>(quad[0]) << 18) | (static_cast<unsigned>(quad[1]) << 12) |
          (static_cast<unsigned>(quad[2]) << 6) | static_cast<unsigned>(quad[3]);
      const char out[3] = {static_cast<char>(triple >> 16), static_cast<char>(triple >> 8),
                           static_cast<char>(triple)};
      for (int k = 0; k < 3 - padding; ++k) {
        if (out[k] == '\0') return false;  // no NUL inside credentials
        bytes_[size_++] = out[k];
      }
    }
    bytes_[size_] = '\0';
    return true;
  }

  void wipe() noexcept {
    OPENSSL_cleanse(bytes_.data(), bytes_.size());
    size_ = 0;
    colon_ = 0;
    valid_ = false;
  }

  std::array<char, max_bytes + 1> bytes_{};
  std::size_t size_ = 0;
  std::size_t colon_ = 0;
  bool valid_ = false;
};

/// Basic authentication against `basic_auth_users` (bcrypt hashes, checked with libxcrypt's
/// crypt_rn, which implements $2a$, $2b$ and $2y$).
///
/// - Verification costs what the hash's cost factor says (about 50 ms at cost 10 here), so it
///   runs on one thread of its own, one at a time, with at most `max_waiting` verifications
///   queued; beyond that verify() refuses (the exporter answers 503), so a flood of guesses
///   costs one core at most and never blocks scrapes on the exporter's thread.
/// - A successful verification is remembered for `remember_for` after its last use, keyed by
///   an HMAC-SHA-256 of `user:password` under a random key made at start (no password is
///   kept): a scraper pays for bcrypt once, not per scrape, and still gets in while someone
///   floods wrong passwords. At most `cache_size` pairs are remembered (the oldest go first).
/// - An unknown user is checked against a dummy hash of the same cost, and hashes and user
///   names are compared in constant time, so timing tells nothing about which users exist.
/// - Nothing here logs or formats a password or a hash.
/// Thread safety: check() and verify() from the exporter's handlers; the cache has its own
/// lock. Lifetime: stop() (or the destructor) joins the thread; `done` callbacks of dropped
/// verifications are destroyed without being called.
class basic_auth final : public http_authenticator {
 public:
  static constexpr std::size_t max_waiting = 8;
  static constexpr std::size_t cache_size = 16;
  static constexpr std::chrono::minutes remember_for{5};

  /// `users` must be non-empty with valid bcrypt hashes (web_config_reader checks both).
  /// Failure: std::runtime_error when no random key can be made; std::system_error when the
  /// thread cannot start.
  explicit basic_auth(std::vector<basic_auth_user> users, std::string realm = "metrics")
      : users_(std::move(users)), realm_(std::move(realm)) {
    if (users_.empty()) throw std::invalid_argument("basic_auth needs at least one user");
    if (RAND_bytes(cache_key_.data(), static_cast<int>(cache_key_.size())) != 1) {
      throw std::runtime_error("basic_auth: no random bytes for the credential cache key");
    }
    // A well-formed hash that no password matches, with the highest cost among the users so
    // that an unknown user takes as long as a known one.
    std::string cost = users_.front().bcrypt_hash.substr(4, 2);
    for (const basic_auth_user& user : users_) cost = std::max(cost, user.bcrypt_hash.substr(4, 2));
    dummy_hash_ = "$2b$" + cost + "$" + std::string(53, 'O');
    worker_ = std::thread([this] { run(); });
  }
  ~basic_auth() override { stop(); }
  basic_auth(const basic_auth&) = delete;
  basic_auth& operator=(const basic_auth&) = delete;

  verdict check(std::string_view authorization) noexcept override {
    const basic_credentials credentials(authorization);
    if (!credentials.valid()) return verdict::deny;
    digest key;
    if (!hmac(credentials.both(), key)) return verdict::verify;
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    for (cache_entry& entry : cache_) {
      if (entry.used && now - entry.last_use < remember_for &&
          CRYPTO_memcmp(entry.key.data(), key.data(), key.size()) == 0) {
        entry.last_use = now;
        return verdict::allow;
      }
    }
    return verdict::verify;
  }

  bool verify(std::string_view authorization, std::function<void(bool)> done) override {
    auto credentials = std::make_unique<basic_credentials>(authorization);
    if (!credentials->valid()) return false;
    std::lock_guard lock(mutex_);
    if (stopping_ || waiting_.size() >= max_waiting) return false;
    waiting_.push_back({std::move(credentials), std::move(done)});
    wake_.notify_one();
    return true;
  }

  std::string_view realm() const noexcept override { return realm_; }

  void stop() noexcept override {
    std::deque<job> dropped;
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      dropped.swap(waiting_);
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
  }

 private:
  using digest = std::array<unsigned char, 32>;

  struct job {
    std::unique_ptr<basic_credentials> credentials;
    std::function<void(bool)> done;
  };

  struct cache_entry {
    digest key{};
    std::chrono::steady_clock::time_point last_use;
    bool used = false;
  };

  bool hmac(std::string_view data, digest& out) const noexcept {
    unsigned int length = 0;
    return HMAC(EVP_sha256(), cache_key_.data(), static_cast<int>(cache_key_.size()),
                reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(),
                &length) != nullptr &&
           length == out.size();
  }

  static bool same(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
  }

  void run() {
    // crypt_rn's work area is about 32 KiB: one for this thread, wiped after each use.
    const auto data = std::make_unique<crypt_data>();
    for (;;) {
      job next;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
        if (stopping_) return;
        next = std::move(waiting_.front());
        waiting_.pop_front();
      }
      const bool allowed = check_password(*next.credentials, *data);
      if (allowed) remember(next.credentials->both());
      next.credentials.reset();
      try {
        next.done(allowed);
      } catch (...) {
        // The callback only posts to the exporter's executor; if that fails (std::bad_alloc)
        // the connection times out on its own.
      }
    }
  }

  bool check_password(const basic_credentials& credentials, crypt_data& data) const noexcept {
    // Every user is compared, and an unknown one is hashed too, so neither the comparison
    // nor the bcrypt time depends on whether the user exists.
    const std::string* hash = &dummy_hash_;
    bool known = false;
    for (const basic_auth_user& user : users_) {
      const bool match = same(user.name, credentials.user());
      hash = match ? &user.bcrypt_hash : hash;
      known = known || match;
    }
    std::memset(&data, 0, sizeof data);
    const char* computed = crypt_rn(credentials.password(), hash->c_str(), &data, sizeof data);
    const bool matches = computed != nullptr && same(computed, *hash);
    OPENSSL_cleanse(&data, sizeof data);
    return known && matches;
  }

  void remember(std::string_view both) noexcept {
    digest key;
    if (!hmac(both, key)) return;
    std::lock_guard lock(mutex_);
    cache_entry* slot = &cache_.front();
    for (cache_entry& entry : cache_) {
      if (!entry.used) {
        slot = &entry;
        break;
      }
      if (entry.last_use < slot->last_use) slot = &entry;
    }
    *slot = {key, std::chrono::steady_clock::now(), true};
  }

  const std::vector<basic_auth_user> users_;
  const std::string realm_;
  std::string dummy_hash_;
  std::array<unsigned char, 32> cache_key_{};
  std::mutex mutex_;  // guards the members below
  std::condition_variable wake_;
  std::deque<job> waiting_;
  std::array<cache_entry, cache_size> cache_{};
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
