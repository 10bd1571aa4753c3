# Interoperability test of the exporter with real HTTP clients and a real Prometheus.
"""Real clients against the exporter: Python's http.client, prometheus_client's parsers
(the strict OpenMetrics one included), promtool, and a real Prometheus server scraping it.

Usage: interop_test.py <interop_server binary>. Every wait is bounded; exits non-zero on failure.
"""
import gzip
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse_openmetrics
from prometheus_client.parser import text_string_to_metric_families as parse_text
from test_support import check, start_prometheus, stop

PROMETHEUS_ACCEPT = ("application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                     "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")


def test_http_client(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    # Several requests on one kept-alive connection.
    connection.request("GET", "/metrics")
    response = connection.getresponse()
    body = response.read().decode()
    check(response.status == 200, f"status {response.status}")
    check(response.getheader("Content-Type") == "text/plain; version=0.0.4; charset=utf-8",
          response.getheader("Content-Type"))
    families = {f.name: f for f in parse_text(body)}
    check(families["interop_requests"].samples[0].value == 42, families)

    connection.request("GET", "/metrics", headers={"Accept": PROMETHEUS_ACCEPT,
                                                  "Accept-Encoding": "gzip"})
    response = connection.getresponse()
    raw = response.read()
    check(response.getheader("Content-Encoding") == "gzip", response.getheaders())
    check(response.getheader("Content-Type").startswith("application/openmetrics-text; version=1.0.0"),
          response.getheader("Content-Type"))
    families = {f.name: f for f in parse_openmetrics(gzip.decompress(raw).decode())}
    check(families["interop_latency_seconds"].type == "histogram", families)

    connection.request("HEAD", "/metrics")
    response = connection.getresponse()
    check(response.read() == b"" and int(response.getheader("Content-Length")) == len(body),
          "HEAD length")

    connection.request("GET", "/health")
    response = connection.getresponse()
    check(response.status == 200 and json.loads(response.read()) == {"status": "ok"}, "health")

    connection.request("POST", "/metrics")
    response = connection.getresponse()
    response.read()
    check(response.status == 405 and response.getheader("Allow") == "GET, HEAD", "405")
    connection.close()

    # urllib sends HTTP/1.1 with Connection: close.
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics?x=1", timeout=10) as reply:
        check(reply.status == 200, "urllib")
    return body


def test_promtool(body):
    promtool = shutil.which("promtool")
    if not promtool:
        print("promtool not found: skipped")
        return
    result = subprocess.run([promtool, "check", "metrics"], input=body.encode(),
                            capture_output=True, timeout=30)
    check(result.returncode == 0, f"promtool: {result.stdout!r} {result.stderr!r}")


def test_prometheus_scrape(port):
    prometheus = shutil.which("prometheus")
    if not prometheus:
        print("prometheus not found: skipped")
        return
    with tempfile.TemporaryDirectory() as work:
        config = os.path.join(work, "prometheus.yml")
        with open(config, "w") as f:
            f.write("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                    "scrape_configs:\n  - job_name: interop\n"
                    f"    static_configs:\n      - targets: ['127.0.0.1:{port}']\n")
        server, web_port = start_prometheus(prometheus, config, work)
        try:
            deadline = time.monotonic() + 60
            last = None
            while time.monotonic() < deadline:
                time.sleep(0.5)
                try:
                    url = (f"http://127.0.0.1:{web_port}/api/v1/query?query="
                           "interop_requests_total%7Bmethod%3D%22GET%22%7D")
                    with urllib.request.urlopen(url, timeout=5) as reply:
                        last = json.load(reply)
                    result = last["data"]["result"]
                    if result and float(result[0]["value"][1]) == 42:
                        break
                except OSError as error:
                    last = error
            else:
                raise AssertionError(f"Prometheus never scraped the exporter: {last}")
            with urllib.request.urlopen(f"http://127.0.0.1:{web_port}/api/v1/targets",
                                        timeout=5) as reply:
                targets = json.load(reply)["data"]["activeTargets"]
            check(targets and targets[0]["health"] == "up" and targets[0]["lastError"] == "",
                  targets)
            # The histogram arrived via OpenMetrics (le="1.0" normalized by Prometheus).
            url = (f"http://127.0.0.1:{web_port}/api/v1/query?query="
                   "interop_latency_seconds_bucket")
            with urllib.request.urlopen(url, timeout=5) as reply:
                buckets = json.load(reply)["data"]["result"]
            check(len(buckets) == 3, buckets)
        finally:
            stop(server)


def main():
    exporter = subprocess.Popen([sys.argv[1]], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        port = int(exporter.stdout.readline())
        body = test_http_client(port)
        test_promtool(body)
        test_prometheus_scrape(port)
    finally:
        exporter.stdin.close()  # the server stops and exits
        code = exporter.wait(timeout=20)
    check(code == 0, f"interop_server exited with {code}")
    print("interop: all checks passed")


if __name__ == "__main__":
    main()
