// The panels of a tracker, its RED view: the rate of operations by outcome, the share that
// failed (from the per-instance rates its rule group records), the latency quantiles and their
// distribution (from its recorded bucket rates), operations in progress, error categories,
// sizes and tokens.
#include <fmt/format.h>

#include "emit/dashboard/panels.hpp"
#include "emit/dashboard/queries.hpp"
#include "model/tracker_failures.hpp"
#include "rules/series.hpp"

namespace schemetric::codegen::dashboard {
namespace {

using promql::expression;
using promql::label_matcher;
using promql::match_op;

constexpr std::array<double, 3> latency_quantiles{0.5, 0.95, 0.99};

// What one operation of a kind is called on the dashboard.
std::string_view operations_of(tracker_kind kind) {
  switch (kind) {
    case tracker_kind::http:
      return "HTTP requests";
    case tracker_kind::db:
      return "Database queries";
    case tracker_kind::ai:
      return "AI requests";
    case tracker_kind::cache:
      return "Cache look-ups";
    case tracker_kind::integration:
      return "Integration calls";
    case tracker_kind::mcp:
      return "MCP tool calls";
  }
  return "Operations";
}

}  // namespace

std::string tracker_subject(const schema& model, const tracker_definition& tracker) {
  std::size_t same_kind = 0;
  for (const tracker_definition& other : model.trackers) same_kind += other.kind == tracker.kind;
  if (same_kind > 1) return fmt::format("{} ({})", operations_of(tracker.kind), tracker.name);
  return std::string{operations_of(tracker.kind)};
}

namespace {

// A selector of a per-instance recording: it has the job and instance labels to match.
expression recorded(const std::string& record) {
  return expression::selector(record, scoped());
}

class tracker_builder {
 public:
  tracker_builder(const build_context& context, const tracker_definition& tracker)
      : context_(context), tracker_(tracker), subject_(tracker_subject(context.model(), tracker)) {
    for (const rules::tracker_recordings& recordings : context.plan().trackers) {
      if (recordings.tracker == &tracker) recordings_ = &recordings;
    }
  }

  std::vector<panel_spec> build() {
    std::vector<panel_spec> panels;
    panels.push_back(rate_panel());
    if (auto errors = errors_panel()) panels.push_back(std::move(*errors));
    if (auto hits = hit_ratio_panel()) panels.push_back(std::move(*hits));
    panels.push_back(latency_panel());
    panels.push_back(heatmap_panel());
    if (const metric_definition* gauge = role(metric_role::in_progress)) {
      panels.push_back(in_progress_panel(*gauge));
    }
    if (const metric_definition* errors = role(metric_role::errors)) {
      panels.push_back(error_categories_panel(*errors));
    }
    for (const auto& [size_role, noun] : {std::pair{metric_role::request_size, "request size"},
                                          std::pair{metric_role::response_size, "response size"}}) {
      if (const metric_definition* sizes = role(size_role)) {
        panels.push_back(size_panel(*sizes, noun, size_role));
      }
    }
    if (const metric_definition* tokens = role(metric_role::tokens)) {
      panels.push_back(tokens_panel(*tokens));
    }
    return panels;
  }

 private:
  [[nodiscard]] const metric_definition* role(metric_role which) const {
    return tracker_.metric(which).target;
  }
  [[nodiscard]] std::string name(std::string_view aspect) const {
    return fmt::format("{}.{}", tracker_.name, aspect);
  }
  [[nodiscard]] const label_definition* outcome() const {
    return tracker_.label(label_role::outcome).target;
  }

  panel_spec rate_panel() const {
    const metric_definition* count = role(metric_role::count);
    const metric_definition& counted = count != nullptr ? *count : *role(metric_role::duration);
    std::vector<std::string> split;
    if (outcome() != nullptr && counted.has_label(outcome()->name)) split = {outcome()->name};
    const std::string panel = name("rate");
    split = context_.split(panel, split);
    const series_selection all = whole(counted);
    panel_spec spec = new_panel(panel, fmt::format("{}: rate", subject_), panel_type::timeseries,
                                rate_unit_of(counted, tracker_.kind == tracker_kind::http));
    if (!split.empty()) spec.title += " by " + fmt::format("{}", fmt::join(split, ", "));
    spec.description = fmt::format("{} per second, from {}. {}", operations_of(tracker_.kind),
                                   rules::event_series(counted), counted.help);
    spec.queries.push_back(
        {rate_sum(rules::event_series(counted), &all, split).text(), legend(split, "", "all")});
    spec.splittable_by = {&counted};
    return spec;
  }

  std::optional<panel_spec> errors_panel() const {
    const std::optional<tracker_failures> failures = failures_of(tracker_, tracker_.position);
    if (!failures || recordings_ == nullptr || recordings_->failed_rate.empty()) return {};
    const std::string panel = name("errors");
    panel_spec spec = new_panel(panel, fmt::format("{}: error ratio", subject_),
                                panel_type::timeseries, "percentunit");
    spec.shows = ratio_key(failures->failed, failures->all);
    spec.splittable_by = {failures->failed.metric.target, failures->all.metric.target};
    if (context_.split_overridden(panel)) {
      const std::vector<std::string> split = context_.split(panel, {});
      spec.title += " by " + fmt::format("{}", fmt::join(split, ", "));
      spec.queries.push_back(
          {expression::binary(
               "/",
               rate_sum(rules::event_series(*failures->failed.metric), &failures->failed, split),
               rate_sum(rules::event_series(*failures->all.metric), &failures->all, split))
               .text(),
           legend(split, "", "error ratio")});
    } else {
      spec.queries.push_back(
          {expression::binary("/",
                              expression::aggregate("sum", {}, recorded(recordings_->failed_rate)),
                              expression::aggregate("sum", {}, recorded(recordings_->all_rate)))
               .text(),
           "error ratio"});
    }
    spec.description = fmt::format(
        "Share of the {} that failed ({} over {}) over 5 minutes, summed over the instances "
        "selected from the recording rules {} and {}.",
        operations_of(tracker_.kind), rules::selection_name(failures->failed, ""),
        rules::selection_name(failures->all, ""), recordings_->failed_rate, recordings_->all_rate);
    return spec;
  }

  // Cache look-ups: the share that hit, of those that hit or missed.
  std::optional<panel_spec> hit_ratio_panel() const {
    const metric_definition* count = role(metric_role::count);
    if (tracker_.kind != tracker_kind::cache || count == nullptr || outcome() == nullptr) return {};
    const series_selection hits = part(*count, *outcome(), {"hit"});
    const series_selection looked_up = part(*count, *outcome(), {"hit", "miss"});
    const std::string panel = name("hit_ratio");
    const std::vector<std::string> split = context_.split(panel, {});
    panel_spec spec = new_panel(panel, fmt::format("{}: hit ratio", subject_),
                                panel_type::timeseries, "percentunit");
    spec.description = fmt::format(
        "Share of the look-ups that hit, of those that hit or missed ({} with {} hit over hit or "
        "miss).",
        count->name, outcome()->name);
    spec.queries.push_back({expression::binary("/", rate_sum(count->name, &hits, split),
                                               rate_sum(count->name, &looked_up, split))
                                .text(),
                            legend(split, "", "hit ratio")});
    spec.shows = ratio_key(hits, looked_up);
    spec.splittable_by = {count};
    return spec;
  }

  panel_spec latency_panel() const {
    const metric_definition& duration = *role(metric_role::duration);
    const std::string panel = name("latency");
    panel_spec spec = new_panel(panel, fmt::format("{}: latency", subject_), panel_type::timeseries,
                                unit_of(duration));
    spec.shows = quantile_key(whole(duration));
    spec.splittable_by = {&duration};
    const bool split_given = context_.split_overridden(panel);
    const std::vector<std::string> split = context_.split(panel, {});
    for (const double quantile : latency_quantiles) {
      const std::string prefix = percentile_name(quantile);
      if (split_given) {
        spec.queries.push_back(
            {quantile_over(quantile, whole(duration), split).text(), legend(split, prefix)});
      } else {
        spec.queries.push_back(
            {expression::call(
                 "histogram_quantile",
                 {expression::number(quantile),
                  expression::aggregate("sum", {"le"}, recorded(recordings_->bucket_rate))})
                 .text(),
             prefix});
      }
    }
    spec.description = fmt::format(
        "50th, 95th and 99th percentiles of {}, interpolated from its buckets{}. {}", duration.name,
        split_given ? std::string{}
                    : fmt::format(" as recorded over 5 minutes by {}", recordings_->bucket_rate),
        duration.help);
    return spec;
  }

  panel_spec heatmap_panel() const {
    const metric_definition& duration = *role(metric_role::duration);
    panel_spec spec = new_panel(name("heatmap"), fmt::format("{}: latency distribution", subject_),
                                panel_type::heatmap, unit_of(duration));
    spec.fixed_type = true;
    spec.description = fmt::format(
        "Operations per second in each bucket of {}, from the recording rule {}: where the "
        "latencies fall, and how they move.",
        duration.name, recordings_->bucket_rate);
    spec.queries.push_back(
        {expression::aggregate("sum", {"le"}, recorded(recordings_->bucket_rate)).text(), "{{le}}",
         "heatmap"});
    return spec;
  }

  panel_spec in_progress_panel(const metric_definition& gauge) const {
    const std::string panel = name("in_progress");
    const std::vector<std::string> split = context_.split(panel, label_names(gauge));
    panel_spec spec =
        new_panel(panel, fmt::format("{}: in progress", subject_), panel_type::timeseries, "short");
    spec.description = fmt::format("{} being handled right now, from {}. {}",
                                   operations_of(tracker_.kind), gauge.name, gauge.help);
    spec.queries.push_back({expression::aggregate("sum", split, scoped_series(gauge.name)).text(),
                            legend(split, "", "in progress")});
    spec.shows = gauge_key(whole(gauge));
    spec.splittable_by = {&gauge};
    return spec;
  }

  panel_spec error_categories_panel(const metric_definition& errors) const {
    const label_definition* category = tracker_.label(label_role::error).target;
    std::vector<std::string> split;
    if (category != nullptr) split.push_back(category->name);
    const std::string panel = name("error_categories");
    split = context_.split(panel, split);
    panel_spec spec = new_panel(panel, fmt::format("{}: errors", subject_), panel_type::timeseries,
                                rate_unit_of(errors));
    if (!split.empty()) spec.title += " by " + fmt::format("{}", fmt::join(split, ", "));
    spec.description =
        fmt::format("Failed operations per second, from {}. {}", errors.name, errors.help);
    const series_selection all = whole(errors);
    spec.queries.push_back(
        {rate_sum(errors.name, &all, split).text(), legend(split, "", "errors")});
    spec.splittable_by = {&errors};
    return spec;
  }

  panel_spec size_panel(const metric_definition& sizes, std::string_view noun,
                        metric_role which) const {
    const std::string panel =
        name(which == metric_role::request_size ? "request_size" : "response_size");
    const std::vector<std::string> split = context_.split(panel, {});
    panel_spec spec = new_panel(panel, fmt::format("{}: {}", subject_, noun),
                                panel_type::timeseries, unit_of(sizes));
    spec.description =
        fmt::format("50th, 95th and 99th percentiles of {}. {}", sizes.name, sizes.help);
    for (const double quantile : latency_quantiles) {
      const std::string prefix = percentile_name(quantile);
      spec.queries.push_back(
          {quantile_over(quantile, whole(sizes), split).text(), legend(split, prefix)});
    }
    spec.shows = quantile_key(whole(sizes));
    spec.splittable_by = {&sizes};
    return spec;
  }

  panel_spec tokens_panel(const metric_definition& tokens) const {
    const label_definition* direction = tracker_.label(label_role::token).target;
    std::vector<std::string> split;
    if (direction != nullptr) split.push_back(direction->name);
    const std::string panel = name("tokens");
    split = context_.split(panel, split);
    panel_spec spec =
        new_panel(panel, fmt::format("{}: tokens", subject_), panel_type::timeseries, "cps");
    spec.description = fmt::format("Tokens per second, from {}. {}", tokens.name, tokens.help);
    const series_selection all = whole(tokens);
    spec.queries.push_back(
        {rate_sum(tokens.name, &all, split).text(), legend(split, "", "tokens")});
    spec.splittable_by = {&tokens};
    return spec;
  }

  const build_context& context_;
  const tracker_definition& tracker_;
  std::string subject_;
  const rules::tracker_recordings* recordings_ = nullptr;
};

}  // namespace

std::vector<panel_spec> tracker_panels(const build_context& context,
                                       const tracker_definition& tracker) {
  return tracker_builder(context, tracker).build();
}

}  // namespace schemetric::codegen::dashboard
