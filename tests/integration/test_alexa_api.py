"""The Alexa API client: the documented request shapes, and every failure against a local fake."""

from __future__ import annotations

import threading
import time as clock
from datetime import datetime, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest

from skill.alexa_api import (
    AlexaApi,
    AlexaApiError,
    ApiTimeout,
    NotFound,
    PermissionMissing,
    ServerError,
    Throttled,
    create_reminder_request,
    daily_reminder_body,
    delete_reminder_request,
    first_occurrence,
    list_reminders_request,
    reminder_time,
    timezone_request,
)
from tests.support.fake_alexa_api import FakeAlexaApi

TOKEN = "api-token-123"
LA = ZoneInfo("America/Los_Angeles")


def client(fake: FakeAlexaApi, timeout: float = 1.5) -> AlexaApi:
    return AlexaApi(fake.url, TOKEN, "amzn1.ask.device.ABC/1", timeout=timeout)


def test_the_timezone_request_names_the_device_in_the_settings_path() -> None:
    request = timezone_request("amzn1.ask.device.ABC/1")
    assert (request.method, request.body) == ("GET", None)
    # The device id is one path segment, whatever characters it holds.
    assert request.path == "/v2/devices/amzn1.ask.device.ABC%2F1/settings/System.timeZone"


def test_reminder_requests_use_the_documented_paths() -> None:
    assert (list_reminders_request().method, list_reminders_request().path) == (
        "GET",
        "/v1/alerts/reminders",
    )
    delete = delete_reminder_request("abc-123")
    assert (delete.method, delete.path) == ("DELETE", "/v1/alerts/reminders/abc-123")
    create = create_reminder_request({"x": 1})
    assert (create.method, create.path, create.body) == ("POST", "/v1/alerts/reminders", {"x": 1})


def test_a_daily_reminder_body_has_the_documented_shape() -> None:
    now = datetime(2026, 11, 25, 18, 5, 30, tzinfo=LA)
    body = daily_reminder_body(time(21, 0), "America/Los_Angeles", now, "en-US", "Check in")
    assert body == {
        "requestTime": "2026-11-25T18:05:30.000",
        "trigger": {
            "type": "SCHEDULED_ABSOLUTE",
            "timeZoneId": "America/Los_Angeles",
            "recurrence": {
                "startDateTime": "2026-11-25T21:00:00.000",
                "recurrenceRules": ["FREQ=DAILY;BYHOUR=21;BYMINUTE=0;BYSECOND=0;INTERVAL=1;"],
            },
        },
        "alertInfo": {"spokenInfo": {"content": [{"locale": "en-US", "text": "Check in"}]}},
        "pushNotification": {"status": "ENABLED"},
    }


def test_without_a_known_zone_alexa_uses_the_device_zone() -> None:
    now = datetime(2026, 11, 25, 18, 5, tzinfo=LA)
    trigger = daily_reminder_body(time(21, 0), None, now, "en-US", "Check in")["trigger"]
    assert "timeZoneId" not in trigger
    assert trigger["recurrence"] == {
        "recurrenceRules": ["FREQ=DAILY;BYHOUR=21;BYMINUTE=0;BYSECOND=0;INTERVAL=1;"]
    }


def test_a_reminder_time_already_past_today_starts_tomorrow() -> None:
    now = datetime(2026, 11, 25, 22, 0, tzinfo=LA)
    assert first_occurrence(time(21, 30), now) == datetime(2026, 11, 26, 21, 30, tzinfo=LA)
    assert first_occurrence(time(22, 30), now) == datetime(2026, 11, 25, 22, 30, tzinfo=LA)


def test_the_time_of_a_listed_reminder_comes_from_its_rule() -> None:
    rule = "FREQ=DAILY;BYHOUR=20;BYMINUTE=45;BYSECOND=0;INTERVAL=1;"
    assert reminder_time({"trigger": {"recurrence": {"recurrenceRules": [rule]}}}) == time(20, 45)
    assert reminder_time({"trigger": {"type": "SCHEDULED_RELATIVE"}}) is None
    assert reminder_time({"trigger": {"recurrence": {"recurrenceRules": ["FREQ=DAILY"]}}}) is None


def test_the_timezone_is_read_with_the_bearer_token(fake: FakeAlexaApi) -> None:
    assert client(fake).timezone() == "America/Los_Angeles"
    (call,) = fake.requests
    assert (call.method, call.token) == ("GET", TOKEN)
    assert call.path == "/v2/devices/amzn1.ask.device.ABC%2F1/settings/System.timeZone"


def test_a_device_without_a_timezone_is_an_error(fake: FakeAlexaApi) -> None:
    fake.timezone = None  # the settings API answers 204 No Content
    with pytest.raises(AlexaApiError):
        client(fake).timezone()


def test_reminders_are_created_listed_and_deleted(fake: FakeAlexaApi) -> None:
    api = client(fake)
    now = datetime(2026, 11, 25, 18, 0, tzinfo=LA)
    body = daily_reminder_body(time(21, 0), "America/Los_Angeles", now, "en-US", "Check in")
    token = api.create_reminder(body)
    post = fake.calls("POST")[0]
    assert (post.path, post.token, post.body) == ("/v1/alerts/reminders", TOKEN, body)
    listed = api.reminders()
    assert [r["alertToken"] for r in listed] == [token]
    assert reminder_time(listed[0]) == time(21, 0)
    api.delete_reminder(token)
    assert fake.calls("DELETE")[0].path == f"/v1/alerts/reminders/{token}"
    assert api.reminders() == []
    with pytest.raises(NotFound):
        api.delete_reminder(token)


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (401, PermissionMissing),
        (403, PermissionMissing),
        (429, Throttled),
        (500, ServerError),
        (503, ServerError),
        (400, AlexaApiError),
    ],
)
def test_error_statuses_become_their_exceptions(
    fake: FakeAlexaApi, status: int, error: type[AlexaApiError]
) -> None:
    fake.fail_next(status)
    with pytest.raises(error) as raised:
        client(fake).reminders()
    assert type(raised.value) is error
    # Safe to log: the operation and the status, never the token or the device.
    message = str(raised.value)
    assert str(status) in message and "list reminders" in message
    assert TOKEN not in message and "ABC" not in message


def test_a_stalled_api_times_out_within_the_budget(fake: FakeAlexaApi) -> None:
    fake.stall_seconds = 1.0
    started = clock.monotonic()
    with pytest.raises(ApiTimeout):
        client(fake, timeout=0.2).timezone()
    assert clock.monotonic() - started < 0.9


def test_after_a_timeout_the_same_request_waits_no_more(fake: FakeAlexaApi) -> None:
    api = client(fake, timeout=0.2)
    fake.stall_seconds = 0.5
    with pytest.raises(ApiTimeout):
        api.timezone()
    fake.stall_seconds = 0
    started = clock.monotonic()
    with pytest.raises(ApiTimeout, match="skipped"):
        api.reminders()
    assert clock.monotonic() - started < 0.1
    assert len(fake.requests) == 1


def test_an_unreachable_api_is_said_like_a_timeout() -> None:
    with FakeAlexaApi() as gone:
        url = gone.url
    with pytest.raises(ApiTimeout, match="unreachable"):
        AlexaApi(url, TOKEN, "device", timeout=0.5).timezone()


def test_a_reminder_missing_required_fields_is_refused(fake: FakeAlexaApi) -> None:
    with pytest.raises(AlexaApiError, match="400") as raised:
        client(fake).create_reminder({"trigger": {"type": "SCHEDULED_ABSOLUTE"}})
    assert type(raised.value) is AlexaApiError


class _CountingHandler(BaseHTTPRequestHandler):
    """Answers every GET with a time zone and counts the connections it was reached on;
    with ``close_after`` it hangs up after each answer without saying so (as an idle
    keep-alive connection is closed by a server)."""

    protocol_version = "HTTP/1.1"
    connections = 0
    close_after = False

    def setup(self) -> None:
        super().setup()
        type(self).connections += 1

    def do_GET(self) -> None:
        body = b'"Europe/Lisbon"'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        if self.close_after:
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.mark.parametrize(("close_after", "connections"), [(False, 1), (True, 3)])
def test_connections_to_the_api_are_kept_while_it_keeps_them(
    close_after: bool, connections: int
) -> None:
    handler = type("Handler", (_CountingHandler,), {"close_after": close_after})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}"
        for _ in range(3):
            assert AlexaApi(endpoint, "token", "device").timezone() == "Europe/Lisbon"
            clock.sleep(0.05)  # lets a hang-up reach the kept socket before the next call
    finally:
        server.shutdown()
        server.server_close()
    assert handler.connections == connections
