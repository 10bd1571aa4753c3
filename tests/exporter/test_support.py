"""Helpers shared by the exporter's Python tests (run with /usr/bin/python3 from this folder)."""
import socket
import subprocess


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def free_port():
    """A port free on 127.0.0.1 now (the tests bind loopback only)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process, timeout=20):
    """Ends a child process: closes its stdin when it has one (the test servers stop at EOF),
    else terminates it; kills it when it does not exit within `timeout` seconds."""
    if process.poll() is None:
        if process.stdin:
            process.stdin.close()
        else:
            process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_prometheus(prometheus, config, work):
    """Starts a Prometheus server on 127.0.0.1 with `config` and storage under `work`;
    returns (process, port of its HTTP API). Stop it with stop()."""
    port = free_port()
    process = subprocess.Popen(
        [prometheus, f"--config.file={config}", f"--storage.tsdb.path={work}/data",
         f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return process, port
