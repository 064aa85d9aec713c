"""A small DynamoDB client on the standard library: SigV4-signed JSON over one kept-alive socket.

Why not botocore on the hot path: importing ``botocore.session`` and building
a DynamoDB client costs a Lambda cold start 250 ms on its own (the import
pulls in urllib3, the credential chain and the endpoint-rule engine; the
client parses the whole service model), more than the rest of the skill. The
store needs six operations of one JSON protocol, signed with keys Lambda puts
in the environment, so this module speaks that protocol directly: it signs a
request (Signature Version 4), posts it, checks the CRC32 DynamoDB sends, and
hands back the parsed JSON, exactly the shapes botocore's low-level client
returns for this service.

It keeps botocore's contract where the store and its tools rely on it:

* errors are botocore's own :class:`~botocore.exceptions.ClientError` (with
  ``Error.Code``, ``Error.Message`` and the modelled fields such as ``Item``
  and ``CancellationReasons``) and :class:`~botocore.exceptions.BotoCoreError`
  subclasses for the network, so the store's handling is the same for both;
* the retry policy is botocore's standard mode: at most three attempts, on
  throttling, 5xx, a broken connection or a bad checksum, with jittered
  exponential backoff, never past the request's deadline;
* ``meta.events`` emits the four botocore events the project listens to
  (``provide-client-params``, ``before-call``, ``before-send``, ``after-call``)
  at the same points, so the call counter, the capacity meter and the
  store's deadline guard work on either client;
* ``TransactWriteItems`` gets a ``ClientRequestToken`` when none is given, so
  a retried transaction that had landed answers success, as botocore's does.

Only credentials from the environment are read here (Lambda always sets
them); anything else (profiles, SSO, instance roles) is botocore's job, and
:func:`http_client_from_environment` says when to fall back to it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import ssl
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    HTTPClientError,
    ReadTimeoutError,
)
from botocore.exceptions import ConnectionError as BotocoreConnectionError

from skill.http1 import Connection, HttpError
from skill.storage.deadline import seconds_left

JsonDict = dict[str, Any]

#: The JSON protocol's version prefix of ``X-Amz-Target``.
TARGET_PREFIX = "DynamoDB_20120810."
#: The partitions whose DynamoDB endpoint is ``dynamodb.<region>.<suffix>``, by region prefix.
_PARTITION_SUFFIXES = (("cn-", "amazonaws.com.cn"), ("", "amazonaws.com"))
#: Region prefixes of partitions (ISO, EU sovereign…) whose endpoints this module does not know.
_UNKNOWN_PARTITIONS = ("us-iso", "eusc-")

#: Error codes botocore's standard retry mode retries (throttling and transient faults).
RETRYABLE_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "RequestTimeout",
        "RequestTimeoutException",
        "InternalServerError",
    }
)
#: HTTP statuses retried whatever the error code says.
RETRYABLE_STATUSES = frozenset({500, 502, 503, 504})
#: Errors of the network or the wire that are retried (botocore's ``ConnectionError`` family
#: and ``HTTPClientError``, which holds read timeouts).
TRANSIENT_ERRORS: tuple[type[BotoCoreError], ...] = (BotocoreConnectionError, HTTPClientError)
#: Backoff before retry n (1, 2…): a random wait up to BACKOFF_BASE * 2 ** (n - 1) seconds.
BACKOFF_BASE = 0.05
#: The largest answer read: a Query returns at most 1 MB of items, so anything far past that
#: is not DynamoDB talking.
MAX_ANSWER_BYTES = 4 * 1024 * 1024


class ResponseChecksumMismatch(HTTPClientError):
    """The body DynamoDB sent does not match its ``x-amz-crc32`` header (damaged on the way)."""

    fmt = "DynamoDB's response from {endpoint_url} failed its CRC32 check."


@dataclass(frozen=True)
class Credentials:
    """An access key, its secret and, for temporary keys (Lambda's), the session token."""

    access_key: str
    secret_key: str
    token: str | None = None


@dataclass(frozen=True)
class OperationModel:
    """What botocore's handlers receive as ``model``: here only the operation's name."""

    name: str


@dataclass(frozen=True)
class PreparedRequest:
    """What botocore's ``before-send`` handlers receive as ``request``: the signed request."""

    url: str
    body: bytes
    headers: dict[str, str]


@dataclass(frozen=True)
class _Handler:
    event: str
    handler: Callable[..., Any]
    unique_id: str | None


class ClientEvents:
    """The part of botocore's event system this project uses: register, unregister, emit.

    A handler registered for ``before-send.dynamodb`` hears ``before-send.dynamodb.Query``
    and every other operation, as in botocore. Registration is rare and emitting frequent,
    so the handler list is copied on write and read without a lock.
    """

    def __init__(self) -> None:
        self._handlers: tuple[_Handler, ...] = ()
        self._lock = threading.Lock()

    def register(
        self, event_name: str, handler: Callable[..., Any], unique_id: str | None = None
    ) -> None:
        """Call ``handler`` on ``event_name`` and its sub-events, after those already there."""
        self._add(_Handler(event_name, handler, unique_id), first=False)

    def register_first(
        self, event_name: str, handler: Callable[..., Any], unique_id: str | None = None
    ) -> None:
        """Like :meth:`register`, but before every handler already there."""
        self._add(_Handler(event_name, handler, unique_id), first=True)

    def _add(self, entry: _Handler, *, first: bool) -> None:
        with self._lock:
            if entry.unique_id is not None and any(
                h.unique_id == entry.unique_id for h in self._handlers
            ):
                return  # botocore ignores a second registration under the same id.
            self._handlers = (entry, *self._handlers) if first else (*self._handlers, entry)

    def unregister(
        self,
        event_name: str,
        handler: Callable[..., Any] | None = None,
        unique_id: str | None = None,
    ) -> None:
        """Remove the handler registered under ``unique_id`` (or the one given) for the event."""
        with self._lock:
            self._handlers = tuple(
                h
                for h in self._handlers
                if not (
                    h.event == event_name
                    and (
                        h.unique_id == unique_id if unique_id is not None else h.handler == handler
                    )
                )
            )

    def emit(self, event_name: str, **kwargs: Any) -> None:
        """Call every handler registered for ``event_name`` or one of its prefixes."""
        for entry in self._handlers:
            if event_name == entry.event or event_name.startswith(entry.event + "."):
                entry.handler(event_name=event_name, **kwargs)


@dataclass(frozen=True)
class ClientMeta:
    """``client.meta`` as the project reads it: the events, and no botocore retry config."""

    events: ClientEvents
    endpoint_url: str
    #: botocore keeps the client's Config here; this client has its own retry policy.
    config: None = None


def endpoint_for(region: str) -> str | None:
    """DynamoDB's public endpoint in ``region`` (None: a partition this module does not know)."""
    if region.startswith(_UNKNOWN_PARTITIONS):
        return None
    suffix = next(s for prefix, s in _PARTITION_SUFFIXES if region.startswith(prefix))
    return f"https://dynamodb.{region}.{suffix}"


def http_client_from_environment(
    env: Mapping[str, str], *, connect_timeout: float, read_timeout: float, total_attempts: int
) -> DynamoDBHttpClient | None:
    """This client, set up from the usual AWS variables, or None when botocore is needed.

    It needs a region (``AWS_REGION`` as Lambda sets it, or ``AWS_DEFAULT_REGION``) and
    keys in the environment (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, and
    ``AWS_SESSION_TOKEN`` for temporary ones); the endpoint is
    ``AWS_ENDPOINT_URL_DYNAMODB`` or ``AWS_ENDPOINT_URL`` when set (DynamoDB Local),
    else the region's public one. Without keys in the environment, or in a partition
    whose endpoints are not the public pattern, botocore's credential chain and
    endpoint rules are the right tool, and None says so.
    """
    region = (env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "").strip()
    access_key = env.get("AWS_ACCESS_KEY_ID", "").strip()
    secret_key = env.get("AWS_SECRET_ACCESS_KEY", "").strip()
    if not (region and access_key and secret_key):
        return None
    endpoint = (
        env.get("AWS_ENDPOINT_URL_DYNAMODB") or env.get("AWS_ENDPOINT_URL") or ""
    ).strip() or endpoint_for(region)
    if endpoint is None:
        return None
    token = env.get("AWS_SESSION_TOKEN", "").strip() or None
    return DynamoDBHttpClient(
        endpoint,
        region,
        Credentials(access_key, secret_key, token),
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        total_attempts=total_attempts,
    )


class DynamoDBHttpClient:
    """DynamoDB's low-level operations that the store uses, over plain HTTP(S).

    Thread-safe: each thread keeps its own connection (a connection carries one
    request at a time), opened on first use and kept alive between requests.
    """

    def __init__(
        self,
        endpoint_url: str,
        region: str,
        credentials: Credentials,
        *,
        connect_timeout: float,
        read_timeout: float,
        total_attempts: int,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        parts = urlsplit(endpoint_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"Not a DynamoDB endpoint URL: {endpoint_url!r}")
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port or (443 if self._https else 80)
        # The Host header as signed: the port only when it is not the scheme's own.
        self._host_header = parts.netloc
        self._region = region
        self._credentials = credentials
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._total_attempts = total_attempts
        self._clock = clock
        self._sleep = sleep
        self._local = threading.local()
        self._tls: ssl.SSLContext | None = None
        self._signing_keys: dict[str, bytes] = {}
        self.meta = ClientMeta(ClientEvents(), endpoint_url)

    # The operations, named as botocore names them so the store reads the same either way.
    def query(self, **params: Any) -> JsonDict:
        return self.call("Query", params)

    def put_item(self, **params: Any) -> JsonDict:
        return self.call("PutItem", params)

    def delete_item(self, **params: Any) -> JsonDict:
        return self.call("DeleteItem", params)

    def batch_write_item(self, **params: Any) -> JsonDict:
        return self.call("BatchWriteItem", params)

    def transact_write_items(self, **params: Any) -> JsonDict:
        # An idempotency token, as botocore fills it, so a retry of a landed write succeeds.
        return self.call("TransactWriteItems", {"ClientRequestToken": str(uuid.uuid4()), **params})

    def describe_table(self, **params: Any) -> JsonDict:
        return self.call("DescribeTable", params)

    def call(self, operation: str, params: JsonDict) -> JsonDict:
        """One API operation: sign, send, retry by the standard policy, parse."""
        model = OperationModel(operation)
        events = self.meta.events
        params = dict(params)
        events.emit(f"provide-client-params.dynamodb.{operation}", params=params, model=model)
        events.emit(f"before-call.dynamodb.{operation}", params=params, model=model)
        body = json.dumps(params, separators=(",", ":")).encode()
        attempt = 1
        while True:
            # Signed for each attempt, as botocore does: a retry carries its own date.
            request = PreparedRequest(
                self.meta.endpoint_url, body, self._signed_headers(operation, body)
            )
            try:
                # An error raised by a handler counts as the attempt's, as in botocore.
                events.emit(f"before-send.dynamodb.{operation}", request=request, model=model)
                parsed = self._attempt(request)
            except (ClientError, BotoCoreError) as error:
                delay = random.uniform(0, BACKOFF_BASE * 2 ** (attempt - 1))
                if not _retryable(error) or not self._may_retry(attempt, delay):
                    raise
                self._sleep(delay)
                attempt += 1
                continue
            events.emit(f"after-call.dynamodb.{operation}", parsed=parsed, model=model)
            return parsed

    def _may_retry(self, attempts_made: int, delay: float) -> bool:
        """Another attempt is allowed, and its backoff and one whole attempt fit the deadline."""
        if attempts_made >= self._total_attempts:
            return False
        left = seconds_left()
        return left is None or left >= delay + self._connect_timeout + self._read_timeout

    def _attempt(self, request: PreparedRequest) -> JsonDict:
        """One HTTP request and its parsed answer; failures are botocore's errors."""
        url = self.meta.endpoint_url
        try:
            connection = self._connection()
        except TimeoutError:
            raise ConnectTimeoutError(endpoint_url=url) from None
        except OSError:
            raise EndpointConnectionError(endpoint_url=url) from None
        try:
            answer = connection.exchange(
                "POST", "/", request.headers, request.body, max_body=MAX_ANSWER_BYTES
            )
        except TimeoutError:
            self._drop_connection()
            raise ReadTimeoutError(endpoint_url=url) from None
        except (HttpError, OSError) as exc:
            self._drop_connection()
            raise ConnectionClosedError(endpoint_url=url, error=exc) from None
        checksum = answer.headers.get("x-amz-crc32")
        if checksum is not None and (
            not checksum.isdigit() or int(checksum) != zlib.crc32(answer.body)
        ):
            self._drop_connection()
            raise ResponseChecksumMismatch(endpoint_url=url)
        if not answer.reusable:
            self._drop_connection()
        parsed: JsonDict = json.loads(answer.body) if answer.body else {}
        if answer.status != 200:
            operation = request.headers["x-amz-target"].removeprefix(TARGET_PREFIX)
            raise _client_error(
                operation, answer.status, parsed, answer.headers.get("x-amzn-requestid")
            )
        return parsed

    # Connections -------------------------------------------------------------------------

    def _connection(self) -> Connection:
        """This thread's open connection, made anew when there is none or the peer closed it."""
        connection: Connection | None = getattr(self._local, "connection", None)
        if connection is not None and connection.closed_by_peer():
            self._drop_connection()
            connection = None
        if connection is None:
            connection = Connection(
                self._host,
                self._port,
                tls=self._tls_context() if self._https else None,
                connect_timeout=self._connect_timeout,
                read_timeout=self._read_timeout,
            )
            self._local.connection = connection
        return connection

    def _drop_connection(self) -> None:
        connection: Connection | None = getattr(self._local, "connection", None)
        self._local.connection = None
        if connection is not None:
            connection.close()

    def _tls_context(self) -> ssl.SSLContext:
        """The system's trust store, loaded once (it costs milliseconds), on the first HTTPS use."""
        if self._tls is None:
            self._tls = ssl.create_default_context()
        return self._tls

    # Signature Version 4 ------------------------------------------------------------------

    def _signed_headers(self, operation: str, body: bytes) -> dict[str, str]:
        """The request's headers with its SigV4 ``Authorization``."""
        now = self._clock()
        amz_date = now.strftime("%Y%m%dT%H%M%SZ")
        day = amz_date[:8]
        headers = {
            "content-type": "application/x-amz-json-1.0",
            "host": self._host_header,
            "x-amz-date": amz_date,
            "x-amz-target": TARGET_PREFIX + operation,
        }
        if self._credentials.token:
            headers["x-amz-security-token"] = self._credentials.token
        names = sorted(headers)
        signed = ";".join(names)
        canonical = "\n".join(
            [
                "POST",
                "/",
                "",
                "".join(f"{name}:{headers[name].strip()}\n" for name in names),
                signed,
                hashlib.sha256(body).hexdigest(),
            ]
        )
        scope = f"{day}/{self._region}/dynamodb/aws4_request"
        to_sign = "\n".join(
            ["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()]
        )
        signature = hmac.new(self._signing_key(day), to_sign.encode(), hashlib.sha256).hexdigest()
        headers["authorization"] = (
            f"AWS4-HMAC-SHA256 Credential={self._credentials.access_key}/{scope},"
            f" SignedHeaders={signed}, Signature={signature}"
        )
        return headers

    def _signing_key(self, day: str) -> bytes:
        """The day's derived key (four HMACs), kept for the day it belongs to."""
        key = self._signing_keys.get(day)
        if key is None:
            key = ("AWS4" + self._credentials.secret_key).encode()
            for part in (day, self._region, "dynamodb", "aws4_request"):
                key = hmac.new(key, part.encode(), hashlib.sha256).digest()
            self._signing_keys = {day: key}
        return key


def _retryable(error: ClientError | BotoCoreError) -> bool:
    """botocore's standard-mode decision: throttling, 5xx, and network or checksum faults."""
    if isinstance(error, ClientError):
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        code = error.response.get("Error", {}).get("Code", "")
        return status in RETRYABLE_STATUSES or code in RETRYABLE_CODES
    return isinstance(error, TRANSIENT_ERRORS)


def _code(parsed: JsonDict) -> str:
    """The error code of a DynamoDB error body: ``__type`` after its ``#``."""
    return str(parsed.get("__type", "")).rpartition("#")[2] or "Unknown"


def _client_error(
    operation: str, status: int, parsed: JsonDict, request_id: str | None
) -> ClientError:
    """botocore's ClientError for an error answer, its modelled fields kept beside ``Error``."""
    message = str(parsed.get("message") or parsed.get("Message") or "")
    response: JsonDict = {
        key: value for key, value in parsed.items() if key not in ("__type", "message", "Message")
    }
    response["Error"] = {"Code": _code(parsed), "Message": message}
    response["ResponseMetadata"] = {"HTTPStatusCode": status, "RequestId": request_id or ""}
    return ClientError(response, operation)  # type: ignore[arg-type]
