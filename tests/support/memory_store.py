"""A household store in a dict, so a turn's CPU time is the skill's own.

SQLite and DynamoDB spend CPU of their own (SQL, JSON, botocore's request
building and parsing) and wait on I/O; measured with this store, a turn's CPU
time is what the skill costs on top of the ASK SDK. It keeps the store
contract that matters to the skill: records are copied in and out (a caller
never shares state with the store, as with a real backend), saves are
conditional on the version, nights dropped from a record are deleted and nights it
never loaded are kept, and a bounded load returns only the latest nights.
"""

from __future__ import annotations

from skill.storage.base import HouseholdRecord, VersionConflict, changed_nights


class MemoryStore:
    """A :class:`~skill.storage.base.HouseholdStore` held in this process's memory."""

    def __init__(self) -> None:
        self._records: dict[str, HouseholdRecord] = {}

    def load(self, household_id: str, recent_nights: int | None = None) -> HouseholdRecord | None:
        record = self._records.get(household_id)
        if record is None:
            return None
        copy = record.copy()
        if recent_nights is not None:
            latest = sorted(copy.nights)[-recent_nights:] if recent_nights else []
            copy.nights = {day: copy.nights[day] for day in latest}
        return copy

    def save(self, record: HouseholdRecord, previous: HouseholdRecord | None) -> int:
        stored = self._records.get(record.household_id)
        if (stored.version if stored else 0) != record.version:
            raise VersionConflict("The household changed since it was loaded.")
        to_write, to_delete = changed_nights(record, previous)
        nights = dict(stored.nights) if stored else {}
        nights.update(to_write)
        for day in to_delete:
            nights.pop(day, None)
        saved = HouseholdRecord(record.household_id, record.version + 1, record.profile, nights)
        self._records[record.household_id] = saved.copy()
        return saved.version

    def delete_household(self, household_id: str) -> None:
        self._records.pop(household_id, None)

    def ping(self) -> None:
        """Always reachable."""
