// Records a known value into every series of every family of a generated registry and
// returns, independently of the writers, the samples an exposition must then contain.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "schemetric/schemetric.hpp"

namespace schemetric_test {

/// One expected sample: its name, labels and value.
struct expected_sample {
  std::string name;
  nlohmann::json labels;  // object: label name -> value
  double value;
  double tolerance = 0;  // relative; summary quantiles are estimates
};

template <class Labels>
nlohmann::json labels_json(std::size_t series) {
  nlohmann::json labels = nlohmann::json::object();
  const auto names = schemetric::detail::label_names<Labels>();
  for (std::size_t label = 0; label < names.size(); ++label) {
    labels[std::string(names[label])] =
        std::string(schemetric::detail::series_label_text<Labels>(series, label));
  }
  return labels;
}

/// Text label values that need escaping in the exposition.
inline std::string info_value(std::string_view label_name) {
  return std::string(label_name) + " \"v1\" \\ ok\nnext line";
}

/// Gives every value index of the registry's bounded labels a value (`<label>-<i>`), and
/// folds one more into the overflow, so that every series of their families is in use.
template <class Registry>
void fill_bounded_labels() {
  schemetric::detail::for_each_bounded_label<Registry>([](auto type) {
    using label = typename decltype(type)::type;
    for (std::size_t i = 0; i <= label::max_values; ++i) {
      label(std::string(label::label_name) + "-" + std::to_string(i));
    }
  });
}

/// The process metrics as read now: the exposition written next must hold each of them
/// once. Those that change by themselves (CPU time, memory) are compared loosely.
inline void expect_process_metrics(std::vector<expected_sample>& samples) {
  const schemetric::process_metrics values = schemetric::read_process_metrics();
  for (const schemetric::process_metric_description& metric :
       schemetric::process_metric_descriptions) {
    const std::optional<double>& value = values.*metric.value;
    if (!value) continue;
    const bool settled = metric.value == &schemetric::process_metrics::open_fds ||
                         metric.value == &schemetric::process_metrics::max_fds ||
                         metric.value == &schemetric::process_metrics::start_time_seconds;
    samples.push_back(
        {std::string(metric.name), nlohmann::json::object(), *value, settled ? 0.0 : 1.0});
  }
}

template <class Registry>
std::vector<expected_sample> record_every_series(Registry& reg) {
  fill_bounded_labels<Registry>();
  std::vector<expected_sample> samples;
  schemetric::detail::for_each_family<Registry>([&](auto member) {
    auto& family = reg.*member;
    using family_type = std::remove_cvref_t<decltype(family)>;
    if constexpr (schemetric::detail::is_process_metrics_family<family_type>) {
      expect_process_metrics(samples);
    } else {
      using metric = typename family_type::metric;
      using labels_type = typename family_type::labels_type;
      const std::string name(metric::name);
      if constexpr (family_type::kind == schemetric::metric_kind::info) {
        nlohmann::json labels = nlohmann::json::object();
        std::vector<std::string> storage;  // keeps the strings alive until set() copies them
        storage.reserve(schemetric::detail::label_count<labels_type>);
        labels_type values = [&]<std::size_t... Position>(std::index_sequence<Position...>) {
          auto text = [&](std::string_view label_name) {
            storage.push_back(info_value(std::string(label_name)));
            labels[std::string(label_name)] = storage.back();
            return schemetric::text_label(storage.back());
          };
          return labels_type{
              text(schemetric::detail::label_struct<labels_type>::names[Position])...};
        }
        (std::make_index_sequence<schemetric::detail::label_count<labels_type>>{});
        family.set(values);
        samples.push_back({name, labels, 1});
      } else {
        for (std::size_t series = 0; series < family_type::series_count; ++series) {
          const auto labels = schemetric::detail::labels_of_series<labels_type>(series);
          const nlohmann::json labels_j = labels_json<labels_type>(series);
          if constexpr (family_type::kind == schemetric::metric_kind::counter) {
            if constexpr (std::is_same_v<typename family_type::value_type, double>) {
              family(labels).inc(0.25 * static_cast<double>(series + 1));
              samples.push_back({name, labels_j, 0.25 * static_cast<double>(series + 1)});
            } else {
              family(labels).inc(series + 1);
              samples.push_back({name, labels_j, static_cast<double>(series + 1)});
            }
          } else if constexpr (family_type::kind == schemetric::metric_kind::gauge) {
            const double value = static_cast<double>(series) * 1.5 - 2;
            if constexpr (requires { family.on_scrape(nullptr); }) {  // a callback gauge
              if (series == 0) {
                family.on_scrape([](const auto& set) {
                  for (std::size_t s = 0; s < family_type::series_count; ++s) {
                    set(schemetric::detail::labels_of_series<labels_type>(s),
                        static_cast<double>(s) * 1.5 - 2);
                  }
                });
              }
            } else if constexpr (std::is_integral_v<typename family_type::value_type>) {
              // An integer gauge (a tracker's in-progress count): whole values, some negative.
              const auto whole = static_cast<std::int64_t>(series) * 3 - 2;
              family(labels).set(whole);
              samples.push_back({name, labels_j, static_cast<double>(whole)});
              continue;
            } else {
              family(labels).set(value);
            }
            samples.push_back({name, labels_j, value});
          } else if constexpr (family_type::kind == schemetric::metric_kind::summary) {
            // 1..n for n = series % 7 + 1: exact count and sum, quantiles within the estimate's 1%.
            const std::size_t n = series % 7 + 1;
            std::vector<double> observed;
            for (std::size_t v = 1; v <= n; ++v) {
              family(labels).observe(static_cast<double>(v));
              observed.push_back(static_cast<double>(v));
            }
            for (double quantile : metric::quantiles) {
              nlohmann::json quantile_labels = labels_j;
              quantile_labels["quantile"] = quantile;  // compared as a number
              const auto rank = static_cast<std::size_t>(quantile * static_cast<double>(n - 1));
              samples.push_back({name, quantile_labels, observed[rank], 0.011});
            }
            samples.push_back({name + "_count", labels_j, static_cast<double>(n)});
            samples.push_back(
                {name + "_sum", labels_j, static_cast<double>(n) * static_cast<double>(n + 1) / 2});
          } else if constexpr (family_type::kind == schemetric::metric_kind::histogram) {
            const auto& bounds = metric::buckets;
            // Observe each bound once up to the series' position, plus one value above all.
            std::vector<double> observed;
            for (std::size_t i = 0; i <= series % bounds.size(); ++i) observed.push_back(bounds[i]);
            observed.push_back(bounds.back() * 2 + 1);
            double sum = 0;
            for (double v : observed) {
              family(labels).observe(v);
              sum += v;
            }
            for (double bound : bounds) {
              std::size_t cumulative = 0;
              for (double v : observed) cumulative += v <= bound ? 1 : 0;
              nlohmann::json bucket_labels = labels_j;
              bucket_labels["le"] = bound;  // compared as a number
              samples.push_back({name + "_bucket", bucket_labels, static_cast<double>(cumulative)});
            }
            nlohmann::json inf_labels = labels_j;
            inf_labels["le"] = "+Inf";
            samples.push_back({name + "_bucket", inf_labels, static_cast<double>(observed.size())});
            samples.push_back({name + "_count", labels_j, static_cast<double>(observed.size())});
            samples.push_back({name + "_sum", labels_j, sum});
          } else if constexpr (family_type::kind == schemetric::metric_kind::stateset) {
            const std::size_t active = series % family_type::state_count;
            family(labels).set(static_cast<typename metric::state>(active));
            const auto states = schemetric_label_values(typename metric::state{});
            for (std::size_t state = 0; state < states.size(); ++state) {
              nlohmann::json state_labels = labels_j;
              state_labels[name] = std::string(states[state]);
              samples.push_back({name, state_labels, state == active ? 1.0 : 0.0});
            }
          }
        }
      }
    }
  });
  return samples;
}

/// The overflow counter of every bounded label, as the labels report it.
template <class Registry>
void expect_overflow_counts(std::vector<expected_sample>& samples) {
  schemetric::detail::for_each_bounded_label<Registry>([&](auto type) {
    using label = typename decltype(type)::type;
    samples.push_back({"schemetric_label_overflow_total",
                       {{"label", std::string(label::label_name)}},
                       static_cast<double>(label::overflow_count())});
  });
}

/// The expectations as JSON: [{"name":..., "labels":{...}, "value":..., "tolerance":...}, ...].
inline nlohmann::json to_json(const std::vector<expected_sample>& samples) {
  nlohmann::json result = nlohmann::json::array();
  for (const auto& sample : samples) {
    result.push_back({{"name", sample.name},
                      {"labels", sample.labels},
                      {"value", sample.value},
                      {"tolerance", sample.tolerance}});
  }
  return result;
}

}  // namespace schemetric_test
