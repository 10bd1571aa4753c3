// What the resolver's files share (internal to schema/).
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/schema.hpp"
#include "model/tracker_failures.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen {

/// The definitions of a model by name, and their names in alphabetical order (the candidates of
/// "did you mean", in a stable order).
class definitions_by_name {
 public:
  explicit definitions_by_name(const schema& model);

  [[nodiscard]] const label_definition* label(std::string_view name) const;
  [[nodiscard]] const metric_definition* metric(std::string_view name) const;
  [[nodiscard]] const tracker_definition* tracker(std::string_view name) const;
  [[nodiscard]] const std::vector<std::string_view>& label_names() const { return label_names_; }
  [[nodiscard]] const std::vector<std::string_view>& metric_names() const { return metric_names_; }
  [[nodiscard]] const std::vector<std::string_view>& tracker_names() const {
    return tracker_names_;
  }

 private:
  std::map<std::string_view, const label_definition*, std::less<>> labels_;
  std::map<std::string_view, const metric_definition*, std::less<>> metrics_;
  std::map<std::string_view, const tracker_definition*, std::less<>> trackers_;
  std::vector<std::string_view> label_names_;
  std::vector<std::string_view> metric_names_;
  std::vector<std::string_view> tracker_names_;
};

/// Links `reference` to its label; reports an unknown name as "OWNER uses unknown label 'x'
/// USE; did you mean ...". True when it is linked.
bool resolve_label(reference<label_definition>& reference, const definitions_by_name& names,
                   std::string_view owner, std::string_view use, diagnostics& diags);

/// Resolves and checks the trackers (schema/resolve_trackers.cpp).
void resolve_trackers(schema& model, const definitions_by_name& names, diagnostics& diags);

/// Where a series selection is read, for its checks and messages.
struct selection_use {
  std::string role;                    ///< "the 'numerator' of alert 'HighErrorRate'"
  std::span<const metric_kind> kinds;  ///< the kinds its metric may have; empty: any
  std::string_view kinds_text;         ///< "a counter, a histogram or a summary"
};

/// Links a selection's metric and matched labels, and checks the metric's kind, that it has the
/// labels and that the values are in their sets. False when the metric is not usable (later
/// checks on it are skipped).
bool resolve_selection(series_selection& selection, const definitions_by_name& names,
                       const selection_use& use, diagnostics& diags);

/// Links `tracker` and selects its failures and all its operations (model/tracker_failures.hpp);
/// reports a tracker that records no failures.
std::optional<tracker_failures> resolve_tracker_ratio(reference<tracker_definition>& tracker,
                                                      const definitions_by_name& names,
                                                      std::string_view owner, diagnostics& diags);

/// Reports a `part` of the same metric as `whole` that selects every series `whole` selects
/// ("SUBJECT every series WHOLE_NAME selects ..."): a ratio of them is always 1.
void check_part_of_whole(const series_selection& part, const series_selection& whole,
                         std::string_view subject, std::string_view whole_name, diagnostics& diags);

/// Links `by` labels and checks that each is a label of every metric in `read` (null entries are
/// skipped).
void resolve_by(std::vector<reference<label_definition>>& by,
                std::span<const metric_definition* const> read, const definitions_by_name& names,
                std::string_view owner, diagnostics& diags);

/// Checks the selectors of a raw alert's expression and tests (schema/resolve_raw_alerts.cpp).
void check_raw_alert(const schema& model, const alert_definition& alert, const raw_indicator& raw,
                     const definitions_by_name& names, diagnostics& diags);

/// Resolves and checks the alerts (schema/resolve_alerts.cpp) and the SLOs
/// (schema/resolve_slos.cpp).
void resolve_alerts(schema& model, const definitions_by_name& names, diagnostics& diags);
void resolve_slos(schema& model, const definitions_by_name& names, diagnostics& diags);

/// Links what the dashboard's rows show (schema/resolve_dashboard.cpp).
void resolve_dashboard(schema& model, const definitions_by_name& names, diagnostics& diags);

}  // namespace schemetric::codegen
