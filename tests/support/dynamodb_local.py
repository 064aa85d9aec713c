"""Run a real DynamoDB Local for the test session.

Unless ``AWS_ENDPOINT_URL_DYNAMODB`` already points somewhere, the session
starts DynamoDB Local in memory on a free port (fetching it first on a fresh
machine), points boto3 at it through the environment and stops it at the end.
Each test that needs a table gets a fresh one, so tests never see each other's
households.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from skill.storage.dynamodb import DynamoDbStore

REPO = Path(__file__).resolve().parents[2]
FETCH_SCRIPT = REPO / "scripts" / "fetch-dynamodb-local.sh"
#: Seconds to wait for the JVM to answer; it usually takes two or three.
START_TIMEOUT = 60


def install_dir() -> Path:
    """Where scripts/fetch-dynamodb-local.sh caches DynamoDB Local."""
    default = Path.home() / ".cache" / "heart-to-heart" / "dynamodb-local"
    return Path(os.environ.get("DYNAMODB_LOCAL_DIR") or default)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers(endpoint: str) -> bool:
    """Whether an HTTP server answers at ``endpoint`` (DynamoDB Local says 400 to a bare GET)."""
    try:
        urllib.request.urlopen(endpoint, timeout=1).close()
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


def start_dynamodb_local(directory: Path, log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start DynamoDB Local in memory on a free port and wait until it answers."""
    if not (directory / "DynamoDBLocal.jar").is_file():
        subprocess.run([str(FETCH_SCRIPT)], check=True)
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    command = [
        "java",
        "-Djava.library.path=DynamoDBLocal_lib",
        "-jar",
        "DynamoDBLocal.jar",
        "-inMemory",
        "-port",
        str(port),
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=directory, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT
    while not answers(endpoint):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise RuntimeError(
                f"DynamoDB Local did not start; its output:\n{log_path.read_text(errors='replace')}"
            )
        time.sleep(0.05)
    return process, endpoint


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the JVM, forcefully if it does not exit promptly."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def dynamodb_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The DynamoDB endpoint for this session, with boto3's environment pointing at it."""
    with pytest.MonkeyPatch.context() as env:
        # DynamoDB Local accepts any credentials, but boto3 refuses to sign without some.
        env.setenv("AWS_DEFAULT_REGION", os.environ.get("AWS_DEFAULT_REGION", "us-east-1"))
        env.setenv("AWS_ACCESS_KEY_ID", os.environ.get("AWS_ACCESS_KEY_ID", "testing"))
        env.setenv("AWS_SECRET_ACCESS_KEY", os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"))
        existing = os.environ.get("AWS_ENDPOINT_URL_DYNAMODB")
        if existing:
            yield existing
            return
        log_path = tmp_path_factory.mktemp("dynamodb-local") / "dynamodb-local.log"
        process, endpoint = start_dynamodb_local(install_dir(), log_path)
        try:
            env.setenv("AWS_ENDPOINT_URL_DYNAMODB", endpoint)
            yield endpoint
        finally:
            stop(process)


@pytest.fixture
def dynamodb_table(dynamodb_endpoint: str) -> Iterator[str]:
    """A fresh, empty household table, deleted after the test."""
    # Imported here so sessions without DynamoDB tests never import boto3.
    from skill.storage.dynamodb import create_table, default_client

    name = f"households-{uuid.uuid4().hex[:12]}"
    client = default_client()
    create_table(name, client)
    yield name
    client.delete_table(TableName=name)


#: The store's two clients: its own small one (Lambda's, whenever keys are in the environment)
#: and botocore's (everywhere else).
CLIENTS = ("http", "botocore")


def dynamodb_store_with(table: str, client: str) -> DynamoDbStore:
    """A DynamoDbStore on ``table`` through one of :data:`CLIENTS`."""
    from skill.storage.dynamodb import DynamoDbStore, default_client, store_client

    return DynamoDbStore(table, client_factory=store_client if client == "http" else default_client)


@pytest.fixture(params=CLIENTS, ids=[f"{client}-client" for client in CLIENTS])
def dynamodb_client_kind(request: pytest.FixtureRequest) -> str:
    """Each of :data:`CLIENTS` in turn, for tests that build their own store (:func:`store_at`)."""
    return str(request.param)


@pytest.fixture(params=CLIENTS, ids=[f"{client}-client" for client in CLIENTS])
def dynamodb_store(request: pytest.FixtureRequest, dynamodb_table: str) -> DynamoDbStore:
    """A DynamoDbStore on a fresh table, through each client in turn."""
    return dynamodb_store_with(dynamodb_table, request.param)


def store_at(endpoint: str, table: str, client: str) -> DynamoDbStore:
    """A store on ``table`` whose client (production configuration) talks to ``endpoint``, for
    example a :class:`~tests.support.loopback_proxy.LoopbackProxy` before DynamoDB Local."""
    import boto3

    from skill.storage.dynamodb import (
        CONNECT_TIMEOUT,
        READ_TIMEOUT,
        TOTAL_ATTEMPTS,
        DynamoDbStore,
        botocore_config,
    )
    from skill.storage.dynamodb_http import http_client_from_environment

    def botocore_client() -> Any:
        return boto3.session.Session().client(
            "dynamodb", endpoint_url=endpoint, config=botocore_config()
        )

    def http_client() -> Any:
        return http_client_from_environment(
            {**os.environ, "AWS_ENDPOINT_URL_DYNAMODB": endpoint},
            connect_timeout=CONNECT_TIMEOUT,
            read_timeout=READ_TIMEOUT,
            total_attempts=TOTAL_ATTEMPTS,
        )

    return DynamoDbStore(table, client_factory=http_client if client == "http" else botocore_client)
