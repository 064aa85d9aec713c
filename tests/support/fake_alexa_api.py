"""A local stand-in for the Alexa APIs the skill calls: the settings API and the Reminders API.

A real HTTP server on 127.0.0.1 (a free port, one thread per request) that
answers the documented paths with the documented shapes, records every
request it receives (method, path, bearer token, JSON body) and can be told
to fail: answer a given status for the next calls, or stall past the
client's timeout. A request envelope whose ``apiEndpoint`` is :attr:`url`
sends the skill here instead of to Amazon.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

JsonDict = dict[str, Any]

REMINDERS = "/v1/alerts/reminders"
SETTINGS_PREFIX = "/v2/devices/"
TIMEZONE_SUFFIX = "/settings/System.timeZone"


@dataclass(frozen=True)
class Recorded:
    """One request as the fake received it."""

    method: str
    path: str
    token: str | None
    body: Any


@dataclass
class _Script:
    status: int
    remaining: int
    path_prefix: str


@dataclass
class FakeAlexaApi:
    """The fake API server. Use as a context manager; :attr:`url` is its ``apiEndpoint``."""

    timezone: str | None = "America/Los_Angeles"
    requests: list[Recorded] = field(default_factory=list)
    reminders: dict[str, JsonDict] = field(default_factory=dict)
    #: Seconds to wait before answering each request (past the client's timeout = a timeout).
    stall_seconds: float = 0.0
    _scripts: list[_Script] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the fake Alexa API is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> FakeAlexaApi:
        fake = self

        class Handler(_Handler):
            api = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def fail_next(self, status: int, times: int = 1, path_prefix: str = "/") -> None:
        """Answer ``status`` to the next ``times`` requests whose path starts with the prefix."""
        with self._lock:
            self._scripts.append(_Script(status, times, path_prefix))

    def add_reminder(self, hour: int, minute: int = 0, status: str = "ON") -> str:
        """A reminder that exists already (created earlier, or in another session)."""
        token = str(uuid.uuid4())
        rule = f"FREQ=DAILY;BYHOUR={hour};BYMINUTE={minute};BYSECOND=0;INTERVAL=1;"
        body = {
            "trigger": {"type": "SCHEDULED_ABSOLUTE", "recurrence": {"recurrenceRules": [rule]}}
        }
        self.reminders[token] = _stored(token, body, status)
        return token

    def calls(self, method: str | None = None, path_prefix: str = "/") -> list[Recorded]:
        """The recorded requests, optionally only one method and path prefix."""
        with self._lock:
            return [
                r
                for r in self.requests
                if (method is None or r.method == method) and r.path.startswith(path_prefix)
            ]

    def respond(
        self, method: str, path: str, authorization: str | None, raw: bytes
    ) -> tuple[int, bytes]:
        """Record one request and answer it: the status and the JSON body (empty for none).
        Any HTTP server may carry it; :class:`FakeAlexaApi` itself serves it on a thread."""
        try:
            body = json.loads(raw) if raw else None
        except json.JSONDecodeError:
            body = raw.decode("utf-8", "replace")
        auth = authorization or ""
        token = auth[len("Bearer ") :] if auth.startswith("Bearer ") else None
        self._record(Recorded(method, path, token, body))
        if self.stall_seconds:
            time.sleep(self.stall_seconds)
        scripted = self._scripted(path)
        if scripted is not None:
            status, answer = scripted, {"code": "SCRIPTED", "message": "scripted failure"}
        elif not token:
            status, answer = 401, {"code": "UNAUTHORIZED", "message": "no bearer token"}
        else:
            status, answer = self._route(method, path, body)
        return status, b"" if answer is None else json.dumps(answer).encode("utf-8")

    def _route(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        if method == "GET" and path.startswith(SETTINGS_PREFIX) and path.endswith(TIMEZONE_SUFFIX):
            return (200, self.timezone) if self.timezone is not None else (204, None)
        if path == REMINDERS and method == "POST":
            return self._create(body)
        if path == REMINDERS and method == "GET":
            alerts = list(self.reminders.values())
            return 200, {"totalCount": str(len(alerts)), "alerts": alerts, "links": None}
        if path.startswith(REMINDERS + "/"):
            token = path[len(REMINDERS) + 1 :]
            if token not in self.reminders:
                return 404, {"code": "NOT_FOUND", "message": "no such reminder"}
            if method == "DELETE":
                del self.reminders[token]
                return 200, None
            return 200, self.reminders[token]
        return 404, {"code": "NOT_FOUND", "message": "no such resource"}

    def _create(self, body: Any) -> tuple[int, Any]:
        # The documented required parts: a request time, a trigger type and spoken content.
        trigger = body.get("trigger") if isinstance(body, dict) else None
        valid = (
            isinstance(body, dict)
            and body.get("requestTime")
            and (trigger or {}).get("type") in ("SCHEDULED_ABSOLUTE", "SCHEDULED_RELATIVE")
            and ((body.get("alertInfo") or {}).get("spokenInfo") or {}).get("content")
        )
        if not valid:
            return 400, {"code": "INVALID_REMINDER", "message": "missing required fields"}
        token = str(uuid.uuid4())
        stored = _stored(token, body)
        self.reminders[token] = stored
        return 201, {k: stored[k] for k in ("alertToken", "createdTime", "updatedTime", "status")}

    def _scripted(self, path: str) -> int | None:
        with self._lock:
            for script in self._scripts:
                if script.remaining > 0 and path.startswith(script.path_prefix):
                    script.remaining -= 1
                    return script.status
        return None

    def _record(self, request: Recorded) -> None:
        with self._lock:
            self.requests.append(request)


def _stored(token: str, body: JsonDict, status: str = "ON") -> JsonDict:
    now = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
    return {
        "alertToken": token,
        "createdTime": now,
        "updatedTime": now,
        "status": status,
        "version": "1",
        **{k: body[k] for k in ("trigger", "alertInfo", "pushNotification") if k in body},
    }


class _Handler(BaseHTTPRequestHandler):
    api: FakeAlexaApi
    protocol_version = "HTTP/1.1"
    # Headers and body go out as separate writes: without this, a kept-alive connection waits
    # for the client's delayed ACK (40 ms) before the body, as no real API server does.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        return

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        authorization = self.headers.get("Authorization")
        self._answer(*self.api.respond(self.command, self.path, authorization, raw))

    def _answer(self, status: int, data: bytes) -> None:
        try:
            self.send_response(status)
            if data:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if data:
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up waiting (a stalled answer past its timeout), as it should.
            self.close_connection = True
