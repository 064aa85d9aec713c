"""A small client for the Alexa APIs the skill calls: the settings API and the Reminders API.

Every request Alexa sends carries ``context.System.apiEndpoint`` (the region's
API host) and ``apiAccessToken`` (a short-lived bearer token scoped to this
household and the permissions it granted). The skill calls the APIs with those,
inside the same request, so each call gets a tight timeout: Alexa waits about
eight seconds for the whole answer, store and speech included.

Requests are built by pure functions (:func:`timezone_request`,
:func:`create_reminder_request`…) and tested without any I/O; :class:`AlexaApi`
only sends them. Failures become a small exception hierarchy whose messages
name the operation and the HTTP status, never a token, a device id or a body,
so they are safe to log.
"""

from __future__ import annotations

import json
import ssl
import threading
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cache
from typing import Any
from urllib.parse import quote, urlsplit

from skill.http1 import AnswerTooLarge, ClosedBeforeAnswer, Connection, HttpError

JsonDict = dict[str, Any]

#: Seconds to wait for each API answer: two calls and a store write still fit Alexa's 8 s.
DEFAULT_TIMEOUT = 1.5
#: API answers are small; anything bigger is not what the documentation describes.
MAX_ANSWER_BYTES = 256 * 1024
#: The permission a skill needs to create, read and delete its own reminders.
REMINDERS_SCOPE = "alexa::alerts:reminders:skill:readwrite"
REMINDERS_PATH = "/v1/alerts/reminders"


@cache
def _tls_context() -> ssl.SSLContext:
    """One TLS context for every call of the process: making one reads the CA bundle."""
    return ssl.create_default_context()


#: Methods that may be sent again when a kept connection turns out to have been closed.
_IDEMPOTENT = frozenset({"GET", "PUT", "DELETE"})


class _KeptConnections(threading.local):
    """This thread's open connections to the Alexa API, by scheme, host and port.

    A warm Lambda container or web worker calls the same API host again and
    again; keeping its connection saves each call a TCP (and TLS) handshake.
    Per thread, because a connection carries one request at a time.
    """

    def __init__(self) -> None:
        self._open: dict[tuple[str, str, int], Connection] = {}

    def take(self, key: tuple[str, str, int]) -> Connection | None:
        """The kept connection for ``key``, if it is still open at the other end."""
        connection = self._open.pop(key, None)
        if connection is not None and connection.closed_by_peer():
            connection.close()
            return None
        return connection

    def keep(self, key: tuple[str, str, int], connection: Connection) -> None:
        old = self._open.pop(key, None)
        if old is not None:
            old.close()
        self._open[key] = connection


_KEPT = _KeptConnections()


def _close(connection: Connection | None) -> None:
    if connection is not None:
        connection.close()


class AlexaApiError(Exception):
    """An Alexa API call failed. The message is safe to log: no tokens, ids or bodies."""


class PermissionMissing(AlexaApiError):
    """401 or 403: the household has not granted (or has withdrawn) the permission."""


class NotFound(AlexaApiError):
    """404: the thing asked for does not exist (a reminder deleted in the Alexa app)."""


class Throttled(AlexaApiError):
    """429: too many calls; trying again a little later works."""


class ServerError(AlexaApiError):
    """5xx: Alexa's side failed."""


class ApiTimeout(AlexaApiError):
    """No answer within the time budget, or no connection to the API at all."""


@dataclass(frozen=True)
class ApiRequest:
    """One API call, ready to send: what :class:`AlexaApi` needs besides the host and token."""

    operation: str
    method: str
    path: str
    body: JsonDict | None = None


def timezone_request(device_id: str) -> ApiRequest:
    """GET the device's time zone (settings API); the answer is a JSON string."""
    path = f"/v2/devices/{quote(device_id, safe='')}/settings/System.timeZone"
    return ApiRequest("settings", "GET", path)


def create_reminder_request(body: JsonDict) -> ApiRequest:
    """POST a new reminder; the answer carries its ``alertToken``."""
    return ApiRequest("create reminder", "POST", REMINDERS_PATH, body)


def list_reminders_request() -> ApiRequest:
    """GET every reminder this skill created for the household."""
    return ApiRequest("list reminders", "GET", REMINDERS_PATH)


def delete_reminder_request(alert_token: str) -> ApiRequest:
    """DELETE one reminder by its ``alertToken``."""
    path = f"{REMINDERS_PATH}/{quote(alert_token, safe='')}"
    return ApiRequest("delete reminder", "DELETE", path)


def _local_text(moment: datetime) -> str:
    # The Reminders API wants local wall-clock times without an offset: the zone is separate.
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000")


def first_occurrence(at: time, local_now: datetime) -> datetime:
    """When a daily reminder at ``at`` next rings: today if still ahead, else tomorrow."""
    today = local_now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return today if today > local_now else today + timedelta(days=1)


def daily_reminder_body(
    at: time, zone: str | None, local_now: datetime, locale: str, text: str
) -> JsonDict:
    """A recurring daily reminder at ``at``, per the Reminders API.

    ``SCHEDULED_ABSOLUTE`` with a ``FREQ=DAILY`` recurrence rule. With the
    household's ``zone`` known, the trigger names it and the recurrence starts
    at the next occurrence (``local_now`` is the household's wall clock);
    without it, both are left out and Alexa uses the device's own zone, which
    is better than guessing.
    """
    rule = f"FREQ=DAILY;BYHOUR={at.hour};BYMINUTE={at.minute};BYSECOND=0;INTERVAL=1;"
    recurrence: JsonDict = {"recurrenceRules": [rule]}
    trigger: JsonDict = {"type": "SCHEDULED_ABSOLUTE", "recurrence": recurrence}
    if zone:
        trigger["timeZoneId"] = zone
        recurrence["startDateTime"] = _local_text(first_occurrence(at, local_now))
    return {
        "requestTime": _local_text(local_now),
        "trigger": trigger,
        "alertInfo": {"spokenInfo": {"content": [{"locale": locale, "text": text}]}},
        "pushNotification": {"status": "ENABLED"},
    }


def reminder_time(reminder: JsonDict) -> time | None:
    """The daily time of a reminder as the API lists it (from its recurrence rule), or None."""
    recurrence = (reminder.get("trigger") or {}).get("recurrence") or {}
    for rule in recurrence.get("recurrenceRules") or []:
        parts = dict(p.split("=", 1) for p in str(rule).split(";") if "=" in p)
        try:
            return time(int(parts["BYHOUR"]), int(parts.get("BYMINUTE", 0)))
        except (KeyError, ValueError):
            continue
    return None


def error_for_status(operation: str, status: int) -> AlexaApiError:
    """The exception for an HTTP error status of ``operation``."""
    message = f"{operation}: the Alexa API answered {status}"
    if status in (401, 403):
        return PermissionMissing(message)
    if status == 404:
        return NotFound(message)
    if status == 429:
        return Throttled(message)
    if status >= 500:
        return ServerError(message)
    return AlexaApiError(message)


class AlexaApi:
    """Sends :class:`ApiRequest` values to one request's ``apiEndpoint`` with its bearer token.

    One instance serves one Alexa request. Once a call gets no answer in time,
    the later calls of the same request fail at once instead of each waiting
    out the timeout again: a silent API costs the request one timeout, not one
    per call, so the answer still reaches Alexa within its budget.
    """

    def __init__(
        self,
        endpoint: str,
        access_token: str,
        device_id: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.device_id = device_id
        self.timeout = timeout
        self._token = access_token
        self._silent = False

    def send(self, request: ApiRequest) -> Any:
        """Send one request; the decoded JSON answer (None when empty), or an AlexaApiError."""
        if self._silent:
            raise ApiTimeout(f"{request.operation}: skipped, the Alexa API did not answer before")
        try:
            return self._send(request)
        except ApiTimeout:
            self._silent = True
            raise

    def _send(self, request: ApiRequest) -> Any:
        data = None if request.body is None else json.dumps(request.body).encode("utf-8")
        headers = {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        url = urlsplit(self.endpoint + request.path)
        if url.scheme not in ("https", "http") or not url.hostname:
            raise ApiTimeout(f"{request.operation}: the Alexa API is unreachable")
        target = url.path + (f"?{url.query}" if url.query else "")
        key = (url.scheme, url.hostname, url.port or (443 if url.scheme == "https" else 80))
        connection = _KEPT.take(key)
        reused = connection is not None
        try:
            if connection is None:
                connection = self._connect(key)
            else:
                connection.set_timeout(self.timeout)
            try:
                answer = connection.exchange(
                    request.method, target, headers, data, max_body=MAX_ANSWER_BYTES
                )
            except (ClosedBeforeAnswer, ConnectionResetError, BrokenPipeError):
                # A kept connection the API closed as the request went out: the API most likely
                # never read it, but only a request that may safely be sent twice goes again.
                connection.close()
                if not reused or request.method not in _IDEMPOTENT:
                    raise
                connection = self._connect(key)
                answer = connection.exchange(
                    request.method, target, headers, data, max_body=MAX_ANSWER_BYTES
                )
        except TimeoutError:
            _close(connection)
            raise ApiTimeout(f"{request.operation}: no answer in {self.timeout:g} s") from None
        except (OSError, ClosedBeforeAnswer):
            _close(connection)
            raise ApiTimeout(f"{request.operation}: the Alexa API is unreachable") from None
        except AnswerTooLarge:
            _close(connection)
            raise AlexaApiError(f"{request.operation}: the answer is too large") from None
        except HttpError:
            _close(connection)
            raise AlexaApiError(f"{request.operation}: the answer was cut short") from None
        if answer.reusable:
            _KEPT.keep(key, connection)
        else:
            connection.close()
        if answer.status >= 300:
            raise error_for_status(request.operation, answer.status)
        if not answer.body.strip():
            return None
        try:
            return json.loads(answer.body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise AlexaApiError(f"{request.operation}: the answer is not JSON") from None

    def _connect(self, key: tuple[str, str, int]) -> Connection:
        """A new connection to the API host; HTTPS with the process's one TLS context."""
        scheme, host, port = key
        tls = _tls_context() if scheme == "https" else None
        return Connection(
            host, port, tls=tls, connect_timeout=self.timeout, read_timeout=self.timeout
        )

    def timezone(self) -> str:
        """The device's time zone name ("America/Los_Angeles")."""
        if not self.device_id:
            raise AlexaApiError("settings: the request names no device")
        zone = self.send(timezone_request(self.device_id))
        if not isinstance(zone, str) or not zone:
            raise AlexaApiError("settings: the answer is not a time zone name")
        return zone

    def create_reminder(self, body: JsonDict) -> str:
        """Create a reminder; its ``alertToken`` (the id to list or delete it by)."""
        answer = self.send(create_reminder_request(body))
        token = answer.get("alertToken") if isinstance(answer, dict) else None
        if not isinstance(token, str) or not token:
            raise AlexaApiError("create reminder: the answer has no alertToken")
        return token

    def reminders(self) -> list[JsonDict]:
        """Every reminder this skill created for the household, as the API lists them."""
        answer = self.send(list_reminders_request())
        alerts = answer.get("alerts") if isinstance(answer, dict) else None
        return [a for a in alerts or [] if isinstance(a, dict)]

    def delete_reminder(self, alert_token: str) -> None:
        """Delete one reminder (NotFound when it is already gone)."""
        self.send(delete_reminder_request(alert_token))
