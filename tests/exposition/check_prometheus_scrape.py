#!/usr/bin/python3
"""A real Prometheus scrapes hostile run-time label values from the exporter.

Starts `hostile_dump PREFIX --serve` (the registry filled with hostile values, served by
schemetric::exporter on 127.0.0.1), a Prometheus on 127.0.0.1 scraping it every second, and
checks: the target is up with no scrape error; Prometheus stored every series of the
exposition, with the label values the text parser reads from PREFIX.prom (written from the
same registry); the overflow series counts the values folded into it; the info metric's text
labels arrived with U+FFFD in place of what is not UTF-8, cut after their first 1024 bytes. Both stop
before the test ends.

Usage: check_prometheus_scrape.py PROMETHEUS HOSTILE_DUMP PREFIX
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from prometheus_client.parser import text_string_to_metric_families as parse_text

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "exporter"))
from test_support import check, start_prometheus, stop  # noqa: E402


def query(web_port, expression):
    url = (f"http://127.0.0.1:{web_port}/api/v1/query?"
           + urllib.parse.urlencode({"query": expression}))
    with urllib.request.urlopen(url, timeout=5) as reply:
        return json.load(reply)["data"]["result"]


def expected_series(prefix):
    """{(name, model or version+revision)} of PREFIX.prom, read by prometheus_client."""
    with open(prefix + ".prom", encoding="utf-8") as file:
        families = list(parse_text(file.read()))
    calls = {}
    info = None
    for family in families:
        for sample in family.samples:
            if sample.name == "calls_total":
                calls[sample.labels["model"]] = sample.value
            elif sample.name == "build_info":
                info = sample.labels
    return calls, info


def main():
    prometheus, dump, prefix = sys.argv[1:4]
    server = subprocess.Popen([dump, prefix, "--serve"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE)
    try:
        port = int(server.stdout.readline())
        calls, info = expected_series(prefix)
        check(len(calls) >= 2 and info, f"the exposition lacks its series: {calls} {info}")
        with tempfile.TemporaryDirectory() as work:
            config = os.path.join(work, "prometheus.yml")
            with open(config, "w") as f:
                f.write("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                        "scrape_configs:\n  - job_name: hostile\n"
                        f"    static_configs:\n      - targets: ['127.0.0.1:{port}']\n")
            prom, web_port = start_prometheus(prometheus, config, work)
            try:
                deadline = time.monotonic() + 60
                stored = []
                while time.monotonic() < deadline:
                    time.sleep(0.5)
                    try:
                        stored = query(web_port, "calls_total")
                    except OSError:
                        continue
                    if len(stored) == len(calls):
                        break
                else:
                    raise AssertionError(
                        f"Prometheus stored {len(stored)} of {len(calls)} series: {stored}")
                with urllib.request.urlopen(f"http://127.0.0.1:{web_port}/api/v1/targets",
                                            timeout=5) as reply:
                    targets = json.load(reply)["data"]["activeTargets"]
                check(len(targets) == 1 and targets[0]["health"] == "up"
                      and targets[0]["lastError"] == "", f"the scrape failed: {targets}")
                got = {s["metric"]["model"]: float(s["value"][1]) for s in stored}
                check(got == calls, f"Prometheus stored other values: {got} != {calls}")
                check(got.get("other") == 10, f"the overflow series: {got.get('other')}")

                stored_info = query(web_port, "build_info")
                check(len(stored_info) == 1, stored_info)
                labels = stored_info[0]["metric"]
                check(labels["version"] == info["version"]
                      and labels["revision"] == info["revision"],
                      f"the info labels differ: {labels} != {info}")
                check("\ufffd" in labels["version"] and "\ufffd" in labels["revision"],
                      f"no U+FFFD in {labels}")
                # Cut to the characters that start within the value's first 1024 bytes (each
                # byte replaced by U+FFFD is one character).
                check(len(labels["version"]) <= 1024,
                      f"version label of {len(labels['version'])} characters")
            finally:
                stop(prom)
    finally:
        stop(server)
    check(server.returncode == 0, f"hostile_dump --serve exited with {server.returncode}")
    print(f"Prometheus scraped {len(calls)} series of hostile values and the info metric: up")


if __name__ == "__main__":
    main()
