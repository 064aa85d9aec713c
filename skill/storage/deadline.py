"""The time left for the store calls of the request being answered.

Alexa waits eight seconds for an answer. The request's household context sets
a deadline around each store call (:func:`store_deadline`); a store that can
wait on the network (DynamoDB) reads :func:`seconds_left` before every attempt
and gives up rather than start one that could end too late. A context
variable carries it because the store is shared by all requests of a process
while the deadline belongs to one of them, and the store's interface stays
the same for every backend.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_DEADLINE: ContextVar[float | None] = ContextVar("store_deadline", default=None)


@contextmanager
def store_deadline(deadline: float | None) -> Iterator[None]:
    """Make ``deadline`` (a :func:`time.monotonic` value, None: none) current inside the block."""
    token = _DEADLINE.set(deadline)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def seconds_left() -> float | None:
    """Seconds until the current deadline (negative once past), or None without one."""
    deadline = _DEADLINE.get()
    return None if deadline is None else deadline - time.monotonic()
