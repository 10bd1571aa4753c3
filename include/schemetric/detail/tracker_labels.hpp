// How a tracker builds the labels of each metric it updates: from the labels it was started
// with and what it decided about the operation (outcome, error category, token type).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

#include "schemetric/config.hpp"
#include "schemetric/detail/generated.hpp"
#include "schemetric/error_classifier.hpp"
#include "schemetric/label.hpp"
#include "schemetric/status.hpp"
#include "schemetric/tracker_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// The index of the value spelled `text` in the closed set `E`; the set's size if none.
template <closed_label_enum E>
constexpr std::size_t value_index(std::string_view text) noexcept {
  constexpr auto values = schemetric_label_values(E{});
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] == text) return i;
  }
  return values.size();
}

/// The position of the member named `name` in `Labels`, or npos.
template <class Labels>
constexpr std::size_t member_position(std::string_view name) noexcept {
  const auto& names = label_struct<Labels>::names;
  for (std::size_t position = 0; position < names.size(); ++position) {
    if (names[position] == name) return position;
  }
  return static_cast<std::size_t>(-1);
}

/// The argument number `Position`.
template <std::size_t Position, class First, class... Rest>
constexpr const auto& pick(const First& first, const Rest&... rest) noexcept {
  if constexpr (Position == 0) {
    return first;
  } else {
    return pick<Position - 1>(rest...);
  }
}

/// Member number `Position` of `labels`.
template <std::size_t Position, class Labels>
constexpr const auto& member_at(const Labels& labels) noexcept {
  return label_struct<Labels>::apply(
      labels, [](const auto&... member) -> const auto& { return pick<Position>(member...); });
}

/// The outcome of a non-HTTP operation, one of the values its outcome label must have.
enum class tracker_outcome : std::uint8_t { success, error, hit, miss };

/// The index in `E` of each tracker_outcome's value (the set's size where absent), computed
/// at compile time so that ending a tracker does not compare strings.
template <closed_label_enum E>
inline constexpr std::array<std::size_t, 4> outcome_indexes{
    value_index<E>("success"), value_index<E>("error"), value_index<E>("hit"),
    value_index<E>("miss")};

/// The error category of a tracker_result that was given none: recorded as `other`.
inline constexpr std::size_t no_category = static_cast<std::size_t>(-1);

/// What a tracker decided about the operation when it ends.
struct tracker_result {
  tracker_outcome outcome;  // db, ai, integration, mcp, cache
  int status_code;          // http: the status
  std::size_t category;     // when the operation failed: the error label's index, or no_category
  bool failed;
};

/// What a tracker of kind `kind` records unless told otherwise: http 200, cache a miss, the
/// others success.
constexpr tracker_result initial_tracker_result(tracker_kind kind) noexcept {
  switch (kind) {
    case tracker_kind::http:
      return {{}, 200, no_category, false};
    case tracker_kind::cache:
      return {tracker_outcome::miss, 0, no_category, false};
    default:
      return {tracker_outcome::success, 0, no_category, false};
  }
}

/// The value of member `Position` (of type `Member`) of the label struct `Target` of a metric
/// a tracker with descriptor `Desc` updates: the outcome, the error category or the token type
/// when the member is the tracker's label for it, otherwise the start label of the same name.
template <class Desc, class Target, std::size_t Position, class Member>
Member label_for(const typename Desc::labels& start, const tracker_result& result,
                 std::string_view token_type) noexcept {
  constexpr std::string_view label_name = label_struct<Target>::names[Position];
  if constexpr (label_name == Desc::outcome_label) {
    using E = typename Member::value_type;
    if constexpr (Desc::kind == tracker_kind::http) {
      if constexpr (requires { schemetric_status_codes(E{}); }) {
        return Member(status_code_of<E>(result.status_code));
      } else {
        return Member(status_class_of<E>(result.status_code));
      }
    } else {
      return Member(static_cast<E>(outcome_indexes<E>[static_cast<std::size_t>(result.outcome)]));
    }
  } else if constexpr (label_name == Desc::error_label) {
    using E = typename Member::value_type;
    constexpr E other = label_value_or_other<E>("other");
    return Member(result.category == no_category ? other : static_cast<E>(result.category));
  } else if constexpr (label_name == Desc::token_label) {
    using E = typename Member::value_type;
    return Member(static_cast<E>(value_index<E>(token_type)));
  } else {
    constexpr std::size_t position = member_position<typename Desc::labels>(label_name);
    static_assert(position != static_cast<std::size_t>(-1),
                  "a metric of this tracker has a label the tracker does not set");
    return member_at<position>(start);
  }
}

/// The labels of a metric a tracker updates, built from the tracker's start labels and
/// its result.
template <class Desc, class Family>
typename Family::labels_type labels_for(const typename Desc::labels& start,
                                        const tracker_result& result,
                                        std::string_view token_type = {}) noexcept {
  using target = typename Family::labels_type;
  return [&]<class... Member, std::size_t... Position>(type_list<Member...>,
                                                       std::index_sequence<Position...>) {
    return target{label_for<Desc, target, Position, Member>(start, result, token_type)...};
  }(typename label_struct<target>::types{}, std::make_index_sequence<label_struct<target>::size>{});
}

template <auto Role>
inline constexpr bool has_role = !std::is_null_pointer_v<decltype(Role)>;

/// The type of a tracker's error category where it has no error label.
enum class no_error_label {};

/// The enum of the error label of the tracker `Desc` (no_error_label if it has none).
template <class Desc>
struct error_label_of {
  using type = no_error_label;
};
template <class Desc>
requires has_role<Desc::errors>
struct error_label_of<Desc> {
  using labels = typename std::remove_cvref_t<decltype(std::declval<typename Desc::registry&>().*
                                                       Desc::errors)>::labels_type;
  static constexpr std::size_t position = member_position<labels>(Desc::error_label);
  using type = typename std::remove_cvref_t<decltype(member_at<position>(
      std::declval<const labels&>()))>::value_type;
};

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
