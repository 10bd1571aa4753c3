// Serves a generated registry to the exporter: its exposition and its health document.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include "schemetric/config.hpp"
#include "schemetric/detail/generated.hpp"
#include "schemetric/detail/json_text.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/exposition_format.hpp"
#include "schemetric/metric_kind.hpp"
#include "schemetric/scrape_source.hpp"
#include "schemetric/text_writer.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// A stateset the schema marks `health: true`: its states include `healthy`, `degraded` and
/// `unhealthy`, and each series is one component.
template <class Family>
concept health_family = Family::kind == metric_kind::stateset&& requires {
  requires Family::metric::health;
};

}  // namespace detail

#if SCHEMETRIC_ENABLED

/// The scrape_source of a generated registry: `/metrics` is its text_writer's output and
/// `/health` a JSON document built from the statesets the schema marks `health: true`:
/// `{"status":"healthy","components":{"database":"healthy","cache":"degraded"}}`.
/// A component is named by its series' label values (joined with '/' when there are
/// several). The status is `unhealthy` when any component is `unhealthy` (HTTP 503),
/// otherwise `degraded` when any is `degraded`, otherwise `healthy` (HTTP 200); other states
/// such as `unknown` are reported but do not change the status.
/// Lifetime: must not outlive the registry. Thread safety: as scrape_source says; reading the
/// registry never blocks its writers.
template <class Registry>
class registry_source final : public scrape_source {
 public:
  explicit registry_source(const Registry& registry) : registry_(registry), writer_(registry) {}

  void write_metrics(exposition_format format, std::string& out) override {
    writer_.write(out, format);
  }

  bool write_health(std::string& out) override {
    std::string components;
    bool any_unhealthy = false;
    bool any_degraded = false;
    detail::for_each_family<Registry>([&](auto member) {
      using family = std::remove_cvref_t<decltype(registry_.*member)>;
      if constexpr (detail::health_family<family>) {
        using labels = typename family::labels_type;
        for (std::size_t series = 0; series < family::series_count; ++series) {
          std::string name;
          for (std::size_t label = 0; label < detail::label_count<labels>; ++label) {
            if (label != 0) name += '/';
            name += detail::series_label_text<labels>(series, label);
          }
          if (name.empty()) name = family::metric::name;
          const std::string_view state = label_text((registry_.*member).state_at(series));
          any_unhealthy = any_unhealthy || state == "unhealthy";
          any_degraded = any_degraded || state == "degraded";
          if (!components.empty()) components += ',';
          detail::append_json_string(components, name);
          components += ':';
          detail::append_json_string(components, state);
        }
      }
    });
    const std::string_view status =
        any_unhealthy ? "unhealthy" : (any_degraded ? "degraded" : "healthy");
    out += "{\"status\":";
    detail::append_json_string(out, status);
    out += ",\"components\":{";
    out += components;
    out += "}}\n";
    return !any_unhealthy;
  }

 private:
  const Registry& registry_;
  text_writer<Registry> writer_;
};

#else  // SCHEMETRIC_ENABLED

template <class Registry>
class registry_source final : public scrape_source {
 public:
  explicit registry_source(const Registry&) noexcept {}
  void write_metrics(exposition_format, std::string&) override {}
  bool write_health(std::string& out) override {
    out += "{\"status\":\"healthy\",\"components\":{}}\n";
    return true;
  }
};

#endif  // SCHEMETRIC_ENABLED

SCHEMETRIC_END_NAMESPACE
