"""Start Indblik with `streamlit run` on a free local port for browser tests and screenshots."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# url paths; the default page (Overblik) lives at the root, as Streamlit gives the default page no path
PAGES = ["", "trivsel", "overgange", "effekt", "pejlemaerker", "udforsk", "data", "moede"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(database_url: str | None = None, timeout: float = 120, secrets=None):
    """Yield the base URL of a running Indblik; stop it afterwards. `secrets(port)`: the text of the
    secrets file to start it with (e.g. an [auth] section), instead of the project's."""
    port = free_port()
    extra: list[str] = []
    if secrets is not None:
        path = Path(tempfile.mkdtemp()) / "secrets.toml"
        path.write_text(secrets(port), encoding="utf-8")
        extra = ["--secrets.files", str(path)]
    env = dict(os.environ, STREAMLIT_SERVER_PORT=str(port), STREAMLIT_SERVER_HEADLESS="true",
               STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    if database_url:
        env["INDBLIK_DATABASE_URL"] = database_url
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1", *extra],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode(errors="replace") if proc.poll() is not None else ""
                raise RuntimeError(f"Indblik startede ikke på {base}: {out[-2000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def wait_for_page(page, timeout_ms: int = 90_000) -> None:
    """Wait until Streamlit has finished the run: a title is shown and nothing is running."""
    page.wait_for_selector("h1", timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms)
    page.wait_for_timeout(800)
