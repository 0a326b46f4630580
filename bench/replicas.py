"""Several Indblik servers behind one address, as production runs them (README "Mange seere"): Debian's HAProxy
gives each new connection to the next replica and keeps a browser on its replica with a cookie. A Streamlit
session is one websocket, so it stays on the replica that took it. Used by bench.load --replicas N.
"""
from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


HAPROXY = """global
    maxconn 2000
defaults
    mode http
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
frontend viewers
    bind 127.0.0.1:{port}
    default_backend replicas
backend replicas
    balance roundrobin
    option httpchk GET /_stcore/health
    cookie INDBLIK_REPLICA insert indirect nocache
{servers}
"""


@contextlib.contextmanager
def balancer(bases: list[str], log: Path):
    """HAProxy in front of the replicas at `bases`, on a free port; yields its base URL."""
    port = free_port()
    servers = "\n".join(f"    server r{i} {b.removeprefix('http://')} check cookie r{i}" for i, b in enumerate(bases))
    config = log.with_name("haproxy.cfg")
    config.write_text(HAPROXY.format(port=port, servers=servers))
    with open(log, "ab") as out:
        proc = subprocess.Popen(["haproxy", "-f", str(config)], stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc, log, 60)
        yield base
    finally:
        proc.terminate()
        proc.wait(15)


def wait_healthy(base: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    """Wait until `base` answers its health check; raise when `proc` ended or `timeout` seconds passed."""
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
            if r.status == 200:
                return
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{base} did not start; see {log}")
        time.sleep(0.2)
