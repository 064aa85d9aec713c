"""The production household store: one DynamoDB table, a household per partition.

Items (``pk = HOUSEHOLD#<id>``):

* ``sk = PROFILE``: ``version`` (N), ``profile`` (M), the small shared document, and
  ``expires_at`` (N, the TTL attribute, moved on by every save);
* ``sk = NIGHT#YYYY-MM-DD``: ``doc`` (M) and ``expires_at`` (N, the TTL attribute).

A load is one strongly consistent Query of the partition; a save is one
conditional PutItem (profile only) or one TransactWriteItems (profile and
nights), so a request never costs more than one read and one write. The
client is built on first use, not at import, with short timeouts and at most
three attempts, and it starts no attempt that could end past the request's
deadline (:mod:`skill.storage.deadline`), so a failing table still leaves
time inside Alexa's 8 seconds. With keys in the environment, as on Lambda,
the client is :mod:`skill.storage.dynamodb_http` (a quarter of a second less
cold start than botocore's); otherwise it is botocore's, whose credential
chain knows profiles, SSO and instance roles.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, cast

from botocore.exceptions import BotoCoreError, ClientError, NoRegionError

if TYPE_CHECKING:
    import botocore.session
    from botocore.config import Config
    from mypy_boto3_dynamodb.client import DynamoDBClient
else:
    DynamoDBClient = Any

from skill.storage.attributes import from_attribute, to_attribute
from skill.storage.base import (
    HouseholdRecord,
    JsonDict,
    StoreConfigError,
    StoreError,
    VersionConflict,
    changed_nights,
)
from skill.storage.deadline import seconds_left
from skill.storage.dynamodb_http import http_client_from_environment
from skill.storage.expiry import household_expires_at, night_expires_at

#: The TTL attribute of every item (the profile's moves on with each save); DynamoDB deletes an
#: item up to a few days after this time, and reads leave out what is past it meanwhile.
TTL_ATTRIBUTE = "expires_at"

#: ``create_table`` keyword arguments (without ``TableName``); ``infra/`` must declare the same.
TABLE_DEFINITION: dict[str, Any] = {
    "KeySchema": [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ],
    "AttributeDefinitions": [
        {"AttributeName": "pk", "AttributeType": "S"},
        {"AttributeName": "sk", "AttributeType": "S"},
    ],
    "BillingMode": "PAY_PER_REQUEST",
}

#: DynamoDB answers in milliseconds; an attempt that has heard nothing for 0.7 s is hung, and one
#: whose connection is not open after 0.3 s will not open. Short attempts leave room for a retry
#: inside the request's store budget: two hung attempts fit in its 2.3 s, a third is refused by the
#: deadline guard below, so a hung table is answered with an apology in about 1.4 s.
CONNECT_TIMEOUT = 0.3
READ_TIMEOUT = 0.7
#: Every try of one call, the first included.
TOTAL_ATTEMPTS = 3

#: The longest one attempt can take: a connection opening just in time, then a read timing out.
ATTEMPT_SECONDS = CONNECT_TIMEOUT + READ_TIMEOUT


def botocore_config() -> Config:
    """The same timeouts and attempts for a botocore client.

    (botocore's ``max_attempts`` counts retries after the first try; ``total_max_attempts``
    counts every try, which is the limit meant here.) Made on demand because importing
    ``botocore.config`` loads botocore's HTTP stack, which the Lambda path never needs.
    """
    from botocore.config import Config

    return Config(
        retries={"mode": "standard", "total_max_attempts": TOTAL_ATTEMPTS},
        connect_timeout=CONNECT_TIMEOUT,
        read_timeout=READ_TIMEOUT,
    )


#: DynamoDB's cap on the items of one TransactWriteItems call (the profile plus the nights).
TRANSACTION_LIMIT = 100
#: DynamoDB's cap on the requests of one BatchWriteItem call.
BATCH_LIMIT = 25
#: Rounds of resending BatchWriteItem's UnprocessedItems before giving up.
BATCH_ROUNDS = 5

PROFILE_SK = "PROFILE"
NIGHT_PREFIX = "NIGHT#"

# Both the condition of a plain PutItem and of a transaction's profile Put.
_CONFLICT_CODES = {"ConditionalCheckFailed", "TransactionConflict"}

ClientFactory = Callable[[], DynamoDBClient]


class DeadlineReached(BotoCoreError):
    """No time is left in the request for another attempt at a DynamoDB call."""

    fmt = "Not enough time left in the request for another DynamoDB attempt."


def _attempt_only_in_time(**_: Any) -> None:
    """``before-send`` guard: refuse an attempt that could end after the request's deadline.

    Timeouts and retries bound one call (three attempts of at most a second plus
    backoff, which botocore makes up to three seconds for throttling errors),
    but a request makes a read and then a write, so only the request knows how
    much time is really left. Checking before every attempt, retries included,
    keeps the whole request inside its budget without tightening the retry
    policy for the healthy case: a slow first read still leaves its save a
    chance, and a save that cannot fit is refused at once instead of hanging,
    so the turn answers with an apology and keeps its changes for the next one.
    botocore treats the raised error as not retryable and hands it back.
    """
    left = seconds_left()
    if left is not None and left < ATTEMPT_SECONDS:
        raise DeadlineReached()


class _RetryOnlyInTime:
    """``needs-retry`` handler: botocore's standard retry decision, cut by the request's deadline.

    The ``before-send`` guard refuses an attempt that cannot fit, but botocore
    sleeps its backoff first, and for throttling that backoff is random up to a
    second, then two: a retry decided with 1.5 s left could sleep past the
    deadline before the guard ever sees it. So the decision itself is checked:
    a retry is taken only if its backoff and one whole attempt still fit;
    otherwise the error of the attempt just made is returned at once.
    """

    def __init__(self, decide: Callable[..., Any]) -> None:
        self._decide = decide

    def __call__(self, **kwargs: Any) -> Any:
        delay = self._decide(**kwargs)
        if isinstance(delay, int | float) and not isinstance(delay, bool):
            left = seconds_left()
            if left is not None and left < delay + ATTEMPT_SECONDS:
                return False
        return delay


def _bound_retries_by_deadline(client: DynamoDBClient) -> None:
    """Put :class:`_RetryOnlyInTime` around the client's standard retry handler.

    botocore keeps no reference to the handler it registered, so it is made
    again, exactly as botocore makes it for the client's configuration, and
    registered under botocore's own id in place of the first one. Clients in
    another retry mode are left as they are, and so is the small client (it has no
    botocore config: its own retry decision reads the deadline).
    """
    retries: dict[str, Any] = getattr(client.meta.config, "retries", None) or {}
    if retries.get("mode") != "standard":
        return
    # Here, not at the top: it loads botocore's utilities, which the small client never needs.
    from botocore.retries import standard

    events = client.meta.events
    unique_id = "retry-config-dynamodb"
    events.unregister("needs-retry.dynamodb", unique_id=unique_id)
    handler = standard.register_retry_handler(client, retries.get("total_max_attempts"))
    events.unregister("needs-retry.dynamodb", unique_id=unique_id)
    events.register(
        "needs-retry.dynamodb", _RetryOnlyInTime(handler.needs_retry), unique_id=unique_id
    )


_session: botocore.session.Session | None = None
_session_lock = threading.Lock()


def store_client() -> DynamoDBClient:
    """The store's client: :mod:`skill.storage.dynamodb_http` when the environment holds keys
    and a region (Lambda always does), else botocore's (:func:`default_client`).

    The small client answers the same calls with the same shapes and errors, so the
    store is typed against botocore's client for both.
    """
    client = http_client_from_environment(
        os.environ,
        connect_timeout=CONNECT_TIMEOUT,
        read_timeout=READ_TIMEOUT,
        total_attempts=TOTAL_ATTEMPTS,
    )
    return default_client() if client is None else cast("DynamoDBClient", client)


def default_client() -> DynamoDBClient:
    """A botocore DynamoDB client configured by the usual AWS settings.

    Region, credentials and endpoint come from the usual places
    (``AWS_DEFAULT_REGION``, ``AWS_ENDPOINT_URL_DYNAMODB``…), so the same code
    talks to AWS on Lambda and to DynamoDB Local in tests. The client comes
    from botocore directly: boto3 would only wrap the same call, and importing
    it costs a Lambda cold start about 20 ms more (its resource layer and
    s3transfer). One botocore session serves every client, so a second client
    reuses the models the first one loaded; the lock is there because a
    session, unlike its clients, is not safe to share between threads.
    Tools and tests use it for what the store never does (tables, scans).
    """
    import botocore.session

    global _session
    with _session_lock:
        if _session is None:
            _session = botocore.session.get_session()
        try:
            return cast(
                "DynamoDBClient", _session.create_client("dynamodb", config=botocore_config())
            )
        except NoRegionError:
            raise StoreConfigError(
                "The DynamoDB store needs an AWS region: set AWS_DEFAULT_REGION."
            ) from None


def _pk(household_id: str) -> JsonDict:
    return {"S": f"HOUSEHOLD#{household_id}"}


def _expired(item: JsonDict, now: int) -> bool:
    """Whether an item's TTL has passed (DynamoDB sweeps such items up to days later).

    A profile written before households expired has no TTL yet: it gets one on
    its next save.
    """
    ttl = item.get(TTL_ATTRIBUTE)
    return ttl is not None and int(ttl["N"]) <= now


def _stored_profile(item: JsonDict | None) -> HouseholdRecord | None:
    """The profile item a failed condition returned, as a record without nights (None: none)."""
    if not item or "profile" not in item:
        return None
    household_id = str(item["pk"]["S"]).removeprefix("HOUSEHOLD#")
    return HouseholdRecord(household_id, int(item["version"]["N"]), from_attribute(item["profile"]))


def _error_code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", "Unknown"))


class DynamoDbStore:
    """A :class:`~skill.storage.base.HouseholdStore` on one DynamoDB table."""

    def __init__(
        self,
        table_name: str,
        client_factory: ClientFactory = store_client,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """``clock``: now, in epoch seconds, for the TTL attributes (tests move it on)."""
        self.table_name = table_name
        self._client_factory = client_factory
        self._clock = clock
        self._client: DynamoDBClient | None = None
        self._client_lock = threading.Lock()

    @property
    def client(self) -> DynamoDBClient:
        """The DynamoDB client, built once on first use (botocore clients are thread-safe)."""
        if self._client is None:
            with self._client_lock:
                if self._client is None:
                    client = self._client_factory()
                    # First, so an attempt that cannot fit is refused before any stub or send.
                    client.meta.events.register_first(
                        "before-send.dynamodb",
                        _attempt_only_in_time,
                        unique_id="heart-to-heart-deadline",
                    )
                    _bound_retries_by_deadline(client)
                    self._client = client
        return self._client

    def _failure(self, operation: str, exc: ClientError | BotoCoreError) -> StoreError:
        """A StoreError naming the operation and error code only, never item contents."""
        if isinstance(exc, ClientError):
            code = _error_code(exc)
            if code == "ResourceNotFoundException":
                return StoreError(
                    f"DynamoDB table {self.table_name!r} does not exist:"
                    " run `heart-to-heart create-table`."
                )
        else:
            code = type(exc).__name__
        return StoreError(f"DynamoDB {operation} failed ({code}).")

    def _query(
        self, household_id: str, *, first_page_only: bool = False, **extra: Any
    ) -> Iterator[JsonDict]:
        """Every item of the household's partition, following pages (or the first page only,
        for a read bounded by ``Limit``)."""
        request: JsonDict = {
            "TableName": self.table_name,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": {":pk": _pk(household_id)},
            "ConsistentRead": True,
            **extra,
        }
        while True:
            try:
                page = self.client.query(**request)
            except (ClientError, BotoCoreError) as exc:
                raise self._failure("Query", exc) from exc
            yield from page.get("Items", [])
            if "LastEvaluatedKey" not in page or first_page_only:
                return
            request["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def load(self, household_id: str, recent_nights: int | None = None) -> HouseholdRecord | None:
        """One consistent Query; items past their TTL but not yet swept are left out (a
        household whose profile expired reads as none).

        Bounded by ``recent_nights``, it reads the partition backwards: ``PROFILE``
        sorts after every ``NIGHT#date``, so the first ``recent_nights + 1`` items
        are the profile and the latest nights, one page whatever the household's age.
        """
        now = int(self._clock())
        profile_item: JsonDict | None = None
        nights: dict[str, JsonDict] = {}
        bounded: JsonDict = (
            {}
            if recent_nights is None
            else {"ScanIndexForward": False, "Limit": recent_nights + 1, "first_page_only": True}
        )
        for item in self._query(household_id, **bounded):
            sk = item["sk"]["S"]
            if sk == PROFILE_SK:
                profile_item = item
            elif sk.startswith(NIGHT_PREFIX) and not _expired(item, now):
                nights[sk.removeprefix(NIGHT_PREFIX)] = from_attribute(item["doc"])
        if profile_item is None or _expired(profile_item, now):
            return None
        return HouseholdRecord(
            household_id=household_id,
            version=int(profile_item["version"]["N"]),
            profile=from_attribute(profile_item["profile"]),
            nights=dict(sorted(nights.items())),
        )

    def save(self, record: HouseholdRecord, previous: HouseholdRecord | None) -> int:
        """One conditional write: PutItem for the profile alone, else one transaction."""
        to_write, to_delete = changed_nights(record, previous)
        if 1 + len(to_write) + len(to_delete) > TRANSACTION_LIMIT:
            raise ValueError(
                f"One save may change at most {TRANSACTION_LIMIT - 1} nights;"
                f" this one changes {len(to_write) + len(to_delete)}."
            )
        new_version = record.version + 1
        pk = _pk(record.household_id)
        now = self._clock()
        profile_put: JsonDict = {
            "TableName": self.table_name,
            "Item": {
                "pk": pk,
                "sk": {"S": PROFILE_SK},
                "version": {"N": str(new_version)},
                "profile": to_attribute(record.profile),
                # Moved on by every save: the backstop for a household that stopped coming.
                TTL_ATTRIBUTE: {"N": str(household_expires_at(now))},
            },
            **self._version_condition(record.version, int(now)),
        }
        if not to_write and not to_delete:
            self._put_profile(profile_put, new_version)
            return new_version
        actions: list[JsonDict] = [{"Put": profile_put}]
        actions += [
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": {
                        "pk": pk,
                        "sk": {"S": NIGHT_PREFIX + day},
                        "doc": to_attribute(doc),
                        TTL_ATTRIBUTE: {"N": str(night_expires_at(day, now))},
                    },
                }
            }
            for day, doc in to_write.items()
        ]
        actions += [
            {
                "Delete": {
                    "TableName": self.table_name,
                    "Key": {"pk": pk, "sk": {"S": NIGHT_PREFIX + day}},
                }
            }
            for day in to_delete
        ]
        try:
            # botocore fills ClientRequestToken, so its own retries of a transaction that did
            # land are answered with success instead of a false conflict.
            self.client.transact_write_items(TransactItems=actions)  # type: ignore[arg-type]
        except ClientError as exc:
            reasons = exc.response.get("CancellationReasons", [])
            if _error_code(exc) == "TransactionCanceledException" and any(
                reason.get("Code") in _CONFLICT_CODES for reason in reasons
            ):
                raise VersionConflict("The household changed since it was loaded.") from None
            raise self._failure("TransactWriteItems", exc) from exc
        except BotoCoreError as exc:
            raise self._failure("TransactWriteItems", exc) from exc
        return new_version

    @staticmethod
    def _version_condition(version: int, now: int) -> JsonDict:
        """The condition under which a profile write succeeds: the stored version is ``version``
        (0: there is no household, or only one past its expiry that TTL has not swept yet)."""
        if version == 0:
            return {
                "ConditionExpression": "attribute_not_exists(pk) OR #expires <= :now",
                "ExpressionAttributeNames": {"#expires": TTL_ATTRIBUTE},
                "ExpressionAttributeValues": {":now": {"N": str(now)}},
            }
        return {
            "ConditionExpression": "#version = :version",
            "ExpressionAttributeNames": {"#version": "version"},
            "ExpressionAttributeValues": {":version": {"N": str(version)}},
        }

    def _put_profile(self, request: JsonDict, new_version: int) -> None:
        """Conditional PutItem that tells a real conflict from its own retried success.

        When a first attempt lands but its answer is lost, botocore retries and
        the condition then fails against our own write; the returned old item
        shows that, so the save is reported as done rather than as a conflict.
        """
        try:
            self.client.put_item(**request, ReturnValuesOnConditionCheckFailure="ALL_OLD")
        except ClientError as exc:
            code = _error_code(exc)
            if code == "ConditionalCheckFailedException":
                stored: JsonDict | None = exc.response.get("Item")  # type: ignore[assignment]
                ours = request["Item"]
                if (
                    stored
                    and int(stored["version"]["N"]) == new_version
                    and from_attribute(stored["profile"]) == from_attribute(ours["profile"])
                ):
                    return
                raise VersionConflict(
                    "The household changed since it was loaded.", _stored_profile(stored)
                ) from None
            if code == "TransactionConflictException":
                raise VersionConflict("The household is being saved by another device.") from None
            raise self._failure("PutItem", exc) from exc
        except BotoCoreError as exc:
            raise self._failure("PutItem", exc) from exc

    def delete_household(self, household_id: str) -> None:
        """Delete every item of the partition, the profile last.

        Nights go first so an interrupted erase leaves a household that still
        loads (and can be erased again), never orphaned nights that a new
        household with the same id would inherit.
        """
        keys = list(self._query(household_id, ProjectionExpression="pk, sk"))
        nights = [key for key in keys if key["sk"]["S"] != PROFILE_SK]
        for start in range(0, len(nights), BATCH_LIMIT):
            self._batch_delete(nights[start : start + BATCH_LIMIT])
        if len(nights) < len(keys):
            try:
                self.client.delete_item(
                    TableName=self.table_name,
                    Key={"pk": _pk(household_id), "sk": {"S": PROFILE_SK}},
                )
            except (ClientError, BotoCoreError) as exc:
                raise self._failure("DeleteItem", exc) from exc

    def _batch_delete(self, keys: list[JsonDict]) -> None:
        """One BatchWriteItem of deletes, resending what DynamoDB left unprocessed."""
        pending: JsonDict = {self.table_name: [{"DeleteRequest": {"Key": key}} for key in keys]}
        for attempt in range(BATCH_ROUNDS):
            try:
                answer = self.client.batch_write_item(RequestItems=pending)
            except (ClientError, BotoCoreError) as exc:
                raise self._failure("BatchWriteItem", exc) from exc
            pending = answer.get("UnprocessedItems") or {}
            if not pending:
                return
            # Unprocessed items mean throttling: back off before resending them.
            time.sleep(0.05 * 2**attempt)
        raise StoreError("DynamoDB BatchWriteItem left items unprocessed after retries.")

    def ping(self) -> None:
        """DescribeTable: the table exists, the credentials work and it can take requests."""
        try:
            table = self.client.describe_table(TableName=self.table_name)["Table"]
        except (ClientError, BotoCoreError) as exc:
            raise self._failure("DescribeTable", exc) from exc
        if table.get("TableStatus") not in ("ACTIVE", "UPDATING"):
            raise StoreError(
                f"DynamoDB table {self.table_name!r} is {table.get('TableStatus')}, not ACTIVE."
            )


def create_table(table_name: str, client: DynamoDBClient | None = None, wait: bool = True) -> bool:
    """Create the household table if it does not exist; return whether it was created now.

    Idempotent. With ``wait`` (the default) it also waits until the table is
    ACTIVE and enables TTL on ``expires_at``, which DynamoDB only accepts on an
    active table; ``wait=False`` only issues CreateTable, for callers that poll.
    """
    client = client or default_client()
    try:
        client.create_table(TableName=table_name, **TABLE_DEFINITION)
        created = True
    except ClientError as exc:
        if _error_code(exc) != "ResourceInUseException":
            raise StoreError(f"CreateTable {table_name!r} failed: {exc}") from None
        created = False
    except BotoCoreError as exc:
        raise StoreError(f"CreateTable {table_name!r} failed: {exc}") from None
    if not wait:
        return created
    try:
        client.get_waiter("table_exists").wait(
            TableName=table_name, WaiterConfig={"Delay": 2, "MaxAttempts": 90}
        )
        ttl = client.describe_time_to_live(TableName=table_name)["TimeToLiveDescription"]
        already = ttl.get("TimeToLiveStatus") in ("ENABLED", "ENABLING")
        if not (already and ttl.get("AttributeName") == TTL_ATTRIBUTE):
            client.update_time_to_live(
                TableName=table_name,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": TTL_ATTRIBUTE},
            )
    except (ClientError, BotoCoreError) as exc:
        raise StoreError(f"Preparing table {table_name!r} failed: {exc}") from None
    return created
