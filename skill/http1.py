"""One kept-alive HTTP/1.1 connection: send a request, read its answer, and nothing more.

Why not ``http.client``: it parses every answer's headers with the ``email``
package, which made a time zone read over a kept loopback connection cost
0.22 ms of CPU against 0.04 ms for the same exchange read directly. That read is
the largest single cost of a household's first turn, and DynamoDB answers pay it
on every turn. The skill's two peers, the Alexa API and DynamoDB, answer plain
HTTP/1.1 with a ``Content-Length`` or a chunked body; this reads exactly that,
within limits, and refuses anything else as an :class:`HttpError`.

Socket failures stay what the socket raises (``TimeoutError``, other
``OSError``), so a caller tells "no answer in time" from "the answer was bad".
A connection that raised anything must be closed, never reused.
"""

from __future__ import annotations

import select
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass

#: Longest status or header line accepted, and most header lines: as http.client's limits.
MAX_LINE = 65536
MAX_HEADERS = 100
#: Statuses whose answers never carry a body.
_NO_BODY = frozenset({204, 304})


class HttpError(Exception):
    """The answer was malformed, cut short, or larger than allowed."""


class ClosedBeforeAnswer(HttpError):
    """The peer closed the connection before any answer: on a kept connection this most often
    means it was closed as the request went out, unread, so an idempotent request may go again."""


class AnswerTooLarge(HttpError):
    """The answer's body is larger than the caller allows."""


@dataclass(frozen=True)
class Answer:
    """A whole answer: its status, headers (names in lower case), body, and whether the
    connection may carry another request."""

    status: int
    headers: dict[str, str]
    body: bytes
    reusable: bool


class Connection:
    """One open connection to ``host``; one request at a time, from one thread."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        tls: ssl.SSLContext | None,
        connect_timeout: float,
        read_timeout: float,
    ) -> None:
        """Connect (TLS when a context is given) within ``connect_timeout``; raise OSError or
        TimeoutError when that fails. Reads then wait at most ``read_timeout`` each."""
        default_port = 443 if tls is not None else 80
        self.host_header = host if port == default_port else f"{host}:{port}"
        sock = socket.create_connection((host, port), timeout=connect_timeout)
        try:
            # One request goes out in one send; without this a kept connection can wait for the
            # peer's delayed acknowledgement before its next request leaves.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if tls is not None:
                sock = tls.wrap_socket(sock, server_hostname=host)
            sock.settimeout(read_timeout)
        except BaseException:
            sock.close()
            raise
        self._sock = sock
        #: Bytes received and not yet read: an answer is read from here, refilled by ``recv``.
        self._buffer = bytearray()
        self._ended = False

    def set_timeout(self, seconds: float) -> None:
        """Wait at most ``seconds`` for each read from now on."""
        self._sock.settimeout(seconds)

    def closed_by_peer(self) -> bool:
        """Whether this idle connection reads as ready: the peer has closed it (or sent junk),
        and either way it must not carry the next request. urllib3 checks the same."""
        try:
            readable, _, _ = select.select([self._sock], [], [], 0)
        except (OSError, ValueError):
            return True
        return bool(readable)

    def close(self) -> None:
        self._sock.close()

    def exchange(
        self,
        method: str,
        target: str,
        headers: Mapping[str, str],
        body: bytes | None = None,
        *,
        max_body: int,
    ) -> Answer:
        """Send one request and read its whole answer.

        A ``Host`` header is added unless ``headers`` has one (a signed request
        carries its own); ``Content-Length`` is added for a body.
        """
        self._sock.sendall(self._head(method, target, headers, body) + (body or b""))
        answer = self._answer(method, max_body)
        if self._buffer:
            # Bytes after the whole answer are not an answer to anything: never reuse this.
            return Answer(answer.status, answer.headers, answer.body, False)
        return answer

    def _answer(self, method: str, max_body: int) -> Answer:
        status, version = self._status()
        while 100 <= status < 200:  # interim answers (100 Continue) come before the real one
            self._headers()
            status, version = self._status()
        answer_headers = self._headers()
        connection = answer_headers.get("connection", "").lower()
        keep = "close" not in connection and (version == "HTTP/1.1" or "keep-alive" in connection)
        encoding = answer_headers.get("content-encoding", "identity").lower()
        if encoding != "identity":
            raise HttpError(f"an answer encoded as {encoding!r}, which was not asked for")
        if method == "HEAD" or status in _NO_BODY:
            return Answer(status, answer_headers, b"", keep)
        if "chunked" in answer_headers.get("transfer-encoding", "").lower():
            return Answer(status, answer_headers, self._chunked(max_body), keep)
        length = answer_headers.get("content-length")
        if length is None:
            # No framing: the body runs until the peer closes, so the connection ends with it.
            while not self._ended and len(self._buffer) <= max_body:
                self._fill()
            if len(self._buffer) > max_body:
                raise AnswerTooLarge(f"an answer of more than {max_body} bytes")
            return Answer(status, answer_headers, self._take(len(self._buffer)), False)
        if not length.isdigit():
            raise HttpError("an answer with an unreadable Content-Length")
        if int(length) > max_body:
            raise AnswerTooLarge(f"an answer of {length} bytes, more than {max_body}")
        return Answer(status, answer_headers, self._exactly(int(length)), keep)

    def _head(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes | None
    ) -> bytes:
        lines = [f"{method} {target} HTTP/1.1"]
        names = {name.lower() for name in headers}
        if "host" not in names:
            lines.append(f"Host: {self.host_header}")
        if "accept-encoding" not in names:
            lines.append("Accept-Encoding: identity")
        lines.extend(f"{name}: {value}" for name, value in headers.items())
        if body is not None and "content-length" not in names:
            lines.append(f"Content-Length: {len(body)}")
        for line in lines:
            if "\r" in line or "\n" in line:
                raise ValueError("a request line or header holds a line break")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _fill(self) -> None:
        """Receive what the peer has sent next; at its end, note that it closed."""
        data = self._sock.recv(65536)
        if data:
            self._buffer += data
        else:
            self._ended = True

    def _take(self, size: int) -> bytes:
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def _line(self) -> bytes:
        """The next line with its line end, or what is left when the peer closed first."""
        searched = 0
        while True:
            end = self._buffer.find(b"\n", searched)
            if end >= 0:
                if end >= MAX_LINE:
                    raise HttpError("an answer line is too long")
                return self._take(end + 1)
            if len(self._buffer) > MAX_LINE:
                raise HttpError("an answer line is too long")
            if self._ended:
                return self._take(len(self._buffer))
            searched = len(self._buffer)
            self._fill()

    def _status(self) -> tuple[int, str]:
        line = self._line()
        if not line:
            raise ClosedBeforeAnswer("the peer closed the connection without answering")
        version, _, rest = line.decode("latin-1").rstrip("\r\n").partition(" ")
        code = rest[:3]
        if not version.startswith("HTTP/1.") or not code.isdigit() or rest[3:4] not in ("", " "):
            raise HttpError("an answer without a valid status line")
        return int(code), version

    def _headers(self) -> dict[str, str]:
        headers: dict[str, str] = {}
        for _ in range(MAX_HEADERS + 1):
            line = self._line()
            if line in (b"\r\n", b"\n"):
                return headers
            if not line.endswith(b"\n"):
                raise HttpError("the answer was cut short in its headers")
            name, colon, value = line.decode("latin-1").partition(":")
            if not colon or not name or name != name.strip():
                raise HttpError("an answer with a malformed header line")
            name, value = name.lower(), value.strip()
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        raise HttpError(f"an answer with more than {MAX_HEADERS} headers")

    def _exactly(self, size: int) -> bytes:
        while len(self._buffer) < size and not self._ended:
            self._fill()
        if len(self._buffer) < size:
            raise HttpError(f"the answer was cut short: {len(self._buffer)} of {size} bytes")
        return self._take(size)

    def _chunked(self, max_body: int) -> bytes:
        parts: list[bytes] = []
        total = 0
        while True:
            size_text = self._line().split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                raise HttpError("a chunked answer with an unreadable chunk size") from None
            if size < 0:
                raise HttpError("a chunked answer with a negative chunk size")
            if size == 0:
                break
            total += size
            if total > max_body:
                raise AnswerTooLarge(f"a chunked answer of more than {max_body} bytes")
            parts.append(self._exactly(size))
            if self._line() not in (b"\r\n", b"\n"):
                raise HttpError("a chunk not followed by its line end")
        self._headers()  # trailers, if any, are read and dropped
        return b"".join(parts)
