// The exposition formats schemetric writes.
#pragma once

#include <cstdint>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// An exposition format (the exporter picks one from a scrape's `Accept` header):
/// `prometheus_text` is the Prometheus text format 0.0.4
/// (`text/plain; version=0.0.4; charset=utf-8`); `openmetrics` is OpenMetrics 1.0.0
/// (`application/openmetrics-text; version=1.0.0; charset=utf-8`), which ends in `# EOF`.
enum class exposition_format : std::uint8_t { prometheus_text, openmetrics };

SCHEMETRIC_END_NAMESPACE
