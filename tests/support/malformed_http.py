"""Malformed HTTP requests, as raw bytes, and a raw-socket client to send them.

The web tests and ``make soak`` send each of these to a real served instance
on loopback: every answer must be a 4xx status with a small JSON body. The
corpus covers what broke the earlier server (oversized and duplicated
headers, bad Content-Length, a long URL, control characters, a malformed
chunked body) and more of the same family.
"""

from __future__ import annotations

import contextlib
import json
import socket
from dataclasses import dataclass

HOST = "127.0.0.1"
#: Far past the server's 16 KiB for the request line and headers together.
_HUGE = 40_000


def _request(head: str, body: bytes = b"") -> bytes:
    return head.encode("latin-1") + b"\r\n\r\n" + body


_POST = "POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"

MALFORMED: dict[str, bytes] = {
    "oversized header": _request(f"GET /healthz HTTP/1.1\r\nHost: h\r\nX-Big: {'a' * _HUGE}"),
    "too many headers": _request(
        "GET /healthz HTTP/1.1\r\nHost: h\r\n" + "\r\n".join(f"X-H{n}: v" for n in range(4000))
    ),
    "duplicated content-length": _request(
        f"{_POST}\r\nContent-Length: 2\r\nContent-Length: 3", b"{}x"
    ),
    "duplicated transfer-encoding": _request(
        f"{_POST}\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked", b"0\r\n\r\n"
    ),
    "content-length with transfer-encoding": _request(
        f"{_POST}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked", b"0\r\n\r\n"
    ),
    "content-length not a number": _request(f"{_POST}\r\nContent-Length: abc", b"{}"),
    "content-length negative": _request(f"{_POST}\r\nContent-Length: -1", b"{}"),
    "content-length huge": _request(f"{_POST}\r\nContent-Length: {10**30}", b"{}"),
    "content-length with a sign": _request(f"{_POST}\r\nContent-Length: +2", b"{}"),
    "long url": _request(f"GET /{'a' * _HUGE} HTTP/1.1\r\nHost: h"),
    "control character in a header value": _request(
        "GET /healthz HTTP/1.1\r\nHost: h\r\nX-Junk: a\x01b"
    ),
    "control character in a header name": _request("GET /healthz HTTP/1.1\r\nHost: h\r\nX\x07: a"),
    "nul in the url": _request("GET /health\x00z HTTP/1.1\r\nHost: h"),
    "delete in the url": _request("GET /health\x7fz HTTP/1.1\r\nHost: h"),
    "space in a header name": _request("GET /healthz HTTP/1.1\r\nHost: h\r\nX Y: a"),
    "header without a colon": _request("GET /healthz HTTP/1.1\r\nHost: h\r\nno colon here"),
    "folded header": _request("GET /healthz HTTP/1.1\r\nHost: h\r\nX-A: a\r\n b"),
    "bare lf line endings": b"GET /healthz HTTP/1.1\nHost: h\n\n",
    "chunk size not hex": _request(
        f"{_POST}\r\nTransfer-Encoding: chunked", b"zz\r\n{}\r\n0\r\n\r\n"
    ),
    "chunk not terminated": _request(
        f"{_POST}\r\nTransfer-Encoding: chunked", b"2\r\n{}XX0\r\n\r\n"
    ),
    "chunk extension junk": _request(
        f"{_POST}\r\nTransfer-Encoding: chunked", b"2;\x01\r\n{}\r\n0\r\n\r\n"
    ),
    "chunk size overflow": _request(
        f"{_POST}\r\nTransfer-Encoding: chunked", b"ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n"
    ),
    "chunked body over the cap": _request(
        f"{_POST}\r\nTransfer-Encoding: chunked",
        b"".join(b"4000\r\n" + b" " * 0x4000 + b"\r\n" for _ in range(10)) + b"0\r\n\r\n",
    ),
    "unknown transfer coding": _request(f"{_POST}\r\nTransfer-Encoding: gzip", b"{}"),
    "body over the cap": _request(f"{_POST}\r\nContent-Length: 200000", b" " * 200_000),
    "method with symbols": _request("G@T /healthz HTTP/1.1\r\nHost: h"),
    "unknown method": _request("BREW /alexa HTTP/1.1\r\nHost: h"),
    "wrong method": _request("GET /alexa HTTP/1.1\r\nHost: h"),
    "http/0.9 request": b"GET /healthz\r\n\r\n",
    "http/2 in the request line": _request("GET /healthz HTTP/2.0\r\nHost: h"),
    "http version junk": _request("GET /healthz HTTP/1.x\r\nHost: h"),
    "no url": _request("GET HTTP/1.1\r\nHost: h"),
    "tls handshake": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 40 + b"\r\n\r\n",
    "binary junk": bytes(range(256)) + b"\r\n\r\n",
    "json that is not alexa": _request(f"{_POST}\r\nContent-Length: 2", b"{}"),
    "deeply nested json": _request(
        f"{_POST}\r\nContent-Length: 20000", b"[" * 10_000 + b"]" * 10_000
    ),
    "form post": _request(
        "POST /alexa HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded"
        "\r\nContent-Length: 3",
        b"a=b",
    ),
    "unknown path with secrets": _request("GET /wp-admin/amzn1.ask.account.SECRET HTTP/1.1\r\n"),
}


@dataclass(frozen=True)
class RawAnswer:
    """What the server sent back to one raw request."""

    status: int
    content_type: str
    body: bytes

    def problem(self) -> str | None:
        """Why this is not a small JSON 4xx answer, or None when it is."""
        if not 400 <= self.status < 500:
            return f"status {self.status}"
        if not self.content_type.startswith("application/json"):
            return f"content type {self.content_type!r}"
        if len(self.body) > 200:
            return f"body of {len(self.body)} bytes"
        try:
            payload = json.loads(self.body)
        except ValueError:
            return "body is not JSON"
        if not isinstance(payload, dict) or "error" not in payload:
            return "JSON without an error"
        return None


def send_raw(port: int, raw: bytes, *, timeout: float = 5.0) -> RawAnswer:
    """Send raw bytes on a new connection and read one answer (until its length, or the close).

    The server may answer and close before taking the whole request, which is fine.
    """
    with socket.create_connection((HOST, port), timeout=timeout) as sock:
        # The server may answer and close before taking it all.
        with contextlib.suppress(OSError):
            sock.sendall(raw)
        data = b""
        try:
            while not _complete(data) and (chunk := sock.recv(65536)):
                data += chunk
        except OSError:
            pass
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        return RawAnswer(0, "", data[:200])
    headers = _headers(head)
    length = headers.get("content-length")
    return RawAnswer(status, headers.get("content-type", ""), body[: int(length or len(body))])


def _headers(head: bytes) -> dict[str, str]:
    """An answer's headers by lower-case name."""
    pairs = (line.split(b":", 1) for line in head.split(b"\r\n")[1:] if b":" in line)
    return {
        name.decode("latin-1").lower(): value.decode("latin-1").strip() for name, value in pairs
    }


def _complete(data: bytes) -> bool:
    """Whether ``data`` holds an answer's headers and all of its Content-Length body."""
    head, found, body = data.partition(b"\r\n\r\n")
    if not found:
        return False
    length = _headers(head).get("content-length")
    return length is not None and len(body) >= int(length)
