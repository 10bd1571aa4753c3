// The exporter's hook for checking credentials; basic auth implements it in the
// schemetric::exporter_tls target, so the core carries no password hashing.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// Decides whether a request's credentials allow it. A connection calls check() with the
/// value of the request's Authorization field (empty when there is none); when that cannot
/// decide at once (a password hash must be computed), verify() does it off the exporter's
/// thread.
/// Thread safety: check() and verify() are called under the listener's lock; `done` runs on
/// the authenticator's own thread and must only post work back (it must not lock the listener,
/// which stop() may hold while it waits for that thread).
class http_authenticator {
 public:
  enum class verdict : std::uint8_t { allow, deny, verify };

  virtual ~http_authenticator() = default;

  /// allow or deny when it can decide now (no or malformed credentials, a recently verified
  /// password), else verify. Never throws.
  virtual verdict check(std::string_view authorization) noexcept = 0;

  /// Queues a verification and returns true; `done(allowed)` is then called exactly once, on
  /// another thread, unless stop() dropped it. Returns false, and never calls `done`, when too
  /// many verifications wait already (the caller answers 503). May throw std::bad_alloc.
  virtual bool verify(std::string_view authorization, std::function<void(bool)> done) = 0;

  /// The realm named in `WWW-Authenticate: Basic realm="..."`.
  virtual std::string_view realm() const noexcept = 0;

  /// Drops queued verifications and waits for the one in progress. Idempotent.
  virtual void stop() noexcept = 0;
};

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
