// The series one alert reads (a selection of one family), sampled at each evaluation and kept
// for as long as the alert's window needs them, grouped by the alert's `by` labels as the
// generated rules group them (`sum by (...)`), and reduced as Prometheus reduces them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schemetric/alerting/definition.hpp"
#include "schemetric/config.hpp"
#include "schemetric/detail/alerting/family_reader.hpp"
#include "schemetric/detail/alerting/prometheus_math.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail::alerting {

/// The values of an alert's `by` labels for one group, as (name, value) pairs in `by` order.
using group_labels = std::vector<std::pair<std::string, std::string>>;

/// One group's result: its labels and a value per group.
struct group_value {
  group_labels labels;
  double value = 0;
};

/// The key of a group: its `by` values joined by NUL (which no label value holds).
using group_key = std::string;

/// A selection of one family and the history of its series.
class watch {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  /// Watches `chosen` of `family` grouped by `by`; a `by` label the family lacks (a divisor
  /// without the alert's labels) groups everything together.
  watch(const family_reader& family, const schemetric::alerting::selection& chosen,
        std::span<const std::string_view> by)
      : family_(&family) {
    for (const std::string_view label : by) {
      by_names_.emplace_back(label);
      by_positions_.push_back(position_of(label));
    }
    for (const schemetric::alerting::label_match& m : chosen.match) {
      const std::size_t position = position_of(m.label);
      if (position != npos) match_.push_back({position, m.values});
    }
  }

  [[nodiscard]] const family_reader& family() const noexcept { return *family_; }
  /// Whether every `by` label is one of the family's labels.
  [[nodiscard]] bool has_all_by_labels() const noexcept {
    return std::find(by_positions_.begin(), by_positions_.end(), npos) == by_positions_.end();
  }

  /// Reads every selected series at `now_ms`, keeps the samples of the last `keep_ms`, and
  /// forgets older ones. For gauges and statesets, keeps only the current reading.
  void read(std::int64_t now_ms, std::int64_t keep_ms) {
    const family_reader& f = *family_;
    if (f.collect != nullptr) f.collect(f.family);
    const std::size_t width = f.kind == metric_kind::histogram ? f.buckets.size() + 1 : 1;
    for (std::size_t series = 0; series < f.series_count; ++series) {
      if (!f.live(series) || !selected(series)) continue;
      auto [entry, added] = series_.try_emplace(series);
      history& h = entry->second;
      if (added) describe(series, h);
      reading r{now_ms, std::vector<double>(width)};
      if (f.kind == metric_kind::stateset) {
        h.state = f.state(f.family, series);
      } else if (width > 1) {
        f.cumulative_buckets(f.family, series, r.values);
      } else {
        r.values[0] = f.value(f.family, series);
      }
      h.samples.push_back(std::move(r));
      while (!h.samples.empty() && h.samples.front().time_ms < now_ms - keep_ms) {
        h.samples.pop_front();
      }
    }
  }

  /// sum by (`by`) (rate(series[window])) at `now_ms`: groups whose series all have fewer
  /// than two samples in the window are absent, as in Prometheus. Sums run in the order of the
  /// series' indexes; Prometheus sums in the order it finds series, which it does not fix, so a
  /// sum of more than two terms may differ from its in the last bit.
  [[nodiscard]] std::map<group_key, group_value> summed_rates(std::int64_t now_ms,
                                                              std::int64_t window_ms) const {
    std::map<group_key, group_value> groups;
    for (const auto& [series, h] : series_) {
      const std::vector<sample> points = in_window(h, now_ms, window_ms, 0);
      const std::optional<double> rate = extrapolated_rate(points, now_ms, window_ms);
      if (!rate) continue;
      group_value& g = group(groups, h);
      g.value += *rate;
    }
    return groups;
  }

  /// histogram_quantile(`q`, sum by (`by`, le) (rate(buckets[window]))) at `now_ms`.
  [[nodiscard]] std::map<group_key, group_value> quantiles(double q, std::int64_t now_ms,
                                                           std::int64_t window_ms) const {
    const std::size_t width = family_->buckets.size() + 1;
    std::map<group_key, std::pair<group_labels, std::vector<double>>> sums;
    for (const auto& [series, h] : series_) {
      std::vector<double> rates(width);
      bool any = false;
      for (std::size_t b = 0; b < width; ++b) {
        const std::optional<double> rate =
            extrapolated_rate(in_window(h, now_ms, window_ms, b), now_ms, window_ms);
        if (!rate) break;
        rates[b] = *rate;
        any = true;
      }
      if (!any) continue;
      auto [it, added] = sums.try_emplace(h.key, h.labels, std::vector<double>(width));
      for (std::size_t b = 0; b < width; ++b) it->second.second[b] += rates[b];
    }
    std::map<group_key, group_value> groups;
    for (auto& [key, entry] : sums) {
      std::vector<bucket> buckets;
      for (std::size_t b = 0; b < width; ++b) {
        const double bound = b < family_->buckets.size() ? family_->buckets[b]
                                                         : std::numeric_limits<double>::infinity();
        buckets.push_back({bound, entry.second[b]});
      }
      groups.emplace(key, group_value{entry.first, bucket_quantile(q, std::move(buckets))});
    }
    return groups;
  }

  /// sum by (`by`) (value) of the latest readings.
  [[nodiscard]] std::map<group_key, group_value> summed_values() const {
    std::map<group_key, group_value> groups;
    for (const auto& [series, h] : series_) {
      if (h.samples.empty()) continue;
      group(groups, h).value += h.samples.back().values[0];
    }
    return groups;
  }

  /// max by (`by`) (the series is in `state`): 1 for a group with a series in that state.
  [[nodiscard]] std::map<group_key, group_value> in_state(std::string_view state) const {
    std::map<group_key, group_value> groups;
    for (const auto& [series, h] : series_) {
      group_value& g = group(groups, h);
      if (h.state == state) g.value = 1;
    }
    return groups;
  }

  /// The series watched now and the bytes their histories hold (approximately: the samples
  /// and the group labels, not the map's nodes).
  [[nodiscard]] std::size_t series_count() const noexcept { return series_.size(); }
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    std::size_t bytes = 0;
    for (const auto& [series, h] : series_) {
      bytes += sizeof(history) + h.key.capacity();
      for (const auto& [name, value] : h.labels) bytes += name.capacity() + value.capacity();
      for (const reading& r : h.samples) bytes += sizeof(reading) + r.values.capacity() * 8;
    }
    return bytes;
  }

 private:
  struct reading {
    std::int64_t time_ms;
    std::vector<double> values;  ///< one, or a histogram's cumulative buckets
  };
  struct history {
    group_key key;
    group_labels labels;
    std::deque<reading> samples;
    std::string_view state;  ///< a stateset's active state
  };
  struct match_values {
    std::size_t position;
    std::span<const std::string_view> values;
  };

  std::size_t position_of(std::string_view label) const {
    const auto& names = family_->label_names;
    const auto it = std::find(names.begin(), names.end(), label);
    return it == names.end() ? npos : static_cast<std::size_t>(it - names.begin());
  }

  bool selected(std::size_t series) const {
    return std::all_of(match_.begin(), match_.end(), [&](const match_values& m) {
      const std::string_view text = family_->label_text(series, m.position);
      return std::find(m.values.begin(), m.values.end(), text) != m.values.end();
    });
  }

  void describe(std::size_t series, history& h) const {
    for (std::size_t i = 0; i < by_positions_.size(); ++i) {
      if (by_positions_[i] == npos) continue;
      const std::string_view text = family_->label_text(series, by_positions_[i]);
      h.key.append(text);
      h.key.push_back('\0');
      h.labels.emplace_back(by_names_[i], text);
    }
  }

  static std::vector<sample> in_window(const history& h, std::int64_t now_ms,
                                       std::int64_t window_ms, std::size_t column) {
    std::vector<sample> points;
    for (const reading& r : h.samples) {
      // Prometheus 2.x selects [now - window, now], both ends included.
      if (r.time_ms >= now_ms - window_ms && r.time_ms <= now_ms) {
        points.push_back({r.time_ms, r.values[column]});
      }
    }
    return points;
  }

  static group_value& group(std::map<group_key, group_value>& groups, const history& h) {
    auto [it, added] = groups.try_emplace(h.key, group_value{h.labels, 0});
    return it->second;
  }

  const family_reader* family_;
  std::vector<std::string> by_names_;
  std::vector<std::size_t> by_positions_;
  std::vector<match_values> match_;
  std::map<std::size_t, history> series_;
};

}  // namespace detail::alerting
SCHEMETRIC_END_NAMESPACE
