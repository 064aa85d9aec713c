"""The store's small DynamoDB client, apart from DynamoDB: its signature, its choice of
endpoint, its events and its retry policy. The store contract and the fault tests run it
against DynamoDB Local."""

from __future__ import annotations

import json
import threading
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotocoreCredentials
from botocore.exceptions import ClientError, ReadTimeoutError

from skill.storage.deadline import store_deadline
from skill.storage.dynamodb_http import (
    ClientEvents,
    Credentials,
    DynamoDBHttpClient,
    ResponseChecksumMismatch,
    endpoint_for,
    http_client_from_environment,
)
from tests.support.fresh_interpreter import loaded_after

WHEN = datetime(2026, 11, 25, 21, 4, 5, tzinfo=UTC)
KEYS = {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG"}


def client_at(endpoint: str, token: str | None = None, attempts: int = 3) -> DynamoDBHttpClient:
    return DynamoDBHttpClient(
        endpoint,
        "eu-west-1",
        Credentials(KEYS["AWS_ACCESS_KEY_ID"], KEYS["AWS_SECRET_ACCESS_KEY"], token),
        connect_timeout=0.3,
        read_timeout=0.7,
        total_attempts=attempts,
        clock=lambda: WHEN,
        sleep=lambda seconds: None,
    )


@pytest.mark.parametrize("token", [None, "FQoGZXIvYXdzEXAMPLE"])
def test_the_signature_is_the_one_botocore_computes(
    token: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_at("https://dynamodb.eu-west-1.amazonaws.com", token)
    body = json.dumps({"TableName": "households", "Key": {"pk": {"S": "HOUSEHOLD#a"}}}).encode()

    ours = client._signed_headers("GetItem", body)

    theirs = AWSRequest(
        method="POST",
        url="https://dynamodb.eu-west-1.amazonaws.com/",
        data=body,
        headers={
            "content-type": ours["content-type"],
            "x-amz-target": ours["x-amz-target"],
        },
    )
    signer = SigV4Auth(
        BotocoreCredentials(KEYS["AWS_ACCESS_KEY_ID"], KEYS["AWS_SECRET_ACCESS_KEY"], token),
        "dynamodb",
        "eu-west-1",
    )
    monkeypatch.setattr("botocore.auth.get_current_datetime", lambda: WHEN.replace(tzinfo=None))
    signer.add_auth(theirs)
    assert ours["authorization"] == theirs.headers["Authorization"]
    assert ours["x-amz-date"] == theirs.headers["X-Amz-Date"]
    assert ours.get("x-amz-security-token") == theirs.headers.get("X-Amz-Security-Token")


@pytest.mark.parametrize(
    ("region", "endpoint"),
    [
        ("us-east-1", "https://dynamodb.us-east-1.amazonaws.com"),
        ("eu-central-2", "https://dynamodb.eu-central-2.amazonaws.com"),
        ("cn-north-1", "https://dynamodb.cn-north-1.amazonaws.com.cn"),
        ("us-gov-west-1", "https://dynamodb.us-gov-west-1.amazonaws.com"),
        ("us-iso-east-1", None),
        ("eusc-de-east-1", None),
    ],
)
def test_public_endpoints_by_partition(region: str, endpoint: str | None) -> None:
    assert endpoint_for(region) == endpoint


def from_env(**env: str) -> DynamoDBHttpClient | None:
    return http_client_from_environment(
        env, connect_timeout=0.3, read_timeout=0.7, total_attempts=3
    )


def test_keys_and_a_region_in_the_environment_choose_the_small_client() -> None:
    client = from_env(AWS_REGION="eu-west-1", **KEYS)
    assert client is not None
    assert client.meta.endpoint_url == "https://dynamodb.eu-west-1.amazonaws.com"
    local = from_env(
        AWS_DEFAULT_REGION="us-east-1", AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:8000", **KEYS
    )
    assert local is not None and local.meta.endpoint_url == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    "env",
    [
        {"AWS_REGION": "eu-west-1"},  # keys from a profile, SSO or a role: botocore's chain
        {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_REGION": "eu-west-1"},
        KEYS,  # no region
        {"AWS_REGION": "us-iso-east-1", **KEYS},  # endpoints this client does not know
    ],
)
def test_anything_else_is_left_to_botocore(env: dict[str, str]) -> None:
    assert from_env(**env) is None


def test_events_reach_handlers_of_the_event_and_its_prefixes_until_unregistered() -> None:
    events = ClientEvents()
    heard: list[str] = []
    events.register("before-send.dynamodb", lambda **kw: heard.append("all"), unique_id="a")
    events.register("before-send.dynamodb.Query", lambda **kw: heard.append("query"))
    events.register_first("before-send", lambda **kw: heard.append("first"), unique_id="f")
    events.register("before-send.dynamodb", lambda **kw: heard.append("again"), unique_id="a")

    events.emit("before-send.dynamodb.Query")
    events.emit("before-send.dynamodb.PutItem")
    events.emit("before-sendx.dynamodb.PutItem")
    events.unregister("before-send.dynamodb", unique_id="a")
    events.emit("before-send.dynamodb.PutItem")

    assert heard == ["first", "all", "query", "first", "all", "first"]


class Scripted:
    """A loopback HTTP server that answers each POST with the next scripted answer."""

    def __init__(self, answers: list[tuple[int, dict[str, Any], bool]]) -> None:
        self.answers = answers
        self.targets: list[str] = []
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                scripted.targets.append(self.headers["X-Amz-Target"])
                status, body, good_checksum = scripted.answers.pop(0)
                data = json.dumps(body).encode()
                checksum = zlib.crc32(data) + (0 if good_checksum else 1)
                self.send_response(status)
                self.send_header("Content-Type", "application/x-amz-json-1.0")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("x-amz-crc32", str(checksum))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def scripted() -> Iterator[list[Scripted]]:
    made: list[Scripted] = []
    yield made
    for server in made:
        server.server.shutdown()
        server.server.server_close()


def serve(made: list[Scripted], *answers: tuple[int, dict[str, Any], bool]) -> Scripted:
    made.append(Scripted(list(answers)))
    return made[-1]


THROTTLED = (400, {"__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException"}, True)
FOUND = (200, {"Items": [], "Count": 0}, True)


def test_throttling_and_bad_checksums_are_retried_on_one_kept_alive_connection(
    scripted: list[Scripted],
) -> None:
    server = serve(scripted, THROTTLED, (200, {"Items": []}, False), FOUND)
    client = client_at(server.endpoint)
    sent: list[str] = []
    client.meta.events.register("before-send.dynamodb", lambda **kw: sent.append("attempt"))

    assert client.query(TableName="t") == {"Items": [], "Count": 0}

    assert len(sent) == 3
    assert server.targets == ["DynamoDB_20120810.Query"] * 3


def test_attempts_stop_at_the_limit_with_the_last_error(scripted: list[Scripted]) -> None:
    server = serve(scripted, THROTTLED, THROTTLED, (200, {}, False))
    with pytest.raises(ResponseChecksumMismatch):
        client_at(server.endpoint).query(TableName="t")


def test_a_condition_failure_is_botocores_client_error_with_its_item(
    scripted: list[Scripted],
) -> None:
    item = {"pk": {"S": "HOUSEHOLD#a"}, "version": {"N": "3"}}
    body = {
        "__type": "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
        "message": "The conditional request failed",
        "Item": item,
    }
    server = serve(scripted, (400, body, True))
    with pytest.raises(ClientError) as caught:
        client_at(server.endpoint).put_item(TableName="t", Item=item)
    assert caught.value.response["Error"] == {
        "Code": "ConditionalCheckFailedException",
        "Message": "The conditional request failed",
    }
    assert caught.value.response["Item"] == item  # type: ignore[typeddict-item]
    assert server.targets == ["DynamoDB_20120810.PutItem"]  # not retried


def test_no_retry_is_started_that_could_end_past_the_deadline(scripted: list[Scripted]) -> None:
    import time

    server = serve(scripted, THROTTLED, FOUND)
    with store_deadline(time.monotonic() + 0.5), pytest.raises(ClientError):
        client_at(server.endpoint).query(TableName="t")
    assert len(server.targets) == 1


def test_a_silent_table_is_a_read_timeout(scripted: list[Scripted]) -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    try:
        client = client_at(f"http://127.0.0.1:{listener.getsockname()[1]}", attempts=1)
        with pytest.raises(ReadTimeoutError):
            client.query(TableName="t")
    finally:
        listener.close()


def test_transactions_carry_an_idempotency_token(scripted: list[Scripted]) -> None:
    server = serve(scripted, (200, {}, True))
    client = client_at(server.endpoint)
    asked: list[dict[str, Any]] = []
    client.meta.events.register(
        "before-call.dynamodb", lambda params, **kw: asked.append(dict(params))
    )
    client.transact_write_items(TransactItems=[])
    assert len(asked[0]["ClientRequestToken"]) == 36


def test_the_lambda_path_loads_no_botocore_client_machinery() -> None:
    """The point of the small client: the store, its client and a call need none of botocore
    but its exception classes (botocore.client, .session and urllib3 cost 250 ms cold), nor
    http.client and the email parser it brings."""
    code = (
        "import os\n"
        "os.environ.update(AWS_REGION='eu-west-1', AWS_ACCESS_KEY_ID='a',"
        " AWS_SECRET_ACCESS_KEY='b', AWS_ENDPOINT_URL_DYNAMODB='http://127.0.0.1:9')\n"
        "from skill.storage.dynamodb import DynamoDbStore\n"
        "DynamoDbStore('households').client"
    )
    machinery = (
        "botocore.client",
        "botocore.session",
        "urllib3",
        "botocore.retries.standard",
        "http.client",
        "email.parser",
    )
    assert loaded_after(code, machinery) == []
