// A callable of one signature with its type erased, owning its copy: what a callback gauge
// keeps, without <functional> in the headers every recording translation unit includes.
#pragma once

#include <concepts>
#include <new>
#include <type_traits>
#include <utility>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// Holds a callable invocable with a `const Argument&`, or nothing. Move-only.
template <class Argument>
class callback {
 public:
  callback() noexcept = default;
  callback(std::nullptr_t) noexcept {}  // NOLINT: implicit, as std::function's

  /// Holds a copy of `function`. May allocate (std::bad_alloc).
  template <class Function>
  requires(!std::same_as<std::remove_cvref_t<Function>, callback> &&
           std::invocable<std::remove_cvref_t<Function>&, const Argument&>)
      callback(Function&& function)  // NOLINT: implicit, as std::function's
      : object_(new std::remove_cvref_t<Function>(std::forward<Function>(function))),
        call_([](void* object, const Argument& argument) {
          (*static_cast<std::remove_cvref_t<Function>*>(object))(argument);
        }),
        destroy_([](void* object) noexcept {
          delete static_cast<std::remove_cvref_t<Function>*>(object);
        }) {}

  callback(callback&& other) noexcept
      : object_(std::exchange(other.object_, nullptr)),
        call_(other.call_),
        destroy_(other.destroy_) {}
  callback& operator=(callback&& other) noexcept {
    callback old(std::move(*this));
    object_ = std::exchange(other.object_, nullptr);
    call_ = other.call_;
    destroy_ = other.destroy_;
    return *this;
  }
  ~callback() {
    if (object_ != nullptr) destroy_(object_);
  }

  explicit operator bool() const noexcept { return object_ != nullptr; }
  /// Calls the callable. Precondition: it holds one.
  void operator()(const Argument& argument) const { call_(object_, argument); }

 private:
  void* object_ = nullptr;
  void (*call_)(void*, const Argument&) = nullptr;
  void (*destroy_)(void*) noexcept = nullptr;
};

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
