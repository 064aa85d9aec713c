"""``make soak``: slow clients, hostile input, stuck work and a wrong clock, against the served
endpoint on loopback, with a table of what held.

It starts ``bench/soak_server.py`` (the server of ``heart-to-heart serve``, 2 workers × 4
threads, verification on with a private CA) with a short turn deadline and hard limit so the
fault scenarios take seconds, and then:

1. **load held**: ordinary signed requests, one every 0.1 s, alone and then while 50
   connections trickle their headers, or their bodies, a byte a second (p50/p99, how many
   within 1 s, none lost);
2. **bad inputs**: every request of ``tests/support/malformed_http.py`` on a raw socket (all
   must be 4xx JSON);
3. **verification abuse**: unsigned requests naming 20 certificate URLs under ``/echo.api/``,
   each 10 times, from 8 clients at once (how many downloads that caused);
4. **faults survived**: a turn that never ends (answered at the deadline, its worker recycled
   past the hard limit, ordinary requests meanwhile all answered) and a store whose check hangs
   (``/healthz`` says so within 2 s, and recovers);
5. **racing devices**: four devices of one household open the skill, ask for a date idea and
   save it, at once, eight times over, their requests spread over both worker processes (one
   SQLite file): no save apology may be heard, and no idea saved may be lost;
6. **clock skew**: a second server whose clock is 300 s slow refuses genuine requests, and
   ``/healthz`` says why.

Bounded: loopback only, fixed counts, every loop has a deadline; about a minute and a half.
Writes ``bench/results/soak.json``; exits non-zero when a scenario fails.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.loris import HOST, ProbeResult, Trickle, probe
from bench.soak_server import HANG_INTENT
from bench.web_load import RESULTS, rss_mb, start_served, stop_server, write_pki
from skill.household.date_memory import MAX_SAVED
from skill.local.envelope import Caller, JsonDict, Session, intent_request, launch_request
from skill.storage.sqlite import SqliteStore
from skill.turn import household_id_for
from tests.support.alexa_pki import SKILL_ID, encode, sign, signed_headers
from tests.support.fake_alexa_api import FakeAlexaApi
from tests.support.malformed_http import MALFORMED, send_raw

DEADLINE_SECONDS = 2.0
HARD_LIMIT_SECONDS = 5.0
SLOW_CONNECTIONS = 50
PROBE_SECONDS = 12.0
ABUSE_URLS = 20
ABUSE_REPEATS = 10
CLOCK_OFFSET_SECONDS = -300
APOLOGY = "<speak>I'm sorry"
#: The words of a save that did not land (prompts "store.save_failed").
SAVE_APOLOGY = "couldn't save"
RACING_DEVICES = 4
RACING_ROUNDS = 8


@dataclass
class Row:
    """One line of the table."""

    scenario: str
    result: str
    held: bool


class Endpoint:
    """A served soak endpoint on loopback, and the signed requests it accepts."""

    def __init__(self, port: int, api_endpoint: str) -> None:
        self.port = port
        self.api_endpoint = api_endpoint
        self._households = 0

    def envelope(self, intent: str | None = None) -> JsonDict:
        """A fresh LaunchRequest (or IntentRequest) for a new household, stamped now."""
        self._households += 1
        caller = Caller(
            skill_id=SKILL_ID,
            user_id=f"amzn1.ask.account.SOAK-{os.getpid()}-{self._households}",
            api_endpoint=self.api_endpoint,
        )
        now = datetime.now(UTC)
        if intent is None:
            return launch_request(caller=caller, timestamp=now)
        return intent_request(intent, caller=caller, timestamp=now)

    def post(self, connection: http.client.HTTPConnection, envelope: JsonDict) -> tuple[int, bytes]:
        body = encode(envelope)
        connection.request("POST", "/alexa", body=body, headers=signed_headers(body))
        response = connection.getresponse()
        return response.status, response.read()

    def launch(self, connection: http.client.HTTPConnection) -> int:
        """Post one signed LaunchRequest; a spoken apology counts as a failure (599)."""
        status, payload = self.post(connection, self.envelope())
        return 599 if status == 200 and APOLOGY.encode() in payload else status

    def health(self) -> tuple[int, JsonDict]:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
        try:
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            return response.status, json.loads(response.read())
        finally:
            connection.close()


def held_load(endpoint: Endpoint, label: str, result: ProbeResult) -> Row:
    ok = sum(1 for status in result.statuses if status == 200)
    within = result.within(1.0)
    held = result.lost == 0 and ok == result.sent and within == result.sent and result.sent > 0
    text = (
        f"p50 {result.percentile_ms(0.5):.0f} ms, p99 {result.percentile_ms(0.99):.0f} ms; "
        f"{within}/{result.sent} within 1 s; {result.sent - ok} lost or failed"
    )
    return Row(f"load held: {label}", text, held)


def load_scenarios(endpoint: Endpoint) -> list[Row]:
    rows = [held_load(endpoint, "alone", probe(endpoint.port, endpoint.launch, seconds=5))]
    for mode in ("headers", "body"):
        with Trickle(endpoint.port, SLOW_CONNECTIONS, mode, max_seconds=PROBE_SECONDS + 5) as t:
            result = probe(endpoint.port, endpoint.launch, seconds=PROBE_SECONDS)
        row = held_load(endpoint, f"{SLOW_CONNECTIONS} slow {mode}", result)
        row.result += f"; {t.cut} slow connections cut by the server"
        rows.append(row)
    return rows


def bad_inputs(endpoint: Endpoint) -> Row:
    """Every malformed request at once (a few are only cut by the read deadline)."""
    with ThreadPoolExecutor(max_workers=len(MALFORMED)) as pool:
        answers = pool.map(lambda raw: send_raw(endpoint.port, raw, timeout=15), MALFORMED.values())
        problems = [
            f"{name}: {problem}"
            for name, answer in zip(MALFORMED, answers, strict=True)
            if (problem := answer.problem())
        ]
    status, _ = endpoint.health()
    text = f"{len(MALFORMED) - len(problems)}/{len(MALFORMED)} answered 4xx JSON"
    if problems:
        text += " (" + "; ".join(problems) + ")"
    return Row("bad inputs tried", text, not problems and status == 200)


def verification_abuse(endpoint: Endpoint, fetch_log: Path) -> Row:
    """Unsigned requests with certificate URLs under /echo.api/: downloads stay rationed."""
    before = len(fetch_log.read_text().splitlines()) if fetch_log.exists() else 0
    jobs = [
        f"https://s3.amazonaws.com/echo.api/soak-{n}.pem"
        for _ in range(ABUSE_REPEATS)
        for n in range(ABUSE_URLS)
    ]
    statuses: list[int] = []
    lock = threading.Lock()

    def client(urls: list[str]) -> None:
        connection = http.client.HTTPConnection(HOST, endpoint.port, timeout=5)
        for url in urls:
            body = encode(endpoint.envelope())
            headers = signed_headers(body, url) | {"Signature-256": sign(b"forged " + body)}
            connection.request("POST", "/alexa", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            with lock:
                statuses.append(response.status)
        connection.close()

    threads = [threading.Thread(target=client, args=(jobs[n::8],)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    downloads = len(fetch_log.read_text().splitlines()) - before
    # Each worker process remembers failures for itself: at most one download per URL each.
    held = statuses == [400] * len(jobs) and downloads <= 2 * ABUSE_URLS
    text = (
        f"{len(jobs)} unsigned requests naming {ABUSE_URLS} URLs: {downloads} downloads "
        f"(at most one per URL per worker), {statuses.count(400)} refused 400"
    )
    return Row("verification abuse", text, held)


def hung_turn(endpoint: Endpoint, log_path: Path) -> Row:
    """A turn that never ends: apology at the deadline, worker recycled, nothing lost."""
    errors_before = log_path.read_text().count("hard limit")
    connection = http.client.HTTPConnection(HOST, endpoint.port, timeout=10)
    started = time.monotonic()
    status, payload = endpoint.post(connection, endpoint.envelope(HANG_INTENT))
    answered_after = time.monotonic() - started
    connection.close()
    apology = status == 200 and APOLOGY.encode() in payload
    # Meanwhile and after: the hard limit passes, the worker is replaced; nothing is lost.
    result = probe(endpoint.port, endpoint.launch, seconds=HARD_LIMIT_SECONDS + 3)
    recycled = log_path.read_text().count("hard limit") - errors_before
    ok = sum(1 for status in result.statuses if status == 200)
    failed = sorted({status for status in result.statuses if status != 200})
    held = (
        apology
        and DEADLINE_SECONDS <= answered_after < DEADLINE_SECONDS + 1
        and recycled == 1
        and ok == result.sent
    )
    text = (
        f"answered {'with the apology' if apology else f'{status}'} after "
        f"{answered_after:.1f} s (deadline {DEADLINE_SECONDS:g} s); {recycled} ERROR line and "
        f"worker recycled past {HARD_LIMIT_SECONDS:g} s; {ok}/{result.sent} ordinary requests "
        f"answered meanwhile"
    )
    if result.lost or failed:
        text += f" ({result.lost} without an answer, statuses {failed})"
    return Row("faults: hung handler", text, held)


def stuck_store(endpoint: Endpoint, hang_file: Path) -> Row:
    """The store's check hangs: /healthz says down within 2 s, quickly, and recovers."""
    hang_file.touch()
    started = time.monotonic()
    slowest = 0.0
    down_after = None
    try:
        while time.monotonic() - started < 5:
            asked = time.monotonic()
            status, _ = endpoint.health()
            slowest = max(slowest, time.monotonic() - asked)
            if status == 503:
                down_after = time.monotonic() - started
                break
            time.sleep(0.1)
    finally:
        hang_file.unlink()
    recovered = wait_for(lambda: endpoint.health()[0] == 200, seconds=5)
    held = down_after is not None and down_after <= 2.0 and slowest <= 1.5 and recovered
    shown = f"{down_after:.1f} s" if down_after is not None else "never"
    text = (
        f"/healthz 503 after {shown}, slowest answer {slowest:.1f} s; "
        f"{'back to 200 once the store answers' if recovered else 'did not recover'}"
    )
    return Row("faults: stuck store", text, held)


def racing_devices(endpoint: Endpoint, store_path: Path) -> Row:
    """Four devices of one household, each opening the skill, asking for a date idea and saving
    it, at once, through both worker processes: no save apology, every idea saved is kept."""
    user_id = f"amzn1.ask.account.SOAK-RACING-{os.getpid()}"
    lock = threading.Lock()
    heard: list[str] = []
    statuses: list[int] = []
    saved: set[str] = set()

    def device(index: int) -> None:
        caller = Caller(
            skill_id=SKILL_ID, user_id=user_id, api_endpoint=endpoint.api_endpoint,
            device_id=f"amzn1.ask.device.SOAK-{index}",
        )  # fmt: skip
        connection = http.client.HTTPConnection(HOST, endpoint.port, timeout=10)
        for round_number in range(RACING_ROUNDS):
            session = Session(session_id=f"soak-{index}-{round_number}")
            for n, intent in enumerate((None, "DateIdeaIntent", "DateSaveIntent")):
                stamp = {
                    "caller": caller,
                    "session": session,
                    "request_id": f"soak-racing-{index}-{round_number}-{n}",
                    "timestamp": datetime.now(UTC),
                }
                envelope = (
                    launch_request(**stamp) if intent is None else intent_request(intent, **stamp)
                )
                status, payload = endpoint.post(connection, envelope)
                answer = json.loads(payload) if status == 200 else {}
                attributes = answer.get("sessionAttributes") or {}
                speech = ((answer.get("response") or {}).get("outputSpeech") or {}).get("ssml", "")
                with lock:
                    statuses.append(status)
                    if SAVE_APOLOGY in speech or "aren't saving" in speech:
                        heard.append(speech)
                    state = attributes.get("state") or {}
                    if intent == "DateSaveIntent" and state.get("step") == "saved":
                        saved.add(str(state.get("idea")))
                session = Session(session_id=session.session_id, new=False, attributes=attributes)
        connection.close()

    threads = [threading.Thread(target=device, args=(i,)) for i in range(RACING_DEVICES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    store = SqliteStore(store_path)
    record = store.load(household_id_for(user_id))
    store.close()
    kept = set((record.profile.get("dates") or {}).get("saved") or []) if record else set()
    turns = RACING_DEVICES * RACING_ROUNDS * 3
    # The favourites keep the newest MAX_SAVED: all of them must be ideas the devices saved.
    whole = kept <= saved and len(kept) == min(MAX_SAVED, len(saved))
    held = statuses == [200] * turns and not heard and whole and bool(saved)
    text = (
        f"{RACING_DEVICES} devices × {RACING_ROUNDS} rounds of open, date idea, save it"
        f" ({turns} turns over both workers): {len(heard)} save apologies,"
        f" {statuses.count(200)}/{turns} answered 200; {len(saved)} ideas saved, the favourites"
        f" {'the newest of them' if whole else 'NOT the ideas saved'} ({len(kept)} kept)"
    )
    return Row("racing devices, one household", text, held)


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    stop_at = time.monotonic() + seconds
    while time.monotonic() < stop_at:
        if condition():
            return True
        time.sleep(0.2)
    return False


def clock_skew(endpoint: Endpoint) -> Row:
    connection = http.client.HTTPConnection(HOST, endpoint.port, timeout=5)
    statuses = [endpoint.post(connection, endpoint.envelope())[0] for _ in range(10)]
    connection.close()
    status, payload = endpoint.health()
    held = statuses == [400] * 10 and (status, payload.get("reason")) == (503, "clock")
    text = (
        f"server clock {CLOCK_OFFSET_SECONDS} s: {statuses.count(400)}/10 genuine requests "
        f"refused; /healthz {status} {json.dumps(payload)}"
    )
    return Row("clock skew", text, held)


def print_table(rows: list[Row]) -> None:
    width = max(len(row.scenario) for row in rows)
    for row in rows:
        print(f"{row.scenario:<{width}}  {'held  ' if row.held else 'FAILED'}  {row.result}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=RESULTS / "soak.json")
    args = parser.parse_args()
    started = time.monotonic()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="hth-soak-") as temp, FakeAlexaApi() as alexa:
        workdir = Path(temp)
        write_pki(workdir)
        fetch_log, hang_file = workdir / "downloads.log", workdir / "store-hangs"
        env = {
            "HTH_STORE": f"sqlite:///{workdir}/households.db",
            "SKILL_ID": SKILL_ID,
            "HTH_BENCH_ROOT_PEM": str(workdir / "root.pem"),
            "HTH_BENCH_CHAIN_PEM": str(workdir / "chain.pem"),
            "HTH_SOAK_FETCH_LOG": str(fetch_log),
            "HTH_SOAK_STORE_HANG": str(hang_file),
            "HTH_TURN_DEADLINE": str(DEADLINE_SECONDS),
            "HTH_TURN_HARD_LIMIT": str(HARD_LIMIT_SECONDS),
        }
        log_path = RESULTS / "soak-server.log"
        server, port = start_served("bench.soak_server", env, log_path)
        try:
            endpoint = Endpoint(port, alexa.url)
            rss_start = rss_mb(server.pid)
            rows += load_scenarios(endpoint)
            rows.append(bad_inputs(endpoint))
            rows.append(verification_abuse(endpoint, fetch_log))
            rows.append(hung_turn(endpoint, log_path))
            rows.append(stuck_store(endpoint, hang_file))
            rows.append(racing_devices(endpoint, workdir / "households.db"))
            rss_end = rss_mb(server.pid)
        finally:
            stop_server(server)
        skewed_env = env | {
            "HTH_SOAK_CLOCK_OFFSET": str(CLOCK_OFFSET_SECONDS),
            "HTH_STORE": f"sqlite:///{workdir}/skewed.db",
        }
        server, port = start_served("bench.soak_server", skewed_env, RESULTS / "soak-skewed.log")
        try:
            rows.append(clock_skew(Endpoint(port, alexa.url)))
        finally:
            stop_server(server)
    print_table(rows)
    elapsed = time.monotonic() - started
    print(f"\n{elapsed:.0f} s; server memory {rss_start:.0f} MB before, {rss_end:.0f} MB after")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    summary = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(elapsed, 1),
        "load_average_1min": os.getloadavg()[0],
        "rss_mb": {"start": rss_start, "end": rss_end},
        "rows": [asdict(row) for row in rows],
    }
    args.output.write_text(json.dumps(summary, indent=2) + "\n")
    if not all(row.held for row in rows):
        raise SystemExit("a scenario failed (see FAILED above and bench/results/soak-*.log)")


if __name__ == "__main__":
    main()
