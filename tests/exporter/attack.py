#!/usr/bin/python3
"""Hostile clients against the exporter while a well-behaved scraper keeps scraping.

Attacks (each attacker reconnects as soon as the server closes it, as a real one would):
  keepalive  64 connections that fetch /metrics once and then sit idle on the kept-alive
             connection;
  slowloris  300 connections sending one byte of a never-ending request head every 2 s;
  flood      1,000 connections opened at once that send nothing;
  all        the three together (1,300 connections).
Meanwhile the scraper opens a new connection every 200 ms, sends GET /metrics and reads the
whole response (5 s limit), as a Prometheus that reconnects would.

The attackers run in a child process (one selector loop), so that the scraper's timings are
not taken while the attackers hold Python's interpreter lock. Attackers connect from
--sources loopback addresses (127.0.0.2, 127.0.0.3, ...; 0 = from 127.0.0.1 like the
scraper), which is how many hosts behind one network look to the per-peer limit.

Usage:
  attack.py --server BINARY [ARGS...] --attack NAME [--seconds S] [--min-ok N] ...
  attack.py --port PORT --attack NAME ...      (a server that is already running)
The server binary is started with --listen 127.0.0.1:PORT (the example service's option)
unless --server-takes-port-on-stdout is given (then it must print its port on stdout's first
line). Prints one JSON line with the scraper's figures; with --min-ok-percent, exits 1 when a
smaller share of the scrapes was answered 200, and exits 77 (skipped) when the descriptor
limit cannot be raised enough for the attack (1, a failure, when SCHEMETRIC_REQUIRE_ALL_TESTS
or CI is set).
"""
import argparse
import json
import os
import resource
import selectors
import socket
import subprocess
import sys
import time

from test_support import free_port, stop

ATTACKS = {"keepalive": 64, "slowloris": 300, "flood": 1000}
REQUEST = b"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
SLOW_HEAD = b"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: "


def raise_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


# --- the attackers (child process) ------------------------------------------------------------

class attacker:
    """One hostile connection; reopens itself when the server closes it."""

    def __init__(self, kind, port, source):
        self.kind, self.port, self.source = kind, port, source
        self.sock = None
        self.sent = 0  # bytes of the slow head sent on this connection
        self.next_byte = 0.0

    def open(self, selector):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setblocking(False)
        if self.source:
            self.sock.bind((self.source, 0))
        self.sent = 0
        self.next_byte = time.monotonic()
        try:
            self.sock.connect_ex(("127.0.0.1", self.port))
        except OSError:
            pass
        selector.register(self.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, self)

    def close(self, selector):
        try:
            selector.unregister(self.sock)
        except (KeyError, ValueError):
            pass
        self.sock.close()

    def on_event(self, selector, events, stats):
        if events & selectors.EVENT_WRITE:
            # Connected (or failed): send what this attack sends first, then only read.
            if self.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) != 0:
                stats["refused"] += 1
                return False
            stats["connected"] += 1
            selector.modify(self.sock, selectors.EVENT_READ, self)
            try:
                if self.kind == "keepalive":
                    self.sock.send(REQUEST)
                elif self.kind == "slowloris":
                    self.sock.send(SLOW_HEAD[:1])
                    self.sent = 1
                    self.next_byte = time.monotonic() + 2.0
            except OSError:
                return False
        if events & selectors.EVENT_READ:
            try:
                data = self.sock.recv(65536)
            except OSError:
                data = b""
            if not data:
                stats["closed_by_server"] += 1
                return False
        return True

    def tick(self, now):
        """Slowloris: one more byte every 2 s. False when the connection is gone."""
        if self.kind != "slowloris" or self.sent == 0 or now < self.next_byte:
            return True
        byte = SLOW_HEAD[self.sent:self.sent + 1] or b"a"
        self.next_byte = now + 2.0
        try:
            self.sock.send(byte)
            self.sent += 1
        except OSError:
            return False
        return True


def run_attackers(args):
    raise_fd_limit()
    kinds = list(ATTACKS) if args.attack == "all" else [args.attack]
    sources = [f"127.0.0.{2 + i}" for i in range(args.sources)] or [None]
    selector = selectors.DefaultSelector()
    attackers = []
    for kind in kinds:
        for i in range(ATTACKS[kind]):
            attackers.append(attacker(kind, args.port, sources[len(attackers) % len(sources)]))
    stats = {"connected": 0, "refused": 0, "closed_by_server": 0, "reopened": 0}
    for a in attackers:
        a.open(selector)
    print("ready", flush=True)
    deadline = time.monotonic() + args.seconds
    reopen = []
    while time.monotonic() < deadline:
        for key, events in selector.select(timeout=0.05):
            a = key.data
            if not a.on_event(selector, events, stats):
                a.close(selector)
                reopen.append(a)
        now = time.monotonic()
        for a in attackers:
            if a.sock.fileno() >= 0 and not a.tick(now):
                a.close(selector)
                reopen.append(a)
        for a in reopen:
            a.open(selector)
            stats["reopened"] += 1
        reopen = []
    for a in attackers:
        a.close(selector)
    print(json.dumps(stats), flush=True)


# --- the well-behaved scraper -----------------------------------------------------------------

def scrape_once(port, timeout):
    """One scrape on a new connection: (HTTP status or what went wrong, seconds)."""
    start = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.settimeout(max(0.001, timeout - (time.monotonic() - start)))
            s.sendall(b"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
                head_end = data.find(b"\r\n\r\n")
                if head_end >= 0:
                    head = data[:head_end].decode("latin-1").lower()
                    for line in head.split("\r\n"):
                        if line.startswith("content-length:"):
                            if len(data) - head_end - 4 >= int(line.split(":")[1]):
                                status = int(data[9:12])
                                return status, time.monotonic() - start
                if time.monotonic() - start > timeout:
                    raise TimeoutError()
    except (OSError, ValueError) as error:
        return type(error).__name__, time.monotonic() - start
    return "closed", time.monotonic() - start


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run(args):
    needed = sum(ATTACKS.values()) if args.attack == "all" else ATTACKS.get(args.attack, 0)
    if raise_fd_limit() < needed + 64:
        print(f"the descriptor limit (ulimit -n) is below the {needed + 64} this attack needs",
              flush=True)
        # Skipped on a developer's machine; where every test must run (CI), a failure.
        return 1 if os.environ.get("SCHEMETRIC_REQUIRE_ALL_TESTS") or os.environ.get("CI") else 77
    server = None
    if args.server:
        if args.server_takes_port_on_stdout:
            server = subprocess.Popen(args.server, stdout=subprocess.PIPE, stdin=subprocess.PIPE)
            args.port = int(server.stdout.readline())
        else:
            args.port = free_port()
            server = subprocess.Popen(args.server + ["--listen", f"127.0.0.1:{args.port}"],
                                      stdout=subprocess.PIPE)
            server.stdout.readline()  # the banner: listening
    attackers = None
    try:
        # A scrape before the attack: the server is up.
        status, _ = scrape_once(args.port, 10)
        if status != 200:
            raise SystemExit(f"the server does not answer before the attack: {status}")
        if args.attack != "none":
            attackers = subprocess.Popen(
                [sys.executable, __file__, "--attacker", "--port", str(args.port), "--attack",
                 args.attack, "--seconds", str(args.seconds + 2), "--sources", str(args.sources)],
                stdout=subprocess.PIPE, text=True)
            if attackers.stdout.readline().strip() != "ready":
                raise SystemExit("the attackers did not start")
            time.sleep(args.warmup)  # let the attack take hold before measuring
        results = []
        end = time.monotonic() + args.seconds
        next_scrape = time.monotonic()
        while time.monotonic() < end:
            results.append(scrape_once(args.port, args.timeout))
            next_scrape += args.interval
            time.sleep(max(0.0, next_scrape - time.monotonic()))
        attack_stats = {}
        if attackers:
            line = attackers.stdout.readline()
            attack_stats = json.loads(line) if line.strip() else {}
        ok = [seconds for status, seconds in results if status == 200]
        statuses = {}
        for status, _ in results:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        report = {
            "attack": args.attack, "sources": args.sources, "scrapes": len(results),
            "ok": len(ok), "statuses": statuses,
            "p50_ms": round(1000 * percentile(ok, 0.50), 1) if ok else None,
            "p99_ms": round(1000 * percentile(ok, 0.99), 1) if ok else None,
            "max_ms": round(1000 * max(ok), 1) if ok else None,
            "attackers": attack_stats,
        }
        print(json.dumps(report), flush=True)
        # After the attack: served again at once.
        status, _ = scrape_once(args.port, 10)
        if status != 200:
            print(f"FAIL: after the attack the server answers {status}", flush=True)
            return 1
        if args.min_ok_percent is not None:
            if len(results) < 10:
                print(f"FAIL: only {len(results)} scrapes were made; the check needs 10",
                      flush=True)
                return 1
            if 100 * len(ok) < args.min_ok_percent * len(results):
                print(f"FAIL: {len(ok)} of {len(results)} scrapes answered 200, fewer than "
                      f"{args.min_ok_percent} %", flush=True)
                return 1
        return 0
    finally:
        if attackers and attackers.poll() is None:
            attackers.kill()
        if attackers:
            attackers.wait()
        if server:
            stop(server)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attack", choices=list(ATTACKS) + ["all", "none"], required=True)
    parser.add_argument("--port", type=int)
    parser.add_argument("--server", nargs=argparse.REMAINDER,
                        help="the server command (last option: takes the rest of the line)")
    parser.add_argument("--server-takes-port-on-stdout", action="store_true")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long to measure")
    parser.add_argument("--warmup", type=float, default=3.0, help="attack before measuring")
    parser.add_argument("--interval", type=float, default=0.2)
    parser.add_argument("--timeout", type=float, default=5.0, help="per scrape")
    parser.add_argument("--sources", type=int, default=0,
                        help="attack from this many addresses 127.0.0.2...; 0: from 127.0.0.1")
    parser.add_argument("--min-ok-percent", type=float,
                        help="fail when fewer scrapes than this were answered 200")
    parser.add_argument("--attacker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.attacker:
        run_attackers(args)
        return 0
    if not args.server and not args.port:
        parser.error("give --server BINARY or --port PORT")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
