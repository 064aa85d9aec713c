"""The served endpoint with faults that ``make soak`` can switch on, on loopback only.

``bench/soak.py`` starts this module in a subprocess. It serves the real app
through ``heart-to-heart serve``'s server with the benchmark's private CA (as
``bench/web_server.py`` does), plus four things a test needs to provoke:

* a turn that never ends: an ``IntentRequest`` for ``SoakHangIntent`` sleeps
  (bounded at two minutes, so even this stops by itself);
* a store whose health check hangs while the file ``HTH_SOAK_STORE_HANG`` exists;
* certificate downloads that are counted (one line each in ``HTH_SOAK_FETCH_LOG``)
  and fail for every URL but the benchmark's own;
* a server clock ``HTH_SOAK_CLOCK_OFFSET`` seconds off.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta
from pathlib import Path

from flask import Flask

from bench import web_server
from skill.local.envelope import JsonDict
from skill.web.app import create_app
from skill.web.verification import (
    CertificateCache,
    CertificateDownloadError,
    RequestVerifier,
    load_trusted_roots,
    utc_now,
)
from tests.support.alexa_pki import CERT_URL

HANG_INTENT = "SoakHangIntent"
HANG_MAX_SECONDS = 120.0
STORE_HANG_MAX_SECONDS = 60.0


def _hangs(envelope: JsonDict) -> bool:
    request = envelope.get("request") or {}
    return bool(request.get("type") == "IntentRequest" and request["intent"]["name"] == HANG_INTENT)


def soak_app() -> Flask:
    """The endpoint configured from the environment, with the soak's faults wired in."""
    from skill import app as skill_app

    env = os.environ
    roots = load_trusted_roots(Path(env["HTH_BENCH_ROOT_PEM"]))
    chain = Path(env["HTH_BENCH_CHAIN_PEM"]).read_bytes()
    fetch_log = Path(env["HTH_SOAK_FETCH_LOG"])
    store_hang = Path(env["HTH_SOAK_STORE_HANG"])
    offset = timedelta(seconds=float(env.get("HTH_SOAK_CLOCK_OFFSET", "0")))

    def clock() -> datetime:
        return utc_now() + offset

    def fetch(url: str) -> bytes:
        with fetch_log.open("a") as log:
            log.write("download\n")
        if url != CERT_URL:
            raise CertificateDownloadError("not found")
        return chain

    def handle_event(envelope: JsonDict) -> JsonDict:
        if _hangs(envelope):
            stop_at = time.monotonic() + HANG_MAX_SECONDS
            while time.monotonic() < stop_at:
                time.sleep(0.05)
        return skill_app.handle_event(envelope)

    def check_store() -> None:
        stop_at = time.monotonic() + STORE_HANG_MAX_SECONDS
        while store_hang.exists() and time.monotonic() < stop_at:
            time.sleep(0.05)
        skill_app.check_store()

    certificates = CertificateCache(trusted_roots=roots, fetch=fetch, clock=clock)
    return create_app(
        verifier=RequestVerifier(certificates, clock=clock),
        handle_event=handle_event,
        check_store=check_store,
    )


if __name__ == "__main__":
    web_server.main(soak_app, __doc__ or "")
