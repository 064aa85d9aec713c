"""Which server keeps answering while slow clients hold connections? A measured comparison.

Each option serves the same Flask app (``create_app()``, verification off,
a fresh SQLite store) on loopback in a subprocess; then, one after another:

* ``throughput``: 8 keep-alive clients post LaunchRequests for 5 s;
* ``slow headers`` and ``slow body``: 50 connections (``--slow``) trickle a request a byte a
  second (see :mod:`bench.loris`) while one client sends a LaunchRequest every
  0.1 s for 10 s, each allowed 5 s.

Options whose packages are missing are skipped, so the project's own
environment measures the gthread baseline and the chosen design; the others
need ``pip install gevent uvicorn asgiref`` in a scratch environment:

    python -m bench.serving_options            # every option that can run here
    python -m bench.serving_options --only waitress-in-gunicorn

Bounded: loopback only, fixed counts and durations, each server stopped after. A new
household's first launch asks the Alexa settings API for its time zone, so the requests
name a stand-in for that API on loopback as their ``apiEndpoint``.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.loris import HOST, ProbeResult, Trickle, probe
from bench.web_load import start_served, stop_server
from skill.local.envelope import Caller, launch_request
from tests.support.alexa_pki import SKILL_ID, encode
from tests.support.fake_alexa_api import FakeAlexaApi

REPO = Path(__file__).resolve().parents[1]
WORKERS, THREADS = 2, 4

#: name -> (packages it needs, what it is)
OPTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "gunicorn-gthread": (("gunicorn",), "gunicorn, 2 gthread workers x 4 threads (before)"),
    "gunicorn-gevent": (("gunicorn", "gevent"), "gunicorn, 2 gevent workers"),
    "uvicorn-asgiref": (("uvicorn", "asgiref"), "uvicorn, 2 workers, asgiref WsgiToAsgi"),
    "waitress": (("waitress",), "waitress alone, 1 process x 8 threads, its defaults"),
    "waitress-in-gunicorn": (("gunicorn", "waitress"), "gunicorn master, waitress workers 2x4"),
}


# --- the servers (run in the child process) --------------------------------------------------


def _app() -> Any:
    from skill.web.app import create_app

    return create_app()


def asgi_app() -> Any:
    """The Flask app behind asgiref's adapter (uvicorn imports this by name)."""
    from asgiref.wsgi import WsgiToAsgi

    return WsgiToAsgi(_app())


def _gunicorn(options: dict[str, Any]) -> None:
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)
            if "control_socket_disable" in self.cfg.settings:
                self.cfg.set("control_socket_disable", True)

        def load(self) -> Any:
            return _app()

    Server().run()


def serve_option(name: str, port: int) -> None:
    """Run one option in this process until it is stopped."""
    bind = f"{HOST}:{port}"
    if name == "gunicorn-gthread":
        _gunicorn({"bind": bind, "workers": WORKERS, "threads": THREADS, "worker_class": "gthread"})
    elif name == "gunicorn-gevent":
        _gunicorn({"bind": bind, "workers": WORKERS, "worker_class": "gevent"})
    elif name == "uvicorn-asgiref":
        import uvicorn

        uvicorn.run(
            "bench.serving_options:asgi_app",
            host=HOST,
            port=port,
            workers=WORKERS,
            factory=True,
            log_level="warning",
        )
    elif name == "waitress":
        import waitress

        waitress.serve(_app(), host=HOST, port=port, threads=2 * THREADS)
    elif name == "waitress-in-gunicorn":
        from skill.web.server import serve

        serve(HOST, port, WORKERS, THREADS)
    else:
        raise SystemExit(f"unknown option {name}")


# --- the measurements ------------------------------------------------------------------------


def launcher(api_endpoint: str) -> Callable[[http.client.HTTPConnection], int]:
    """Posts one LaunchRequest for a new household and reads the answer."""

    def launch(connection: http.client.HTTPConnection) -> int:
        caller = Caller(
            skill_id=SKILL_ID,
            user_id=f"amzn1.ask.account.SO-{time.monotonic_ns()}",
            api_endpoint=api_endpoint,
        )
        body = encode(launch_request(caller=caller, timestamp=datetime.now(UTC)))
        headers = {"Content-Type": "application/json"}
        connection.request("POST", "/alexa", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status

    return launch


def throughput(
    port: int, launch: Callable[[http.client.HTTPConnection], int], clients: int = 8
) -> dict[str, float]:
    """Requests a second and latency with ``clients`` keep-alive connections."""
    seconds = 5.0
    latencies: list[float] = []
    stop_at = time.monotonic() + seconds
    lock = threading.Lock()

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        mine: list[float] = []
        while time.monotonic() < stop_at and len(mine) < 20_000:
            started = time.perf_counter()
            try:
                launch(connection)
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=10)
                continue
            mine.append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    result = ProbeResult(latencies=latencies)
    return {
        "requests_per_second": round(len(latencies) / seconds, 1),
        "p50_ms": result.percentile_ms(0.5),
        "p99_ms": result.percentile_ms(0.99),
    }


def under_slow_clients(
    port: int, launch: Callable[[http.client.HTTPConnection], int], mode: str, count: int
) -> dict[str, float]:
    """Ordinary requests while ``connections`` clients trickle headers or bodies."""
    with Trickle(port, count, mode, max_seconds=20) as trickle:
        result = probe(port, launch, seconds=10, interval=0.1, timeout=5)
    return {
        "sent": result.sent,
        "answered_within_1s": result.within(1.0),
        "p50_ms": result.percentile_ms(0.5),
        "p99_ms": result.percentile_ms(0.99),
        "no_answer": result.lost + sum(1 for status in result.statuses if status != 200),
        "slow_connections_cut": trickle.cut,
    }


def start(name: str, workdir: Path) -> tuple[subprocess.Popen[bytes], int]:
    env = {
        "HTH_STORE": f"sqlite:///{workdir}/{name}.db",
        "HTH_VERIFY_SIGNATURES": "false",
        "SKILL_ID": SKILL_ID,
        "PYTHONPATH": str(REPO),
    }
    log = workdir / f"{name}.log"
    return start_served("bench.serving_options", env, log, extra_args=["--serve", name])


def measure(name: str, workdir: Path, api_endpoint: str, slow: int) -> dict[str, Any]:
    server, port = start(name, workdir)
    launch = launcher(api_endpoint)
    try:
        steps: dict[str, Callable[[], dict[str, float]]] = {
            "throughput": lambda: throughput(port, launch),
            "slow_headers": lambda: under_slow_clients(port, launch, "headers", slow),
            "slow_body": lambda: under_slow_clients(port, launch, "body", slow),
        }
        figures: dict[str, Any] = {"option": name, "what": OPTIONS[name][1]}
        for step, run in steps.items():
            figures[step] = run()
            time.sleep(1)
        return figures
    finally:
        stop_server(server)


def available(name: str) -> bool:
    return all(importlib.util.find_spec(package) for package in OPTIONS[name][0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--serve", choices=sorted(OPTIONS), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--only", action="append", choices=sorted(OPTIONS))
    parser.add_argument("--slow", type=int, default=50, help="slow connections (max 200)")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    if args.serve:
        serve_option(args.serve, args.port)
        return
    names = [name for name in (args.only or OPTIONS) if available(name)]
    results = []
    with tempfile.TemporaryDirectory(prefix="hth-serving-") as temp, FakeAlexaApi() as alexa:
        for name in names:
            figures = measure(name, Path(temp), alexa.url, args.slow)
            results.append(figures)
            print(json.dumps(figures), flush=True)
    print()
    print(f"{'option':<22}{'req/s':>8}{'p99':>8}  {'slow headers':>22}  {'slow body':>22}")
    for r in results:
        cells = []
        for step in ("slow_headers", "slow_body"):
            s = r[step]
            cells.append(f"{s['answered_within_1s']}/{s['sent']} <1s p99 {s['p99_ms']:.0f}ms")
        t = r["throughput"]
        line = f"{r['option']:<22}{t['requests_per_second']:>8.0f}{t['p99_ms']:>6.0f}ms"
        print(f"{line}  {cells[0]:>22}  {cells[1]:>22}")
    if args.output:
        args.output.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
