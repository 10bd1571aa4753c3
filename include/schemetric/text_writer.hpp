// Writes a registry in the Prometheus text format 0.0.4 or OpenMetrics 1.0.0.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "schemetric/config.hpp"
#include "schemetric/detail/decimal_sum.hpp"
#include "schemetric/detail/escape.hpp"
#include "schemetric/detail/generated.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/detail/number_format.hpp"
#include "schemetric/exposition_format.hpp"
#include "schemetric/label.hpp"
#include "schemetric/metric_kind.hpp"
#include "schemetric/process_metrics.hpp"
#include "schemetric/process_metrics_family.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// The constant text of one family, computed once: its metadata lines per format, and the
/// start of every sample line (name and labels, up to the value) in the order written.
struct family_text {
  /// Where a line's start lies in line_starts.
  struct line_start {
    std::uint32_t offset;
    std::uint32_t length;
  };

  std::string metadata[2];
  std::string line_starts;
  std::vector<line_start> lines;
  std::vector<std::uint32_t> live_series;  // the series written, in order
  std::size_t generation = 0;              // of the bounded label sets it was built for

  void add_line_start(std::string_view name, std::string_view labels,
                      std::string_view extra_label = {}) {
    const auto offset = static_cast<std::uint32_t>(line_starts.size());
    line_starts += name;
    if (!labels.empty() || !extra_label.empty()) {
      line_starts += '{';
      line_starts += labels;
      if (!labels.empty() && !extra_label.empty()) line_starts += ',';
      line_starts += extra_label;
      line_starts += '}';
    }
    line_starts += ' ';
    lines.push_back({offset, static_cast<std::uint32_t>(line_starts.size()) - offset});
  }
};

/// `k1="v1",k2="v2"` for series `series` of a family with labels `Labels`.
template <class Labels>
std::string series_labels_text(std::size_t series) {
  constexpr auto names = label_names<Labels>();
  std::string text;
  for (std::size_t label = 0; label < names.size(); ++label) {
    if (label != 0) text += ',';
    text += names[label];
    text += "=\"";
    append_label_value(text, series_label_text<Labels>(series, label));
    text += '"';
  }
  return text;
}

inline std::string_view strip_suffix(std::string_view name, std::string_view suffix) {
  return name.ends_with(suffix) ? name.substr(0, name.size() - suffix.size()) : name;
}

template <class Family>
std::string metadata_text(exposition_format format) {
  using metric = typename Family::metric;
  const bool openmetrics = format == exposition_format::openmetrics;
  std::string_view family_name = metric::name;
  std::string_view type;
  switch (Family::kind) {
    case metric_kind::counter:
      type = "counter";
      // OpenMetrics names the family without the `_total` of its sample (spec, Counter).
      if (openmetrics) family_name = strip_suffix(family_name, "_total");
      break;
    case metric_kind::gauge:
      type = "gauge";
      break;
    case metric_kind::histogram:
      type = "histogram";
      break;
    case metric_kind::summary:
      type = "summary";
      break;
    case metric_kind::stateset:
      type = openmetrics ? "stateset" : "gauge";
      break;
    case metric_kind::info:
      type = openmetrics ? "info" : "gauge";
      if (openmetrics) family_name = strip_suffix(family_name, "_info");
      break;
  }
  std::string text;
  text += "# HELP ";
  text += family_name;
  text += ' ';
  append_help(text, metric::help, openmetrics);
  text += "\n# TYPE ";
  text += family_name;
  text += ' ';
  text += type;
  text += '\n';
  if (openmetrics && !metric::unit.empty()) {
    text += "# UNIT ";
    text += family_name;
    text += ' ';
    text += metric::unit;
    text += '\n';
  }
  return text;
}

/// A number that grows whenever a series of `Labels` comes into use: the sum over its
/// bounded labels of their known value counts and whether they overflowed. 0 without.
template <class Labels>
std::size_t label_generation() noexcept {
  std::size_t generation = 0;
  if constexpr (has_dynamic_labels<Labels>) {
    for_each_label_type<Labels>([&](auto, auto label) {
      using member = typename decltype(label)::type;
      if constexpr (member::learns_values) {
        generation += member::known_count() * 2 + (member::overflow_count() > 0 ? 1 : 0);
      }
    });
  }
  return generation;
}

template <class Family>
family_text make_family_text() {
  using metric = typename Family::metric;
  using labels_type = typename Family::labels_type;
  family_text result;
  result.metadata[0] = metadata_text<Family>(exposition_format::prometheus_text);
  result.metadata[1] = metadata_text<Family>(exposition_format::openmetrics);
  if constexpr (Family::kind != metric_kind::info) {
    result.generation = label_generation<labels_type>();
    const std::string name(metric::name);
    for (std::size_t series = 0; series < Family::series_count; ++series) {
      if (!series_is_live<labels_type>(series)) continue;
      result.live_series.push_back(static_cast<std::uint32_t>(series));
      const std::string labels = series_labels_text<labels_type>(series);
      if constexpr (Family::kind == metric_kind::histogram) {
        for (double bound : metric::buckets) {
          std::string le = "le=\"";
          append_bucket_bound(le, bound);
          le += '"';
          result.add_line_start(name + "_bucket", labels, le);
        }
        result.add_line_start(name + "_bucket", labels, "le=\"+Inf\"");
        result.add_line_start(name + "_sum", labels);
        result.add_line_start(name + "_count", labels);
      } else if constexpr (Family::kind == metric_kind::summary) {
        for (double quantile : metric::quantiles) {
          std::string label = "quantile=\"";
          append_bucket_bound(label, quantile);
          label += '"';
          result.add_line_start(name, labels, label);
        }
        result.add_line_start(name + "_sum", labels);
        result.add_line_start(name + "_count", labels);
      } else if constexpr (Family::kind == metric_kind::stateset) {
        for (std::string_view state : schemetric_label_values(typename metric::state{})) {
          std::string state_label = name + "=\"";
          append_label_value(state_label, state);
          state_label += '"';
          result.add_line_start(name, labels, state_label);
        }
      } else {
        result.add_line_start(name, labels);
      }
    }
  }
  return result;
}

/// The constant text of the counter of folded bounded-label values.
inline family_text make_overflow_text(const std::vector<std::string_view>& label_names) {
  family_text result;
  constexpr std::string_view help =
      "Label values folded into a bounded label's overflow value because it had reached its "
      "max_values, or because they were not valid label values (invalid UTF-8, control "
      "characters, too long).";
  result.metadata[0] = "# HELP schemetric_label_overflow_total " + std::string(help) +
                       "\n# TYPE schemetric_label_overflow_total counter\n";
  result.metadata[1] = "# HELP schemetric_label_overflow " + std::string(help) +
                       "\n# TYPE schemetric_label_overflow counter\n";
  for (std::string_view label : label_names) {
    std::string labels = "label=\"";
    append_label_value(labels, label);
    labels += '"';
    result.add_line_start("schemetric_label_overflow_total", labels);
  }
  return result;
}

/// True for the registry member that stands for the process metrics.
template <class Family>
inline constexpr bool is_process_metrics_family = std::is_same_v<Family, process_metrics_family>;

/// Writes the process metrics `values`, each as a family of one sample; an empty value (one
/// that could not be read) is left out with its metadata. The names and help texts are
/// constants that need no escaping.
inline void write_process_metrics(std::string& out, exposition_format format,
                                  const process_metrics& values) {
  const bool openmetrics = format == exposition_format::openmetrics;
  for (const process_metric_description& metric : process_metric_descriptions) {
    const std::optional<double>& value = values.*metric.value;
    if (!value) continue;
    const bool counter = metric.kind == metric_kind::counter;
    // OpenMetrics names a counter's family without the `_total` of its sample.
    const std::string_view family =
        openmetrics && counter ? strip_suffix(metric.name, "_total") : metric.name;
    out += "# HELP ";
    out += family;
    out += ' ';
    out += metric.help;
    out += "\n# TYPE ";
    out += family;
    out += counter ? " counter\n" : " gauge\n";
    if (openmetrics && !metric.unit.empty()) {
      out += "# UNIT ";
      out += family;
      out += ' ';
      out += metric.unit;
      out += '\n';
    }
    out += metric.name;
    out += ' ';
    append_double(out, *value);
    out += '\n';
  }
}

/// Room for the sample lines of one family on the stack (see line_appender); copies of
/// this size stay vector loops in memcpy.
using line_buffer = char[2048];

/// Writes the sample lines of one family into `out`: each line's constant start and its
/// number, gathered in `buffer` and appended to `out` a buffer at a time, so that a line
/// costs one copy of its start and its digits. Call finish() at the end. (The buffer is not
/// a member: an object whose address goes to memcpy lives in memory, this one in registers.)
class line_appender {
 public:
  line_appender(const family_text& text, line_buffer& buffer, std::string& out) noexcept
      : next_(text.lines.data()),
        starts_(text.line_starts.data()),
        buffer_(buffer),
        cursor_(buffer),
        out_(out) {}
  line_appender(const line_appender&) = delete;
  line_appender& operator=(const line_appender&) = delete;

  void integer(std::uint64_t value) {
    char* cursor = begin_line();
    // Cumulative bucket counts often repeat: keep the digits of the last one.
    if (value != last_value_ || last_length_ == 0) {
      last_length_ = static_cast<std::size_t>(write_unsigned(last_digits_, value) - last_digits_);
      last_value_ = value;
    }
    std::memcpy(cursor, last_digits_, sizeof(last_digits_));  // a fixed size: a few moves
    end_line(cursor + last_length_);
  }
  void signed_integer(std::int64_t value) { end_line(write_signed(begin_line(), value)); }
  void number(double value) { end_line(write_double(begin_line(), value)); }
  /// A number that is likely a decimal of at most `Decimals` decimals (see write_decimal).
  template <int Decimals>
  void decimal(double value) {
    end_line(write_decimal<Decimals>(begin_line(), value));
  }

  /// Appends what is left in the buffer.
  void finish() {
    out_.append(buffer_, static_cast<std::size_t>(cursor_ - buffer_));
    cursor_ = buffer_;
  }

 private:
  static constexpr std::size_t line_room = max_number_bytes + 1;

  // Copies the next line's start into the buffer; returns where its number goes, with
  // room for line_room characters.
  char* begin_line() {
    const family_text::line_start line = *next_++;
    const char* start = starts_ + line.offset;
    if (line.length + line_room > sizeof(line_buffer) - static_cast<std::size_t>(cursor_ - buffer_))
        [[unlikely]] {
      finish();
      if (line.length + line_room > sizeof(line_buffer)) {  // a start longer than the buffer
        out_.append(start, line.length);
        return buffer_;
      }
    }
    std::memcpy(cursor_, start, line.length);
    return cursor_ + line.length;
  }
  void end_line(char* end) noexcept {
    *end = '\n';
    cursor_ = end + 1;
  }

  const family_text::line_start* next_;
  const char* starts_;
  char* const buffer_;
  char* cursor_;
  std::string& out_;
  std::uint64_t last_value_ = 0;
  std::size_t last_length_ = 0;
  char last_digits_[24];
};

}  // namespace detail

#if SCHEMETRIC_ENABLED

/// Writes every family of a generated registry (`Registry::schemetric_families()`), in schema
/// order, in the Prometheus text format 0.0.4 or OpenMetrics 1.0.0, followed by the counter
/// `schemetric_label_overflow_total{label=...}` when the schema has bounded labels. With
/// `process_metrics: true` the process metrics come after the schema's metrics, read from
/// /proc at each write (see process_metrics.hpp; those that cannot be read are left out).
/// The constant text of every series (names, labels, HELP, TYPE) is built once by the
/// constructor, and again for a family with bounded labels when new values came into use; a
/// write appends only that text and the current numbers. Series of a bounded label are
/// written once a value resolved to their index.
/// Lifetime: must not outlive the registry. Thread safety: `write` reads the registry with
/// relaxed atomic loads and never blocks or slows its writers (an info metric's `set` and a
/// callback gauge's callback share a mutex with the write; neither is a hot path).
/// Concurrent `write` calls are safe (serialized when the schema has bounded labels).
template <class Registry>
class text_writer {
 public:
  explicit text_writer(const Registry& registry) : registry_(registry) {
    std::size_t index = 0;
    detail::for_each_family<Registry>([&](auto member) {
      using family = std::remove_cvref_t<decltype(registry.*member)>;
      if constexpr (!detail::is_process_metrics_family<family>) {
        families_[index] = detail::make_family_text<family>();
      }
      ++index;
    });
    if constexpr (has_bounded_labels) {
      std::vector<std::string_view> names;
      detail::for_each_bounded_label<Registry>(
          [&](auto label) { names.push_back(decltype(label)::type::label_name); });
      overflow_text_ = detail::make_overflow_text(names);
    }
  }

  /// Appends the exposition to `out` (which the caller may reuse across scrapes to avoid
  /// allocating). Allocates only when `out` must grow or new bounded values came into use.
  void write(std::string& out,
             exposition_format format = exposition_format::prometheus_text) const {
    if constexpr (has_bounded_labels) {
      const std::lock_guard lock(rebuild_mutex_);
      write_families(out, format);
    } else {
      write_families(out, format);
    }
  }

 private:
  static constexpr std::size_t family_count = detail::family_count<Registry>;
  static constexpr bool has_bounded_labels = detail::bounded_label_count<Registry> > 0;

  void write_families(std::string& out, exposition_format format) const {
    std::size_t index = 0;
    const std::size_t format_index = format == exposition_format::openmetrics ? 1 : 0;
    detail::for_each_family<Registry>([&](auto member) {
      const auto& family = registry_.*member;
      using family_type = std::remove_cvref_t<decltype(family)>;
      detail::family_text& text = families_[index++];
      if constexpr (detail::is_process_metrics_family<family_type>) {
        detail::write_process_metrics(out, format, read_process_metrics());
      } else {
        if constexpr (family_type::kind != metric_kind::info) {
          if constexpr (detail::has_dynamic_labels<typename family_type::labels_type>) {
            if (text.generation != detail::label_generation<typename family_type::labels_type>()) {
              text = detail::make_family_text<family_type>();
            }
          }
        }
        out += text.metadata[format_index];
        write_samples(family, text, out);
      }
    });
    if constexpr (has_bounded_labels) {
      out += overflow_text_.metadata[format_index];
      detail::line_buffer buffer;
      detail::line_appender lines(overflow_text_, buffer, out);
      detail::for_each_bounded_label<Registry>(
          [&](auto label) { lines.integer(decltype(label)::type::overflow_count()); });
      lines.finish();
    }
    if (format == exposition_format::openmetrics) out += "# EOF\n";
  }

  template <class Family>
  static void write_samples(const Family& family, const detail::family_text& text,
                            std::string& out) {
    detail::line_buffer buffer;
    detail::line_appender lines(text, buffer, out);
    if constexpr (requires { family.collect(); }) family.collect();  // callback gauges
    if constexpr (Family::kind == metric_kind::info) {
      if (family.is_set()) {
        out += Family::metric::name;
        out += family.labels_text();
        out += " 1\n";
      }
    } else {
      for (std::uint32_t series : text.live_series) write_series(family, series, lines);
      lines.finish();
    }
  }

  template <class Family>
  static void write_series(const Family& family, std::size_t series, detail::line_appender& lines) {
    if constexpr (Family::kind == metric_kind::counter) {
      if constexpr (std::is_same_v<typename Family::value_type, double>) {
        lines.number(family.value_at(series));
      } else {
        lines.integer(family.value_at(series));
      }
    } else if constexpr (Family::kind == metric_kind::gauge) {
      if constexpr (std::is_integral_v<decltype(family.value_at(series))>) {
        lines.signed_integer(family.value_at(series));
      } else {
        lines.number(family.value_at(series));
      }
    } else if constexpr (Family::kind == metric_kind::histogram) {
      const auto snapshot = family.snapshot_at(series);
      std::uint64_t cumulative = 0;
      for (std::uint64_t bucket : snapshot.bucket_counts) {
        cumulative += bucket;
        lines.integer(cumulative);
      }
      lines.template decimal<detail::sum_decimals(Family::metric::buckets)>(snapshot.sum);
      lines.integer(cumulative);
    } else if constexpr (Family::kind == metric_kind::summary) {
      const auto snapshot = family.snapshot_at(series);
      for (double value : snapshot.quantile_values) lines.number(value);
      lines.number(snapshot.sum);
      lines.integer(snapshot.count);
    } else if constexpr (Family::kind == metric_kind::stateset) {
      const auto active = static_cast<std::size_t>(family.state_at(series));
      for (std::size_t state = 0; state < Family::state_count; ++state) {
        lines.integer(state == active ? 1 : 0);
      }
    }
  }

  const Registry& registry_;
  mutable std::array<detail::family_text, family_count> families_;
  detail::family_text overflow_text_;
  mutable std::mutex rebuild_mutex_;
};

#else  // SCHEMETRIC_ENABLED

template <class Registry>
class text_writer {
 public:
  explicit text_writer(const Registry&) noexcept {}
  void write(std::string&, exposition_format = exposition_format::prometheus_text) const noexcept {}
};

#endif  // SCHEMETRIC_ENABLED

SCHEMETRIC_END_NAMESPACE
