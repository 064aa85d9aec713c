"""The endpoint as ``heart-to-heart serve`` runs it, on loopback, attacked the way the internet
attacks it: slow clients, malformed requests on raw sockets, a turn that never ends, a flood of
certificate URLs.

One server for the module (``bench/soak_server.py``: the real server and app, the tests' own
CA, faults that can be switched on), one worker so counts are exact, short limits so the
tests take seconds.
"""

from __future__ import annotations

import http.client
import json
import re
import select
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.loris import HOST, Trickle, probe
from bench.soak_server import HANG_INTENT
from bench.web_load import start_served, stop_server, write_pki
from skill.local.envelope import Caller, JsonDict, intent_request, launch_request
from tests.support.alexa_pki import SKILL_ID, encode, sign, signed_headers
from tests.support.fake_alexa_api import FakeAlexaApi
from tests.support.malformed_http import MALFORMED, send_raw

pytestmark = pytest.mark.slow

DEADLINE, HARD_LIMIT, READ_TIMEOUT = 1.0, 3.0, 2.0
APOLOGY = b"<speak>I'm sorry"


@dataclass
class Served:
    port: int
    log: Path
    fetch_log: Path
    api: str

    def log_lines(self) -> list[str]:
        return self.log.read_text().splitlines()

    def envelope(self, intent: str | None = None) -> JsonDict:
        caller = Caller(
            skill_id=SKILL_ID,
            user_id=f"amzn1.ask.account.SERVED-{time.monotonic_ns()}",
            api_endpoint=self.api,
        )
        if intent is None:
            return launch_request(caller=caller, timestamp=datetime.now(UTC))
        return intent_request(intent, caller=caller, timestamp=datetime.now(UTC))

    def post(self, envelope: JsonDict, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        body = encode(envelope)
        connection = http.client.HTTPConnection(HOST, self.port, timeout=10)
        try:
            connection.request("POST", "/alexa", body=body, headers=headers or signed_headers(body))
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def launch(self, connection: http.client.HTTPConnection) -> int:
        body = encode(self.envelope())
        connection.request("POST", "/alexa", body=body, headers=signed_headers(body))
        response = connection.getresponse()
        answer = response.read()
        return 599 if APOLOGY in answer else response.status


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    workdir = tmp_path_factory.mktemp("served")
    write_pki(workdir)
    with FakeAlexaApi() as alexa:
        env = {
            "HTH_STORE": f"sqlite:///{workdir}/households.db",
            "SKILL_ID": SKILL_ID,
            "HTH_BENCH_ROOT_PEM": str(workdir / "root.pem"),
            "HTH_BENCH_CHAIN_PEM": str(workdir / "chain.pem"),
            "HTH_SOAK_FETCH_LOG": str(workdir / "downloads.log"),
            "HTH_SOAK_STORE_HANG": str(workdir / "store-hangs"),
            "HTH_TURN_DEADLINE": str(DEADLINE),
            "HTH_TURN_HARD_LIMIT": str(HARD_LIMIT),
            "HTH_REQUEST_READ_TIMEOUT": str(READ_TIMEOUT),
        }
        log = workdir / "server.log"
        server, port = start_served("bench.soak_server", env, log, workers=1, threads=4)
        try:
            yield Served(port, log, workdir / "downloads.log", alexa.url)
        finally:
            stop_server(server)


# --- slow clients ----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["headers", "body"])
def test_fifty_slow_clients_do_not_starve_the_server(served: Served, mode: str) -> None:
    with Trickle(served.port, 50, mode, max_seconds=10):
        result = probe(served.port, served.launch, seconds=3, interval=0.1)
    assert result.lost == 0
    assert result.statuses == [200] * result.sent
    assert result.within(1.0) == result.sent >= 10


def test_a_request_that_trickles_past_the_read_deadline_gets_a_json_408(served: Served) -> None:
    with socket.create_connection((HOST, served.port), timeout=READ_TIMEOUT + 3) as sock:
        started = time.monotonic()
        sock.sendall(b"POST /alexa HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n{")
        # A byte every 0.2 s, never idle, never done, until the server answers.
        while not select.select([sock], [], [], 0.2)[0]:
            assert time.monotonic() - started < READ_TIMEOUT + 2
            sock.sendall(b" ")
        elapsed = time.monotonic() - started
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    assert answer.split(b" ", 2)[1] == b"408"
    assert answer.endswith(b'\r\n\r\n{"error": "request timeout"}')
    assert READ_TIMEOUT <= elapsed < READ_TIMEOUT + 1.5


# --- malformed requests ----------------------------------------------------------------------

#: What a refusal's log line may say: fixed text, nothing from the request.
REFUSAL_LINE = (
    r"WARNING skill\.web\.(server: refused at the HTTP layer: 4\d\d [a-z ]+"
    r"|app: refused (GET|POST|\(other method\)) (/alexa|/healthz|\(no route\)): 4\d\d [\w ]+)$"
)


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_a_malformed_request_gets_a_small_json_4xx_and_one_fixed_log_line(
    served: Served, name: str
) -> None:
    before = len(served.log_lines())
    answer = send_raw(served.port, MALFORMED[name], timeout=READ_TIMEOUT + 3)
    assert answer.problem() is None, (answer.status, answer.content_type, answer.body)
    time.sleep(0.05)  # the log line is written before the answer; let the file catch up
    lines = served.log_lines()[before:]
    assert len(lines) == 1, lines
    assert re.search(REFUSAL_LINE, lines[0]), lines[0]
    assert "SECRET" not in lines[0] and "aaaa" not in lines[0]


# --- stuck work ------------------------------------------------------------------------------


def test_a_turn_that_never_ends_is_cut_and_its_worker_recycled_losing_nothing(
    served: Served,
) -> None:
    before = served.log_lines()
    started = time.monotonic()
    status, answer = served.post(served.envelope(HANG_INTENT))
    assert (status, APOLOGY in answer) == (200, True)
    assert DEADLINE <= time.monotonic() - started < DEADLINE + 1
    result = probe(served.port, served.launch, seconds=HARD_LIMIT + 2, interval=0.1)
    assert result.lost == 0 and result.statuses == [200] * result.sent
    new = served.log_lines()[len(before) :]
    stuck = [line for line in new if "hard limit" in line]
    assert len(stuck) == 1 and " ERROR " in stuck[0]
    assert sum("Booting worker" in line for line in new) == 1  # a fresh worker took over


def test_health_reports_a_hanging_store_within_two_seconds(served: Served) -> None:
    hang = served.fetch_log.with_name("store-hangs")
    hang.touch()
    try:
        started = time.monotonic()
        while health(served.port) != 503:
            assert time.monotonic() - started < 2
            time.sleep(0.1)
    finally:
        hang.unlink()
    started = time.monotonic()
    while health(served.port) != 200:
        assert time.monotonic() - started < 3
        time.sleep(0.1)


def health(port: int) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        connection.request("GET", "/healthz")
        response = connection.getresponse()
        json.loads(response.read())
        return response.status
    finally:
        connection.close()


# --- verification abuse ----------------------------------------------------------------------


def test_unsigned_requests_naming_a_certificate_url_cost_one_download(served: Served) -> None:
    downloads = served.fetch_log.read_text().count("\n") if served.fetch_log.exists() else 0
    url = "https://s3.amazonaws.com/echo.api/not-amazons.pem"
    for _ in range(10):
        envelope = served.envelope()
        body = encode(envelope)
        forged = signed_headers(body, url) | {"Signature-256": sign(b"forged" + body)}
        status, answer = served.post(envelope, forged)
        assert status == 400
        assert json.loads(answer)["reason"] == "certificate download failed"
    assert served.fetch_log.read_text().count("\n") - downloads == 1
