// `process_metrics: true`: the process metrics the library exports join the schema's metrics,
// so that alerts, dashboards, the reference and `diff` name them like the others.
#include <fmt/format.h>

#include "model/process_metrics.hpp"
#include "schema/sections.hpp"
#include "support/text.hpp"

namespace schemetric::codegen {

void read_process_metrics(yaml::node_reader& reader, const yaml::entry& entry, schema& model) {
  if (const std::optional<bool> enabled = reader.boolean(entry, "the schema")) {
    model.process_metrics = *enabled;
    model.process_metrics_position = entry.value_position;
  }
}

void add_process_metrics(yaml::node_reader& reader, schema& model) {
  if (!model.process_metrics) return;
  const std::string where = position_text(model.process_metrics_position);
  for (const metric_definition& metric : model.metrics) {
    if (!metric.kind_known) continue;
    const std::string_view family = openmetrics_family(metric.name, metric.kind);
    for (const process_metric& process : process_metrics) {
      if (metric.name == process.name) {
        reader.error(metric.position,
                     fmt::format("metric '{}' is one of the process metrics that "
                                 "'process_metrics: true' (at {}) adds; remove it from 'metrics:' "
                                 "(the library reads it from /proc), or remove 'process_metrics: "
                                 "true' to define it yourself",
                                 metric.name, where));
      } else if (family == openmetrics_family(process.name, process.kind)) {
        reader.error(metric.position,
                     fmt::format("metric '{}' is exposed as the OpenMetrics family '{}', which "
                                 "the process metric '{}' uses ('process_metrics: true' at {}); "
                                 "rename the metric",
                                 metric.name, family, process.name, where));
      }
    }
  }
  for (const process_metric& process : process_metrics) {
    metric_definition& metric = model.metrics.emplace_back();
    metric.name = process.name;
    metric.kind = process.kind;
    metric.help = process.help;
    metric.unit = process.unit;
    metric.value = metric_value::floating;  // the library writes each as a double
    metric.from_process = true;
    metric.position = model.process_metrics_position;
  }
}

}  // namespace schemetric::codegen
