#!/usr/bin/python3
"""Checks generated Grafana dashboards: their structure, and the rules of Grafana's dashboard
linter (github.com/grafana/dashboard-linter) written as this project's own checks.

    check_dashboard.py DASHBOARD.json [JOB]...

Structure: valid JSON; schemaVersion 39 or later; a uid of at most 40 characters; unique panel
ids; panels within the 24 columns, without overlaps; every panel with a title, a description, a
datasource, at least one target, and a unit; rows only as row panels.
Linter rules:
- template-datasource-rule: a `datasource` variable of type datasource, query prometheus, label
  'Data source'; panel-datasource-rule: every panel and target uses `${datasource}`;
- template-job-rule, template-instance-rule: query variables `job` and `instance` on the
  templated datasource, labelled 'Job' and 'Instance', multi-select, all value `.+`;
  template-on-time-change-reload: query variables refresh on time range change (2);
- target-job-rule, target-instance-rule: every selector has `job=~"$job"` and
  `instance=~"$instance"`, except selectors of recording rules whose level (the part of the name
  before the first colon) has no instance label, which cannot be matched on it (the SLO
  recordings: an objective is the job's);
- target-rate-interval-rule: every range is `$__rate_interval`;
- target-counter-agg-rule: a counter (a name ending in _total) only inside rate, irate or
  increase;
- panel-units-rule: the unit is one Grafana knows;
- panel-title-description-rule, panel-no-targets-rule.
With JOB arguments, the `job` variable's default must be one of them.
`check_dashboard.py --self-test DASHBOARD.json` breaks the dashboard in each way above and fails
unless every breakage is reported.
Exit status 0 when every check holds, 1 otherwise (each problem printed).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from promql_tokens import selectors  # noqa: E402

# The units Grafana knows (packages/grafana-data/src/valueFormats/categories.ts), those the
# generator may write and a few more of each category.
UNITS = {
    "none", "short", "percent", "percentunit", "s", "ms", "us", "ns", "m", "h", "d",
    "dtdurations", "bytes", "decbytes", "bits", "Bps", "binBps", "bps", "ops", "reqps", "rps",
    "wps", "iops", "cps", "opm", "rpm", "dateTimeAsIso", "dateTimeFromNow", "currencyUSD",
    "currencyEUR", "celsius", "fahrenheit", "lengthm", "massg", "masskg", "volt", "amp", "joule",
    "watt", "bool", "hertz",
}
PANELS_WITH_UNITS = {"timeseries", "stat", "gauge", "bargauge", "table", "heatmap",
                     "state-timeline"}
COUNTER_FUNCTIONS = {"rate", "irate", "increase"}


class checker:
    def __init__(self, name):
        self.name = name
        self.problems = []

    def problem(self, text):
        self.problems.append(f"{self.name}: {text}")


def check_variables(dashboard, c, jobs):
    variables = {v.get("name"): v for v in dashboard.get("templating", {}).get("list", [])}
    source = variables.get("datasource")
    if not source or source.get("type") != "datasource" or source.get("query") != "prometheus":
        c.problem("template-datasource-rule: no datasource variable of Prometheus")
    elif source.get("label") != "Data source":
        c.problem("template-datasource-rule: the datasource variable is not labelled 'Data source'")
    for name in ("job", "instance"):
        v = variables.get(name)
        if v is None:
            c.problem(f"template-{name}-rule: no {name} variable")
            continue
        if v.get("datasource", {}).get("uid") not in ("$datasource", "${datasource}"):
            c.problem(f"template-{name}-rule: {name} does not use the datasource variable")
        if v.get("type") != "query" or v.get("label") != name.title():
            c.problem(f"template-{name}-rule: {name} is not a query labelled {name.title()}")
        if not v.get("multi") or v.get("allValue") != ".+" or not v.get("includeAll"):
            c.problem(f"template-{name}-rule: {name} is not multi-select with All as '.+'")
    for v in variables.values():
        if v.get("type") == "query" and v.get("refresh") != 2:
            c.problem(f"template-on-time-change-reload: {v['name']} refresh is {v.get('refresh')}")
    if jobs and variables.get("job", {}).get("current", {}).get("value") not in [[j] for j in jobs]:
        c.problem(f"the job variable's default is not one of {jobs}")


def recording_without_instance(name):
    return ":" in name and "instance" not in name.split(":")[0].split("_")


def check_query(expr, where, c):
    try:
        found = selectors(expr)
    except (ValueError, StopIteration, IndexError) as error:
        c.problem(f"{where}: cannot read the query {expr!r}: {error}")
        return
    if not found:
        c.problem(f"{where}: no selector in {expr!r}")
    for s in found:
        matchers = {(label, op, value) for label, op, value in s["matchers"]}
        if ("job", "=~", "$job") not in matchers:
            c.problem(f"target-job-rule: {where}: {s['name']} lacks job=~\"$job\" in {expr!r}")
        if ("instance", "=~", "$instance") not in matchers and \
                not recording_without_instance(s["name"]):
            c.problem(f"target-instance-rule: {where}: {s['name']} lacks instance=~\"$instance\"")
        if s["range"] is not None and s["range"] != "$__rate_interval":
            c.problem(f"target-rate-interval-rule: {where}: range [{s['range']}] in {expr!r}")
        if s["name"].endswith("_total") and (s["range"] is None or
                                             s["function"] not in COUNTER_FUNCTIONS):
            c.problem(f"target-counter-agg-rule: {where}: counter {s['name']} outside rate, "
                      f"irate or increase in {expr!r}")


def check_panel(panel, c, cells, ids):
    title = panel.get("title", "")
    where = f"panel {panel.get('id')} '{title}'"
    if panel.get("id") in ids:
        c.problem(f"{where}: id {panel.get('id')} is used twice")
    ids.add(panel.get("id"))
    grid = panel.get("gridPos", {})
    x, y, w, h = (grid.get(k) for k in ("x", "y", "w", "h"))
    if None in (x, y, w, h) or x < 0 or w < 1 or h < 1 or x + w > 24:
        c.problem(f"{where}: gridPos {grid} is outside the 24 columns")
        return
    for cx in range(x, x + w):
        for cy in range(y, y + h):
            if (cx, cy) in cells:
                c.problem(f"{where}: overlaps '{cells[(cx, cy)]}' at column {cx}, line {cy}")
                return
            cells[(cx, cy)] = title
    if panel.get("type") == "row":
        if panel.get("panels"):
            c.problem(f"{where}: an open row holds panels")
        return
    if not title or not panel.get("description"):
        c.problem(f"panel-title-description-rule: {where} lacks a title or a description")
    if panel.get("datasource", {}).get("uid") not in ("$datasource", "${datasource}"):
        c.problem(f"panel-datasource-rule: {where} does not use the datasource variable")
    unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit")
    if panel.get("type") in PANELS_WITH_UNITS and unit not in UNITS:
        c.problem(f"panel-units-rule: {where} has unit {unit!r}")
    targets = panel.get("targets", [])
    if not targets:
        c.problem(f"panel-no-targets-rule: {where} has no target")
    for target in targets:
        if target.get("datasource", {}).get("uid") not in ("$datasource", "${datasource}"):
            c.problem(f"panel-datasource-rule: {where}: target {target.get('refId')}")
        check_query(target.get("expr", ""), f"{where} target {target.get('refId')}", c)


def check(path, jobs):
    c = checker(os.path.basename(path))
    try:
        with open(path, encoding="utf-8") as f:
            dashboard = json.load(f)
    except (OSError, ValueError) as error:
        c.problem(f"not valid JSON: {error}")
        return c.problems
    if dashboard.get("schemaVersion", 0) < 39:
        c.problem(f"schemaVersion {dashboard.get('schemaVersion')} is older than 39")
    uid = dashboard.get("uid", "")
    if not uid or len(uid) > 40:
        c.problem(f"uid {uid!r} is empty or longer than 40 characters")
    if not dashboard.get("title"):
        c.problem("no title")
    check_variables(dashboard, c, jobs)
    cells, ids = {}, set()
    panels = dashboard.get("panels", [])
    if not any(p.get("type") != "row" for p in panels):
        c.problem("no panel")
    for panel in panels:
        check_panel(panel, c, cells, ids)
    return c.problems


def first_target(dashboard):
    """The first target that matches the instance."""
    return next(t for p in dashboard["panels"] for t in p.get("targets", [])
                if '$instance' in t["expr"])


# Breakages each check must notice: (what, change to the dashboard, text of the problem).
MUTATIONS = [
    ("no instance matcher", lambda d: first_target(d).update(
        expr=first_target(d)["expr"].replace(', instance=~"$instance"', "")), "target-instance-rule"),
    ("a fixed range", lambda d: d["panels"].__setitem__(slice(None), [
        {**p, "targets": [{**t, "expr": t["expr"].replace("$__rate_interval", "5m")}
                          for t in p.get("targets", [])]} for p in d["panels"]]),
     "target-rate-interval-rule"),
    ("no job matcher", lambda d: first_target(d).update(
        expr=first_target(d)["expr"].replace('job=~"$job", ', "")), "target-job-rule"),
    ("a counter outside rate", lambda d: first_target(d).update(
        expr='http_requests_total{job=~"$job", instance=~"$instance"}'), "target-counter-agg-rule"),
    ("overlapping panels", lambda d: d["panels"][2]["gridPos"].update(d["panels"][1]["gridPos"]),
     "overlaps"),
    ("a panel wider than the grid", lambda d: d["panels"][1]["gridPos"].update(x=20, w=8),
     "outside the 24 columns"),
    ("a fixed datasource", lambda d: d["panels"][1].update(datasource={"uid": "prometheus"}),
     "panel-datasource-rule"),
    ("no target", lambda d: d["panels"][1].update(targets=[]), "panel-no-targets-rule"),
    ("an old schemaVersion", lambda d: d.update(schemaVersion=36), "schemaVersion"),
    ("a repeated id", lambda d: d["panels"][2].update(id=d["panels"][1]["id"]), "used twice"),
    ("no unit", lambda d: d["panels"][1]["fieldConfig"]["defaults"].update(unit="seconds"),
     "panel-units-rule"),
    ("All not .+", lambda d: d["templating"]["list"][1].update(allValue=".*"), "template-job-rule"),
    ("no description", lambda d: d["panels"][1].update(description=""),
     "panel-title-description-rule"),
]


def self_test(path):
    """Each mutation of the dashboard at `path` must be reported: the checks can fail."""
    import copy
    import tempfile
    with open(path, encoding="utf-8") as f:
        original = json.load(f)
    missed = []
    with tempfile.TemporaryDirectory() as work:
        for what, mutate, expected in MUTATIONS:
            broken = copy.deepcopy(original)
            mutate(broken)
            mutant = os.path.join(work, "mutant.json")
            with open(mutant, "w", encoding="utf-8") as f:
                json.dump(broken, f)
            if not any(expected in problem for problem in check(mutant, [])):
                missed.append(what)
    for what in missed:
        print(f"the checks miss a dashboard with {what}")
    return 1 if missed else 0


def main():
    if sys.argv[1] == "--self-test":
        return self_test(sys.argv[2])
    problems = check(sys.argv[1], sys.argv[2:])
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"{sys.argv[1]}: structure and lint rules hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
