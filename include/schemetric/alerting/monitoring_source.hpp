// What the exporter serves when the application turns on alerting without Prometheus: the
// registry's metrics and health, plus the evaluator's `/monitoring/status` and
// `/monitoring/alerts?hours=N` JSON documents.
#pragma once

#include <charconv>
#include <chrono>
#include <string>
#include <string_view>

#include "schemetric/alerting/evaluator.hpp"
#include "schemetric/alerting/monitoring_json.hpp"
#include "schemetric/config.hpp"
#include "schemetric/detail/json_text.hpp"
#include "schemetric/scrape_source.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace alerting {

/// `hours=N` of a query (1 to 168; 24 when absent), or an error message.
struct hours_query {
  int hours = 24;
  std::string error;  ///< empty when the query is fine
};

[[nodiscard]] inline hours_query parse_hours(std::string_view query) {
  hours_query result;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (!pair.starts_with("hours=")) continue;
    const std::string_view text = pair.substr(6);
    int hours = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), hours);
    if (error != std::errc{} || end != text.data() + text.size() || hours < 1 || hours > 168) {
      result.error = "hours must be a whole number from 1 to 168";
      return result;
    }
    result.hours = hours;
  }
  return result;
}

/// A scrape source that adds the evaluator's documents to another source's.
/// Thread safety and lifetime: those of scrape_source; `metrics` and `alerts` must outlive it.
class monitoring_source final : public scrape_source {
 public:
  monitoring_source(scrape_source& metrics, const evaluator& alerts) noexcept
      : metrics_(metrics), alerts_(alerts) {}

  void write_metrics(exposition_format format, std::string& out) override {
    metrics_.write_metrics(format, out);
  }
  bool write_health(std::string& out) override { return metrics_.write_health(out); }

  int write_document(std::string_view path, std::string_view query, std::string& out) override {
    if (path == "/monitoring/status") {
      write_status_json(alerts_, out);
      return 200;
    }
    if (path == "/monitoring/alerts") {
      const hours_query parsed = parse_hours(query);
      if (!parsed.error.empty()) {
        out.append("{\"error\":");
        detail::append_json_string(out, parsed.error);
        out.push_back('}');
        return 400;
      }
      write_alerts_json(alerts_, out, evaluator::unix_ms(std::chrono::system_clock::now()),
                        parsed.hours);
      return 200;
    }
    return metrics_.write_document(path, query, out);
  }

 private:
  scrape_source& metrics_;
  const evaluator& alerts_;
};

}  // namespace alerting
SCHEMETRIC_END_NAMESPACE
