"""The server that runs the web endpoint: gunicorn, driven from code.

``heart-to-heart serve`` needs no configuration file: the options are built
here for a small (two-core) host behind a TLS proxy.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from skill.web.app import create_app

JsonDict = dict[str, Any]

#: Two cores: one process per core (the GIL), a few threads each to overlap store I/O.
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 4


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

    ``gthread`` workers: Alexa sends modest traffic, store calls wait on I/O,
    and threads overlap that waiting cheaply. The app is built once in the
    master (``preload_app``) so a configuration error stops the start at once
    and the verification warning is logged once, not per worker. Alexa gives
    up after about 8 s, so a worker stuck for 30 s is recycled.
    """
    return {
        "bind": f"{host}:{port}",
        "workers": workers or DEFAULT_WORKERS,
        "threads": threads or DEFAULT_THREADS,
        "worker_class": "gthread",
        "preload_app": True,
        "timeout": 30,
        "graceful_timeout": 10,
        "keepalive": 5,
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
    """Run the endpoint under gunicorn until interrupted (``heart-to-heart serve``).

    Flask's development server is neither robust nor fast enough to face
    Alexa. TLS is terminated in front of this server (see the README), so it
    should listen on loopback or a private interface.
    """
    # Without a handler the skill's INFO lines would be lost; basicConfig is a no-op if set.
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    _GunicornServer(app_factory, gunicorn_options(host, port, workers, threads)).run()
