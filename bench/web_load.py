"""Load test of the self-hosted endpoint: signed LaunchRequests, verification on and off.

Run with ``make bench-web`` (or ``python -m bench.web_load`` from the repository
root). For each mode it starts the served app (the server and settings of
``heart-to-heart serve``) on loopback in a subprocess with a private CA,
checks that verification really is on or off, then keeps ``--connections``
keep-alive connections busy for ``--seconds``, each posting signed
LaunchRequests for its own households. It reports requests per second,
p50/p99 latency, errors (any non-200, and any spoken apology) and the
server's resident memory (master plus workers) before and after the load.
The difference between the two modes is what verification costs.

Bounded: it only ever connects to 127.0.0.1, the run time and request count
are capped, and each server is stopped when its mode ends.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.x509.verification import Store

from skill.local.envelope import Caller, launch_request
from skill.web.verification import CertificateCache, RequestVerifier, verify_chain
from tests.support.alexa_pki import CERT_URL, SKILL_ID, Pki, encode, make_pki, signed_headers
from tests.support.fake_alexa_api import FakeAlexaApi

HOST = "127.0.0.1"
REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
MAX_SECONDS = 600
MAX_CONNECTIONS = 200
#: Bodies are re-signed well inside Alexa's 150-second tolerance.
RESIGN_AFTER_SECONDS = 60.0
HOUSEHOLDS_PER_CONNECTION = 10


@dataclass
class ModeResult:
    """Figures for one mode (verification on or off)."""

    mode: str
    probe_status: int
    requests: int
    errors: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    rss_start_mb: float
    rss_end_mb: float
    rss_peak_mb: float
    error_samples: list[str] = field(default_factory=list)


class Worker(threading.Thread):
    """One client connection: posts signed LaunchRequests back to back until told to stop."""

    def __init__(
        self, index: int, port: int, stop_at: float, budget: threading.Semaphore, api_endpoint: str
    ) -> None:
        super().__init__(daemon=True)
        self.port = port
        self.stop_at = stop_at
        self.budget = budget
        self.callers = [
            Caller(
                skill_id=SKILL_ID,
                user_id=f"amzn1.ask.account.BENCH-{index:03d}-{n:02d}",
                # A new household's first launch reads its time zone from the Alexa settings API.
                api_endpoint=api_endpoint,
            )
            for n in range(HOUSEHOLDS_PER_CONNECTION)
        ]
        self.signed: dict[int, tuple[float, bytes, dict[str, str]]] = {}
        self.latencies: list[float] = []
        self.errors = 0
        self.error_samples: list[str] = []

    def request_for(self, turn: int) -> tuple[bytes, dict[str, str]]:
        """A signed body for this turn's household, re-signed once it ages."""
        slot = turn % len(self.callers)
        cached = self.signed.get(slot)
        if cached is None or time.monotonic() - cached[0] > RESIGN_AFTER_SECONDS:
            envelope = launch_request(
                caller=self.callers[slot],
                request_id=f"amzn1.echo-api.request.bench-{self.name}-{turn}",
                timestamp=datetime.now(UTC),
            )
            body = encode(envelope)
            cached = (time.monotonic(), body, signed_headers(body) | {"Connection": "keep-alive"})
            self.signed[slot] = cached
        return cached[1], cached[2]

    def run(self) -> None:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=10)
        turn = 0
        while time.monotonic() < self.stop_at and self.budget.acquire(blocking=False):
            body, headers = self.request_for(turn)
            turn += 1
            started = time.perf_counter()
            try:
                connection.request("POST", "/alexa", body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                elapsed = time.perf_counter() - started
                problem = answer_problem(response.status, payload)
            except (OSError, http.client.HTTPException) as error:
                elapsed = time.perf_counter() - started
                problem = type(error).__name__
                connection.close()
                connection = http.client.HTTPConnection(HOST, self.port, timeout=10)
            self.latencies.append(elapsed)
            if problem:
                self.errors += 1
                if len(self.error_samples) < 5:
                    self.error_samples.append(problem)
        connection.close()


def answer_problem(status: int, payload: bytes) -> str | None:
    """Why an answer is not a good skill answer, or None when it is."""
    if status != 200:
        return f"HTTP {status}: {payload[:120]!r}"
    try:
        speech = json.loads(payload)["response"]["outputSpeech"]["ssml"]
    except (ValueError, KeyError, TypeError):
        return "200 without speech"
    if speech.startswith("<speak>I'm sorry"):
        return "spoken apology"
    return None


def rss_mb(root_pid: int) -> float:
    """Resident memory of a process and all its descendants, in MiB (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    family, frontier = {root_pid}, [root_pid]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        family.update(children)
        frontier.extend(children)
    total_kb = 0
    for pid in family:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return round(total_kb / 1024, 1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(
    verify: bool, workdir: Path, args: argparse.Namespace
) -> tuple[subprocess.Popen[bytes], int, Path]:
    """Start bench/web_server.py and wait until its health check answers."""
    mode = "on" if verify else "off"
    env = {
        "HTH_STORE": f"sqlite:///{workdir}/households-{mode}.db",
        "SKILL_ID": SKILL_ID,
        "HTH_VERIFY_SIGNATURES": "true" if verify else "false",
        "HTH_BENCH_ROOT_PEM": str(workdir / "root.pem"),
        "HTH_BENCH_CHAIN_PEM": str(workdir / "chain.pem"),
    }
    log_path = RESULTS / f"web-server-{mode}.log"
    server, port = start_served("bench.web_server", env, log_path, args.workers, args.threads)
    return server, port, log_path


def start_served(
    module: str,
    env: dict[str, str],
    log_path: Path,
    workers: int | None = None,
    threads: int | None = None,
    extra_args: Sequence[str] = (),
) -> tuple[subprocess.Popen[bytes], int]:
    """Start a serving module on a free loopback port and wait until ``/healthz`` says 200."""
    port = free_port()
    command = [sys.executable, "-m", module, "--port", str(port), *extra_args]
    if workers:
        command += ["--workers", str(workers)]
    if threads:
        command += ["--threads", str(threads)]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, cwd=REPO, env=os.environ | env, stdout=log, stderr=log)
    deadline = time.monotonic() + 30
    while True:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=1)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                connection.close()
                return server, port
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            stop_server(server)
            raise SystemExit(f"the server did not start; see {log_path}")
        time.sleep(0.2)


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop the server gracefully (SIGTERM), then for good if it lingers."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def probe_unsigned(port: int) -> int:
    """Status of an unsigned request: 400 proves verification is on, 200 that it is off."""
    envelope = launch_request(caller=Caller(skill_id=SKILL_ID), timestamp=datetime.now(UTC))
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    connection.request(
        "POST", "/alexa", body=encode(envelope), headers={"Content-Type": "application/json"}
    )
    status = connection.getresponse().status
    connection.close()
    return status


def drive(
    port: int, seconds: float, connections: int, max_requests: int, api_endpoint: str
) -> list[Worker]:
    """Run ``connections`` workers for ``seconds`` (or until ``max_requests``) and return them."""
    budget = threading.Semaphore(max_requests)
    stop_at = time.monotonic() + seconds
    workers = [Worker(n, port, stop_at, budget, api_endpoint) for n in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=seconds + 30)
    return workers


def percentile(ordered: list[float], fraction: float) -> float:
    """Nearest-rank percentile of sorted values, in milliseconds."""
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return round(ordered[index] * 1000, 2)


def run_mode(verify: bool, workdir: Path, args: argparse.Namespace) -> ModeResult:
    """Start a server, warm it up, load it, measure, stop it."""
    server, port, log_path = start_server(verify, workdir, args)
    try:
        probe = probe_unsigned(port)
        # Warms caches and pools.
        drive(port, args.warmup, args.connections, args.max_requests, args.api_endpoint)
        rss_start = rss_mb(server.pid)
        peak = rss_start
        started = time.monotonic()
        result: list[list[Worker]] = []
        loader = threading.Thread(
            target=lambda: result.append(
                drive(port, args.seconds, args.connections, args.max_requests, args.api_endpoint)
            )
        )
        loader.start()
        while loader.is_alive():
            loader.join(timeout=1)
            peak = max(peak, rss_mb(server.pid))
        elapsed = time.monotonic() - started
        rss_end = rss_mb(server.pid)
    finally:
        stop_server(server)
    workers = result[0]
    latencies = sorted(value for worker in workers for value in worker.latencies)
    samples = [sample for worker in workers for sample in worker.error_samples][:5]
    errors = sum(worker.errors for worker in workers)
    if errors:
        samples.append(f"server log: {log_path}")
    return ModeResult(
        mode="verification on" if verify else "verification off",
        probe_status=probe,
        requests=len(latencies),
        errors=errors,
        seconds=round(elapsed, 2),
        requests_per_second=round(len(latencies) / elapsed, 1),
        p50_ms=percentile(latencies, 0.50),
        p99_ms=percentile(latencies, 0.99),
        max_ms=round(latencies[-1] * 1000, 2) if latencies else 0.0,
        rss_start_mb=rss_start,
        rss_end_mb=rss_end,
        rss_peak_mb=peak,
        error_samples=samples,
    )


def verification_cpu(pki: Pki, rounds: int = 2000) -> dict[str, float]:
    """Microseconds of CPU one verification takes in this process, cached and uncached.

    The HTTP figures share two cores with the load generator (and whatever else
    the machine runs), so this noise-free figure is the one to read for cost.
    """
    now = datetime.now(UTC)
    chain = pki.chain_pem()
    body = encode(launch_request(caller=Caller(skill_id=SKILL_ID), timestamp=now))
    headers = signed_headers(body)
    signature, url = headers["Signature-256"], headers["SignatureCertChainUrl"]
    cache = CertificateCache(trusted_roots=[pki.root], fetch=lambda _: chain)
    verifier = RequestVerifier(cache)
    started = time.process_time()
    for _ in range(rounds):
        verifier.verify(body, signature, url)
    cached = (time.process_time() - started) / rounds
    store = Store([pki.root])
    started = time.process_time()
    for _ in range(rounds // 10):
        verify_chain(chain, store, now)
    chain_check = (time.process_time() - started) / (rounds // 10)
    return {
        "verify_cached_us": round(cached * 1e6, 1),
        "verify_chain_on_cache_miss_us": round(chain_check * 1e6, 1),
    }


def write_pki(workdir: Path) -> Pki:
    """Make the benchmark's CA and leaf, and the files the server reads them from."""
    pki = make_pki(datetime.now(UTC))
    (workdir / "root.pem").write_bytes(pki.root_pem())
    (workdir / "chain.pem").write_bytes(pki.chain_pem())
    return pki


def print_table(results: list[ModeResult]) -> None:
    header = (
        f"{'mode':<18}{'probe':>6}{'requests':>10}{'errors':>8}{'req/s':>9}"
        f"{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'RSS start':>11}{'RSS end':>9}{'peak':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.mode:<18}{r.probe_status:>6}{r.requests:>10}{r.errors:>8}"
            f"{r.requests_per_second:>9.1f}{r.p50_ms:>9.2f}{r.p99_ms:>9.2f}{r.max_ms:>9.2f}"
            f"{r.rss_start_mb:>9.1f}MB{r.rss_end_mb:>7.1f}MB{r.rss_peak_mb:>6.1f}MB"
        )
        for sample in r.error_samples:
            print(f"    {sample}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="load per mode (max 600)")
    parser.add_argument("--warmup", type=float, default=3.0, help="untimed load first")
    parser.add_argument("--connections", type=int, default=50, help="concurrent (max 200)")
    parser.add_argument("--max-requests", type=int, default=1_000_000, help="cap per phase")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: serve's)")
    parser.add_argument("--threads", type=int, help="threads per worker (default: serve's)")
    parser.add_argument("--output", type=Path, default=RESULTS / "web.json")
    args = parser.parse_args()
    if not 0 < args.seconds <= MAX_SECONDS or not 0 <= args.warmup <= 60:
        parser.error(f"--seconds must be in (0, {MAX_SECONDS}] and --warmup in [0, 60]")
    if not 0 < args.connections <= MAX_CONNECTIONS or args.max_requests < 1:
        parser.error(f"--connections must be in [1, {MAX_CONNECTIONS}], --max-requests >= 1")
    return args


def main() -> None:
    args = parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    # The stand-in Alexa API on loopback: Amazon's is not reachable from here.
    with tempfile.TemporaryDirectory(prefix="hth-bench-web-") as temp, FakeAlexaApi() as alexa:
        args.api_endpoint = alexa.url
        workdir = Path(temp)
        pki = write_pki(workdir)
        results = [run_mode(verify, workdir, args) for verify in (True, False)]
    cpu = verification_cpu(pki)
    load_after = os.getloadavg()
    print_table(results)
    on, off = results
    summary: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "cert_url": CERT_URL,
        "settings": {
            "seconds": args.seconds,
            "warmup": args.warmup,
            "connections": args.connections,
            "workers": args.workers,
            "threads": args.threads,
        },
        # Other work on the machine skews the HTTP figures; the load average says how much.
        "load_average_1min": {"before": load_before[0], "after": load_after[0]},
        "results": [asdict(result) for result in results],
        "verification_cost": {
            **cpu,
            "throughput_percent": round(
                100 * (1 - on.requests_per_second / off.requests_per_second), 1
            )
            if off.requests_per_second
            else None,
            "p50_ms": round(on.p50_ms - off.p50_ms, 2),
        },
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"\nverification cost: {summary['verification_cost']}; written to {args.output}")
    if on.probe_status != 400 or off.probe_status != 200 or on.errors or off.errors:
        raise SystemExit("unexpected probe status or errors under load (see above)")


if __name__ == "__main__":
    main()
