// What every metric family shares, and how one definition serves both metrics compiled in and
// compiled out (SCHEMETRIC_ENABLED=0): members that only recording needs shrink to nothing,
// and member functions do their work under `if constexpr (compiled_in)`.
#pragma once

#include <cstddef>
#include <type_traits>

#include "schemetric/config.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/metric_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// Whether metrics are compiled in (SCHEMETRIC_ENABLED).
inline constexpr bool compiled_in = SCHEMETRIC_ENABLED != 0;

/// The type of a member that metrics compiled out do without: empty, and constructible from
/// whatever the member would be initialized with.
struct compiled_out {
  constexpr compiled_out() noexcept = default;
  template <class... Args>
  constexpr explicit compiled_out(const Args&...) noexcept {}
};

/// `T` with metrics compiled in, `compiled_out` otherwise; declare the member
/// [[no_unique_address]] so that it takes no room. `Dependent` (a template parameter of the
/// class) makes the type dependent, so that code using the member in a discarded
/// `if constexpr (compiled_in)` branch is only checked where it is compiled.
template <class T, class Dependent>
using when_compiled_in =
    std::conditional_t<compiled_in && sizeof(Dependent*) != 0, T, compiled_out>;

/// The declarations every family of metric `Metric` makes: its descriptor, its label struct,
/// its kind and its number of series (1 for a family whose labels are free text: info).
/// Families are neither copyable nor movable: handles point into them.
template <class Metric, metric_kind Kind>
class family_base {
 public:
  using metric = Metric;
  using labels_type = typename Metric::labels;
  static constexpr metric_kind kind = Kind;
  static constexpr std::size_t series_count = [] {
    if constexpr (all_indexed_labels<labels_type>) {
      return detail::series_count<labels_type>;
    } else {
      return std::size_t{1};
    }
  }();

  family_base() = default;
  family_base(const family_base&) = delete;
  family_base& operator=(const family_base&) = delete;
};

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
