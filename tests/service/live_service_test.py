#!/usr/bin/python3
"""The example service checked live by real peers:
- `promtool check metrics` on its text exposition: no findings;
- python3-prometheus-client's strict OpenMetrics parser on its OpenMetrics exposition;
- /health: a JSON document whose status matches the HTTP status;
- a real Prometheus (127.0.0.1, free port, temporary storage, 1 s scrape interval) scraping
  it: the target is up and an instant query returns series for every metric family of the
  schema;
- the alerts it evaluates in process (SCHEMETRIC_ALERT_INTERVAL=1s): its fault injection
  (database_down) makes ComponentUnhealthy go pending, fire (`for` shortened by
  SCHEMETRIC_ALERT_COMPONENT_UNHEALTHY_FOR) and resolve, as /monitoring/alerts shows, and
  /monitoring/status reports every alert of the schema the library evaluates;
- its event log (--event-log): JSON lines for failed operations and those transitions.
Both processes are started here and always stopped here; every wait is bounded.

Usage: live_service_test.py EXAMPLE_SERVICE SCHEMA_YAML
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import yaml
from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse_openmetrics
from prometheus_client.parser import text_string_to_metric_families as parse_text

OPENMETRICS = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, accept=None, timeout=10):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:  # 503 from /health is an answer, not a failure
        return error.code, error.headers, error.read().decode()


def wait_for(what, predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.25)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def sample_names(schema):
    """The sample names every metric of the schema exposes, by family name."""
    names = {}
    for name, metric in schema["metrics"].items():
        kind = metric["type"]
        if kind == "histogram":
            names[name] = [name + "_bucket", name + "_sum", name + "_count"]
        elif kind == "summary":
            names[name] = [name, name + "_sum", name + "_count"]
        else:
            names[name] = [name]
    return names


def check_live_expositions(base, schema):
    status, headers, text = get(base + "/metrics")
    assert status == 200 and headers["Content-Type"].startswith("text/plain; version=0.0.4"), headers
    lint = subprocess.run(["promtool", "check", "metrics"], input=text, capture_output=True,
                          text=True, timeout=60)
    assert lint.returncode == 0 and not (lint.stdout + lint.stderr).strip(), \
        f"promtool check metrics:\n{lint.stdout}{lint.stderr}"
    text_samples = {s.name for f in parse_text(text) for s in f.samples}

    status, headers, openmetrics = get(base + "/metrics", accept=OPENMETRICS)
    assert status == 200 and headers["Content-Type"].startswith(
        "application/openmetrics-text; version=1.0.0"), headers
    families = list(parse_openmetrics(openmetrics))  # strict: raises on any deviation
    om_samples = {s.name: s for f in families for s in f.samples}
    for family, samples in sample_names(schema).items():
        for sample in samples:
            assert sample in text_samples, f"text exposition lacks {sample}"
            assert sample in om_samples, f"OpenMetrics exposition lacks {sample}"
    # Values that do not change while the service runs read the same in both formats.
    assert om_samples["db_pool_max_connections"].value == 20
    text_values = {s.name: s.value for f in parse_text(text) for s in f.samples}
    assert text_values["app_start_time_seconds"] == om_samples["app_start_time_seconds"].value
    # The process metrics (schema: process_metrics: true), read from /proc when scraped.
    for sample in ("process_cpu_seconds_total", "process_resident_memory_bytes",
                   "process_virtual_memory_bytes", "process_open_fds", "process_max_fds",
                   "process_start_time_seconds"):
        assert sample in text_samples and sample in om_samples, f"no {sample}"
    assert 0 < text_values["process_open_fds"] <= text_values["process_max_fds"], text_values
    assert 0 < text_values["process_resident_memory_bytes"] <= \
        text_values["process_virtual_memory_bytes"], text_values
    # The service sets app_start_time_seconds from the clock soon after it started.
    assert text_values["process_start_time_seconds"] <= text_values["app_start_time_seconds"] + 1
    assert text_values["process_start_time_seconds"] > text_values["app_start_time_seconds"] - 60
    build = om_samples["build_info"]
    assert build.value == 1 and set(build.labels) == {"version", "revision", "compiler"}, build
    print(f"promtool: clean; OpenMetrics: {len(families)} families parsed strictly")


def check_health(base):
    status, headers, body = get(base + "/health")
    document = json.loads(body)
    assert headers["Content-Type"].startswith("application/json"), headers
    unhealthy = document["status"] == "unhealthy"
    assert status == (503 if unhealthy else 200), (status, document)
    assert set(document["components"]) == {"api", "database", "cache", "ai_provider", "queue"}
    print(f"/health: {status} {document['status']}")


def check_prometheus(port, schema, work):
    prom_port = free_port()
    config = os.path.join(work, "prometheus.yml")
    with open(config, "w", encoding="utf-8") as f:
        f.write("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                "scrape_configs:\n  - job_name: example\n"
                f"    static_configs:\n      - targets: ['127.0.0.1:{port}']\n")
    prometheus = subprocess.Popen(
        ["prometheus", f"--config.file={config}", f"--storage.tsdb.path={work}/data",
         f"--web.listen-address=127.0.0.1:{prom_port}"],
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "prometheus.log"), "w"))
    try:
        api = f"http://127.0.0.1:{prom_port}/api/v1"

        def query(expression):
            url = api + "/query?" + urllib.parse.urlencode({"query": expression})
            status, _, body = get(url)
            document = json.loads(body)
            assert status == 200 and document["status"] == "success", body
            return document["data"]["result"]

        def target_up():
            _, _, body = get(api + "/targets")
            targets = json.loads(body)["data"]["activeTargets"]
            return targets and targets[0]["health"] == "up"

        wait_for("the Prometheus target to be up", target_up, 60)
        missing = []
        for family, samples in sample_names(schema).items():
            for sample in samples:
                try:
                    wait_for(f"series of {sample}", lambda: query(f"count({sample})"), 15)
                except AssertionError:
                    missing.append(sample)
        assert not missing, f"Prometheus has no series for: {missing}"
        rate = query('sum(rate(http_requests_total[10s]))')
        print(f"Prometheus: target up, series for all {len(schema['metrics'])} families, "
              f"request rate {float(rate[0]['value'][1]) if rate else 0:.1f}/s")
    finally:
        prometheus.terminate()
        try:
            prometheus.wait(timeout=20)
        except subprocess.TimeoutExpired:
            prometheus.kill()
            prometheus.wait()


def request(method, url):
    req = urllib.request.Request(url, method=method)
    with urllib.request.urlopen(req, timeout=10) as response:
        return response.status


def check_alerts_in_process(base, admin, schema):
    evaluated = [name for name, alert in schema["alerts"].items()
                 if {"ratio", "quantile", "gauge", "state"} & set(alert)]
    status, headers, body = get(base + "/monitoring/status")
    document = json.loads(body)
    assert status == 200 and headers["Content-Type"].startswith("application/json"), headers
    assert document["alerts_configured"] == len(evaluated), (document, evaluated)
    assert [a["name"] for a in document["alerts"]] == evaluated, document["alerts"]
    assert document["interval_seconds"] == 1 and document["evaluations"] >= 1, document
    status, _, body = get(base + "/monitoring/alerts?hours=0")
    assert status == 400 and "error" in json.loads(body), (status, body)

    def database(alert):
        return alert["name"] == "ComponentUnhealthy" and alert["labels"] == {"component": "database"}

    def alerts():
        status, _, body = get(base + "/monitoring/alerts?hours=1")
        assert status == 200, status
        return json.loads(body)

    assert request("POST", admin + "/faults?database_down=1") == 200
    wait_for("ComponentUnhealthy{component=database} to fire in process",
             lambda: any(database(a) and a["state"] == "firing" for a in alerts()["active"]), 30)
    changes = [(t["from"], t["to"]) for t in alerts()["transitions"] if database(t)]
    assert ("inactive", "pending") in changes and ("pending", "firing") in changes, changes
    assert request("DELETE", admin + "/faults") == 200
    wait_for("ComponentUnhealthy{component=database} to resolve in process",
             lambda: any(database(t) and t["to"] == "resolved" for t in alerts()["transitions"]),
             30)
    print(f"in process: {len(evaluated)} alerts evaluated; ComponentUnhealthy went pending, "
          "fired and resolved")


def check_event_log(path):
    """The event log: JSON lines for failed operations and for the alert's transitions."""
    with open(path, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f]
    kinds = {line["event"] for line in lines}
    assert "operation_failed" in kinds, kinds
    alert = [(line["from"], line["to"]) for line in lines
             if line["event"] == "alert_transition" and line["alert"] == "ComponentUnhealthy"
             and line["labels"] == {"component": "database"}]
    assert ("pending", "firing") in alert and ("firing", "resolved") in alert, alert
    print(f"event log: {len(lines)} lines, kinds {sorted(kinds)}")


def main():
    service_binary, schema_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = yaml.safe_load(f)
    port = free_port()
    admin_port = free_port()
    work = tempfile.mkdtemp(prefix="schemetric-live-")
    environment = dict(os.environ, SCHEMETRIC_ALERT_INTERVAL="1s",
                       SCHEMETRIC_ALERT_COMPONENT_UNHEALTHY_FOR="2s")
    events = os.path.join(work, "events.jsonl")
    service = subprocess.Popen([service_binary, "--listen", f"127.0.0.1:{port}", "--admin",
                                f"127.0.0.1:{admin_port}", "--duration", "120",
                                "--event-log", events],
                               stdout=subprocess.PIPE, text=True, env=environment)
    try:
        banner = service.stdout.readline()
        assert f"http://127.0.0.1:{port}/metrics" in banner, banner
        # The service prints a line per alert transition: drain them so that it never blocks.
        threading.Thread(target=lambda: [None for _ in service.stdout], daemon=True).start()
        time.sleep(2)  # some traffic first
        base = f"http://127.0.0.1:{port}"
        check_live_expositions(base, schema)
        check_health(base)
        check_alerts_in_process(base, f"http://127.0.0.1:{admin_port}", schema)
        check_event_log(events)
        check_prometheus(port, schema, work)
    finally:
        service.terminate()
        try:
            service.wait(timeout=20)
        except subprocess.TimeoutExpired:
            service.kill()
            service.wait()
        shutil.rmtree(work, ignore_errors=True)
    print("live service test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
