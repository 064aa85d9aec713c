"""The household for one Alexa request: loaded at most once, saved at most once.

Handlers ask for :attr:`HouseholdContext.household` only when they need it, so
turns that need nothing stored cost no read. They record updates with
:meth:`HouseholdContext.apply`; the response interceptor calls
:meth:`HouseholdContext.commit` once. A turn that changed nothing costs no
write. A save that loses a race re-reads and replays the same changes, a
bounded number of times, so concurrent devices never lose each other's work.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum

from skill.household import Change, Household, apply_change
from skill.storage.base import HouseholdRecord, HouseholdStore, StoreError, VersionConflict

logger = logging.getLogger(__name__)

#: Attempts at a conflicting save before giving up (each one re-reads).
MAX_SAVE_ATTEMPTS = 4


class CommitResult(Enum):
    """What happened to a request's changes."""

    NOTHING_TO_SAVE = "nothing"
    SAVED = "saved"
    FAILED = "failed"


@dataclass
class _Loaded:
    household: Household
    original: HouseholdRecord | None


class HouseholdContext:
    """Lazy load, recorded changes and one commit for a single request."""

    def __init__(
        self, store: HouseholdStore, household_id: str, pending: list[Change] | None = None
    ) -> None:
        self._store = store
        self._household_id = household_id
        self._loaded: _Loaded | None = None
        #: Changes from earlier turns whose save failed, replayed before this turn's.
        self.changes: list[Change] = list(pending or [])

    @property
    def household(self) -> Household:
        """The household, read from the store on first use (raises StoreError)."""
        if self._loaded is None:
            self._loaded = self._read()
        return self._loaded.household

    @property
    def loaded(self) -> bool:
        """Whether this request has read the household."""
        return self._loaded is not None

    def apply(self, kind: str, **payload: object) -> None:
        """Apply a change now and remember it for the commit."""
        change = Change(kind, dict(payload))
        apply_change(self.household, change)
        self.changes.append(change)

    def commit(self) -> CommitResult:
        """Save this request's changes: at most one write unless a race forces a retry."""
        if not self.changes:
            return CommitResult.NOTHING_TO_SAVE
        try:
            loaded = self._loaded or self._read()
            for attempt in range(1, MAX_SAVE_ATTEMPTS + 1):
                record = loaded.household.to_record()
                if loaded.original is not None and record == loaded.original:
                    self._done(loaded)
                    return CommitResult.NOTHING_TO_SAVE
                try:
                    record.version = self._store.save(record, loaded.original)
                except VersionConflict:
                    if attempt == MAX_SAVE_ATTEMPTS:
                        raise
                    logger.info("household save conflicted; re-reading (attempt %d)", attempt)
                    loaded = self._read()
                    continue
                loaded.household.version = record.version
                loaded.original = record.copy()
                self._done(loaded)
                return CommitResult.SAVED
        except StoreError as exc:
            logger.warning("household save failed: %s", exc)
        return CommitResult.FAILED

    def _done(self, loaded: _Loaded) -> None:
        self._loaded = loaded
        self.changes = []

    def _read(self) -> _Loaded:
        """Load the household and replay any pending changes on it."""
        record = self._store.load(self._household_id)
        if record is None:
            household = Household(household_id=self._household_id)
        else:
            household = Household.from_record(record)
        for change in self.changes:
            apply_change(household, change)
        return _Loaded(household=household, original=record.copy() if record else None)
