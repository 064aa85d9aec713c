"""The served web endpoint with a private certificate authority, for the load benchmark.

``bench/web_load.py`` starts this module in a subprocess. It serves the same
app through the same server and settings as ``heart-to-heart serve``; the only
difference is where trust comes from: the root in ``HTH_BENCH_ROOT_PEM``
instead of the system bundle, and the chain in ``HTH_BENCH_CHAIN_PEM``
instead of a download from S3. URL checks, chain validation, caching and
signature checks all run for real. It always listens on loopback.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

from flask import Flask

from skill.web.app import create_app
from skill.web.server import serve
from skill.web.verification import CertificateCache, RequestVerifier, load_trusted_roots

HOST = "127.0.0.1"


def bench_app() -> Flask:
    """The endpoint configured from the environment, trusting only the benchmark's CA."""
    roots = load_trusted_roots(Path(os.environ["HTH_BENCH_ROOT_PEM"]))
    chain = Path(os.environ["HTH_BENCH_CHAIN_PEM"]).read_bytes()
    certificates = CertificateCache(trusted_roots=roots, fetch=lambda url: chain)
    return create_app(verifier=RequestVerifier(certificates))


def main(app_factory: Callable[[], Flask] = bench_app, description: str = __doc__) -> None:
    """Serve ``app_factory``'s app on loopback with ``serve``'s server (options from argv)."""
    parser = argparse.ArgumentParser(description=description.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--threads", type=int)
    args = parser.parse_args()
    serve(HOST, args.port, args.workers, args.threads, app_factory=app_factory)


if __name__ == "__main__":
    main()
