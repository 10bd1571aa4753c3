// What a metric update accepts as a number: arithmetic types other than bool and the character
// types, which convert to numbers silently (`inc(true)` would add 1, `set('x')` would set 120).
#pragma once

#include <type_traits>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// The character types.
template <class T>
concept character = std::is_same_v<T, char> || std::is_same_v<T, wchar_t> ||
    std::is_same_v<T, char8_t> || std::is_same_v<T, char16_t> || std::is_same_v<T, char32_t>;

/// bool and the character types: arithmetic in C++, never an amount a metric means. signed
/// char and unsigned char stay amounts: they are std::int8_t and std::uint8_t.
template <class T>
concept not_an_amount = (std::is_same_v<std::remove_cv_t<T>, bool> ||
                         character<std::remove_cv_t<T>>);

/// An arithmetic type that is a number: what the overloads taking amounts accept.
template <class T>
concept amount = std::is_arithmetic_v<T> && !not_an_amount<T>;

/// False, but only once its arguments are known: for a static_assert in a template that must be
/// rejected when it is chosen, with a message saying why. Clang prints the arguments in the
/// error line, so they name the metric and the type given.
template <class...>
inline constexpr bool rejected = false;

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
