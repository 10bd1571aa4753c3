// The process metrics the library exports when a schema says `process_metrics: true`: the
// names every Prometheus client library uses. The library's copy is
// `schemetric::process_metric_descriptions` (include/schemetric/process_metrics.hpp); a test
// compares the two.
#pragma once

#include <array>
#include <string_view>

#include "model/keywords.hpp"

namespace schemetric::codegen {

/// One process metric: its name, type, help and unit.
struct process_metric {
  std::string_view name;
  metric_kind kind;
  std::string_view help;
  std::string_view unit;
};

/// The six, in the order the exposition writes them (after the schema's metrics).
inline constexpr std::array<process_metric, 6> process_metrics{{
    {"process_cpu_seconds_total", metric_kind::counter,
     "Total user and system CPU time spent in seconds.", "seconds"},
    {"process_resident_memory_bytes", metric_kind::gauge, "Resident memory size in bytes.",
     "bytes"},
    {"process_virtual_memory_bytes", metric_kind::gauge, "Virtual memory size in bytes.", "bytes"},
    {"process_open_fds", metric_kind::gauge, "Number of open file descriptors.", ""},
    {"process_max_fds", metric_kind::gauge, "Maximum number of open file descriptors.", ""},
    {"process_start_time_seconds", metric_kind::gauge,
     "Start time of the process since unix epoch in seconds.", "seconds"},
}};

}  // namespace schemetric::codegen
