"""Count the DynamoDB calls a piece of work really makes, from botocore's own events.

The store promises at most one read and one write per Alexa request; this
module is how tests and the benchmark check that promise against the wire
instead of trusting the code's intent. A *call* is one API operation as the
code issued it (botocore's ``before-call`` event, once per operation); an
*attempt* is one HTTP request (``before-send``, once per try), so
``attempts - calls`` is the number of retries botocore made on its own.

Usage::

    with count_calls(store.client) as counter:
        before = counter.tally()
        app.handle(event)
        spent = counter.tally() - before
    spent.reads, spent.writes, spent.retries

Counting is thread-safe; a tally covers every thread using the client.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient

#: Operations that read items (a paged Query counts once per page: each page is a call).
READ_OPERATIONS = frozenset({"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"})
#: Operations that write items.
WRITE_OPERATIONS = frozenset(
    {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}
)


@dataclass(frozen=True)
class CallTally:
    """Calls per operation name and HTTP attempts, at one moment or between two."""

    operations: Counter[str] = field(default_factory=Counter)
    attempts: int = 0

    @property
    def calls(self) -> int:
        """API operations issued (retries not included)."""
        return sum(self.operations.values())

    @property
    def reads(self) -> int:
        """Item-reading calls."""
        return sum(n for op, n in self.operations.items() if op in READ_OPERATIONS)

    @property
    def writes(self) -> int:
        """Item-writing calls."""
        return sum(n for op, n in self.operations.items() if op in WRITE_OPERATIONS)

    @property
    def retries(self) -> int:
        """HTTP attempts beyond the first of each call, made by botocore's retry policy."""
        return self.attempts - self.calls

    def __sub__(self, earlier: CallTally) -> CallTally:
        operations = Counter(self.operations)
        operations.subtract(earlier.operations)
        return CallTally(+operations, self.attempts - earlier.attempts)


class CallCounter:
    """Running totals of one client's calls, fed by botocore event handlers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._operations: Counter[str] = Counter()
        self._attempts = 0

    def tally(self) -> CallTally:
        """The totals so far (subtract an earlier tally to get what happened in between)."""
        with self._lock:
            return CallTally(Counter(self._operations), self._attempts)

    def on_call(self, model: Any, **_: Any) -> None:
        """``before-call``: once per operation, whatever botocore's retries do after it."""
        with self._lock:
            self._operations[str(model.name)] += 1

    def on_send(self, **_: Any) -> None:
        """``before-send``: once per HTTP attempt, retries included."""
        with self._lock:
            self._attempts += 1


@contextmanager
def count_calls(client: DynamoDBClient) -> Iterator[CallCounter]:
    """Count ``client``'s DynamoDB calls and attempts while the block runs."""
    counter = CallCounter()
    events = client.meta.events
    # A unique id per block, so nested or concurrent counters on one client never clash.
    tag = uuid.uuid4().hex
    events.register("before-call.dynamodb", counter.on_call, unique_id=f"count-call-{tag}")
    events.register("before-send.dynamodb", counter.on_send, unique_id=f"count-send-{tag}")
    try:
        yield counter
    finally:
        events.unregister("before-call.dynamodb", unique_id=f"count-call-{tag}")
        events.unregister("before-send.dynamodb", unique_id=f"count-send-{tag}")
