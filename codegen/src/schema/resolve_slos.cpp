// Resolves what each SLO reads and checks it: the events of a ratio, the histogram and bucket
// bound of a latency objective, and `by:` labels.
#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "schema/resolve_internal.hpp"
#include "support/text.hpp"

namespace schemetric::codegen {
namespace {

constexpr std::array event_kinds{metric_kind::counter, metric_kind::histogram,
                                 metric_kind::summary};
constexpr std::string_view event_kinds_text =
    "a counter, or a histogram or summary (whose count is taken): a count of events";
constexpr std::array histogram_kind{metric_kind::histogram};

// "0.1, 0.25 and 0.5": a histogram's bounds as the schema writes them.
std::string bounds_of(const metric_definition& histogram) {
  std::string text;
  for (std::size_t i = 0; i < histogram.buckets.size(); ++i) {
    if (i > 0) text += i + 1 == histogram.buckets.size() ? " and " : ", ";
    text += fmt::format("{}", histogram.buckets[i]);
  }
  return text;
}

void resolve_latency(slo_definition& slo, slo_latency& latency, const definitions_by_name& names,
                     diagnostics& diags) {
  const std::string owner = fmt::format("SLO '{}'", slo.name);
  if (!resolve_selection(latency.histogram, names,
                         {fmt::format("the 'latency' of {}", owner), histogram_kind, "a histogram"},
                         diags)) {
    return;
  }
  const metric_definition& histogram = *latency.histogram.metric;
  if (latency.threshold_position.line == 0) return;  // no threshold: reported by the reader
  const auto bound =
      std::find(histogram.buckets.begin(), histogram.buckets.end(), latency.threshold);
  if (bound != histogram.buckets.end()) {
    latency.bucket = static_cast<std::size_t>(bound - histogram.buckets.begin());
    return;
  }
  const auto nearest =
      std::min_element(histogram.buckets.begin(), histogram.buckets.end(), [&](double a, double b) {
        return std::fabs(a - latency.threshold) < std::fabs(b - latency.threshold);
      });
  const std::string hint = nearest != histogram.buckets.end()
                               ? fmt::format("; did you mean {}?", *nearest)
                               : std::string{};
  diags.error(latency.threshold_position,
              fmt::format("the threshold {} of {} is not a bucket bound of histogram '{}', whose "
                          "bounds are {}: the share of events above a threshold is exact only at "
                          "a bound; use one, or add it to the histogram's 'buckets'{}",
                          latency.threshold, owner, histogram.name, bounds_of(histogram), hint));
}

}  // namespace

void resolve_slos(schema& model, const definitions_by_name& names, diagnostics& diags) {
  for (slo_definition& slo : model.slos) {
    if (!slo.sli_known) continue;
    const std::string owner = fmt::format("SLO '{}'", slo.name);
    std::vector<const metric_definition*> read;
    if (auto* ratio = std::get_if<slo_ratio>(&slo.sli)) {
      if (ratio->tracker.given()) {
        if (auto derived = resolve_tracker_ratio(ratio->tracker, names, owner, diags)) {
          ratio->errors = std::move(derived->failed);
          ratio->total = std::move(derived->all);
        }
      } else {
        resolve_selection(ratio->errors, names,
                          {fmt::format("the 'errors' of {}", owner), event_kinds, event_kinds_text},
                          diags);
        resolve_selection(ratio->total, names,
                          {fmt::format("the 'total' of {}", owner), event_kinds, event_kinds_text},
                          diags);
      }
      read = {ratio->errors.metric.target, ratio->total.metric.target};
      if (!ratio->tracker.given()) {
        check_part_of_whole(ratio->errors, ratio->total,
                            fmt::format("the 'errors' of SLO '{}' select", slo.name),
                            "its 'total'", diags);
      }
    } else {
      auto& latency = std::get<slo_latency>(slo.sli);
      resolve_latency(slo, latency, names, diags);
      read = {latency.histogram.metric.target};
    }
    resolve_by(slo.by, read, names, owner, diags);
  }
}

}  // namespace schemetric::codegen
