"""A small HTTP proxy on 127.0.0.1, between botocore and DynamoDB Local, that misbehaves on cue.

It understands just enough HTTP to see each DynamoDB request (the operation
is in the ``X-Amz-Target`` header), so a test can make exactly the calls it
names fail in the ways a real network fails:

* ``STALL``: hold the request and never answer (a hung endpoint; the client's read timeout fires);
* ``DROP``: close the connection without forwarding or answering (nothing reaches the table);
* ``LOSE_REPLY``: forward the request, let DynamoDB act on it, then close without answering
  (the write landed, but the client cannot know);
* ``THROTTLE``: answer as DynamoDB does when over capacity, without forwarding.

Everything else is passed through unchanged. It only ever listens on and
connects to the loopback interface.
"""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Collection
from dataclasses import dataclass
from enum import Enum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

#: How long a stalled request is held at most, so a forgotten proxy never pins a thread forever.
STALL_LIMIT_SECONDS = 30.0
#: Request headers not passed on: they describe the hop, not the request.
_HOP_HEADERS = frozenset({"connection", "keep-alive", "transfer-encoding", "content-length"})


class Fault(Enum):
    """What the proxy does to a matching request."""

    STALL = "stall"
    DROP = "drop"
    LOSE_REPLY = "lose_reply"
    THROTTLE = "throttle"


@dataclass
class _Plan:
    fault: Fault
    operations: frozenset[str] | None
    times: int | None
    error_code: str

    def matches(self, operation: str) -> bool:
        in_scope = self.operations is None or operation in self.operations
        return in_scope and (self.times is None or self.times > 0)


class LoopbackProxy:
    """The proxy; use as a context manager, point the client at :attr:`endpoint`."""

    def __init__(self, upstream: str) -> None:
        target = urlsplit(upstream)
        if target.hostname not in ("127.0.0.1", "localhost"):
            raise ValueError(f"the loopback proxy only forwards to this machine, not {upstream}")
        self._upstream = (target.hostname, target.port or 80)
        self._lock = threading.Lock()
        self._plans: list[_Plan] = []
        self._release = threading.Event()
        #: (operation, fault or None) for every request seen, in arrival order.
        self.seen: list[tuple[str, Fault | None]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def endpoint(self) -> str:
        """The URL to give botocore as ``endpoint_url``."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def fail(
        self,
        fault: Fault,
        operations: Collection[str] | None = None,
        times: int | None = None,
        error_code: str = "ProvisionedThroughputExceededException",
    ) -> None:
        """From now on, apply ``fault`` to requests for ``operations`` (None: all), ``times`` times.

        Faults add up: a request meets the first one (in the order given) that
        matches it and has times left. ``error_code`` is the DynamoDB error a
        ``THROTTLE`` answers with.
        """
        with self._lock:
            scope = None if operations is None else frozenset(operations)
            self._plans.append(_Plan(fault, scope, times, error_code))

    def heal(self) -> None:
        """Pass every request through again (requests already stalled stay stalled)."""
        with self._lock:
            self._plans.clear()

    def operations_seen(self, fault: Fault | None = None) -> list[str]:
        """The operations that met ``fault`` (None: that were passed through)."""
        with self._lock:
            return [operation for operation, met in self.seen if met is fault]

    def _decide(self, operation: str) -> _Plan | None:
        """The plan that applies to this request, consuming one of its ``times``."""
        with self._lock:
            plan = next((p for p in self._plans if p.matches(operation)), None)
            if plan is not None and plan.times is not None:
                plan.times -= 1
            self.seen.append((operation, plan.fault if plan else None))
            return plan

    def __enter__(self) -> LoopbackProxy:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            # Keep-alive, as botocore expects; every answer carries a Content-Length.
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                target = self.headers.get("X-Amz-Target", "")
                plan = proxy._decide(target.rpartition(".")[2])
                if plan is None:
                    self._answer(*proxy._forward(self, body))
                elif plan.fault is Fault.STALL:
                    proxy._release.wait(STALL_LIMIT_SECONDS)
                    self.close_connection = True
                elif plan.fault is Fault.DROP:
                    self.close_connection = True
                elif plan.fault is Fault.LOSE_REPLY:
                    proxy._forward(self, body)
                    self.close_connection = True
                else:
                    self._answer(*_throttled(plan.error_code))

            def _answer(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
                self.send_response_only(status)
                for name, value in headers:
                    if name.lower() not in _HOP_HEADERS:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: the tests report what matters through :attr:`LoopbackProxy.seen`."""

        return Handler

    def _forward(
        self, request: BaseHTTPRequestHandler, body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        """Send one request to DynamoDB Local and return its whole answer."""
        connection = http.client.HTTPConnection(*self._upstream, timeout=STALL_LIMIT_SECONDS)
        try:
            headers = {
                name: value
                for name, value in request.headers.items()
                if name.lower() not in _HOP_HEADERS
            }
            connection.request(request.command, request.path, body=body, headers=headers)
            answer = connection.getresponse()
            return answer.status, answer.getheaders(), answer.read()
        finally:
            connection.close()


def _throttled(error_code: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """DynamoDB's answer to a request over capacity (HTTP 400 with the error type)."""
    body = json.dumps(
        {
            "__type": f"com.amazonaws.dynamodb.v20120810#{error_code}",
            "message": "The level of configured provisioned throughput for the table was exceeded.",
        }
    ).encode()
    return 400, [("Content-Type", "application/x-amz-json-1.0")], body
