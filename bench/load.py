"""Many viewers at once: N sessions open the same link at the same moment (a committee meeting).

    python -m bench.load [--database-url URL] [--page trivsel] [--sessions 10,30,100] [--query kommune=530]
    python -m bench.load --replicas 2 ...  # two servers behind HAProxy, as README "Mange seere" sets up production
    python -m bench.load --first-start     # peak RSS while the first start builds the demo database

The app is started as `streamlit run app.py` in a subprocess (headless, a free port on 127.0.0.1, the
project's production config in .streamlit/config.toml). The client speaks Streamlit's own websocket
protocol, as the browser does (streamlit 1.67, web/server/starlette/starlette_websocket.py and
runtime/app_session.py): it connects to /_stcore/stream with the subprotocol "streamlit", sends one
BackMsg `rerun_script` whose ClientState carries the page (`page_name`, the link's path), the link's
query string and `context_info.url`, and reads ForwardMsgs until `script_finished` (a finish "early for
rerun" is not the end). No browser draws anything: the time is the server's, from the connect to the
last message of the page (connect, run, every element serialised and sent), not the browser's drawing.
Each session stays open until all of the round's sessions are done (the viewers stay in the meeting).

For every number of sessions a fresh server is started; the "cold" round runs on its empty cache (the
first viewers of the day), then the "warm" round runs the same number of sessions again (every query
cached). Reported per round: p50/p95/max seconds until the page is complete; server CPU seconds per
view (psutil cpu_times of the server process before/after, divided by the views); the client's own CPU
share and what other processes on the machine used meanwhile (contention); the server's peak RSS and
the peak number of database connections, sampled every 0.1 s (SQLite: the server's open handles on the
database file; PostgreSQL: pg_stat_activity for the database). Results also go to bench/out/load.jsonl.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil
import sqlalchemy as sa
from websockets.asyncio.client import connect

from bench.replicas import balancer, free_port, wait_healthy
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PAGES = {"overblik": "", "trivsel": "trivsel", "overgange": "overgange", "effekt": "effekt",
         "pejlemaerker": "pejlemaerker", "udforsk": "udforsk", "data": "data", "moede": "moede"}
EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN
OK = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


@contextlib.contextmanager
def server(database_url: str | None, log: Path, env: dict | None = None, timeout: float = 600, replicas: int = 1):
    """Start `streamlit run app.py` as production would (the repository's config); yield (base URL, processes).
    With several replicas, each is a server of its own behind HAProxy (Debian's haproxy; README "Mange seere"),
    which gives each new connection to the next replica and keeps a browser on its replica by a cookie: a
    session is one websocket, so it stays on the replica that took it."""
    if replicas == 1:
        with _one_server(database_url, log, env, timeout) as (base, proc):
            yield base, [proc]
        return
    with contextlib.ExitStack() as stack:
        started = [stack.enter_context(_one_server(database_url, log, env, timeout)) for _ in range(replicas)]
        base = stack.enter_context(balancer([b for b, _ in started], log))
        yield base, [p for _, p in started]


@contextlib.contextmanager
def _one_server(database_url: str | None, log: Path, env: dict | None, timeout: float):
    port = free_port()
    environ = dict(os.environ, STREAMLIT_SERVER_PORT=str(port), STREAMLIT_SERVER_HEADLESS="true", **(env or {}))
    environ.pop("INDBLIK_DATABASE_URL", None)
    if database_url:
        environ["INDBLIK_DATABASE_URL"] = database_url
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1"],
                                cwd=ROOT, env=environ, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc, log, timeout)
        yield base, psutil.Process(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


def cpu_seconds(procs: list[psutil.Process]) -> float:
    """CPU seconds of the processes (all replicas together)."""
    return sum(t.user + t.system + t.children_user + t.children_system for t in (p.cpu_times() for p in procs))


def rss(procs: list[psutil.Process]) -> int:
    """The largest replica's resident memory (with its children, e.g. kaleido's browser)."""
    def one(p: psutil.Process) -> int:
        total = p.memory_info().rss
        for child in p.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                total += child.memory_info().rss
        return total
    return max(one(p) for p in procs)


class Sampler(threading.Thread):
    """The server's RSS and its database connections, every `every` seconds; keeps the peaks."""

    def __init__(self, proc: list[psutil.Process], database_url: str | None, every: float = 0.1):
        super().__init__(daemon=True)
        self.proc, self.every = proc, every
        self.peak_rss = self.peak_conns = 0
        self._halt = threading.Event()
        self._count = self._counter(database_url or f"sqlite:///{ROOT / 'data' / 'indblik.db'}")

    def _counter(self, url: str):
        parsed = sa.make_url(url)
        if parsed.get_backend_name() == "sqlite":
            path = str(Path(parsed.database).resolve())
            return lambda: sum(1 for p in self.proc for f in p.open_files() if f.path == path)
        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        sql = sa.text("SELECT count(*) FROM pg_stat_activity WHERE datname = :db AND pid <> pg_backend_pid()")

        def count() -> int:
            with engine.connect() as conn:
                return conn.execute(sql, {"db": parsed.database}).scalar()
        return count

    def sample(self) -> None:
        with contextlib.suppress(psutil.Error):
            self.peak_rss = max(self.peak_rss, rss(self.proc))
        with contextlib.suppress(Exception):
            self.peak_conns = max(self.peak_conns, self._count())

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(self.every)

    def reset(self) -> None:
        self.peak_rss = self.peak_conns = 0

    def stop(self) -> None:
        self._halt.set()
        self.join()


@dataclass
class View:
    seconds: float = math.nan
    status: str = ""
    messages: int = 0
    bytes: int = 0
    charts: int = 0
    errors: list[str] = field(default_factory=list)


class Room:
    """The meeting room: every viewer stays connected until all of them have the page (or failed)."""

    def __init__(self, n: int):
        self.waiting, self.all_done = n, asyncio.Event()

    def arrived(self) -> None:
        self.waiting -= 1
        if self.waiting <= 0:
            self.all_done.set()


async def open_link(base: str, page: str, query: str, room: Room, timeout: float) -> View:
    """One viewer opens the link: connect, ask for the page, read until the page is complete."""
    view, start = View(), time.perf_counter()
    msg = BackMsg()
    rerun = msg.rerun_script
    rerun.query_string, rerun.page_name = query, page
    rerun.context_info.url = f"{base}/{page}" + (f"?{query}" if query else "")
    rerun.context_info.timezone, rerun.context_info.locale = "Europe/Copenhagen", "da-DK"
    arrived = False
    try:
        async with connect(base.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                           max_size=None, open_timeout=timeout, ping_interval=None) as ws:
            await ws.send(msg.SerializeToString())
            async with asyncio.timeout(timeout):
                async for raw in ws:
                    view.messages += 1
                    view.bytes += len(raw)
                    fm = ForwardMsg()
                    fm.ParseFromString(raw)
                    kind = fm.WhichOneof("type")
                    if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                        element = fm.delta.new_element.WhichOneof("type")
                        if element == "exception":
                            view.errors.append(fm.delta.new_element.exception.message[:200])
                        view.charts += element == "plotly_chart"
                    elif kind == "page_not_found":
                        view.errors.append("page not found")
                    elif kind == "script_finished" and fm.script_finished != EARLY:
                        view.seconds = time.perf_counter() - start
                        view.status = ForwardMsg.ScriptFinishedStatus.Name(fm.script_finished)
                        if fm.script_finished not in OK:
                            view.errors.append(view.status)
                        break
                else:
                    view.errors.append("the server closed the connection before the page was complete")
            arrived = True
            room.arrived()
            await room.all_done.wait()
    except Exception as exc:  # noqa: BLE001 - a failed view is counted and reported, never hidden
        view.errors.append(f"{type(exc).__name__}: {exc}"[:200])
        if not arrived:
            room.arrived()
    return view


async def crowd(base: str, pages: list[str], query: str, n: int, timeout: float) -> list[View]:
    """n viewers open the link at the same moment (viewer i the page pages[i % len(pages)]: a mix of links)."""
    room = Room(n)
    return list(await asyncio.gather(*(open_link(base, pages[i % len(pages)], query, room, timeout)
                                       for i in range(n))))


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (p95 of 10 values is the 10th: no interpolation flattering small rounds)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else math.nan


@dataclass
class Round:
    page: str
    sessions: int
    cache: str  # "cold": a fresh server's empty cache; "warm": every query cached
    p50: float
    p95: float
    max: float
    wall: float
    server_cpu_per_view: float
    server_cpu_share: float  # of the machine's capacity (all cores) during the round
    client_cpu_share: float
    others_cpu_share: float  # everything else on the machine meanwhile: the contention
    peak_rss_mb: float
    peak_db_connections: int
    kb_per_view: float
    messages_per_view: float  # websocket messages (Streamlit ForwardMsgs): each is built, hashed and sent
    charts_per_view: float
    failed: int
    errors: list[str]


def one_round(base: str, proc: list[psutil.Process], sampler: Sampler, page: str, query: str, n: int, cache: str,
              timeout: float) -> Round:
    """One round: n sessions of `page` (or of every page in turn when it is "a+b+c") at once."""
    me, cores = psutil.Process(), psutil.cpu_count()
    sampler.reset()
    sampler.sample()
    busy0 = _busy()
    server0, client0, t0 = cpu_seconds(proc), cpu_seconds([me]), time.perf_counter()
    views = asyncio.run(crowd(base, [PAGES[p] for p in page.split("+")], query, n, timeout))
    wall = time.perf_counter() - t0
    server_cpu, client_cpu, busy = cpu_seconds(proc) - server0, cpu_seconds([me]) - client0, _busy() - busy0
    sampler.sample()
    ok = [v.seconds for v in views if not v.errors]
    capacity = wall * cores
    return Round(page=page, sessions=n, cache=cache, p50=percentile(ok, 0.5), p95=percentile(ok, 0.95),
                 max=max(ok, default=math.nan), wall=wall, server_cpu_per_view=server_cpu / n,
                 server_cpu_share=server_cpu / capacity, client_cpu_share=client_cpu / capacity,
                 others_cpu_share=max(0.0, busy - server_cpu - client_cpu) / capacity,
                 peak_rss_mb=sampler.peak_rss / 2**20, peak_db_connections=sampler.peak_conns,
                 kb_per_view=statistics.mean(v.bytes for v in views) / 1024,
                 messages_per_view=statistics.mean(v.messages for v in views),
                 charts_per_view=statistics.mean(v.charts for v in views), failed=n - len(ok),
                 errors=sorted({e for v in views for e in v.errors})[:5])


def _busy() -> float:
    t = psutil.cpu_times()
    return t.user + t.nice + t.system + t.irq + t.softirq + getattr(t, "steal", 0.0)


@contextlib.contextmanager
def profiled(procs: list[psutil.Process], path: Path | None):
    """py-spy (sampling, from outside: the server is not slowed by it) on the (first) server while the block runs;
    writes collapsed stacks (one line per stack with its sample count) to `path`."""
    if path is None:
        yield
        return
    spy = subprocess.Popen([str(Path(sys.executable).parent / "py-spy"), "record", "-p", str(procs[0].pid), "-r", "200",
                            "--format", "raw", "-o", str(path), "--nonblocking"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    try:
        yield
    finally:
        spy.send_signal(2)  # SIGINT: py-spy writes what it has and stops
        spy.wait(30)


def run_load(database_url: str | None, pages: list[str], sessions: list[int], query: str, caches: list[str],
             timeout: float, env: dict | None = None, profile: Path | None = None, replicas: int = 1) -> list[Round]:
    rounds = []
    for page in pages:
        for n in sessions:
            with server(database_url, OUT / "load-server.log", env, replicas=replicas) as (base, proc):
                sampler = Sampler(proc, database_url)
                sampler.start()
                try:
                    if "cold" not in caches:  # the warm round alone: one viewer per replica fills its cache first
                        asyncio.run(crowd(base, [PAGES[p] for p in page.split("+")], query, replicas, timeout))
                    for cache in caches:
                        spy = profile.with_name(f"{profile.stem}-{page}-{n}{profile.suffix}") \
                            if profile and cache == "warm" else None
                        with profiled(proc, spy):
                            rounds.append(r := one_round(base, proc, sampler, page, query, n, cache, timeout))
                        print(row(r), flush=True)
                finally:
                    sampler.stop()
    return rounds


HEADER = ("| page | sessions | cache | p50 s | p95 s | max s | server CPU s/view | server CPU | client CPU "
          "| others' CPU | peak RSS MB | DB conns | KB/view | msgs/view | charts | failed |\n|" + "---|" * 16)


def row(r: Round) -> str:
    return (f"| {r.page} | {r.sessions} | {r.cache} | {r.p50:.2f} | {r.p95:.2f} | {r.max:.2f} | "
            f"{r.server_cpu_per_view:.3f} | {r.server_cpu_share:.0%} | {r.client_cpu_share:.0%} | "
            f"{r.others_cpu_share:.0%} | {r.peak_rss_mb:.0f} | {r.peak_db_connections} | {r.kb_per_view:.0f} | "
            f"{r.messages_per_view:.0f} | {r.charts_per_view:.0f} | {r.failed}{' ' + '; '.join(r.errors) if r.errors else ''} |")


def first_start(timeout: float) -> dict:
    """`make run` on an empty data directory: the server builds the demo database while the first viewer
    waits (ui.shell.ensure_database). Peak RSS of the server until that viewer's page is complete."""
    db = ROOT / "data" / "indblik.db"
    if db.exists():
        sys.exit(f"{db} exists: move it aside to measure a first start (it is rebuilt)")
    with server(None, OUT / "load-server.log") as (base, proc):
        sampler = Sampler(proc, None)
        sampler.start()
        start = time.perf_counter()
        try:
            views = asyncio.run(crowd(base, [""], "", 1, timeout))
        finally:
            sampler.stop()
    return {"first_start_seconds": round(time.perf_counter() - start, 1), "peak_rss_mb": round(sampler.peak_rss / 2**20),
            "errors": views[0].errors}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--database-url", default=os.environ.get("INDBLIK_DATABASE_URL"),
                    help="the app's database (default: INDBLIK_DATABASE_URL, else the embedded data/indblik.db)")
    ap.add_argument("--page", default="trivsel", help=f"one or more of {','.join(PAGES)}, comma-separated; "
                    "pages joined by + are one mixed round (viewer i opens the i-th in turn)")
    ap.add_argument("--sessions", default="10,30,100", help="numbers of concurrent sessions, comma-separated")
    ap.add_argument("--query", default="", help="the link's query string, e.g. kommune=530")
    ap.add_argument("--cache", default="cold,warm", help="rounds per server: cold (fresh server) and/or warm")
    ap.add_argument("--timeout", type=float, default=300, help="seconds a viewer waits for the page")
    ap.add_argument("--first-start", action="store_true", help="measure the first start on an empty data dir")
    ap.add_argument("--replicas", type=int, default=1, help="servers behind HAProxy (Debian's haproxy), as README "
                    "'Mange seere' sets up production; CPU is summed over them, RSS is the largest one's")
    ap.add_argument("--profile", type=Path, help="py-spy the server during each warm round into PROFILE-page-n.txt "
                    "(collapsed stacks; summarise with `python -m bench.load --summarise FILE`)")
    ap.add_argument("--summarise", type=Path, help="print where a --profile file's time went, and stop")
    args = ap.parse_args(argv)
    machine = (f"{psutil.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before the run, "
               f"{psutil.virtual_memory().total / 2**30:.0f} GiB")
    if args.summarise:
        summarise(args.summarise)
        return
    if args.first_start:
        result = first_start(args.timeout) | {"machine": machine}
        print(json.dumps(result))
        _save(result)
        return
    pages = [p.strip() for p in args.page.split(",")]
    unknown = [one for p in pages for one in p.split("+") if one not in PAGES]
    if unknown:
        sys.exit(f"unknown page(s): {', '.join(unknown)}; one of {', '.join(PAGES)}")
    print(f"bench.load: {machine}; {args.replicas} server(s)" + (" behind HAProxy" if args.replicas > 1 else "")
          + "; client: Streamlit's websocket protocol (websockets, one asyncio loop)")
    print(HEADER, flush=True)
    rounds = run_load(args.database_url, pages, [int(n) for n in args.sessions.split(",")], args.query,
                      [c.strip() for c in args.cache.split(",")], args.timeout, profile=args.profile,
                      replicas=args.replicas)
    _save({"machine": machine, "database": _safe(args.database_url), "query": args.query, "replicas": args.replicas,
           "rounds": [asdict(r) for r in rounds]})


def summarise(path: Path, top: int = 25) -> None:
    """Inclusive share of samples per function in the script threads (py-spy raw format), largest first."""
    inclusive: dict[str, int] = {}
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if "script_runner.py" not in stack:
            continue
        total += int(count)
        for frame in set(stack.split(";")):
            inclusive[frame] = inclusive.get(frame, 0) + int(count)
    for frame, n in sorted(inclusive.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{n / total:6.1%}  {frame}")


def _safe(url: str | None) -> str:
    return sa.make_url(url).render_as_string(hide_password=True) if url else "data/indblik.db (default)"


def _save(result: dict) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "load.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps(result | {"at": time.strftime("%Y-%m-%d %H:%M:%S")}) + "\n")


if __name__ == "__main__":
    main()
