#!/usr/bin/python3
"""Runs the example service with the monitoring stack around it, on 127.0.0.1:

- the example service (its metrics, and its fault-injection endpoint);
- Prometheus: temporary storage, short scrape and evaluation intervals, the rules schemetric-gen
  generated from the schema, alerts to Alertmanager, remote_write to VictoriaMetrics;
- Alertmanager, whose webhook receivers are served here (each alert received is printed);
- VictoriaMetrics, the long-term, horizontally scalable store behind remote_write.

The configuration files are the templates beside this script (prometheus.yml, alertmanager.yml,
grafana/provisioning/), filled in with the addresses and paths of this run. `make demo` runs it;
the end-to-end tests import it. Every process is started here and stopped here: at the end of
--duration, on Ctrl-C or SIGTERM, or when one of them dies.

Usage: stack.py --service BIN --schema SCHEMA.yaml --rules RULES.yml --dashboard DASHBOARD.json
                [--duration SECONDS] [--work-dir DIR]
"""
import argparse
import ctypes
import http.server
import json
import os
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

# The ports `make demo` prefers; a taken one is reported and replaced by a free one.
PREFERRED_PORTS = {
    "metrics": 9464, "faults": 9465, "prometheus": 9090, "alertmanager": 9093,
    "victoria-metrics": 8428, "webhook": 9466,
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port):
    with socket.socket() as s:
        # As the servers bind: connections of a previous run in TIME_WAIT do not hold the port.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def pick_ports(preferred, say=print):
    """A port for each name: the preferred one when free, else a free one (and say so)."""
    ports = {}
    for name, port in preferred.items():
        if port and port_is_free(port):
            ports[name] = port
            continue
        ports[name] = free_port()
        if port:
            say(f"port {port} ({name}) is taken; using {ports[name]} instead")
    return ports


def job_of(schema_path):
    """The scrape job the schema's rules select: `prometheus: job:`, else the schema's name."""
    with open(schema_path, encoding="utf-8") as f:
        schema = yaml.safe_load(f)
    return (schema.get("prometheus") or {}).get("job") or schema["name"]


def fill(template_path, target_path, values):
    """Writes the template with ${NAME} replaced by values[NAME] (a missing one is an error)."""
    with open(template_path, encoding="utf-8") as f:
        text = string.Template(f.read()).substitute(values)
    os.makedirs(os.path.dirname(target_path), exist_ok=True)
    with open(target_path, "w", encoding="utf-8") as f:
        f.write(text)
    return target_path


def stop_on_sigterm():
    """SIGTERM (a test's timeout, `kill`) ends the run as Ctrl-C does: with a KeyboardInterrupt,
    through the `with stack(...)` block, which stops every process."""
    def interrupt(*_):
        raise KeyboardInterrupt()
    signal.signal(signal.SIGTERM, interrupt)


try:  # looked up here: between fork and exec, the child only calls it
    _prctl = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):  # not Linux
    _prctl = None


def die_with_parent():
    """In a child before exec: SIGTERM when this script dies, even by SIGKILL, so that no server
    outlives it (Linux's PR_SET_PDEATHSIG)."""
    if _prctl is not None:
        _prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG


def http_get(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read().decode()


def http_json(url, timeout=10):
    return json.loads(http_get(url, timeout)[1])


def wait_for(what, predicate, seconds):
    deadline = time.monotonic() + seconds
    last_error = None
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except (OSError, ValueError, KeyError, IndexError) as error:
            last_error = error
        time.sleep(0.25)
    raise RuntimeError(f"timed out after {seconds} s waiting for {what} (last error: {last_error})")


class webhook_receiver:
    """Alertmanager's webhook receivers: records every notification, prints it if asked."""

    def __init__(self, port, echo):
        self.notifications = []
        receiver = self

        class handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (the standard library's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                try:
                    document = json.loads(body)
                except ValueError:
                    document = {}
                receiver.notifications.append((self.path, document))
                if echo:
                    for alert in document.get("alerts", []):
                        labels = alert.get("labels", {})
                        print(f"alert {alert.get('status')} (to {self.path.strip('/')}): "
                              f"{labels.get('alertname')} {labels.get('severity', '')} "
                              f"{alert.get('annotations', {}).get('summary', '')}", flush=True)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class stack:
    """The processes of one run, with their ports and files under `work`. Use as a context
    manager: leaving it stops every process and removes the temporary files it made."""

    def __init__(self, service, schema, rules, dashboard, work=None, ports=None,
                 scrape_interval="1s", evaluation_interval="1s", echo_alerts=False, say=print):
        self.service_binary, self.rules, self.dashboard = service, rules, dashboard
        self.job = job_of(schema)
        self.own_work = work is None
        self.work = work or tempfile.mkdtemp(prefix="schemetric-stack-")
        self.ports = ports or pick_ports({name: 0 for name in PREFERRED_PORTS}, say)
        self.scrape_interval, self.evaluation_interval = scrape_interval, evaluation_interval
        self.echo_alerts, self.say = echo_alerts, say
        self.processes = {}
        self.logs = {}
        self.webhook = None

    # --- addresses ------------------------------------------------------------------------
    def address(self, name):
        return f"127.0.0.1:{self.ports[name]}"

    def url(self, name):
        return f"http://{self.address(name)}"

    def config_values(self):
        return {
            "SCRAPE_INTERVAL": self.scrape_interval,
            "EVALUATION_INTERVAL": self.evaluation_interval,
            "CLUSTER": "schemetric-demo",
            "RULES_FILE": os.path.abspath(self.rules),
            "JOB": self.job,
            "SERVICE_ADDRESS": self.address("metrics"),
            "ALERTMANAGER_ADDRESS": self.address("alertmanager"),
            "LONG_TERM_STORE_ADDRESS": self.address("victoria-metrics"),
            "GROUP_WAIT": "1s",
            "GROUP_INTERVAL": "5s",
            "WEBHOOK_ADDRESS": self.address("webhook"),
            "PROMETHEUS_ADDRESS": self.address("prometheus"),
            "DASHBOARD_DIR": os.path.dirname(os.path.abspath(self.dashboard)),
        }

    def write_configs(self):
        """The filled-in configuration files: prometheus.yml, alertmanager.yml and the Grafana
        provisioning folder, under the work directory."""
        values = self.config_values()
        configs = {name: fill(os.path.join(HERE, name), os.path.join(self.work, name), values)
                   for name in ("prometheus.yml", "alertmanager.yml")}
        for kind in ("datasources/prometheus.yml", "dashboards/schemetric.yml"):
            fill(os.path.join(HERE, "grafana/provisioning", kind),
                 os.path.join(self.work, "grafana/provisioning", kind), values)
        configs["grafana"] = os.path.join(self.work, "grafana/provisioning")
        return configs

    # --- processes ------------------------------------------------------------------------
    def start(self, name, command):
        log = open(os.path.join(self.work, f"{name}.log"), "w", encoding="utf-8")
        self.logs[name] = log.name
        # A session of its own: Ctrl-C in the terminal reaches this script only, which stops
        # the processes in order instead of finding them gone.
        self.processes[name] = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                                stdin=subprocess.DEVNULL, start_new_session=True,
                                                preexec_fn=die_with_parent)
        return self.processes[name]

    def log_of(self, name):
        with open(self.logs[name], encoding="utf-8", errors="replace") as f:
            return f.read()

    def start_all(self, victoria_metrics=True):
        configs = self.write_configs()
        self.webhook = webhook_receiver(self.ports["webhook"], self.echo_alerts)
        self.start("service", [self.service_binary, "--listen", self.address("metrics"),
                               "--admin", self.address("faults")])
        if victoria_metrics:
            self.start("victoria-metrics", [
                "victoria-metrics", f"-storageDataPath={self.work}/victoria-metrics",
                f"-httpListenAddr={self.address('victoria-metrics')}", "-retentionPeriod=1d",
                # It hides the newest 30 s from queries by default, to wait for late samples.
                "-search.latencyOffset=1s", "-search.disableCache", "-loggerLevel=ERROR"])
        self.start("alertmanager", [
            "prometheus-alertmanager", f"--config.file={configs['alertmanager.yml']}",
            f"--storage.path={self.work}/alertmanager",
            f"--web.listen-address={self.address('alertmanager')}",
            "--cluster.listen-address=",  # no peers: no cluster port
            "--log.level=warn"])
        self.start("prometheus", [
            "prometheus", f"--config.file={configs['prometheus.yml']}",
            f"--storage.tsdb.path={self.work}/prometheus",
            f"--web.listen-address={self.address('prometheus')}", "--log.level=warn",
            # On SIGTERM it retries remote_write for a minute by default, after the store is gone.
            "--storage.remote.flush-deadline=5s"])
        self.wait_until_ready(victoria_metrics)
        return configs

    def wait_until_ready(self, victoria_metrics):
        checks = [("the example service", lambda: http_get(self.url("metrics") + "/metrics")[0] == 200),
                  ("Prometheus", lambda: http_get(self.url("prometheus") + "/-/ready")[0] == 200),
                  ("Alertmanager", lambda: http_get(self.url("alertmanager") + "/-/ready")[0] == 200)]
        if victoria_metrics:
            checks.append(("VictoriaMetrics",
                           lambda: http_get(self.url("victoria-metrics") + "/health")[0] == 200))
        for what, check in checks:
            self.check_alive()
            wait_for(what, check, 60)

    def check_alive(self):
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with status {process.returncode}:\n"
                                   f"{self.log_of(name)[-3000:]}")

    def stop_all(self):
        # The last started first: Prometheus flushes its remote_write while the store still runs.
        for process in reversed(list(self.processes.values())):
            if process.poll() is None:
                process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self.webhook:
            self.webhook.stop()
            self.webhook = None

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.stop_all()
        if self.own_work:
            shutil.rmtree(self.work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--service", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--rules", required=True)
    parser.add_argument("--dashboard", required=True)
    parser.add_argument("--duration", type=float, default=0, help="0: until interrupted")
    parser.add_argument("--work-dir", help="keep the files here instead of a temporary directory")
    args = parser.parse_args()
    for tool in ("prometheus", "prometheus-alertmanager", "victoria-metrics"):
        if shutil.which(tool) is None:
            sys.exit(f"stack.py: '{tool}' is not installed; run 'make deps'")

    stop_on_sigterm()
    ports = pick_ports(PREFERRED_PORTS)
    work = args.work_dir and os.path.abspath(args.work_dir)
    if work:
        os.makedirs(work, exist_ok=True)
    try:
        with stack(args.service, args.schema, args.rules, args.dashboard, work=work, ports=ports,
                   scrape_interval="5s", evaluation_interval="5s", echo_alerts=True) as run:
            configs = run.start_all()
            print(f"metrics: {run.url('metrics')}/metrics")
            print(f"alerts in process: {run.url('metrics')}/monitoring/alerts "
                  "(status: /monitoring/status)")
            print(f"faults: {run.url('faults')}/faults "
                  "(POST ?database_down=1 fires ComponentUnhealthy after 1m)")
            print(f"prometheus: {run.url('prometheus')}")
            print(f"alertmanager: {run.url('alertmanager')}")
            print(f"victoria-metrics: {run.url('victoria-metrics')}")
            print(f"dashboard: {os.path.abspath(args.dashboard)}")
            print(f"grafana provisioning: {configs['grafana']}")
            print("stop: Ctrl-C" + (f" (or wait {args.duration:g} s)" if args.duration else ""),
                  flush=True)
            deadline = time.monotonic() + args.duration if args.duration else None
            while deadline is None or time.monotonic() < deadline:
                run.check_alive()
                time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    except RuntimeError as error:
        print(f"stack.py: {error}", file=sys.stderr)
        return 1
    print("stopped: example service, Prometheus, Alertmanager, VictoriaMetrics")
    return 0


if __name__ == "__main__":
    sys.exit(main())
