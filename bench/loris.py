"""Slow clients and timed probes against a server on loopback, for the soak and the server study.

:class:`Trickle` holds N connections that each send one request a byte at a
time (the request line and headers, or a declared body), the classic
"slow loris". When the server cuts one, it reconnects and starts again, as an
attacker would, so the pressure never lets up. :func:`probe` meanwhile sends
ordinary requests and times them.

Bounded: loopback only, a fixed number of connections, every loop stops at
its deadline or when told to.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType

HOST = "127.0.0.1"
MAX_CONNECTIONS = 200
MAX_SECONDS = 120.0

#: What a trickling client sends, a byte at a time: headers that never end, or a body that never
#: arrives in full (it declares 1,000 bytes).
_SLOW_HEADERS = b"POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"a" * 4000
_SLOW_BODY_HEAD = (
    b"POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    b"Content-Length: 1000\r\n\r\n"
)


class Trickle:
    """``count`` connections sending a request one byte per ``interval`` (headers or body)."""

    def __init__(
        self,
        port: int,
        count: int,
        mode: str,
        *,
        interval: float = 1.0,
        max_seconds: float = MAX_SECONDS,
    ) -> None:
        if not 0 < count <= MAX_CONNECTIONS or mode not in ("headers", "body"):
            raise ValueError("count in [1, 200] and mode 'headers' or 'body'")
        self.port = port
        self.count = count
        self.mode = mode
        self.interval = interval
        self.max_seconds = min(max_seconds, MAX_SECONDS)
        self.cut = 0  # connections the server closed on us
        self.refused = 0  # connections the server would not accept
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _open(self) -> tuple[socket.socket, int] | None:
        """A new connection, already past what is sent at once (the body's headers)."""
        try:
            sock = socket.create_connection((HOST, self.port), timeout=2)
            sock.setblocking(False)
            if self.mode == "body":
                sock.sendall(_SLOW_BODY_HEAD)
        except OSError:
            self.refused += 1
            return None
        return sock, 0

    def _step(self, sock: socket.socket, sent: int) -> int | None:
        """Send the next byte; None when the server has closed or answered the connection."""
        payload = _SLOW_HEADERS if self.mode == "headers" else b"{" + b" " * 998
        try:
            sock.recv(1, socket.MSG_PEEK)
            return None  # the server answered (a 408, say) or closed: this connection is done
        except BlockingIOError:
            pass  # nothing from the server yet: keep trickling
        except OSError:
            return None
        try:
            sock.send(payload[sent % len(payload) : sent % len(payload) + 1])
        except BlockingIOError:
            return sent
        except OSError:
            return None
        return sent + 1

    def _run(self) -> None:
        stop_at = time.monotonic() + self.max_seconds
        connections = [c for c in (self._open() for _ in range(self.count)) if c is not None]
        while not self._stop.wait(self.interval) and time.monotonic() < stop_at:
            kept: list[tuple[socket.socket, int]] = []
            for sock, sent in connections:
                progress = self._step(sock, sent)
                if progress is None:
                    self.cut += 1
                    sock.close()
                    fresh = self._open()
                    if fresh is not None:
                        kept.append(fresh)
                else:
                    kept.append((sock, progress))
            connections = kept
        for sock, _ in connections:
            sock.close()

    def __enter__(self) -> Trickle:
        self._thread.start()
        time.sleep(0.5)  # let every connection open before anything is measured
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


@dataclass
class ProbeResult:
    """Ordinary requests sent while something else went on."""

    latencies: list[float] = field(default_factory=list)  # seconds, answered ones
    statuses: list[int] = field(default_factory=list)
    lost: int = 0  # no answer at all (timeout, reset)

    @property
    def sent(self) -> int:
        return len(self.statuses) + self.lost

    def percentile_ms(self, fraction: float) -> float:
        """Nearest-rank percentile of the answered requests, in milliseconds."""
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
        return round(ordered[index] * 1000, 1)

    def within(self, seconds: float) -> int:
        return sum(1 for latency in self.latencies if latency <= seconds)


Request = Callable[[http.client.HTTPConnection], int]


def probe(
    port: int,
    request: Request,
    *,
    seconds: float,
    interval: float = 0.1,
    timeout: float = 5.0,
    max_requests: int = 1000,
) -> ProbeResult:
    """Send ``request`` on a new connection every ``interval`` for ``seconds``, one at a time."""
    result = ProbeResult()
    stop_at = time.monotonic() + min(seconds, MAX_SECONDS)
    while time.monotonic() < stop_at and result.sent < max_requests:
        connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
        started = time.perf_counter()
        try:
            status = request(connection)
        except (OSError, http.client.HTTPException):
            result.lost += 1
        else:
            result.latencies.append(time.perf_counter() - started)
            result.statuses.append(status)
        finally:
            connection.close()
        time.sleep(interval)
    return result
