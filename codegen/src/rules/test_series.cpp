// Input series of generated tests, and what Prometheus computes from them.
#include "rules/test_series.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "promql/expression.hpp"

namespace schemetric::codegen::rules {

std::vector<double> counter_samples(std::span<const rate_phase> phases,
                                    std::chrono::milliseconds interval,
                                    std::chrono::milliseconds until) {
  std::vector<double> samples{0};
  const double step_seconds = std::chrono::duration<double>(interval).count();
  std::chrono::milliseconds at{0};
  std::size_t phase = 0;
  std::chrono::milliseconds phase_end = phases.empty() ? at : phases[0].length;
  while (at < until) {
    while (phase < phases.size() && at >= phase_end) {
      if (++phase < phases.size()) phase_end += phases[phase].length;
    }
    const double per_second = phase < phases.size() ? phases[phase].per_second : 0;
    samples.push_back(samples.back() + per_second * step_seconds);
    at += interval;
  }
  return samples;
}

std::vector<double> constant_samples(double value, std::chrono::milliseconds interval,
                                     std::chrono::milliseconds until) {
  return std::vector<double>(static_cast<std::size_t>(until / interval) + 1, value);
}

std::string expanding_notation(std::span<const double> samples, std::size_t dense_from,
                               std::size_t stride) {
  std::string text;
  std::size_t at = 0;
  const auto add = [&](const std::string& term) {
    if (!text.empty()) text += ' ';
    text += term;
  };
  while (at < samples.size()) {
    if (at < dense_from && at % stride != 0) {
      const std::size_t next = std::min(dense_from, (at / stride + 1) * stride);
      add(fmt::format("_x{}", next - at));
      at = next;
      continue;
    }
    // The longest run from `at` that promtool rebuilds by adding one step again and again
    // (promql/parser: `a+bxn` accumulates), so that it reads back exactly these samples.
    const double step = at + 1 < samples.size() ? samples[at + 1] - samples[at] : 0;
    std::size_t end = at + 1;
    double rebuilt = samples[at];
    while (end < samples.size() && end >= dense_from && rebuilt + step == samples[end]) {
      rebuilt += step;
      ++end;
    }
    const std::size_t repeats = end - at - 1;
    if (repeats == 0) {
      add(promql::format_number(samples[at]));
    } else if (step == 0) {
      add(fmt::format("{}x{}", promql::format_number(samples[at]), repeats));
    } else {
      add(fmt::format("{}{}{}x{}", promql::format_number(samples[at]), step < 0 ? "-" : "+",
                      promql::format_number(std::fabs(step)), repeats));
    }
    at = end;
  }
  return text;
}

std::optional<firing_time> first_firing(const std::function<bool(std::chrono::milliseconds)>& holds,
                                        std::chrono::milliseconds for_duration,
                                        std::chrono::milliseconds evaluation,
                                        std::chrono::milliseconds limit) {
  std::optional<std::chrono::milliseconds> active;
  for (std::chrono::milliseconds t{0}; t <= limit; t += evaluation) {
    if (!holds(t)) {
      active.reset();
      continue;
    }
    if (!active) active = t;
    if (t - *active >= for_duration) return firing_time{*active, t};
  }
  return std::nullopt;
}

double prometheus_rate(std::span<const double> samples, std::size_t end,
                       std::chrono::milliseconds window, std::chrono::milliseconds interval) {
  const auto steps = static_cast<std::size_t>(window / interval);
  const double increase = samples[end] - samples[end >= steps ? end - steps : 0];
  // promql/functions.go extrapolatedRate: samples on both bounds extrapolate by
  // sampledInterval / sampledInterval, and a rate divides that factor by the range. A window
  // reaching before the first sample (0) extrapolates to the counter's zero there: the same.
  const double range_seconds = std::chrono::duration<double>(window).count();
  double factor = range_seconds / range_seconds;
  factor /= range_seconds;
  return increase * factor;
}

double bucket_quantile(double q, std::span<const std::pair<double, double>> buckets) {
  const double observations = buckets.back().second;
  if (observations == 0 || buckets.size() < 2) return std::nan("");
  double rank = q * observations;
  std::size_t b = 0;
  while (b < buckets.size() - 1 && buckets[b].second < rank) ++b;
  if (b == buckets.size() - 1) return buckets[buckets.size() - 2].first;
  if (b == 0 && buckets[0].first <= 0) return buckets[0].first;
  double bucket_start = 0;
  const double bucket_end = buckets[b].first;
  double count = buckets[b].second;
  if (b > 0) {
    bucket_start = buckets[b - 1].first;
    count -= buckets[b - 1].second;
    rank -= buckets[b - 1].second;
  }
  return bucket_start + (bucket_end - bucket_start) * (rank / count);
}

std::string series_text(std::string_view name, const label_list& labels) {
  std::string text{name};
  text += '{';
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) text += ", ";
    text += labels[i].first + "=" + promql::quote(labels[i].second);
  }
  return text + '}';
}

std::string label_value_for(const label_definition& label, std::size_t n) {
  if (label.is_closed_set() && !label.values.empty()) {
    return label.values[n % label.values.size()].text;
  }
  return fmt::format("value_{}", n + 1);
}

label_list series_labels(const metric_definition& metric, const series_selection* selection,
                         const label_list& chosen, std::string_view job,
                         std::string_view instance) {
  label_list labels{{"job", std::string{job}}, {"instance", std::string{instance}}};
  for (const reference<label_definition>& label : metric.labels) {
    const auto given = std::find_if(chosen.begin(), chosen.end(),
                                    [&](const auto& entry) { return entry.first == label.name; });
    if (given != chosen.end()) {
      labels.emplace_back(label.name, given->second);
      continue;
    }
    std::string value = label_value_for(*label, 0);
    if (selection != nullptr) {
      for (const value_match& match : selection->match) {
        if (match.label.name == label.name) value = match.values.front();
      }
    }
    labels.emplace_back(label.name, std::move(value));
  }
  return labels;
}

// The values to give the labels of a series of the metric both sides of a ratio read, so that it
// counts in the numerator and the denominator (`failing`), or in the denominator alone: that
// one differs from the numerator's values on the first label where the denominator allows it.
// Nothing when no series counts in the denominator alone.
std::optional<label_list> chosen_values(const series_selection& numerator,
                                        const series_selection& denominator, bool failing) {
  const auto values_of = [](const series_selection& selection,
                            const std::string& label) -> const std::vector<std::string>* {
    for (const value_match& match : selection.match) {
      if (match.label.name == label) return &match.values;
    }
    return nullptr;
  };
  label_list chosen;
  bool differs = false;
  for (const reference<label_definition>& label : numerator.metric->labels) {
    std::vector<std::string> domain;
    if (const auto* allowed = values_of(denominator, label.name)) {
      domain = *allowed;
    } else {
      for (const label_value& value : label->values) domain.push_back(value.text);
      if (domain.empty()) domain.push_back(label_value_for(*label, 0));
    }
    const auto* in_numerator = values_of(numerator, label.name);
    const auto counted = [&](const std::string& value) {
      return in_numerator == nullptr ||
             std::find(in_numerator->begin(), in_numerator->end(), value) != in_numerator->end();
    };
    const auto pick = [&](bool want_counted) {
      return std::find_if(domain.begin(), domain.end(),
                          [&](const std::string& value) { return counted(value) == want_counted; });
    };
    if (!failing && !differs && in_numerator != nullptr && pick(false) != domain.end()) {
      chosen.emplace_back(label.name, *pick(false));
      differs = true;
      continue;
    }
    const auto value = pick(true);
    chosen.emplace_back(label.name, value != domain.end() ? *value : in_numerator->front());
  }
  if (!failing && !differs) return std::nullopt;
  return chosen;
}

}  // namespace schemetric::codegen::rules
