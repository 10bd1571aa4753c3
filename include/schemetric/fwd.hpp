// Declarations of schemetric's public types, for headers that only name them.
#pragma once

#include <cstddef>
#include <cstdint>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

enum class metric_kind;
enum class tracker_kind;
enum class exposition_format : std::uint8_t;

class text_label;  // (label<E> is constrained: include schemetric/label.hpp to name it)
struct no_labels;
template <class Derived, std::size_t MaxValues>
class bounded_label;

template <class Metric>
class counter;
template <class Metric>
class counter_family;
template <class Metric>
class gauge;
template <class Metric>
class gauge_family;
template <class Metric>
class callback_gauge_family;
template <class Metric>
class histogram;
template <class Metric>
class histogram_family;
template <class Metric, class Clock>
class summary;
template <class Metric, class Clock>
class summary_family;
template <class Metric>
class stateset;
template <class Metric>
class stateset_family;
template <class Metric>
class info_family;
struct process_metrics_family;
struct process_metrics;

template <class Desc>
class tracker;

class error_reporter;
struct error_report;
class json_lines_reporter;
class event_log;

template <class Registry>
class text_writer;
class scrape_source;
template <class Registry>
class registry_source;
struct exporter_options;
class exporter;
class tls_exporter;

SCHEMETRIC_END_NAMESPACE
