#!/usr/bin/python3
"""The TLS exporter against real clients, configured by exporter-toolkit web config files.

Certificates are made here with the openssl CLI (a CA, a server certificate for 127.0.0.1, a
client certificate, an expired client certificate), bcrypt hashes with libcrypt. Two servers
(tls_server binary, 127.0.0.1, ephemeral ports) run at once:
  basic: TLS + basic auth, at most 4 connections, 1 s head deadline;
  mtls:  TLS 1.3 only, client certificates required and verified.
Checked with raw clients (Python's ssl and sockets): the right password (200), a wrong one and
none (401 with WWW-Authenticate), plain HTTP to the TLS port (400), a handshake that stalls
(evicted and closed, never holding a slot), no/expired client certificate and TLS 1.2 against
mtls (refused); then a real Prometheus scrapes both with basic_auth and tls_config, and both
targets must be up. Every process is started and stopped here; every wait is bounded.

Usage: tls_test.py TLS_SERVER_BINARY
       tls_test.py TLS_SERVER_BINARY --memory   (prints what an idle TLS connection costs the
                                                 server; no checks)
"""
import base64
import ctypes
import ctypes.util
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from test_support import check, start_prometheus, stop

PASSWORD = "correct horse battery staple"
EXPOSED = 'interop_requests_total{method="GET",route="/api/tasks/{task_id}"} 42'


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_pki(work):
    """CA, server (127.0.0.1), client and expired client certificates in `work`."""
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
            "-subj", "/CN=schemetric test CA", cwd=work)
    with open(os.path.join(work, "server.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    with open(os.path.join(work, "client.ext"), "w") as f:
        f.write("extendedKeyUsage=clientAuth\n")
    for serial, (name, days, ext) in enumerate((("server", "2", "server.ext"),
                                                ("client", "2", "client.ext"),
                                                ("expired", "-1", "client.ext")), start=2):
        openssl("req", "-new", *ec, "-keyout", f"{name}.key", "-out", f"{name}.csr",
                "-subj", f"/CN={name}", cwd=work)
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-set_serial", str(serial), "-days", days,
                "-extfile", ext, "-out", f"{name}.crt", cwd=work)


def bcrypt(password):
    """A $2y$ bcrypt hash (cost 10) made with libcrypt (libxcrypt), as htpasswd -B would."""
    libcrypt = ctypes.CDLL(ctypes.util.find_library("crypt") or "libcrypt.so.1")
    libcrypt.crypt_gensalt_rn.restype = ctypes.c_char_p
    libcrypt.crypt_rn.restype = ctypes.c_char_p
    setting = ctypes.create_string_buffer(192)
    check(libcrypt.crypt_gensalt_rn(b"$2y$", 10, None, 0, setting, 192), "crypt_gensalt_rn")
    data = ctypes.create_string_buffer(32768)
    hashed = libcrypt.crypt_rn(password.encode(), setting.value, data, 32768)
    check(hashed and hashed.startswith(b"$2y$10$"), "crypt_rn made no bcrypt hash")
    return hashed.decode()


def start_server(binary, config, *args):
    environment = dict(os.environ, SCHEMETRIC_WEB_CONFIG=config)
    server = subprocess.Popen([binary, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              env=environment, text=True)
    line = server.stdout.readline().strip()
    check(line.isdigit(), f"the server did not start: {line}")
    return server, int(line)


def tls_context(work, cert=None, maximum=None):
    context = ssl.create_default_context(cafile=os.path.join(work, "ca.crt"))
    if cert:
        context.load_cert_chain(os.path.join(work, f"{cert}.crt"), os.path.join(work, f"{cert}.key"))
    if maximum:
        context.maximum_version = maximum
    return context


def https_get(port, context, authorization=None, timeout=10):
    """(status, headers dict, body) of GET /metrics over TLS; raises on TLS failure."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as raw:
        with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            request = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            if authorization:
                request += f"Authorization: {authorization}\r\n"
            tls.sendall((request + "\r\n").encode())
            data = b""
            while True:
                chunk = tls.recv(65536)
                if not chunk:
                    break
                data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
    return int(lines[0].split()[1]), headers, body.decode()


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def refused(function):
    """Whether `function` fails at the TLS or socket level (a refused handshake)."""
    try:
        status, _, _ = function()
    except (ssl.SSLError, OSError):
        return True
    return status != 200


def closed_within(sock, seconds):
    sock.settimeout(seconds)
    try:
        return sock.recv(1) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True
    except socket.timeout:
        return False


def test_basic(port, work):
    context = tls_context(work)
    status, headers, body = https_get(port, context, basic("prometheus", PASSWORD))
    check(status == 200 and EXPOSED in body, (status, body))
    check(headers.get("x-content-type-options") == "nosniff", headers)
    for authorization in (basic("prometheus", "wrong"), basic("nobody", PASSWORD), None,
                          "Bearer token"):
        status, headers, body = https_get(port, context, authorization)
        check(status == 401, (authorization, status))
        check(headers.get("www-authenticate") == 'Basic realm="metrics", charset="UTF-8"', headers)
        check(PASSWORD not in body, body)
    # Plain HTTP to the TLS port: a readable 400, then the close.
    with socket.create_connection(("127.0.0.1", port), timeout=10) as plain:
        plain.sendall(b"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = b""
        while chunk := plain.recv(4096):
            answer += chunk
    check(answer.startswith(b"HTTP/1.0 400") and b"HTTPS server" in answer, answer)
    print("basic: 200 with the password, 401 without or wrong, 400 for plain HTTP")


def test_stalled_handshakes(port, work):
    # The server allows 4 connections and 1 s for a head (handshake included). Four clients
    # start a handshake and stall: a scraper still gets in, and every staller is closed.
    stalled = []
    for _ in range(4):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(b"\x16\x03\x01\x00\xc8\x01")  # a ClientHello record header, then nothing
        stalled.append(s)
    time.sleep(0.2)
    status, _, _ = https_get(port, tls_context(work), basic("prometheus", PASSWORD))
    check(status == 200, f"a scraper was locked out by stalled handshakes: {status}")
    for s in stalled:
        check(closed_within(s, 15), "a stalled handshake kept its connection")
        s.close()
    print("stalled handshakes: evicted or closed by the head deadline; the scraper got 200")


def test_mtls(port, work):
    status, _, body = https_get(port, tls_context(work, cert="client"))
    check(status == 200 and EXPOSED in body, (status, body))
    check(refused(lambda: https_get(port, tls_context(work))), "no client certificate accepted")
    check(refused(lambda: https_get(port, tls_context(work, cert="expired"))),
          "an expired client certificate was accepted")
    check(refused(lambda: https_get(port, tls_context(work, cert="client",
                                                      maximum=ssl.TLSVersion.TLSv1_2))),
          "TLS 1.2 accepted although min_version is TLS13")
    print("mtls: 200 with the client certificate; none, expired and TLS 1.2 refused")


def test_prometheus(basic_port, mtls_port, work):
    prometheus = shutil.which("prometheus")
    if not prometheus:
        raise AssertionError("prometheus is missing (Debian package prometheus)")
    with open(os.path.join(work, "password"), "w") as f:
        f.write(PASSWORD)
    config = os.path.join(work, "prometheus.yml")
    with open(config, "w") as f:
        f.write(f"""global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: basic
    scheme: https
    basic_auth:
      username: prometheus
      password_file: {work}/password
    tls_config:
      ca_file: {work}/ca.crt
    static_configs:
      - targets: ['127.0.0.1:{basic_port}']
  - job_name: mtls
    scheme: https
    tls_config:
      ca_file: {work}/ca.crt
      cert_file: {work}/client.crt
      key_file: {work}/client.key
      min_version: TLS13
    static_configs:
      - targets: ['127.0.0.1:{mtls_port}']
""")
    server, web_port = start_prometheus(prometheus, config, work)
    try:
        deadline = time.monotonic() + 60
        last = None
        while time.monotonic() < deadline:
            time.sleep(0.5)
            try:
                url = f"http://127.0.0.1:{web_port}/api/v1/targets"
                with urllib.request.urlopen(url, timeout=5) as reply:
                    targets = json.load(reply)["data"]["activeTargets"]
                last = {t["labels"]["job"]: (t["health"], t["lastError"]) for t in targets}
                if len(last) == 2 and all(health == "up" for health, _ in last.values()):
                    break
            except (OSError, ValueError, KeyError) as error:
                last = error
        else:
            raise AssertionError(f"Prometheus targets not up: {last}")
        query = urllib.parse.quote('sum(up{job=~"basic|mtls"})')
        with urllib.request.urlopen(f"http://127.0.0.1:{web_port}/api/v1/query?query={query}",
                                    timeout=5) as reply:
            result = json.load(reply)["data"]["result"]
        check(result and float(result[0]["value"][1]) == 2, result)
        print("Prometheus: both targets up over TLS (basic_auth, client certificate)")
    finally:
        stop(server)


def resident_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def measure_memory(binary, work, count=1000):
    """Prints the growth of the server's resident memory per idle TLS connection."""
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    with open(os.path.join(work, "tls.yml"), "w") as f:
        f.write("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n")
    server, port = start_server(binary, os.path.join(work, "tls.yml"), str(count + 10), "60000")
    connections = []
    try:
        context = tls_context(work)
        for _ in range(20):
            https_get(port, context)  # warm up
        time.sleep(0.5)
        before = resident_kib(server.pid)
        for _ in range(count):
            raw = socket.create_connection(("127.0.0.1", port), timeout=10)
            connections.append(context.wrap_socket(raw, server_hostname="127.0.0.1"))
        time.sleep(1)
        after = resident_kib(server.pid)
        print(f"{count} idle TLS connections after the handshake: "
              f"{(after - before) * 1024 / count:.0f} bytes each (server {before} -> {after} KiB)")
    finally:
        for connection in connections:
            connection.close()
        stop(server)


def main():
    binary = sys.argv[1]
    if sys.argv[2:] == ["--memory"]:
        work = tempfile.mkdtemp(prefix="schemetric-tls-")
        try:
            make_pki(work)
            measure_memory(binary, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    work = tempfile.mkdtemp(prefix="schemetric-tls-")
    servers = []
    try:
        make_pki(work)
        with open(os.path.join(work, "basic.yml"), "w") as f:
            f.write("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                    "basic_auth_users:\n"
                    f"  prometheus: {bcrypt(PASSWORD)}\n"
                    "http_server_config:\n  headers:\n    X-Content-Type-Options: nosniff\n")
        with open(os.path.join(work, "mtls.yml"), "w") as f:
            f.write("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                    "  min_version: TLS13\n  client_auth_type: RequireAndVerifyClientCert\n"
                    "  client_ca_file: ca.crt\n")
        basic_server, basic_port = start_server(binary, os.path.join(work, "basic.yml"), "4", "1000")
        servers.append(basic_server)
        mtls_server, mtls_port = start_server(binary, os.path.join(work, "mtls.yml"))
        servers.append(mtls_server)
        test_basic(basic_port, work)
        test_stalled_handshakes(basic_port, work)
        test_mtls(mtls_port, work)
        test_prometheus(basic_port, mtls_port, work)
    finally:
        for server in servers:
            stop(server)
        shutil.rmtree(work, ignore_errors=True)
    for server in servers:
        check(server.returncode == 0, f"a server exited with {server.returncode}")
    print("tls: all checks passed")


if __name__ == "__main__":
    main()
