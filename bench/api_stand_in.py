"""The Alexa API the timed replays call: in a process of its own, answering at once.

The real settings and Reminders APIs run on Amazon's hosts; while a turn waits
for one, the skill's thread sleeps. The tests' stand-in
(:class:`tests.support.fake_alexa_api.FakeAlexaApi`) serves from a thread of
the calling process with ``http.server``, which takes most of a millisecond
a request and holds the interpreter lock while it does: a turn that read the
time zone was billed for the stand-in's work (0.3 ms CPU at the median, 0.9 ms
at the 99th percentile, for a call whose own work is a tenth of that). On the
benchmark's virtual machines even a plain wait costs CPU time (a 1 ms sleep
about 40 µs), so the wait is kept as short as a nearby host would make it.

Here the same fake answers (same paths, same shapes, same reminders kept)
from a child process, over a small single-threaded HTTP/1.1 loop that sends
each answer in one write. The child counts the requests it has answered in
shared memory, so each timed turn still says whether it called the API.
"""

from __future__ import annotations

import multiprocessing
import selectors
import socket
from multiprocessing.sharedctypes import Synchronized

from tests.support.fake_alexa_api import FakeAlexaApi

#: The most a request head may be: the skill's are a few hundred bytes.
MAX_HEAD = 16 * 1024
_REASONS = {200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 404: "Not Found"}


class ApiStandIn:
    """The stand-in's process. Use as a context manager; :attr:`url` is its ``apiEndpoint``."""

    def __init__(self, timezone: str) -> None:
        context = multiprocessing.get_context("spawn")
        self._count: Synchronized[int] = context.Value("q", 0)
        receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_serve, args=(timezone, self._count, sender), daemon=True
        )
        self._receiver = receiver
        self.url = ""

    def __enter__(self) -> ApiStandIn:
        self._process.start()
        if not self._receiver.poll(30):
            self._process.kill()
            raise RuntimeError("the Alexa API stand-in did not start")
        self.url = self._receiver.recv()
        return self

    def __exit__(self, *exc: object) -> None:
        self._process.kill()
        self._process.join(5)

    def requests_answered(self) -> int:
        """How many requests the stand-in has answered so far."""
        return int(self._count.value)


def _serve(timezone: str, count: Synchronized[int], ready: object) -> None:
    """The child: answer every connection's requests, one after another, until killed."""
    api = FakeAlexaApi(timezone=timezone)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.setblocking(False)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, None)
    host, port = listener.getsockname()[:2]
    ready.send(f"http://{host}:{port}")  # type: ignore[attr-defined]
    buffers: dict[socket.socket, bytearray] = {}
    while True:
        for key, _ in selector.select():
            if key.data is None:
                connection, _ = listener.accept()
                connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                selector.register(connection, selectors.EVENT_READ, True)
                buffers[connection] = bytearray()
                continue
            connection = key.fileobj  # type: ignore[assignment]
            data = connection.recv(65536)
            if not data or len(buffers[connection]) > MAX_HEAD:
                selector.unregister(connection)
                connection.close()
                del buffers[connection]
                continue
            buffers[connection] += data
            while (answer := _answer_one(api, buffers[connection])) is not None:
                connection.sendall(answer)
                with count.get_lock():
                    count.value += 1


def _answer_one(api: FakeAlexaApi, buffer: bytearray) -> bytes | None:
    """The answer to the first whole request in ``buffer`` (taken out of it), or None."""
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        return None
    lines = bytes(buffer[:end]).decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length") or 0)
    if len(buffer) < end + 4 + length:
        return None
    raw = bytes(buffer[end + 4 : end + 4 + length])
    del buffer[: end + 4 + length]
    status, body = api.respond(method, path, headers.get("authorization"), raw)
    head = f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}\r\nContent-Length: {len(body)}\r\n"
    if body:
        head += "Content-Type: application/json\r\n"
    return head.encode("latin-1") + b"\r\n" + body
