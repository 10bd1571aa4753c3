// The schemetric library without the exporter: include this, then your generated header.
// (The event log and the JSON-lines error reporter are not included: event_log.hpp,
// json_lines_reporter.hpp.)
#pragma once

#include "schemetric/bounded_label.hpp"
#include "schemetric/callback_gauge.hpp"
#include "schemetric/config.hpp"
#include "schemetric/counter.hpp"
#include "schemetric/error_classifier.hpp"
#include "schemetric/error_reporter.hpp"
#include "schemetric/exposition_format.hpp"
#include "schemetric/fwd.hpp"
#include "schemetric/gauge.hpp"
#include "schemetric/histogram.hpp"
#include "schemetric/info.hpp"
#include "schemetric/label.hpp"
#include "schemetric/metric_kind.hpp"
#include "schemetric/route.hpp"
#include "schemetric/runtime.hpp"
#include "schemetric/schema.hpp"
#include "schemetric/stateset.hpp"
#include "schemetric/status.hpp"
#include "schemetric/summary.hpp"
#include "schemetric/text_writer.hpp"
#include "schemetric/tracker.hpp"
#include "schemetric/tracker_kind.hpp"
#include "schemetric/version.hpp"
