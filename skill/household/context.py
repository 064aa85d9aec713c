"""The household for one Alexa request: loaded at most once, saved at most once.

Handlers ask for :attr:`HouseholdContext.household` only when they need it, so
turns that need nothing stored cost no read. They record updates with
:meth:`HouseholdContext.apply`; the response interceptor calls
:meth:`HouseholdContext.commit` once. A turn that changed nothing costs no
write. A save that loses a race re-reads and replays the same changes (merge and
retry), after a random pause that doubles at each lost race, for as long as the
request's budget allows: so concurrent devices never lose each other's work, and
four devices of one household talking at once all land their saves.

Time is bounded per request, not per call: every store call runs under the
request's deadline (:mod:`skill.storage.deadline`), and the DynamoDB store
starts no attempt that could end past it. So a read that was slow leaves a
save only the time that is really left, and when that is not enough the save
fails at once: its changes wait in the session for the next turn and the
couple hears an apology, well inside Alexa's 8 seconds. Fewer attempts per
call would also bound the worst case, but would give up sooner on a healthy
table's brief hiccup; the deadline only cuts what could not fit anyway.
"""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass
from enum import Enum

from skill.household.changes import Change, reaches_every_night
from skill.household.model import RECENT_NIGHTS, Household
from skill.storage.base import HouseholdRecord, HouseholdStore, StoreError, VersionConflict
from skill.storage.deadline import store_deadline

logger = logging.getLogger(__name__)

#: Attempts at a conflicting save at most (each one re-reads and replays); the request's store
#: budget usually ends them sooner. Devices of one household that talk at once collide all the
#: time (each turn writes), and a save that gives up is a false "I couldn't save that".
MAX_SAVE_ATTEMPTS = 32
#: Seconds from the start of a request by which its store calls must be over. Alexa waits 8 s,
#: but a couple waiting on a hung table should hear the apology within 2.5 s: the 0.2 s
#: left is for the handlers, Lambda and the network. A healthy read or write takes milliseconds,
#: so this only ever cuts a store that is already failing.
STORE_BUDGET_SECONDS = 2.3
#: The pause before re-reading after a lost race is random between 0 and this many seconds,
#: doubled at each lost race up to :data:`CONFLICT_PAUSE_CAP_SECONDS` ("full jitter"), so
#: devices that collided spread out instead of colliding again in lockstep.
CONFLICT_PAUSE_SECONDS = 0.01
CONFLICT_PAUSE_CAP_SECONDS = 0.1


class ErasureFailed(StoreError):
    """A household that had to be erased without a word (the skill was disabled) could not be.

    Raised out of the skill on purpose, past its spoken-apology handler: the
    Lambda invocation fails and the web endpoint answers 503, so Alexa sees the
    event was not handled and may deliver it again, instead of a 200 that would
    close it while the household stays stored.
    """


class CommitResult(Enum):
    """What happened to a request's changes."""

    NOTHING_TO_SAVE = "nothing"
    SAVED = "saved"
    FAILED = "failed"


@dataclass
class _Loaded:
    household: Household
    original: HouseholdRecord | None
    #: Whether every night kept was read (else only the latest RECENT_NIGHTS).
    whole: bool = False


class HouseholdContext:
    """Lazy load, recorded changes and one commit for a single request."""

    def __init__(
        self,
        store: HouseholdStore,
        household_id: str,
        pending: list[Change] | None = None,
        budget: float | None = None,
    ) -> None:
        """``budget``: seconds from now for every store call (None: no deadline, for tools)."""
        self._store = store
        self._household_id = household_id
        self._deadline = None if budget is None else time.monotonic() + budget
        self._loaded: _Loaded | None = None
        self._load_error: StoreError | None = None
        self._erased = False
        self._whole = False
        #: Changes from earlier turns whose save failed, replayed before this turn's.
        self.changes: list[Change] = list(pending or [])

    @property
    def household(self) -> Household:
        """The household, read from the store on first use (raises StoreError).

        A failed read is not tried again in the same request: the time it took
        is already spent, and the next turn tries afresh.
        """
        if self._loaded is None:
            if self._load_error is not None:
                raise self._load_error
            try:
                self._loaded = self._read()
            except StoreError as exc:
                self._load_error = exc
                raise
        return self._loaded.household

    @property
    def loaded(self) -> bool:
        """Whether this request has read the household."""
        return self._loaded is not None

    def reach_every_night(self) -> None:
        """This turn will change every night kept, not only the latest: read them all.

        Called before the household is first read, it costs nothing more (the
        one read is a whole one); after, the household is read again, whole.
        :meth:`apply` calls it for a change that says it needs to.
        """
        self._whole = True
        if self._loaded is not None and not self._loaded.whole and not self._erased:
            logger.info("household read again, whole, for a change that reaches every night")
            self._loaded = self._read()

    def apply(self, change: Change) -> None:
        """Apply a change now and remember it for the commit.

        When the household cannot be read, the change is only remembered: the
        handler still answers (a practice can be read without the store), the
        commit reports the save as failed, and a later turn replays the change
        on a fresh copy.
        """
        try:
            if reaches_every_night(change):
                self.reach_every_night()
            household = self.household
        except StoreError:
            logger.warning("household unreadable; keeping a %s change for later", change.KIND)
        else:
            change.apply(household)
        self.changes.append(change)

    def discard_changes(self) -> None:
        """Let go of every unsaved change, this turn's and those carried from earlier turns.

        For when the couple declines another try at a failed save: the commit
        then writes nothing, and the session stops carrying them.
        """
        self.changes = []

    @property
    def erased(self) -> bool:
        """Whether this request erased the household."""
        return self._erased

    def erase(self) -> None:
        """Delete the household from the store and drop every change (raises StoreError).

        The rest of the turn sees a fresh, empty household, and :meth:`commit`
        writes nothing, even for changes applied after this: the save that ends
        the request must never bring an erased household back.
        """
        with store_deadline(self._deadline):
            self._store.delete_household(self._household_id)
        self._erased = True
        self.changes = []
        self._loaded = _Loaded(household=Household(household_id=self._household_id), original=None)

    def commit(self) -> CommitResult:
        """Save this request's changes: at most one write unless a race forces a retry."""
        if self._erased:
            self.changes = []
        if not self.changes:
            return CommitResult.NOTHING_TO_SAVE
        if self._load_error is not None:
            return CommitResult.FAILED
        try:
            loaded = self._loaded or self._read()
            for attempt in range(1, MAX_SAVE_ATTEMPTS + 1):
                record = loaded.household.to_record()
                if loaded.original is not None and record == loaded.original:
                    self._done(loaded)
                    return CommitResult.NOTHING_TO_SAVE
                try:
                    with store_deadline(self._deadline):
                        record.version = self._store.save(record, loaded.original)
                except VersionConflict as conflict:
                    pause = random.uniform(
                        0, min(CONFLICT_PAUSE_CAP_SECONDS, CONFLICT_PAUSE_SECONDS * 2**attempt)
                    )
                    if attempt == MAX_SAVE_ATTEMPTS or not self._time_for(pause):
                        raise
                    logger.info("household save conflicted; merging (attempt %d)", attempt)
                    # What the lost save found stored is fresh now: write on it at once. Only a
                    # fresh read waits first, so that devices that collided spread out.
                    merged = self._merged(conflict.stored, record, loaded)
                    if merged is None:
                        time.sleep(pause)
                    loaded = merged or self._read()
                    continue
                loaded.household.version = record.version
                # Built afresh from the household by to_record, so nothing else edits it.
                loaded.original = record
                self._done(loaded)
                return CommitResult.SAVED
        except StoreError as exc:
            logger.warning("household save failed: %s", exc)
        return CommitResult.FAILED

    def _time_for(self, pause: float) -> bool:
        """Whether a pause of ``pause`` seconds still ends before the request's deadline."""
        return self._deadline is None or time.monotonic() + pause < self._deadline

    def _done(self, loaded: _Loaded) -> None:
        self._loaded = loaded
        self.changes = []

    def _merged(
        self, stored: HouseholdRecord | None, ours: HouseholdRecord, loaded: _Loaded
    ) -> _Loaded | None:
        """The changes replayed on the profile a lost save found stored, without reading again.

        Only for a save of the profile alone whose replay still touches no night:
        the nights this request had are then kept as they were, and nothing stale
        is written. Otherwise (None) the caller reads the household afresh. One
        round trip instead of two makes the window another device can win much
        shorter, so devices racing on one household settle in fewer tries.
        """
        original = loaded.original
        if stored is None or original is None or ours.nights != original.nights:
            return None
        base = HouseholdRecord(stored.household_id, stored.version, stored.profile, original.nights)
        merged = self._replayed(base)
        merged.whole = loaded.whole
        return merged if merged.household.to_record().nights == base.nights else None

    def _read(self) -> _Loaded:
        """Load the household (its latest nights, or all when a change needs them) and replay
        any pending changes on it."""
        whole = self._whole or any(reaches_every_night(change) for change in self.changes)
        with store_deadline(self._deadline):
            record = self._store.load(self._household_id, None if whole else RECENT_NIGHTS)
        loaded = self._replayed(record)
        loaded.whole = whole
        return loaded

    def _replayed(self, record: HouseholdRecord | None) -> _Loaded:
        """The household of ``record`` (None: a new one) with this request's changes applied."""
        # The household read from ``record`` shares nothing with it (documents.from_doc copies what
        # it does not rebuild), so ``record`` itself is the "before" of the save's diff: a change
        # replayed on the household can never edit it.
        original = record
        if record is None:
            household = Household(household_id=self._household_id)
        else:
            household = Household.from_record(record)
        for change in self.changes:
            change.apply(household)
        return _Loaded(household=household, original=original)
