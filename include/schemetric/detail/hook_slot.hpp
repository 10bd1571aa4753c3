// A process-wide slot for an object the application installs and the library calls from any
// thread (the error reporter, the event log): replacing it waits for the calls in progress, so
// the object replaced may be destroyed as soon as the replacement returns.
#pragma once

#include <atomic>
#include <cstdint>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// Holds a `Hook*` (null: none installed). One slot per `Hook` type (a thread's count of its
/// own calls in progress is kept per type). constinit-able, trivially destructible: usable by
/// threads that outlive static destruction.
///
/// Why a count of calls rather than a reference count per object: the caller loads the
/// pointer and uses it, and nothing may free the object between the two; counting the calls
/// on the slot (incremented before the load, seq_cst like the exchange) lets exchange() know
/// when no caller can still hold the old pointer.
template <class Hook>
class hook_slot {
 public:
  constexpr hook_slot() noexcept = default;

  /// Installs `hook` (null: none) and returns the previous one, after every call that may
  /// have read the previous one has returned. Called from inside a call of this slot, it
  /// waits for the other threads' calls only. Other threads' calls that keep starting may
  /// delay it; it does not wait for calls that start after the exchange (they read `hook`).
  Hook* exchange(Hook* hook) noexcept {
    Hook* previous = hook_.exchange(hook, std::memory_order_seq_cst);
    for (std::uint32_t calls = calls_in_progress_.load(std::memory_order_seq_cst);
         calls > own_calls; calls = calls_in_progress_.load(std::memory_order_seq_cst)) {
      calls_in_progress_.wait(calls, std::memory_order_seq_cst);
    }
    return previous;
  }

  /// Whether `hook` is the one installed now (for assertions).
  bool holds(const Hook* hook) const noexcept {
    return hook_.load(std::memory_order_relaxed) == hook;
  }

  /// Whether a hook is installed now (a hint: it may change right after).
  bool installed() const noexcept { return hook_.load(std::memory_order_relaxed) != nullptr; }

  /// Calls `call(hook)` with the installed hook, if any; the hook stays alive during the
  /// call (see exchange). Returns whether there was one.
  template <class Call>
  bool with_hook(Call&& call) {
    if (!installed()) return false;  // spares the shared count when nothing is installed
    calls_in_progress_.fetch_add(1, std::memory_order_seq_cst);
    ++own_calls;
    struct end_of_call {
      hook_slot& slot;
      ~end_of_call() {
        --own_calls;
        slot.calls_in_progress_.fetch_sub(1, std::memory_order_release);
        slot.calls_in_progress_.notify_all();  // a waiting exchange() (cheap when none waits)
      }
    } end{*this};
    Hook* hook = hook_.load(std::memory_order_seq_cst);
    if (hook == nullptr) return false;
    call(*hook);
    return true;
  }

 private:
  std::atomic<Hook*> hook_{nullptr};
  std::atomic<std::uint32_t> calls_in_progress_{0};
  // The calling thread's calls of this slot in progress (a hook that replaces itself).
  static inline thread_local std::uint32_t own_calls = 0;
};

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
