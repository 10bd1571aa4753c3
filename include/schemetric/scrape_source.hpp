// The interface the HTTP exporter serves: something that writes the metrics and health documents.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "schemetric/config.hpp"
#include "schemetric/exposition_format.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// What the exporter serves: the metrics exposition, a health document, and other JSON
/// documents an application adds (the alert evaluator's `/monitoring/...`).
///
/// Thread safety: the exporter calls an implementation only from its own thread (or, when it
/// runs on an application's io_context, from one of that context's threads) and never makes two
/// calls at the same time, so an implementation needs no locking against the exporter itself;
/// it must still be safe against the application's threads that record measurements.
/// Lifetime: must outlive every exporter serving it until that exporter's stop() returned.
/// Failure: an exception thrown by either function is caught by the exporter, which answers
/// that request with 500 Internal Server Error and closes the connection; partial output is
/// discarded.
class scrape_source {
 public:
  virtual ~scrape_source() = default;

  /// Appends the exposition of every metric in `format` to `out` (the exporter hands over a
  /// cleared, reused buffer and must not be called back from here).
  virtual void write_metrics(exposition_format format, std::string& out) = 0;

  /// Appends the health document (JSON) to `out`; returns true when healthy (HTTP 200), false
  /// when not (HTTP 503 with the same document).
  virtual bool write_health(std::string& out) = 0;

  /// Appends the JSON document served at `path` (any path but /metrics and /health), given
  /// the query of the request (the target's text after `?`, empty without one), and returns
  /// its HTTP status: 200, or 400 with a JSON `{"error": ...}` for a query it rejects. Returns
  /// 0, with nothing appended, when no document is served at `path` (the exporter answers 404).
  /// The default serves none.
  virtual int write_document(std::string_view path, std::string_view query, std::string& out) {
    (void)path;
    (void)query;
    (void)out;
    return 0;
  }
};

SCHEMETRIC_END_NAMESPACE
