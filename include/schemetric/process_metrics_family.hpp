// The place of the process metrics in a generated registry.
#pragma once

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// The process metrics of a registry whose schema says `process_metrics: true`: the member
/// `schemetric_process_metrics`, the last of `schemetric_families()`. It holds nothing: the
/// text writer reads the values (process_cpu_seconds_total, process_resident_memory_bytes,
/// process_virtual_memory_bytes, process_open_fds, process_max_fds,
/// process_start_time_seconds) from /proc each time it writes the registry, and leaves out
/// those it cannot read. C++ reads them with `schemetric::read_process_metrics()`
/// (schemetric/process_metrics.hpp). Thread safety: nothing to guard; with metrics compiled
/// out the writer writes nothing, as for every family.
struct process_metrics_family {};

SCHEMETRIC_END_NAMESPACE
