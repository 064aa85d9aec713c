"""The household store interface that every storage backend implements.

A household is one partition: a small *profile* document (names, preferences,
streak counters, recent suggestions…) plus one *night* document per check-in
evening. Backends only move these JSON-compatible documents; the meaning of
the fields lives in :mod:`skill.household.model`, so storage never changes when a
feature adds a field.

Writes are optimistic: ``save`` succeeds only if the stored profile still has
the version the caller loaded. Callers replay their changes on a fresh copy
when it fails (see :mod:`skill.household.context`), so two devices of the same
household never lose each other's updates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

JsonDict = dict[str, Any]

#: Night documents older than this are dropped by TTL (DynamoDB) or on load (SQLite).
NIGHT_RETENTION_DAYS = 400
#: The backstop for abandoned households: erased this many months after their last visit.
#: The privacy policy (docs/privacy.md) promises it; the store's expiry work applies it.
INACTIVE_HOUSEHOLD_MONTHS = 13


class StoreError(Exception):
    """The store could not be reached or answered with an error.

    The message is safe to log: it never carries household data.
    """


class VersionConflict(StoreError):
    """Someone else saved this household since it was loaded.

    ``stored`` is the profile as it is stored now (its version and document, no
    nights) when the failed write could tell at no extra cost, so the caller can
    merge onto it without reading again; None when it could not.
    """

    def __init__(self, message: str, stored: HouseholdRecord | None = None) -> None:
        super().__init__(message)
        self.stored = stored


class StoreConfigError(Exception):
    """The store is misconfigured (bad ``HTH_STORE`` URL, unusable database file…)."""


@dataclass
class HouseholdRecord:
    """What a store keeps for one household.

    ``version`` is 0 for a household that has never been saved. ``nights`` maps
    an ISO date (``2026-11-25``) to that evening's document.
    """

    household_id: str
    version: int = 0
    profile: JsonDict = field(default_factory=dict)
    nights: dict[str, JsonDict] = field(default_factory=dict)

    def copy(self) -> HouseholdRecord:
        """A deep copy, so a later diff against the original is meaningful."""
        return HouseholdRecord(
            self.household_id, self.version, copy_doc(self.profile), copy_doc(self.nights)
        )


def copy_doc(doc: Any) -> Any:
    """A deep copy of a JSON document (dicts, lists and immutable leaves).

    Several times faster than :func:`copy.deepcopy`, which keeps a memo of every
    object for cycles and shared references that JSON cannot have; a turn copies
    the household it read, so this is on every turn's path.
    """
    if isinstance(doc, dict):
        return {key: copy_doc(value) for key, value in doc.items()}
    if isinstance(doc, list):
        return [copy_doc(value) for value in doc]
    return doc


class HouseholdStore(Protocol):
    """One household store: load, conditional save, erase, health check."""

    def load(self, household_id: str, recent_nights: int | None = None) -> HouseholdRecord | None:
        """Return the household, or None if it has never been saved. One read.

        ``recent_nights``: only the profile and that many of the latest nights (a
        bounded read, whatever the household's age); None: every night kept.
        """
        ...

    def save(self, record: HouseholdRecord, previous: HouseholdRecord | None) -> int:
        """Write what changed between ``previous`` and ``record``; return the new version.

        The write succeeds only if the stored version still equals
        ``record.version`` (0: the household must not exist yet); otherwise it
        raises :class:`VersionConflict` and writes nothing. Nights present in
        ``previous`` but absent from ``record`` are deleted; nights in neither
        (not loaded) are left as they are. One write (or one transaction).
        """
        ...

    def delete_household(self, household_id: str) -> None:
        """Erase every item of the household. Idempotent."""
        ...

    def ping(self) -> None:
        """Raise :class:`StoreError` unless the store is reachable."""
        ...


def changed_nights(
    record: HouseholdRecord, previous: HouseholdRecord | None
) -> tuple[dict[str, JsonDict], list[str]]:
    """Split a save into the nights to write and the nights to delete."""
    before = previous.nights if previous else {}
    to_write = {day: doc for day, doc in record.nights.items() if before.get(day) != doc}
    to_delete = [day for day in before if day not in record.nights]
    return to_write, to_delete
