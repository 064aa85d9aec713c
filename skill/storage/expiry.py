"""When a night document expires, computed the same way by every backend."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from skill.storage.base import NIGHT_RETENTION_DAYS


def night_expires_at(day: str) -> int:
    """Epoch seconds at which the night of ``day`` (an ISO date) expires.

    Midnight UTC of the night's date plus :data:`NIGHT_RETENTION_DAYS`: the
    DynamoDB TTL attribute and the SQLite expiry column, so both backends drop
    the same nights.
    """
    midnight = datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=UTC)
    return int((midnight + timedelta(days=NIGHT_RETENTION_DAYS)).timestamp())
