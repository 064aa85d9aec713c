"""The small HTTP/1.1 connection: what it sends, every framing it reads, and what it refuses."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from skill.http1 import (
    MAX_HEADERS,
    AnswerTooLarge,
    ClosedBeforeAnswer,
    Connection,
    HttpError,
)
from tests.support.alexa_pki import make_ca, make_leaf, rsa_key


class ScriptedPeer:
    """A server that answers each request it reads on one connection with the next scripted
    bytes (``None``: hang up without answering), hangs up once its script is done, and keeps
    what it was sent."""

    def __init__(self, answers: list[bytes | None], tls: ssl.SSLContext | None = None) -> None:
        self.answers = list(answers)
        self._tls = tls
        self.requests: list[bytes] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        try:
            peer, _ = self._listener.accept()
            if self._tls is not None:
                peer = self._tls.wrap_socket(peer, server_side=True)
        except OSError:  # closed before any client came, or refused the handshake
            return
        with peer:
            pending = b""
            while self.answers:
                while b"\r\n\r\n" not in pending:
                    data = peer.recv(65536)
                    if not data:
                        return
                    pending += data
                head, _, pending = pending.partition(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.lower() == b"content-length":
                        length = int(value)
                while len(pending) < length:
                    pending += peer.recv(65536)
                self.requests.append(head + b"\r\n\r\n" + pending[:length])
                pending = pending[length:]
                answer = self.answers.pop(0)
                if answer is None:
                    return
                peer.sendall(answer)

    def close(self) -> None:
        self._listener.close()
        self._thread.join(timeout=2)


@contextmanager
def peer_answering(*answers: bytes | None) -> Iterator[tuple[ScriptedPeer, Connection]]:
    peer = ScriptedPeer(list(answers))
    connection = Connection("127.0.0.1", peer.port, tls=None, connect_timeout=2, read_timeout=2)
    try:
        yield peer, connection
    finally:
        connection.close()
        peer.close()


def test_a_request_carries_host_length_and_its_headers_and_body() -> None:
    with peer_answering(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") as (peer, connection):
        answer = connection.exchange(
            "POST", "/v1/x?y=1", {"Authorization": "Bearer t"}, b'{"a":1}', max_body=100
        )
    assert (answer.status, answer.body, answer.reusable) == (200, b"ok", True)
    head, _, body = peer.requests[0].partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    assert lines[0] == b"POST /v1/x?y=1 HTTP/1.1"
    assert f"Host: 127.0.0.1:{peer.port}".encode() in lines
    assert b"Authorization: Bearer t" in lines
    assert b"Content-Length: 7" in lines
    assert body == b'{"a":1}'


def test_a_signed_host_header_is_sent_as_given_and_not_twice() -> None:
    with peer_answering(b"HTTP/1.1 204 No Content\r\n\r\n") as (peer, connection):
        connection.exchange("GET", "/", {"host": "example.test"}, max_body=10)
    head = peer.requests[0].lower()
    assert head.count(b"host:") == 1 and b"host: example.test" in head


def test_a_kept_connection_carries_the_next_request() -> None:
    ok = b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n"
    with peer_answering(ok + b"a", ok + b"b") as (peer, connection):
        first = connection.exchange("GET", "/1", {}, max_body=10)
        assert not connection.closed_by_peer()
        second = connection.exchange("GET", "/2", {}, max_body=10)
    assert (first.body, second.body) == (b"a", b"b")
    assert len(peer.requests) == 2


def test_a_chunked_answer_is_joined_and_its_trailers_dropped() -> None:
    chunked = (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: 1\r\n\r\n"
    )
    with peer_answering(chunked) as (_, connection):
        answer = connection.exchange("GET", "/", {}, max_body=100)
    assert (answer.body, answer.reusable) == (b"Wikipedia", True)


def test_interim_answers_are_skipped_and_headers_read_case_blind() -> None:
    with peer_answering(
        b"HTTP/1.1 100 Continue\r\n\r\n"
        b"HTTP/1.1 404 Not Found\r\nX-Amz-Crc32: 1\r\nX-Many: a\r\nx-many: b\r\n"
        b"content-length: 0\r\n\r\n"
    ) as (_, connection):
        answer = connection.exchange("GET", "/", {}, max_body=10)
    assert answer.status == 404
    assert answer.headers["x-amz-crc32"] == "1" and answer.headers["x-many"] == "a, b"


@pytest.mark.parametrize(
    "answer",
    [
        b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\na",
        b"HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\na",
        b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naJUNK",
    ],
    ids=["connection-close", "http-1.0", "bytes-after-the-answer"],
)
def test_a_connection_the_peer_ends_or_fouls_is_not_reused(answer: bytes) -> None:
    with peer_answering(answer) as (_, connection):
        result = connection.exchange("GET", "/", {}, max_body=10)
    assert (result.body, result.reusable) == (b"a", False)


def test_an_unframed_body_runs_to_the_close_and_ends_the_connection() -> None:
    with peer_answering(b"HTTP/1.1 200 OK\r\n\r\nuntil the end") as (_, connection):
        answer = connection.exchange("GET", "/", {}, max_body=100)
    assert (answer.body, answer.reusable) == (b"until the end", False)


def test_a_hang_up_before_any_answer_says_so() -> None:
    with peer_answering(None) as (_, connection), pytest.raises(ClosedBeforeAnswer):
        connection.exchange("GET", "/", {}, max_body=10)


def test_an_idle_connection_the_peer_closed_reads_as_closed() -> None:
    # The peer answers once and, its script done, hangs up.
    with peer_answering(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") as (_, connection):
        assert connection.exchange("GET", "/", {}, max_body=10).reusable
        closed = threading.Event()
        for _ in range(200):
            if connection.closed_by_peer():
                closed.set()
                break
            closed.wait(0.01)
    assert closed.is_set()


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", HttpError),
        (b"SPDY/3 200 OK\r\n\r\n", HttpError),
        (b"HTTP/1.1 2x0 OK\r\n\r\n", HttpError),
        (b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", HttpError),
        (b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", HttpError),
        (b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 1\r\n\r\na", HttpError),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", HttpError),
        (b"HTTP/1.1 200 OK\r\nContent-Type: a", HttpError),
        (b"HTTP/1.1 200 OK\r\nX: " + b"a" * 70000 + b"\r\n\r\n", HttpError),
        (b"HTTP/1.1 200 OK\r\n" + b"X: a\r\n" * (MAX_HEADERS + 1) + b"\r\n", HttpError),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n" + b"a" * 11, AnswerTooLarge),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\naaaaaa\r\n6\r\naaaaaa\r\n",
            AnswerTooLarge,
        ),
        (b"HTTP/1.1 200 OK\r\n\r\n" + b"a" * 11, AnswerTooLarge),
    ],
    ids=[
        "cut-short-body",
        "not-http",
        "bad-status",
        "header-without-colon",
        "negative-length",
        "unasked-encoding",
        "bad-chunk-size",
        "cut-short-headers",
        "line-too-long",
        "too-many-headers",
        "too-large",
        "too-large-chunked",
        "too-large-unframed",
    ],
)
def test_malformed_or_oversized_answers_are_refused(answer: bytes, error: type[HttpError]) -> None:
    with peer_answering(answer) as (_, connection), pytest.raises(error):
        connection.exchange("GET", "/", {}, max_body=10)


def test_a_silent_peer_times_out() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    try:
        connection = Connection(
            "127.0.0.1", listener.getsockname()[1], tls=None, connect_timeout=1, read_timeout=0.1
        )
        with pytest.raises(TimeoutError):
            connection.exchange("GET", "/", {}, max_body=10)
        connection.close()
    finally:
        listener.close()


def test_a_header_value_with_a_line_break_is_never_sent() -> None:
    with peer_answering() as (peer, connection), pytest.raises(ValueError):
        connection.exchange("GET", "/", {"X": "a\r\nInjected: 1"}, max_body=10)
    assert peer.requests == []


def _tls_pair(tmp_path: Path, name: str) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A server context with a certificate for ``name`` under a fresh root, and a client
    context that trusts that root only."""
    now = datetime.now(UTC)
    root = make_ca("Test Root", rsa_key("root"), now)
    leaf = make_leaf(root, rsa_key("root"), now, san=name)
    pem = serialization.Encoding.PEM
    (tmp_path / "leaf.pem").write_bytes(leaf.public_bytes(pem))
    (tmp_path / "key.pem").write_bytes(
        rsa_key("leaf").private_bytes(
            pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(tmp_path / "leaf.pem", tmp_path / "key.pem")
    client = ssl.create_default_context(cadata=root.public_bytes(pem).decode())
    return server, client


def test_an_exchange_over_tls_checks_the_certificate_and_its_name(tmp_path: Path) -> None:
    server, client = _tls_pair(tmp_path, "localhost")
    peer = ScriptedPeer([b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"], tls=server)
    try:
        connection = Connection(
            "localhost", peer.port, tls=client, connect_timeout=2, read_timeout=2
        )
        answer = connection.exchange("GET", "/", {}, max_body=10)
        connection.close()
    finally:
        peer.close()
    assert (answer.status, answer.body) == (200, b"ok")
    assert f"Host: localhost:{peer.port}".encode() in peer.requests[0]


def test_a_certificate_for_another_name_is_refused(tmp_path: Path) -> None:
    server, client = _tls_pair(tmp_path, "api.example.test")
    peer = ScriptedPeer([b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"], tls=server)
    try:
        with pytest.raises(ssl.SSLCertVerificationError):
            Connection("localhost", peer.port, tls=client, connect_timeout=2, read_timeout=2)
    finally:
        peer.close()
