// The process's own figures (CPU time, memory, file descriptors, start time) under the names
// every Prometheus client library exports them, read from Linux's /proc.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "schemetric/config.hpp"
#include "schemetric/detail/proc_fs.hpp"
#include "schemetric/metric_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// The process metrics at one moment. A value that cannot be read (not Linux, /proc not
/// mounted, a file that does not parse) is empty; the others are still read.
struct process_metrics {
  /// process_cpu_seconds_total: user and system CPU time, seconds (utime + stime).
  std::optional<double> cpu_seconds_total;
  /// process_resident_memory_bytes: resident set size (rss pages times the page size).
  std::optional<double> resident_memory_bytes;
  /// process_virtual_memory_bytes: virtual memory size (vsize).
  std::optional<double> virtual_memory_bytes;
  /// process_open_fds: open file descriptors (entries of /proc/self/fd).
  std::optional<double> open_fds;
  /// process_max_fds: the soft limit on open files (RLIMIT_NOFILE).
  std::optional<double> max_fds;
  /// process_start_time_seconds: when the process started, seconds since the Unix epoch.
  std::optional<double> start_time_seconds;
};

/// How one process metric is exposed, and where its value is in `process_metrics`.
struct process_metric_description {
  std::string_view name;  ///< the sample's name (a counter's ends in `_total`)
  std::string_view help;  ///< as client_golang writes it
  metric_kind kind;       ///< counter or gauge
  std::string_view unit;  ///< a base unit, or empty
  std::optional<double> process_metrics::*value;
};

/// The six process metrics, in the order the exposition writes them.
inline constexpr std::array<process_metric_description, 6> process_metric_descriptions{{
    {"process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
     metric_kind::counter, "seconds", &process_metrics::cpu_seconds_total},
    {"process_resident_memory_bytes", "Resident memory size in bytes.", metric_kind::gauge, "bytes",
     &process_metrics::resident_memory_bytes},
    {"process_virtual_memory_bytes", "Virtual memory size in bytes.", metric_kind::gauge, "bytes",
     &process_metrics::virtual_memory_bytes},
    {"process_open_fds", "Number of open file descriptors.", metric_kind::gauge, "",
     &process_metrics::open_fds},
    {"process_max_fds", "Maximum number of open file descriptors.", metric_kind::gauge, "",
     &process_metrics::max_fds},
    {"process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
     metric_kind::gauge, "seconds", &process_metrics::start_time_seconds},
}};

/// The description of the process metric named `name` (e.g. "process_open_fds"), or nullptr.
constexpr const process_metric_description* find_process_metric(std::string_view name) noexcept {
  for (const process_metric_description& description : process_metric_descriptions) {
    if (description.name == name) return &description;
  }
  return nullptr;
}

/// Reads the process metrics of the calling process from /proc/self/stat, /proc/self/fd and
/// getrlimit, and on the first call the boot time from /proc/stat. Never throws and never
/// allocates; on a system without /proc every value is empty. Reads two small files and a
/// directory: call it at scrape or evaluation time, not where metrics are recorded.
/// Thread safety: may be called from any thread.
inline process_metrics read_process_metrics() noexcept {
  process_metrics values;
#if defined(__linux__)
  const long ticks_per_second = ::sysconf(_SC_CLK_TCK);
  const long page_size = ::sysconf(_SC_PAGESIZE);
  if (const auto stat = detail::read_proc_stat()) {
    if (ticks_per_second > 0) {
      values.cpu_seconds_total = static_cast<double>(stat->user_ticks + stat->system_ticks) /
                                 static_cast<double>(ticks_per_second);
      // The boot time does not change: read once (as client_python does), it saves reading
      // /proc/stat, whose text the kernel makes for every CPU and interrupt, at each scrape.
      static const std::optional<std::uint64_t> boot_time = detail::read_boot_time();
      if (boot_time) {
        values.start_time_seconds =
            static_cast<double>(*boot_time) +
            static_cast<double>(stat->start_ticks) / static_cast<double>(ticks_per_second);
      }
    }
    if (page_size > 0) {
      values.resident_memory_bytes =
          static_cast<double>(stat->resident_pages) * static_cast<double>(page_size);
    }
    values.virtual_memory_bytes = static_cast<double>(stat->virtual_bytes);
  }
  if (const auto open_fds = detail::read_open_fds()) {
    values.open_fds = static_cast<double>(*open_fds);
  }
  if (const auto max_fds = detail::read_max_fds()) values.max_fds = static_cast<double>(*max_fds);
#endif
  return values;
}

SCHEMETRIC_END_NAMESPACE
