// The families of a generated registry as the in-process alert evaluator reads them: by metric
// name, without knowing their types (one reader per family, made once from the registry's
// family list), so that the evaluator itself is not a template.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "schemetric/config.hpp"
#include "schemetric/detail/generated.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/label.hpp"
#include "schemetric/metric_kind.hpp"
#include "schemetric/process_metrics.hpp"
#include "schemetric/process_metrics_family.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail::alerting {

/// Reads the series of one family. Functions take the family's address; they read with relaxed
/// loads as a scrape does, and never block the family's writers.
struct family_reader {
  std::string_view name;
  metric_kind kind = metric_kind::counter;
  const void* family = nullptr;
  std::size_t series_count = 0;
  std::span<const std::string_view> label_names;
  std::span<const double> buckets;  ///< a histogram's finite bounds
  /// Whether series `series` is in use (its bounded labels' values are known).
  bool (*live)(std::size_t series) = nullptr;
  /// The text of label `label` of series `series`.
  std::string_view (*label_text)(std::size_t series, std::size_t label) = nullptr;
  /// A counter's or a gauge's value; a histogram's count of observations.
  double (*value)(const void* family, std::size_t series) = nullptr;
  /// A histogram's cumulative bucket counts, +Inf last (buckets.size() + 1 of them).
  void (*cumulative_buckets)(const void* family, std::size_t series,
                             std::span<double> out) = nullptr;
  /// The text of a stateset series' active state.
  std::string_view (*state)(const void* family, std::size_t series) = nullptr;
  /// Runs a callback gauge's callback before its values are read (nullptr for other families).
  void (*collect)(const void* family) = nullptr;
};

template <class Family>
family_reader make_family_reader(const Family& family) {
  using labels = typename Family::labels_type;
  using metric = typename Family::metric;
  family_reader reader;
  reader.name = metric::name;
  reader.kind = Family::kind;
  reader.family = &family;
  if constexpr (all_indexed_labels<labels>) {
    reader.series_count = Family::series_count;
    static constexpr auto names = label_names<labels>();
    reader.label_names = names;
    reader.live = [](std::size_t series) {
      return series_is_live<labels>(series);
    };
    reader.label_text = [](std::size_t series, std::size_t label) {
      return series_label_text<labels>(series, label);
    };
  }
  if constexpr (Family::kind == metric_kind::histogram) {
    reader.buckets = metric::buckets;
    reader.value = [](const void* f, std::size_t series) {
      return static_cast<double>(static_cast<const Family*>(f)->snapshot_at(series).count());
    };
    reader.cumulative_buckets = [](const void* f, std::size_t series, std::span<double> out) {
      const auto snapshot = static_cast<const Family*>(f)->snapshot_at(series);
      double total = 0;
      for (std::size_t i = 0; i < snapshot.bucket_counts.size() && i < out.size(); ++i) {
        total += static_cast<double>(snapshot.bucket_counts[i]);
        out[i] = total;
      }
    };
  } else if constexpr (Family::kind == metric_kind::stateset) {
    reader.state = [](const void* f, std::size_t series) {
      return label_text(static_cast<const Family*>(f)->state_at(series));
    };
  } else if constexpr (Family::kind == metric_kind::counter || Family::kind == metric_kind::gauge) {
    reader.value = [](const void* f, std::size_t series) {
      return static_cast<double>(static_cast<const Family*>(f)->value_at(series));
    };
    if constexpr (requires { family.collect(); }) {
      reader.collect = [](const void* f) {
        static_cast<const Family*>(f)->collect();
      };
    }
  }
  return reader;
}

/// The readers of the process metrics (a schema's `process_metrics: true`): one per metric,
/// reading /proc when the evaluator samples it; a value it cannot read is NaN (no alert).
inline void add_process_readers(std::vector<family_reader>& readers) {
  for (const process_metric_description& description : process_metric_descriptions) {
    family_reader reader;
    reader.name = description.name;
    reader.kind = description.kind;
    reader.family = &description;
    reader.series_count = 1;
    reader.live = [](std::size_t) {
      return true;
    };
    reader.label_text = [](std::size_t, std::size_t) {
      return std::string_view{};
    };
    reader.value = [](const void* d, std::size_t) {
      const auto& metric = *static_cast<const process_metric_description*>(d);
      const std::optional<double> value = read_process_metrics().*metric.value;
      return value ? *value : std::numeric_limits<double>::quiet_NaN();
    };
    readers.push_back(reader);
  }
}

/// A reader for every family of `registry`, in schema order.
template <class Registry>
std::vector<family_reader> family_readers(const Registry& registry) {
  std::vector<family_reader> readers;
  for_each_family<Registry>([&](auto member) {
    using family = std::remove_cvref_t<decltype(registry.*member)>;
    if constexpr (std::is_same_v<family, process_metrics_family>) {
      add_process_readers(readers);
    } else {
      readers.push_back(make_family_reader(registry.*member));
    }
  });
  return readers;
}

}  // namespace detail::alerting
SCHEMETRIC_END_NAMESPACE
