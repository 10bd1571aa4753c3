#!/usr/bin/python3
"""End to end: the example service, a real Prometheus with the generated rules, Alertmanager and
VictoriaMetrics (examples/stack/stack.py starts them on 127.0.0.1, free ports, temporary storage),
then:
1. every panel target of the generated dashboard ($job, $instance and $__rate_interval
   substituted) runs through Prometheus's HTTP API without error and returns series;
2. every rule is loaded with health ok, every recording rule's expression returns series, and
   what every alerting rule compares with its threshold returns series;
3. the same panel queries through VictoriaMetrics's Prometheus-compatible API (fed by
   Prometheus's remote_write) return the same series (label sets, external labels aside);
4. vmalert loads the generated rules against VictoriaMetrics and evaluates each without error;
5. an alert end to end: a high 5xx ratio injected through the service's admin endpoint makes
   HighErrorRate fire in Prometheus, Alertmanager receives it (/api/v2/alerts) and notifies the
   pager webhook; then the fault is removed.
The rules loaded are those of schema/example.yaml with every alert's `for` at 5s, generated here
(their expressions are checked equal to the example's). Everything is stopped by the test; every
wait is bounded. Skipped (77) when a server is not installed, unless SCHEMETRIC_REQUIRE_ALL_TESTS
or CI is set.

Usage: stack_test.py SERVICE GENERATOR SCHEMA RULES DASHBOARD
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from required_tools import exit_unless_installed  # noqa: E402

exit_unless_installed(["prometheus", "prometheus-alertmanager", "victoria-metrics", "vmalert"])
import yaml  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "examples", "stack"))
import stack as stack_module  # noqa: E402

EXTERNAL_LABELS = {"cluster", "replica"}
RATE_INTERVAL = "1m"
COMPARISON = re.compile(r"\s*(>|<|==|>=|<=)\s*[-+0-9.e* ]+$")


def fast_rules(generator, schema_path, example_rules, work):
    """The example's rules with every alert's `for` at 5s, generated from a copy of its schema."""
    with open(schema_path, encoding="utf-8") as f:
        schema = yaml.safe_load(f)
    for alert in schema.get("alerts", {}).values():
        alert["for"] = "5s"
    fast_schema = os.path.join(work, "example.yaml")
    with open(fast_schema, "w", encoding="utf-8") as f:
        yaml.safe_dump(schema, f, sort_keys=False)
    subprocess.run([generator, fast_schema, "--emit", "rules", "--out-dir", work], check=True,
                   timeout=60)
    fast = os.path.join(work, "example.rules.yml")

    def expressions(path):
        with open(path, encoding="utf-8") as f:
            groups = yaml.safe_load(f)["groups"]
        return [(r.get("record") or r.get("alert"), r["expr"]) for g in groups for r in g["rules"]]
    assert expressions(fast) == expressions(example_rules), "the fast rules differ from the example's"
    return fast


class api:
    def __init__(self, base):
        self.base = base

    def query(self, expr, at=None):
        params = {"query": expr}
        if at is not None:
            params["time"] = f"{at:.3f}"
        url = f"{self.base}/api/v1/query?" + urllib.parse.urlencode(params)
        document = stack_module.http_json(url, timeout=30)
        assert document["status"] == "success", document
        return document["data"]["result"]


def substituted(expr, job):
    return (expr.replace("$__rate_interval", RATE_INTERVAL).replace("$job", job)
            .replace("$instance", ".+"))


def panel_queries(dashboard_path, job):
    with open(dashboard_path, encoding="utf-8") as f:
        dashboard = json.load(f)
    return [(panel["title"], substituted(target["expr"], job))
            for panel in dashboard["panels"] for target in panel.get("targets", [])]


def until_series(prometheus, what, expr, seconds):
    deadline = time.monotonic() + seconds
    while True:
        result = prometheus.query(expr)
        if result or time.monotonic() > deadline:
            return result
        time.sleep(1)


def check_panels(prometheus, queries):
    empty = [f"{title}: {expr}" for title, expr in queries
             if not until_series(prometheus, title, expr, 30)]
    assert not empty, "panel queries without series:\n" + "\n".join(empty)
    print(f"Prometheus: all {len(queries)} panel queries return series")


def watched_quantities(expr):
    """What an alerting rule compares with its threshold: each top-level `and`/`or` operand (one
    per line in the rules file) without its comparison; the argument of absent()."""
    parts = []
    for operand in re.split(r"\n(?:and|or|unless)\n", expr.strip()):
        operand = COMPARISON.sub("", operand.strip())
        if operand.startswith("absent(") and operand.endswith(")"):
            operand = operand[len("absent("):-1]
        parts.append(operand)
    return parts


def check_rules(prometheus, run, rules_path):
    def all_evaluated():
        groups = stack_module.http_json(run.url("prometheus") + "/api/v1/rules")["data"]["groups"]
        rules = [r for g in groups for r in g["rules"]]
        return rules if rules and all(r["health"] == "ok" and
                                      not r["lastEvaluation"].startswith("0001") for r in rules) \
            else None
    stack_module.wait_for("every rule evaluated with health ok", all_evaluated, 60)
    loaded = all_evaluated()
    with open(rules_path, encoding="utf-8") as f:
        rules = [r for g in yaml.safe_load(f)["groups"] for r in g["rules"]]
    assert len(loaded) == len(rules), (len(loaded), len(rules))
    empty = []
    for rule in rules:
        expressions = [rule["expr"]] if "record" in rule else watched_quantities(rule["expr"])
        for expr in expressions:
            if not until_series(prometheus, rule.get("record") or rule["alert"], expr, 20):
                empty.append(f"{rule.get('record') or rule['alert']}: {expr}")
    assert not empty, "rule expressions without series:\n" + "\n".join(empty)
    print(f"Prometheus: {len(rules)} rules loaded, health ok, each expression returns series")


def label_sets(result):
    return sorted(json.dumps({k: v for k, v in s["metric"].items() if k not in EXTERNAL_LABELS},
                             sort_keys=True) for s in result)


def check_victoria_metrics(prometheus, run, queries):
    victoria = api(run.url("victoria-metrics"))
    stack_module.wait_for("samples in VictoriaMetrics",
                          lambda: victoria.query('up{job="%s"}' % run.job), 60)
    different = []
    for title, expr in queries:
        at = time.time() - 5
        deadline = time.monotonic() + 30
        while True:
            expected, found = label_sets(prometheus.query(expr, at)), label_sets(victoria.query(expr, at))
            if expected == found or time.monotonic() > deadline:
                break
            time.sleep(2)
            at = time.time() - 5
        if expected != found:
            different.append(f"{title}: {expr}\n  Prometheus: {expected}\n  VictoriaMetrics: {found}")
    assert not different, "VictoriaMetrics differs:\n" + "\n".join(different)
    print(f"VictoriaMetrics: the same series as Prometheus for all {len(queries)} panel queries")


def check_vmalert(run, rules_path):
    port = stack_module.free_port()
    vmalert = run.start("vmalert", [
        "vmalert", f"-rule={rules_path}", f"-datasource.url={run.url('victoria-metrics')}",
        f"-notifier.url={run.url('alertmanager')}",
        f"-remoteWrite.url={run.url('victoria-metrics')}", f"-httpListenAddr=127.0.0.1:{port}",
        "-evaluationInterval=2s", "-loggerLevel=ERROR"])

    def evaluated():
        run.check_alive()
        groups = stack_module.http_json(f"http://127.0.0.1:{port}/api/v1/rules")["data"]["groups"]
        rules = [r for g in groups for r in g.get("rules", [])]
        return rules if rules and all(r.get("lastEvaluation", "").startswith("0001") is False
                                      for r in rules) else None
    stack_module.wait_for("vmalert to evaluate every rule", evaluated, 60)
    rules = evaluated()
    errors = [f"{r.get('name')}: {r.get('lastError')}" for r in rules if r.get("lastError")]
    assert not errors, "vmalert evaluation errors:\n" + "\n".join(errors)
    vmalert.terminate()
    vmalert.wait(timeout=20)
    del run.processes["vmalert"]
    print(f"vmalert: {len(rules)} rules loaded and evaluated against VictoriaMetrics without error")


def request(url, method):
    with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as r:
        return json.loads(r.read())


def check_alert(run):
    def firing(name):
        alerts = stack_module.http_json(run.url("prometheus") + "/api/v1/alerts")["data"]["alerts"]
        return [a for a in alerts if a["labels"]["alertname"] == name and a["state"] == "firing"]
    assert not firing("HighErrorRate"), "HighErrorRate fires before any fault"
    faults = run.url("faults") + "/faults"
    assert request(faults + "?http_5xx_ratio=0.9", "POST")["http_5xx_ratio"] == 0.9
    try:
        stack_module.wait_for("HighErrorRate firing in Prometheus", lambda: firing("HighErrorRate"), 90)

        def received():
            alerts = stack_module.http_json(run.url("alertmanager") + "/api/v2/alerts")
            return [a for a in alerts if a["labels"].get("alertname") == "HighErrorRate"]
        stack_module.wait_for("HighErrorRate in Alertmanager", received, 60)
        stack_module.wait_for("the pager webhook notified", lambda: any(
            path == "/pager" and any(a["labels"]["alertname"] == "HighErrorRate"
                                     for a in document.get("alerts", []))
            for path, document in run.webhook.notifications), 60)
    finally:
        assert request(faults, "DELETE")["http_5xx_ratio"] == 0
    print("alert: HighErrorRate firing in Prometheus, received by Alertmanager, sent to the pager")


def main():
    service, generator, schema, rules, dashboard = sys.argv[1:6]
    stack_module.stop_on_sigterm()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="schemetric-stack-test-") as work:
        fast = fast_rules(generator, schema, rules, work)
        with stack_module.stack(service, schema, fast, dashboard, work=work) as run:
            run.start_all()
            prometheus = api(run.url("prometheus"))
            stack_module.wait_for("the target up", lambda: prometheus.query(
                'up{job="%s"} == 1' % run.job), 60)
            time.sleep(10)  # traffic for rates, and two evaluations of every rule
            queries = panel_queries(dashboard, run.job)
            check_panels(prometheus, queries)
            check_rules(prometheus, run, fast)
            check_victoria_metrics(prometheus, run, queries)
            check_vmalert(run, fast)
            check_alert(run)
            run.check_alive()
    print(f"stack test passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
