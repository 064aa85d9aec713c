"""A household store in a dict, so a turn's CPU time is the skill's own.

SQLite and DynamoDB spend CPU of their own (SQL, JSON, botocore's request
building and parsing) and wait on I/O; measured with this store, a turn's CPU
time is what the skill costs on top of the ASK SDK. It keeps the store
contract that matters to the skill: records go in and out as JSON text, as
with a real backend (a caller never shares state with the store, and the
store's cost is the C JSON codec's, as SQLite's is), saves are conditional on
the version, nights dropped from a record are deleted and nights it never
loaded are kept, and a bounded load reads only the latest nights.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from skill.storage.base import HouseholdRecord, VersionConflict, changed_nights


@dataclass
class _Stored:
    """One household as stored: its version, and its documents as JSON text."""

    version: int
    profile: str
    nights: dict[str, str] = field(default_factory=dict)


class MemoryStore:
    """A :class:`~skill.storage.base.HouseholdStore` held in this process's memory."""

    def __init__(self) -> None:
        self._records: dict[str, _Stored] = {}

    def load(self, household_id: str, recent_nights: int | None = None) -> HouseholdRecord | None:
        stored = self._records.get(household_id)
        if stored is None:
            return None
        days = sorted(stored.nights)
        if recent_nights is not None:
            days = days[-recent_nights:] if recent_nights else []
        return HouseholdRecord(
            household_id,
            stored.version,
            json.loads(stored.profile),
            {day: json.loads(stored.nights[day]) for day in days},
        )

    def save(self, record: HouseholdRecord, previous: HouseholdRecord | None) -> int:
        stored = self._records.get(record.household_id)
        if (stored.version if stored else 0) != record.version:
            raise VersionConflict("The household changed since it was loaded.")
        to_write, to_delete = changed_nights(record, previous)
        nights = dict(stored.nights) if stored else {}
        nights.update({day: json.dumps(doc) for day, doc in to_write.items()})
        for day in to_delete:
            nights.pop(day, None)
        version = record.version + 1
        self._records[record.household_id] = _Stored(version, json.dumps(record.profile), nights)
        return version

    def delete_household(self, household_id: str) -> None:
        self._records.pop(household_id, None)

    def ping(self) -> None:
        """Always reachable."""
