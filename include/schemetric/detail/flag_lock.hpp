// A mutex made of one atomic flag, for short critical sections off the hot path.
#pragma once

#include <atomic>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// A mutex of one byte whose waiters sleep on the flag (C++20 atomic wait), for short
/// critical sections off the hot path. It needs only <atomic>, which every recording header
/// includes anyway (std::mutex would add <mutex> to them). Not recursive.
class flag_lock {
 public:
  void lock() noexcept {
    while (flag_.test_and_set(std::memory_order_acquire))
      flag_.wait(true, std::memory_order_relaxed);
  }
  void unlock() noexcept {
    flag_.clear(std::memory_order_release);
    flag_.notify_one();
  }

  /// Holds the lock for its lifetime.
  class guard {
   public:
    explicit guard(flag_lock& lock) noexcept : lock_(lock) { lock_.lock(); }
    guard(const guard&) = delete;
    guard& operator=(const guard&) = delete;
    ~guard() { lock_.unlock(); }

   private:
    flag_lock& lock_;
  };

 private:
  std::atomic_flag flag_;  // clear (C++20 value-initializes it)
};

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
