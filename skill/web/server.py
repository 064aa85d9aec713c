"""The server that runs the web endpoint: gunicorn's master over waitress's HTTP engine.

Why two servers: gunicorn's own workers read each request inside a worker
thread, so a client that sends its headers or body a byte a second holds that
thread for as long as it likes (eight such clients stopped a 2 × 4 gthread
server outright). Waitress reads requests in one asynchronous I/O thread and
hands only *complete* requests to its thread pool; a slow client costs a
socket and a few bytes of buffer, never a thread. Gunicorn still does what it
does well: the master binds the socket, loads the app once (``preload_app``),
forks one worker per core, restarts a worker that dies or stops its heartbeat,
and drains workers on SIGTERM. Each worker runs waitress's engine on the
shared socket (:class:`WaitressWorker`).

On top of waitress this module adds what it lacks for facing the internet:

* a deadline for receiving a whole request (:data:`REQUEST_READ_SECONDS`),
  answered 408 and closed, so a trickle cannot hold a connection forever;
* JSON for every response the HTTP layer makes itself (malformed request,
  oversized headers or body, bad chunking…): a 4xx status, a small JSON body
  and one fixed log line, never waitress's text pages or anything the
  request contained;
* recycling a worker whose turns are stuck past the hard limit (see
  :mod:`skill.web.turns`): Python cannot kill a thread, but a process can end.

See the README's "Reliability" section for the measurements behind the choice.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.workers.base import Worker
from waitress import wasyncore  # type: ignore[import-untyped]
from waitress.channel import HTTPChannel  # type: ignore[import-untyped]
from waitress.parser import HTTPRequestParser, ParsingError  # type: ignore[import-untyped]
from waitress.server import TcpWSGIServer  # type: ignore[import-untyped]
from waitress.task import ErrorTask, ThreadedTaskDispatcher  # type: ignore[import-untyped]
from waitress.utilities import BadRequest  # type: ignore[import-untyped]

from skill.web.app import MAX_BODY_BYTES, create_app, endpoint_guards

JsonDict = dict[str, Any]
logger = logging.getLogger(__name__)

#: Two cores: one process per core (the GIL), a few threads each to overlap store I/O.
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 4
#: A whole request (line, headers and body) must arrive within this; Alexa's take milliseconds.
#: (``HTH_REQUEST_READ_TIMEOUT`` changes it for an app made by ``create_app``.)
REQUEST_READ_SECONDS = 10.0
#: A connection with nothing to say (idle keep-alive, or silent after connecting) is closed.
IDLE_SECONDS = 10.0
#: The request line and all headers together; Alexa's are well under 2 KiB.
MAX_HEADER_BYTES = 16 * 1024
#: Open connections per worker before it stops accepting (each is one descriptor).
CONNECTION_LIMIT = 1000
#: How long a stopping worker lets requests in progress finish.
GRACEFUL_SECONDS = 10.0
#: A stopping worker waits this long for the first request of a connection it just accepted.
JUST_ACCEPTED_SECONDS = 1.0
#: The I/O loop wakes at least this often to beat the heartbeat and enforce deadlines.
TICK_SECONDS = 0.5
SERVER_IDENT = "heart-to-heart"


# --- the HTTP layer's own answers ------------------------------------------------------------


class RequestTimeout(BadRequest):  # type: ignore[misc]  # waitress ships no type hints
    """A request that did not arrive in full within :data:`REQUEST_READ_SECONDS`."""

    code = 408
    reason = "Request Timeout"


def http_layer_status(code: int) -> int:
    """The status for an error waitress found: always 4xx for what the client sent.

    Waitress answers 501 for a transfer coding it does not know, which is the
    client's mistake here as much as a bad chunk is; 500 only ever comes from
    a failure of our own (see :func:`_never_raise`), never from input.
    """
    return code if 400 <= code < 500 or code == 500 else 400


class JsonErrorTask(ErrorTask):  # type: ignore[misc]
    """Waitress's error response, as a small JSON body with one fixed log line.

    Waitress's own pages are plain text that may quote the offending request
    line or header; here nothing from the request is echoed or logged.
    """

    def execute(self) -> None:
        status = http_layer_status(int(self.request.error.code))
        phrase = HTTPStatus(status).phrase
        logger.warning("refused at the HTTP layer: %d %s", status, phrase.lower())
        body = json.dumps({"error": phrase.lower()}).encode()
        self.status = f"{status} {phrase}"
        self.response_headers.append(("Content-Type", "application/json"))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class StrictRequestParser(HTTPRequestParser):  # type: ignore[misc]
    """Waitress's parser, refusing what it would otherwise repair or pass on.

    Folded header lines (obsolete since RFC 7230, and a way to make two
    servers read one request differently) and request lines without
    HTTP/1.0 or HTTP/1.1 (HTTP/0.9, "HTTP/2.0" in plain text) are bad requests.
    """

    def parse_header(self, header_plus: bytes) -> None:
        if b"\r\n " in header_plus or b"\r\n\t" in header_plus:
            raise ParsingError("folded header line")
        super().parse_header(header_plus)
        if self.version not in ("1.0", "1.1"):
            raise ParsingError("unsupported HTTP version")


class HardenedChannel(HTTPChannel):  # type: ignore[misc]
    """A connection that remembers since when its current request has been arriving."""

    error_task_class = JsonErrorTask
    parser_class = StrictRequestParser
    request: Any = None  # waitress's: the request being received, None between requests
    partial_since: float | None = None
    served = False  # whether a request of this connection has been received in full

    def received(self, data: bytes) -> bool:
        if self.request is None and data:
            self.partial_since = time.monotonic()
        result: bool = super().received(data)
        if self.request is None:
            self.partial_since = None
        if self.requests:
            self.served = True
        return result

    def refuse_slow_request(self) -> None:
        """Answer 408 and close: the request took longer than the deadline to arrive.

        Called by the I/O thread; the answer is queued like any parsed request
        whose parser found an error, so it is written in order.
        """
        with self.requests_lock:
            if self.requests or self.request is None:
                return  # a task is running, or the request just completed
            error = HTTPRequestParser(self.adj)
            error.error = RequestTimeout("request not received in time")
            error.completed = True
            self.request = None
            self.partial_since = None
            self.requests.append(error)
            self.server.add_task(self)


class HardenedServer(TcpWSGIServer):  # type: ignore[misc]
    """Waitress's TCP server with deadlines checked every tick, on a socket bound elsewhere."""

    channel_class = HardenedChannel
    read_deadline = REQUEST_READ_SECONDS

    def maintenance(self, now: float) -> None:
        """Cut requests that arrive too slowly (408), and close idle connections.

        Replaces waitress's rule, which closes a connection silent for
        ``channel_timeout`` even when a request is half received; such a
        connection gets its 408 instead.
        """
        idle_cutoff = now - self.adj.channel_timeout  # waitress keeps wall-clock activity times
        read_cutoff = time.monotonic() - self.read_deadline
        for channel in list(self.active_channels.values()):
            since = getattr(channel, "partial_since", None)
            if since is not None:
                if since < read_cutoff:
                    channel.refuse_slow_request()
            elif not channel.requests and channel.last_activity < idle_cutoff:
                channel.will_close = True


class NoRequestInLogs(logging.Filter):
    """Keeps the request path out of waitress's own log lines.

    Waitress names the path when a client hangs up before its answer (which
    anyone can do on purpose, so that line is dropped) and when serving fails
    (kept, as fixed text naming the exception type).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if message.startswith("Client disconnected while serving"):
            return False
        if message.startswith("Exception while serving"):
            kind = type(record.exc_info[1]).__name__ if record.exc_info else "unknown"
            record.msg, record.args = "failed while serving a request: %s", (kind,)
            record.exc_info, record.exc_text = None, None
        return True


def waitress_adjustments(threads: int) -> JsonDict:
    """Waitress's settings: small limits, short deadlines, poll() for many connections."""
    return {
        "threads": threads,
        "ident": SERVER_IDENT,
        "channel_timeout": IDLE_SECONDS,
        "cleanup_interval": TICK_SECONDS,
        "max_request_header_size": MAX_HEADER_BYTES,
        "max_request_body_size": MAX_BODY_BYTES,
        "connection_limit": CONNECTION_LIMIT,
        "asyncore_use_poll": True,
        "asyncore_loop_timeout": TICK_SECONDS,
        "expose_tracebacks": False,
        "log_socket_errors": False,
        "clear_untrusted_proxy_headers": False,
    }


def _never_raise(app: Callable[..., Any]) -> Callable[..., Any]:
    """The WSGI app, with any escaping exception turned into a JSON 500 and one log line.

    Flask already turns its handlers' errors into JSON; this is for a failure
    around them, which waitress would otherwise log along with the request path.
    """

    def wsgi(environ: JsonDict, start_response: Callable[..., Any]) -> Any:
        try:
            return app(environ, start_response)
        except Exception as error:
            logger.error("failed outside the app: %s", type(error).__name__)
            body = json.dumps({"error": "internal server error"}).encode()
            start_response(
                "500 Internal Server Error",
                [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
            )
            return [body]

    return wsgi


# --- the gunicorn worker ---------------------------------------------------------------------


class WaitressWorker(Worker):  # type: ignore[misc]  # gunicorn ships no type hints
    """A gunicorn worker whose HTTP engine is waitress, on the socket the master bound.

    The I/O loop runs in the worker's main thread and beats gunicorn's
    heartbeat every tick. It also asks the app whether a turn is stuck past
    its hard limit; if so the worker stops accepting, lets the requests in
    progress finish and exits, and the master starts a fresh one.
    """

    def run(self) -> None:
        logging.getLogger("waitress").addFilter(NoRequestInLogs())
        adjustments = waitress_adjustments(self.cfg.threads)
        dispatcher = ThreadedTaskDispatcher()
        dispatcher.set_thread_count(adjustments["threads"])
        channels: dict[int, Any] = {}
        app = _never_raise(self.wsgi)
        servers = [
            HardenedServer(
                app,
                channels,
                _sock=listener.sock,
                dispatcher=dispatcher,
                bind_socket=False,
                sockinfo=(listener.sock.family, socket.SOCK_STREAM, 0, None),
                **adjustments,
            )
            for listener in self.sockets
        ]
        guards = endpoint_guards(self.wsgi)
        for server in servers:
            server.read_deadline = guards.read_deadline if guards else REQUEST_READ_SECONDS
        while self.alive:
            self.notify()
            wasyncore.loop(TICK_SECONDS, use_poll=True, map=channels, count=1)
            if self.ppid != os.getppid():
                self.log.info("Parent changed, shutting down: %s", self)
                break
            if guards is not None and guards.turns.stuck():
                break  # the turn pool has logged it; a new worker takes over
        self._drain(servers, channels, dispatcher)

    def _drain(
        self,
        servers: list[HardenedServer],
        channels: dict[int, Any],
        dispatcher: ThreadedTaskDispatcher,
    ) -> None:
        """Stop accepting, finish the requests in progress (bounded), then close everything."""
        for server in servers:
            server.accepting = False
            server.del_channel()
        deadline = time.monotonic() + min(GRACEFUL_SECONDS, float(self.cfg.graceful_timeout))
        while time.monotonic() < deadline and any(map(_in_progress, channels.values())):
            self.notify()
            wasyncore.loop(0.05, use_poll=True, map=channels, count=1)
        dispatcher.shutdown(cancel_pending=True, timeout=1)
        wasyncore.close_all(channels)


def _in_progress(channel: Any) -> bool:
    """Whether closing this connection now would lose a request.

    A request being received, served or written out counts, and so does a
    connection accepted a moment ago that has not sent its request yet: its
    client has every reason to expect an answer.
    """
    if not isinstance(channel, HardenedChannel):
        return False  # the trigger pipe, a listener
    fresh = time.time() - channel.creation_time < JUST_ACCEPTED_SECONDS and not channel.served
    return bool(
        channel.requests or channel.total_outbufs_len or channel.partial_since is not None or fresh
    )


# --- gunicorn, driven from code --------------------------------------------------------------


class _GunicornServer(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    """Gunicorn driven from code, so ``heart-to-heart serve`` needs no config file."""

    def __init__(self, app_factory: Callable[[], Flask], options: dict[str, Any]) -> None:
        self._app_factory = app_factory
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)
        # Gunicorn 27 opens a control socket at one fixed path in the home folder: two servers
        # (a test, the benchmark, a second site) would fight over it, and nothing here uses it.
        if "control_socket_disable" in self.cfg.settings:
            self.cfg.set("control_socket_disable", True)

    def load(self) -> Flask:
        return self._app_factory()


def gunicorn_options(host: str, port: int, workers: int | None, threads: int | None) -> JsonDict:
    """Gunicorn settings for a small (two-core) host behind a TLS proxy.

    The app is built once in the master (``preload_app``) so a configuration
    error stops the start at once and warnings are logged once, not per
    worker. ``timeout`` bounds a worker whose I/O loop stops beating (the
    loop never waits on the app, so only a wedged process misses it).
    """
    return {
        "bind": f"{host}:{port}",
        "workers": workers or DEFAULT_WORKERS,
        "threads": threads or DEFAULT_THREADS,
        "worker_class": WaitressWorker,
        "preload_app": True,
        "timeout": 30,
        "graceful_timeout": int(GRACEFUL_SECONDS),
        "errorlog": "-",
        "loglevel": "info",
    }


def serve(
    host: str,
    port: int,
    workers: int | None = None,
    threads: int | None = None,
    *,
    app_factory: Callable[[], Flask] = create_app,
) -> None:
    """Run the endpoint until interrupted (``heart-to-heart serve``).

    Flask's development server is neither robust nor fast enough to face
    Alexa. TLS is terminated in front of this server (see the README), so it
    should listen on loopback or a private interface.
    """
    # Without a handler the skill's INFO lines would be lost; basicConfig is a no-op if set.
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    _GunicornServer(app_factory, gunicorn_options(host, port, workers, threads)).run()
