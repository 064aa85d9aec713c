"""DynamoDB's own account of what each call cost: read and write capacity units.

Every call of a client gets ``ReturnConsumedCapacity=TOTAL`` added, and the
units DynamoDB reports are summed by kind. DynamoDB Local reports them as the
service bills on-demand tables: a strongly consistent read costs one read unit
per 4 KB of the items it returns (summed over a Query's items, then rounded up),
a write one unit per KB of the item written, and a transaction twice that.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from skill.storage.call_counter import READ_OPERATIONS, WRITE_OPERATIONS

#: The operations that accept ``ReturnConsumedCapacity``.
_METERED = READ_OPERATIONS | WRITE_OPERATIONS


@dataclass(frozen=True)
class Units:
    """Read and write capacity units, at one moment or between two."""

    read: float = 0.0
    write: float = 0.0

    def __sub__(self, earlier: Units) -> Units:
        return Units(self.read - earlier.read, self.write - earlier.write)


class CapacityMeter:
    """Running totals of the units one client's calls consumed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._read = 0.0
        self._write = 0.0

    def units(self) -> Units:
        with self._lock:
            return Units(self._read, self._write)

    def ask(self, params: dict[str, Any], model: Any, **_: Any) -> None:
        """``provide-client-params``: ask DynamoDB to say what the call cost."""
        if model.name in _METERED:
            params.setdefault("ReturnConsumedCapacity", "TOTAL")

    def add(self, parsed: dict[str, Any], model: Any, **_: Any) -> None:
        """``after-call``: add what DynamoDB said the call cost."""
        consumed = parsed.get("ConsumedCapacity")
        entries = consumed if isinstance(consumed, list) else [consumed] if consumed else []
        units = sum(float(entry.get("CapacityUnits", 0.0)) for entry in entries)
        with self._lock:
            if model.name in READ_OPERATIONS:
                self._read += units
            elif model.name in WRITE_OPERATIONS:
                self._write += units


@contextmanager
def metered(client: Any) -> Iterator[CapacityMeter]:
    """Meter ``client``'s consumed capacity while the block runs."""
    meter = CapacityMeter()
    events = client.meta.events
    tag = uuid.uuid4().hex
    events.register("provide-client-params.dynamodb", meter.ask, unique_id=f"ask-{tag}")
    events.register("after-call.dynamodb", meter.add, unique_id=f"add-{tag}")
    try:
        yield meter
    finally:
        events.unregister("provide-client-params.dynamodb", unique_id=f"ask-{tag}")
        events.unregister("after-call.dynamodb", unique_id=f"add-{tag}")
