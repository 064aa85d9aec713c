"""The web endpoint: signed requests in, the Lambda's answers out, JSON refusals otherwise.

Requests are signed with the tests' own certificate authority (tests/alexa_pki.py)
and verified by the real verifier; the skill behind the endpoint is the real
skill on a temporary SQLite store unless a test needs it to fail.
"""

from __future__ import annotations

import http.client
import importlib.util
import json
import logging
import multiprocessing
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from skill import app as skill_app
from skill.app import SkillApp
from skill.config import Settings, SettingsError
from skill.local.envelope import (
    Caller,
    JsonDict,
    intent_request,
    launch_request,
    skill_disabled_event,
)
from skill.storage import open_store
from skill.web.app import MAX_BODY_BYTES, create_app
from skill.web.guards import ClockWatch
from skill.web.server import NoRequestInLogs, WaitressWorker, gunicorn_options
from skill.web.verification import CertificateCache, RequestVerifier
from tests.support.alexa_pki import (
    CERT_URL,
    PKI_TIME,
    SKILL_ID,
    Pki,
    encode,
    sign,
    signed_headers,
)
from tests.support.fakes import UnreachableStore

NOW = PKI_TIME
REPO = Path(__file__).resolve().parents[2]
USER_ID = "amzn1.ask.account.PRIVATE-USER-ID"


@pytest.fixture
def pki_verifier(pki: Pki) -> RequestVerifier:
    """The real verifier, trusting the tests' own certificate authority, at :data:`NOW`."""
    downloads = {CERT_URL: pki.chain_pem()}
    cache = CertificateCache(
        trusted_roots=[pki.root], fetch=downloads.__getitem__, clock=lambda: NOW
    )
    return RequestVerifier(cache, clock=lambda: NOW)


def settings_for(tmp_path: Path, **changes: Any) -> Settings:
    values: dict[str, Any] = {"store_url": f"sqlite:///{tmp_path}/households.db"}
    values["skill_id"] = SKILL_ID
    values.update(changes)
    return Settings(**values)


@pytest.fixture
def skill(tmp_path: Path) -> SkillApp:
    settings = settings_for(tmp_path)
    return SkillApp(settings, open_store(settings.store_url))


@pytest.fixture
def client(tmp_path: Path, pki_verifier: RequestVerifier, skill: SkillApp) -> FlaskClient:
    app = create_app(
        settings=settings_for(tmp_path),
        verifier=pki_verifier,
        handle_event=skill.handle,
        check_store=skill.store.ping,
    )
    return app.test_client()


def launch(skill_id: str = SKILL_ID, user_id: str = USER_ID, at: datetime = NOW) -> JsonDict:
    return launch_request(caller=Caller(skill_id=skill_id, user_id=user_id), timestamp=at)


def post_signed(client: FlaskClient, envelope: JsonDict) -> TestResponse:
    body = encode(envelope)
    return client.post("/alexa", data=body, headers=signed_headers(body))


def assert_json_refusal(
    response: TestResponse, status: int, caplog: pytest.LogCaptureFixture
) -> JsonDict:
    """A refusal is JSON (never HTML), leaks nothing, and logs exactly one line."""
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert b"<html" not in response.data.lower()
    assert b"Traceback" not in response.data
    lines = [record for record in caplog.records if record.levelno >= logging.INFO]
    assert len(lines) == 1, [record.getMessage() for record in lines]
    assert lines[0].name == "skill.web.app"
    assert f": {status} " in lines[0].getMessage()
    assert USER_ID not in caplog.text
    payload: JsonDict = response.get_json()
    return payload


# --- the valid case --------------------------------------------------------------------------


def test_a_signed_request_gets_the_skills_answer(client: FlaskClient, tmp_path: Path) -> None:
    envelope = launch()
    response = post_signed(client, envelope)
    assert response.status_code == 200
    # A twin skill on its own fresh store answers the same envelope the same way.
    settings = settings_for(tmp_path)
    twin = SkillApp(settings, open_store(f"sqlite:///{tmp_path}/twin.db"))
    assert response.get_json() == twin.handle(envelope)
    assert "Heart to Heart" in response.get_json()["response"]["outputSpeech"]["ssml"]


@pytest.fixture
def env_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Configure the process-wide skill through the environment, as a deployment would."""
    monkeypatch.setenv("HTH_STORE", f"sqlite:///{tmp_path}/env.db")
    monkeypatch.setenv("SKILL_ID", SKILL_ID)
    monkeypatch.delenv("HTH_VERIFY_SIGNATURES", raising=False)
    monkeypatch.delenv("AWS_LAMBDA_FUNCTION_NAME", raising=False)
    skill_app.default_app.cache_clear()
    yield tmp_path
    skill_app.default_app.cache_clear()


def load_lambda_handler() -> Any:
    """Import lambda/lambda_function.py as Lambda does, leaving the root log level as it was."""
    spec = importlib.util.spec_from_file_location(
        "lambda_function", REPO / "lambda" / "lambda_function.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    root_level = logging.getLogger().level
    try:
        spec.loader.exec_module(module)
    finally:
        logging.getLogger().setLevel(root_level)
    return module.lambda_handler


def launch_for(caller: Caller) -> JsonDict:
    return launch_request(caller=caller, timestamp=NOW)


def help_for(caller: Caller) -> JsonDict:
    return intent_request("AMAZON.HelpIntent", caller=caller, timestamp=NOW)


@pytest.mark.parametrize("build", [launch_for, help_for])
def test_the_endpoint_answers_exactly_what_the_lambda_answers(
    env_app: Path, pki_verifier: RequestVerifier, build: Any
) -> None:
    client = create_app(verifier=pki_verifier).test_client()
    lambda_handler = load_lambda_handler()
    # Two households in the same state (new), so both must hear the very same answer.
    first = build(Caller(skill_id=SKILL_ID, user_id="amzn1.ask.account.A"))
    second = build(Caller(skill_id=SKILL_ID, user_id="amzn1.ask.account.B"))
    response = post_signed(client, first)
    assert response.status_code == 200
    assert response.get_json() == lambda_handler(second, None)


# --- refusals --------------------------------------------------------------------------------


def test_a_forged_signature_is_refused(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    body = encode(launch())
    headers = signed_headers(body) | {"Signature-256": sign(body + b" ")}
    response = client.post("/alexa", data=body, headers=headers)
    payload = assert_json_refusal(response, 400, caplog)
    assert payload == {"error": "bad request", "reason": "signature mismatch"}


def test_a_tampered_body_is_refused(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    body = encode(launch())
    headers = signed_headers(body)
    tampered = body.replace(USER_ID.encode(), b"amzn1.ask.account.SOMEONE-ELSE")
    response = client.post("/alexa", data=tampered, headers=headers)
    assert assert_json_refusal(response, 400, caplog)["reason"] == "signature mismatch"


@pytest.mark.parametrize("missing", ["Signature-256", "SignatureCertChainUrl"])
def test_missing_signature_headers_are_refused(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, missing: str
) -> None:
    body = encode(launch())
    headers = signed_headers(body)
    del headers[missing]
    response = client.post("/alexa", data=body, headers=headers)
    assert assert_json_refusal(response, 400, caplog)["reason"] == "signature headers missing"


def test_a_foreign_cert_url_is_refused(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    body = encode(launch())
    headers = signed_headers(body, "https://s3.amazonaws.com.evil.example/echo.api/cert.pem")
    response = client.post("/alexa", data=body, headers=headers)
    assert (
        assert_json_refusal(response, 400, caplog)["reason"] == "certificate URL host not allowed"
    )


@pytest.mark.parametrize("offset", [-200, 200])
def test_a_stale_or_future_request_is_refused(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, offset: int
) -> None:
    response = post_signed(client, launch(at=NOW + timedelta(seconds=offset)))
    assert assert_json_refusal(response, 400, caplog)["reason"] == "timestamp outside tolerance"


def test_a_request_for_another_skill_is_forbidden_before_the_skill_runs(
    tmp_path: Path, pki_verifier: RequestVerifier, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[JsonDict] = []

    def handle(event: JsonDict) -> JsonDict:
        calls.append(event)
        return {}

    app = create_app(
        settings=settings_for(tmp_path),
        verifier=pki_verifier,
        handle_event=handle,
        check_store=lambda: None,
    )
    caplog.clear()
    response = post_signed(app.test_client(), launch(skill_id="amzn1.ask.skill.someone-else"))
    payload = assert_json_refusal(response, 403, caplog)
    assert payload == {"error": "forbidden", "reason": "application id not allowed"}
    assert calls == []


def test_an_oversized_body_is_refused_unread(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    envelope = launch()
    envelope["padding"] = "x" * MAX_BODY_BYTES
    response = post_signed(client, envelope)
    assert assert_json_refusal(response, 413, caplog) == {"error": "request entity too large"}


def test_a_body_just_under_the_cap_is_read(client: FlaskClient) -> None:
    envelope = launch()
    envelope["padding"] = ""
    envelope["padding"] = "x" * (MAX_BODY_BYTES - len(encode(envelope)))
    assert len(encode(envelope)) == MAX_BODY_BYTES
    assert post_signed(client, envelope).status_code == 200


def test_a_non_json_body_is_refused(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    body = b"<xml>hello</xml>"
    response = client.post("/alexa", data=body, headers=signed_headers(body))
    assert assert_json_refusal(response, 400, caplog)["reason"] == "body is not JSON"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_a_wrong_content_type_is_refused(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, content_type: str | None
) -> None:
    body = encode(launch())
    headers = signed_headers(body)
    del headers["Content-Type"]
    if content_type:
        headers["Content-Type"] = content_type
    response = client.post("/alexa", data=body, headers=headers)
    assert assert_json_refusal(response, 415, caplog) == {"error": "unsupported media type"}


def test_an_unknown_path_is_json(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    response = client.get("/wp-admin/" + USER_ID)
    assert assert_json_refusal(response, 404, caplog) == {"error": "not found"}


def test_a_wrong_method_is_json_and_says_what_is_allowed(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    response = client.get("/alexa")
    assert assert_json_refusal(response, 405, caplog) == {"error": "method not allowed"}
    assert "POST" in response.headers["Allow"]


class BrokenVerifier(RequestVerifier):
    """A verifier with a bug: what a failure of our own looks like to the app."""

    def __init__(self) -> None:
        pass

    def verify(self, body: bytes, signature: str | None, cert_chain_url: str | None) -> JsonDict:
        raise RuntimeError(f"secret detail for {USER_ID}")


def test_a_method_the_caller_invented_is_not_logged(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    response = client.open("/alexa", method="AMZN1ASKACCOUNTSECRET")
    assert assert_json_refusal(response, 405, caplog) == {"error": "method not allowed"}
    assert "SECRET" not in caplog.text
    assert (
        caplog.records[0].getMessage()
        == "refused (other method) (no route): 405 method not allowed"
    )


def test_an_unexpected_server_error_is_json(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(
        settings=settings_for(tmp_path),
        verifier=BrokenVerifier(),
        handle_event=lambda event: event,
        check_store=lambda: None,
    )
    caplog.clear()
    response = post_signed(app.test_client(), launch())
    assert response.status_code == 500
    assert response.get_json() == {"error": "internal server error"}
    assert b"secret" not in response.data
    [line] = caplog.records
    assert "RuntimeError" in line.getMessage() and "secret" not in caplog.text


# --- the skill failing -----------------------------------------------------------------------


def test_a_skill_crash_outside_its_handlers_still_apologises(
    tmp_path: Path, pki_verifier: RequestVerifier, caplog: pytest.LogCaptureFixture
) -> None:
    def crash(event: JsonDict) -> JsonDict:
        raise KeyError(event["context"]["System"]["user"]["userId"])

    app = create_app(
        settings=settings_for(tmp_path),
        verifier=pki_verifier,
        handle_event=crash,
        check_store=lambda: None,
    )
    caplog.clear()
    response = post_signed(app.test_client(), launch())
    assert response.status_code == 200
    speech = response.get_json()["response"]["outputSpeech"]["ssml"]
    assert speech.startswith("<speak>I'm sorry")
    [line] = caplog.records
    assert line.getMessage().startswith("skill failed: KeyError at ")
    assert USER_ID not in caplog.text


def test_a_store_outage_inside_the_skill_is_a_spoken_apology(
    tmp_path: Path, pki_verifier: RequestVerifier
) -> None:
    skill = SkillApp(settings_for(tmp_path), UnreachableStore())
    app = create_app(
        settings=settings_for(tmp_path),
        verifier=pki_verifier,
        handle_event=skill.handle,
        check_store=skill.store.ping,
    )
    response = post_signed(app.test_client(), launch())
    assert response.status_code == 200
    answer = response.get_json()["response"]
    assert "sorry" in answer["outputSpeech"]["ssml"].lower()


def test_skill_disabled_that_cannot_erase_is_answered_503_for_alexa_to_deliver_again(
    tmp_path: Path, pki_verifier: RequestVerifier, caplog: pytest.LogCaptureFixture
) -> None:
    """The one failure that is not a 200: an erasure nobody hears must not look handled."""
    skill = SkillApp(settings_for(tmp_path), UnreachableStore())
    app = create_app(
        settings=settings_for(tmp_path),
        verifier=pki_verifier,
        handle_event=skill.handle,
        check_store=skill.store.ping,
    )
    event = skill_disabled_event(caller=Caller(skill_id=SKILL_ID, user_id=USER_ID), timestamp=NOW)
    caplog.clear()
    response = post_signed(app.test_client(), event)
    assert response.status_code == 503
    assert response.get_json() == {"error": "service unavailable"}
    assert USER_ID not in caplog.text
    assert any("could not be erased" in record.getMessage() for record in caplog.records)


# --- bounded work ----------------------------------------------------------------------------
# Limits come from the environment, as a deployment sets them.

ANSWER = {
    "version": "1.0",
    "response": {"outputSpeech": {"type": "SSML", "ssml": "<speak>ok</speak>"}},
}


def limited_app(
    tmp_path: Path,
    verifier: RequestVerifier,
    handle: Any,
    check_store: Any = lambda: None,
    **env: str,
) -> Flask:
    variables = {"HTH_STORE": f"sqlite:///{tmp_path}/h.db", "SKILL_ID": SKILL_ID} | env
    settings = Settings.from_env(variables)
    return create_app(
        settings=settings, verifier=verifier, handle_event=handle, check_store=check_store
    )


class Hang:
    """A skill whose turns wait until released (never longer than five seconds)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = 0

    def __call__(self, envelope: JsonDict) -> JsonDict:
        self.started += 1
        self.release.wait(5)
        return ANSWER


def is_apology(response: TestResponse) -> bool:
    speech: str = response.get_json()["response"]["outputSpeech"]["ssml"]
    return response.status_code == 200 and speech.startswith("<speak>I'm sorry")


def test_a_turn_past_its_deadline_is_answered_with_an_apology(
    tmp_path: Path, pki_verifier: RequestVerifier, caplog: pytest.LogCaptureFixture
) -> None:
    hang = Hang()
    app = limited_app(tmp_path, pki_verifier, hang, HTH_TURN_DEADLINE="0.3")
    caplog.clear()
    started = time.monotonic()
    response = post_signed(app.test_client(), launch())
    elapsed = time.monotonic() - started
    hang.release.set()
    assert is_apology(response)
    assert 0.3 <= elapsed < 1.5
    [line] = caplog.records
    assert line.levelno == logging.WARNING
    assert line.getMessage() == "turn overran its 0.3 s deadline: answered with an apology"


def test_stuck_turns_never_pile_up_past_the_pool(
    tmp_path: Path, pki_verifier: RequestVerifier
) -> None:
    hang = Hang()
    app = limited_app(tmp_path, pki_verifier, hang, HTH_TURN_DEADLINE="0.2", HTH_TURN_THREADS="2")
    client = app.test_client()
    try:
        assert is_apology(post_signed(client, launch()))
        assert is_apology(post_signed(client, launch()))
        started = time.monotonic()
        refused = post_signed(client, launch())
        assert time.monotonic() - started < 2  # refused, not queued behind the stuck turns
        assert (refused.status_code, refused.get_json()) == (503, {"error": "service unavailable"})
        assert hang.started == 2  # the refused turn never started
    finally:
        hang.release.set()
    deadline = time.monotonic() + 3
    while (answer := post_signed(client, launch())).status_code == 503:
        assert time.monotonic() < deadline
    assert answer.get_json() == ANSWER


def test_a_turn_stuck_past_the_hard_limit_is_logged_once_and_health_says_so(
    tmp_path: Path, pki_verifier: RequestVerifier, caplog: pytest.LogCaptureFixture
) -> None:
    hang = Hang()
    limits = {"HTH_TURN_DEADLINE": "0.1", "HTH_TURN_HARD_LIMIT": "0.3"}
    client = limited_app(tmp_path, pki_verifier, hang, **limits).test_client()
    try:
        assert is_apology(post_signed(client, launch()))
        time.sleep(0.4)
        for _ in range(3):
            health = client.get("/healthz")
            assert (health.status_code, health.get_json()) == (
                503,
                {"status": "degraded", "reason": "stuck"},
            )
    finally:
        hang.release.set()
    errors = [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1 and "hard limit" in errors[0]
    deadline = time.monotonic() + 3
    while client.get("/healthz").status_code != 200:
        assert time.monotonic() < deadline
        time.sleep(0.1)


# --- health ----------------------------------------------------------------------------------


def test_health_answers_in_bounded_time_when_the_store_check_hangs(
    tmp_path: Path, pki_verifier: RequestVerifier, caplog: pytest.LogCaptureFixture
) -> None:
    release = threading.Event()
    checks: list[float] = []

    def hanging_check() -> None:
        checks.append(time.monotonic())
        release.wait(5)

    client = limited_app(tmp_path, pki_verifier, hang := Hang(), hanging_check).test_client()
    hang.release.set()
    try:
        started = time.monotonic()
        first = client.get("/healthz")
        assert time.monotonic() - started < 1.5
        assert (first.status_code, first.get_json()) == (503, {"status": "unavailable"})
        for _ in range(3):  # at once, within the cached second and past it
            started = time.monotonic()
            assert client.get("/healthz").status_code == 503
            assert time.monotonic() - started < 0.5
            time.sleep(0.6)
        assert len(checks) == 1  # never a second check while the first one hangs
    finally:
        release.set()
    assert [r.getMessage() for r in caplog.records] == [
        "health check failed: store check timed out"
    ]
    deadline = time.monotonic() + 3
    while client.get("/healthz").status_code != 200:
        assert time.monotonic() < deadline
        time.sleep(0.1)


def test_health_checks_the_store_at_most_once_a_second(
    tmp_path: Path, pki_verifier: RequestVerifier
) -> None:
    checks: list[float] = []
    client = limited_app(
        tmp_path, pki_verifier, Hang(), lambda: checks.append(time.monotonic())
    ).test_client()
    for _ in range(20):
        assert client.get("/healthz").status_code == 200
    assert len(checks) == 1


@pytest.fixture
def slow_clock_client(tmp_path: Path, pki: Pki) -> FlaskClient:
    """The endpoint on a server whose clock is 300 s slow; requests are stamped ``NOW``."""
    slow = NOW - timedelta(seconds=300)
    downloads = {CERT_URL: pki.chain_pem()}
    cache = CertificateCache(
        trusted_roots=[pki.root], fetch=downloads.__getitem__, clock=lambda: slow
    )
    verifier = RequestVerifier(cache, clock=lambda: slow)
    app = limited_app(tmp_path, verifier, lambda event: ANSWER)
    return app.test_client()


def test_health_is_degraded_when_most_genuine_requests_fail_the_timestamp_check(
    slow_clock_client: FlaskClient,
) -> None:
    for _ in range(4):
        refused = post_signed(slow_clock_client, launch())
        assert refused.get_json()["reason"] == "timestamp outside tolerance"
    assert slow_clock_client.get("/healthz").status_code == 200  # four could be old replays
    assert post_signed(slow_clock_client, launch()).status_code == 400
    health = slow_clock_client.get("/healthz")
    assert (health.status_code, health.get_json()) == (
        503,
        {"status": "degraded", "reason": "clock"},
    )


def test_stale_requests_from_strangers_cannot_degrade_health(
    slow_clock_client: FlaskClient,
) -> None:
    for _ in range(20):
        body = encode(launch())
        forged = signed_headers(body) | {"Signature-256": sign(b"forged" + body)}
        assert slow_clock_client.post("/alexa", data=body, headers=forged).status_code == 400
    assert slow_clock_client.get("/healthz").status_code == 200


def _record_stale(watch: ClockWatch, count: int) -> None:
    for _ in range(count):
        watch.record(skewed=True)


def test_the_clock_watch_is_shared_by_the_processes_a_server_forks() -> None:
    watch = ClockWatch()
    child = multiprocessing.get_context("fork").Process(target=_record_stale, args=(watch, 3))
    child.start()
    child.join(timeout=10)
    assert child.exitcode == 0
    assert not watch.degraded()
    _record_stale(watch, 2)  # five in all, across two processes
    assert watch.degraded()


def test_a_few_stale_requests_among_many_good_ones_are_no_clock_problem(
    tmp_path: Path, pki_verifier: RequestVerifier
) -> None:
    client = limited_app(tmp_path, pki_verifier, lambda event: ANSWER).test_client()
    for n in range(20):
        stale = n % 3 == 0  # 7 of 20: more than five, but not most
        at = NOW - timedelta(seconds=300) if stale else NOW
        assert post_signed(client, launch(at=at)).status_code == (400 if stale else 200)
    assert client.get("/healthz").status_code == 200


def test_health_is_ok_when_the_store_answers(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.get_json()) == (200, {"status": "ok"})


def test_health_is_unavailable_when_the_store_is_damaged(
    client: FlaskClient, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with sqlite3.connect(tmp_path / "households.db") as damage:
        damage.execute("DROP TABLE households")
    response = client.get("/healthz")
    assert (response.status_code, response.get_json()) == (503, {"status": "unavailable"})
    [line] = caplog.records
    assert line.getMessage() == "health check failed: store unreachable (StoreError)"


def test_health_is_unavailable_when_the_store_cannot_be_opened(
    env_app: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (env_app / "not-a-folder").write_text("")
    monkeypatch.setenv("HTH_STORE", f"sqlite:///{env_app}/not-a-folder/h.db")
    monkeypatch.setenv("HTH_VERIFY_SIGNATURES", "false")
    response = create_app().test_client().get("/healthz")
    assert (response.status_code, response.get_json()) == (503, {"status": "unavailable"})


# --- configuration ---------------------------------------------------------------------------


def test_verification_off_is_loud_and_still_checks_the_skill_id(
    env_app: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("HTH_VERIFY_SIGNATURES", "false")
    client = create_app().test_client()
    [warning] = caplog.records
    assert warning.levelno == logging.WARNING and "HTH_VERIFY_SIGNATURES is off" in warning.message
    unsigned = client.post("/alexa", json=launch())
    assert unsigned.status_code == 200
    assert unsigned.get_json()["response"]["outputSpeech"]["type"] == "SSML"
    assert client.post("/alexa", json=launch(skill_id="amzn1.ask.skill.other")).status_code == 403


def test_verification_is_on_by_default(env_app: Path, pki_verifier: RequestVerifier) -> None:
    unsigned = create_app().test_client().post("/alexa", json=launch())
    assert unsigned.status_code == 400
    assert unsigned.get_json()["reason"] == "signature headers missing"
    client = create_app(verifier=pki_verifier).test_client()
    assert post_signed(client, launch()).status_code == 200


def test_the_environment_is_read_once_at_creation(
    env_app: Path, monkeypatch: pytest.MonkeyPatch, pki_verifier: RequestVerifier
) -> None:
    app: Flask = create_app(verifier=pki_verifier)
    monkeypatch.setenv("HTH_VERIFY_SIGNATURES", "false")
    client = app.test_client()
    assert client.post("/alexa", json=launch()).status_code == 400
    assert post_signed(client, launch()).status_code == 200


def test_verification_without_a_skill_id_refuses_to_start(
    tmp_path: Path, pki_verifier: RequestVerifier
) -> None:
    with pytest.raises(SettingsError, match=r"SKILL_ID is not set.*HTH_ACCEPT_ANY_SKILL"):
        create_app(settings=settings_for(tmp_path, skill_id=None), verifier=pki_verifier)


def test_accepting_any_skill_must_be_asked_for_and_is_warned_about(
    tmp_path: Path, pki_verifier: RequestVerifier, caplog: pytest.LogCaptureFixture
) -> None:
    env = {"HTH_STORE": f"sqlite:///{tmp_path}/h.db", "HTH_ACCEPT_ANY_SKILL": "true"}
    settings = Settings.from_env(env)
    app = create_app(settings=settings, verifier=pki_verifier, check_store=lambda: None)
    [warning] = caplog.records
    assert "SKILL_ID is not set" in warning.getMessage()
    assert "HTH_ACCEPT_ANY_SKILL" in warning.getMessage()
    response = post_signed(app.test_client(), launch(skill_id="amzn1.ask.skill.any-other"))
    assert response.status_code == 200


def test_verification_off_needs_no_skill_id(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, skill_id=None, verify_signatures=False)
    create_app(settings=settings, handle_event=lambda event: event, check_store=lambda: None)


# --- serving ---------------------------------------------------------------------------------


def waitress_record(message: str, error: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(error), error, error.__traceback__) if error else None
    return logging.LogRecord("waitress", logging.ERROR, "channel.py", 1, message, (), exc_info)


def test_waitress_log_lines_never_carry_the_request_path() -> None:
    quiet = NoRequestInLogs()
    assert not quiet.filter(waitress_record(f"Client disconnected while serving /{USER_ID}"))
    failed = waitress_record(f"Exception while serving /{USER_ID}", ValueError(USER_ID))
    assert quiet.filter(failed)
    assert failed.getMessage() == "failed while serving a request: ValueError"
    assert failed.exc_info is None
    other = waitress_record("total open connections reached the connection limit")
    assert quiet.filter(other) and other.getMessage().startswith("total open connections")


def test_gunicorn_settings_suit_two_cores() -> None:
    options = gunicorn_options("127.0.0.1", 8080, None, None)
    assert options["worker_class"] is WaitressWorker
    assert (options["workers"], options["threads"]) == (2, 4)
    assert gunicorn_options("0.0.0.0", 80, 3, 8)["bind"] == "0.0.0.0:80"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_serve_runs_a_production_server(tmp_path: Path) -> None:
    port = free_port()
    env = os.environ | {
        "HTH_STORE": f"sqlite:///{tmp_path}/served.db",
        "HTH_VERIFY_SIGNATURES": "false",
        "PYTHONPATH": str(REPO),
    }
    code = f"from skill.web.server import serve; serve('127.0.0.1', {port}, 1, 2)"
    server = subprocess.Popen(
        [sys.executable, "-c", code], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    assert json.load(r) == {"status": "ok"}
                    assert r.headers["Server"] == "heart-to-heart"  # no version to fingerprint
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/alexa",
            data=encode(launch()),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=5) as answer:
            assert json.load(answer)["response"]["outputSpeech"]["type"] == "SSML"
        # A chunked upload declares no length, so the cap must hold while reading.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        chunks = (b"x" * 1024 for _ in range(MAX_BODY_BYTES // 1024 + 64))
        headers = {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}
        refused: tuple[int, object] | None = None
        try:
            connection.request("POST", "/alexa", body=chunks, headers=headers, encode_chunked=True)
            oversized = connection.getresponse()
            refused = (oversized.status, json.load(oversized))
        except (ConnectionResetError, BrokenPipeError):
            # The server answered and closed while the rest of the body was still on its way:
            # TCP may then reset the connection before the answer is read. Its log says why.
            refused = None
        connection.close()
    finally:
        server.send_signal(signal.SIGTERM)
        _, errors = server.communicate(timeout=15)
    if refused is not None:
        assert refused == (413, {"error": "request entity too large"})
    else:
        assert "413" in errors, errors
    assert "HTH_VERIFY_SIGNATURES is off" in errors
    assert errors.count("HTH_VERIFY_SIGNATURES is off") == 1  # once, not once per worker


def test_the_endpoints_limits_come_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "HTH_STORE": "sqlite:///tmp/h.db",
            "HTH_TURN_DEADLINE": "4.5",
            "HTH_TURN_HARD_LIMIT": "30",
            "HTH_TURN_THREADS": "12",
            "HTH_REQUEST_READ_TIMEOUT": "3",
            "HTH_ACCEPT_ANY_SKILL": "yes",
        }
    )
    assert settings.turn_deadline_seconds == 4.5
    assert settings.turn_hard_limit_seconds == 30
    assert settings.turn_threads == 12
    assert settings.request_read_seconds == 3
    assert settings.accept_any_skill
    defaults = Settings.from_env({"HTH_STORE": "sqlite:///tmp/h.db"})
    assert (defaults.turn_deadline_seconds, defaults.turn_threads) == (6.0, 8)
    assert not defaults.accept_any_skill


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("HTH_TURN_DEADLINE", "soon"),
        ("HTH_TURN_DEADLINE", "0"),
        ("HTH_TURN_HARD_LIMIT", "-1"),
        ("HTH_TURN_THREADS", "2.5"),
        ("HTH_REQUEST_READ_TIMEOUT", "nan"),
    ],
)
def test_a_bad_limit_is_a_clear_settings_error(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({"HTH_STORE": "sqlite:///tmp/h.db", name: value})
