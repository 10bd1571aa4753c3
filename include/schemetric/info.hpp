// Info metrics: one series of constant labels (version, revision...) with the value 1.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include "schemetric/config.hpp"
#include "schemetric/detail/escape.hpp"
#include "schemetric/detail/family.hpp"
#include "schemetric/detail/flag_lock.hpp"
#include "schemetric/detail/generated.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/label.hpp"
#include "schemetric/metric_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

#define SCHEMETRIC_DETAIL_STRINGIZE_IMPL(x) #x
#define SCHEMETRIC_DETAIL_STRINGIZE(x) SCHEMETRIC_DETAIL_STRINGIZE_IMPL(x)

/// The value of a `from_build` info label: `version` and `revision` from the macros
/// SCHEMETRIC_BUILD_VERSION and SCHEMETRIC_BUILD_REVISION (schemetric_generate() defines them
/// from the project's version and `git rev-parse` at configure time), `build_type` from
/// SCHEMETRIC_BUILD_TYPE (else "release" with NDEBUG, "debug" without), `compiler` from the
/// compiler's own macros; "unknown" when not known.
constexpr std::string_view build_value(std::string_view label) noexcept {
  if (label == "version") {
#ifdef SCHEMETRIC_BUILD_VERSION
    return SCHEMETRIC_BUILD_VERSION;
#else
    return "unknown";
#endif
  }
  if (label == "revision") {
#ifdef SCHEMETRIC_BUILD_REVISION
    return SCHEMETRIC_BUILD_REVISION;
#else
    return "unknown";
#endif
  }
  if (label == "build_type") {
#if defined(SCHEMETRIC_BUILD_TYPE)
    return SCHEMETRIC_BUILD_TYPE;
#elif defined(NDEBUG)
    return "release";
#else
    return "debug";
#endif
  }
  if (label == "compiler") {
#if defined(__clang__)
    return "clang " __clang_version__;
#elif defined(__GNUC__)
    return "gcc " SCHEMETRIC_DETAIL_STRINGIZE(__GNUC__) "." SCHEMETRIC_DETAIL_STRINGIZE(
        __GNUC_MINOR__) "." SCHEMETRIC_DETAIL_STRINGIZE(__GNUC_PATCHLEVEL__);
#else
    return "unknown";
#endif
  }
  return "unknown";
}

}  // namespace detail

namespace detail {
/// What an info family keeps: its labels as exposed, under a mutex.
struct info_state {
  flag_lock lock;
  std::string labels_text;
  bool is_set = false;
};
}  // namespace detail

/// An info family: a single series whose labels describe the process (e.g. version and
/// revision, `text` labels in the schema) and whose value is 1. It is exposed once `set`
/// has been called, or always when the metric has no labels; exposed as an info metric in
/// OpenMetrics and as a gauge in the Prometheus text format.
/// Thread safety: `set` and the exposition take a mutex; neither is meant for a hot path.
/// `set` copies the label values, so they need not outlive the call. With metrics compiled
/// out it holds nothing, `set` does nothing and nothing is exposed.
template <class Metric>
class info_family : public detail::family_base<Metric, metric_kind::info> {
 public:
  using typename info_family::family_base::labels_type;

  /// For a metric with `from_build: true`, sets the labels from the build (see build_value).
  info_family() {
    if constexpr (requires { requires Metric::from_build; }) {
      set([]<std::size_t... Position>(std::index_sequence<Position...>) {
        return labels_type{
            text_label(detail::build_value(detail::label_struct<labels_type>::names[Position]))...};
      }(std::make_index_sequence<detail::label_count<labels_type>>{}));
    }
  }

  /// Sets the label values, replacing earlier ones. May allocate.
  void set([[maybe_unused]] const labels_type& labels) {
    if constexpr (detail::compiled_in) {
      std::string rendered = detail::label_count<labels_type> == 0 ? "" : "{";
      detail::label_struct<labels_type>::apply(labels, [&](const auto&... value) {
        std::size_t position = 0;
        auto render = [&](const auto& label) {
          if (position != 0) rendered += ',';
          rendered += detail::label_struct<labels_type>::names[position++];
          rendered += "=\"";
          if constexpr (std::is_same_v<std::remove_cvref_t<decltype(label)>, text_label>) {
            detail::append_label_value(rendered, label.value());
          } else {
            detail::append_label_value(rendered, label_text(label.value()));
          }
          rendered += '"';
        };
        (render(value), ...);
      });
      if (detail::label_count<labels_type> != 0) rendered += '}';
      const detail::flag_lock::guard hold(state_.lock);
      state_.labels_text = std::move(rendered);
      state_.is_set = true;
    }
  }

  /// Whether the series is exposed: `set` was called, or the metric has no labels.
  bool is_set() const {
    if constexpr (detail::compiled_in) {
      const detail::flag_lock::guard hold(state_.lock);
      return state_.is_set || detail::label_count<labels_type> == 0;
    } else {
      return false;
    }
  }

  /// The label set as exposed, e.g. `{version="1.2.0"}`; empty when there is nothing to
  /// expose or no labels.
  std::string labels_text() const {
    if constexpr (detail::compiled_in) {
      const detail::flag_lock::guard hold(state_.lock);
      return state_.is_set ? state_.labels_text : std::string();
    } else {
      return {};
    }
  }

 private:
  [[no_unique_address]] mutable detail::when_compiled_in<detail::info_state, Metric> state_;
};

SCHEMETRIC_END_NAMESPACE
