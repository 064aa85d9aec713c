"""Changes to a household: typed values that know how to apply themselves.

A handler never edits a household directly; it records a change with
:meth:`skill.household.context.HouseholdContext.apply`. Because a change is a
value, a save that lost a race can re-read the household and replay the same
changes on the fresh copy, and a change whose save failed can wait in the
session for the next turn. So every change is a frozen dataclass, serialisable
(:class:`ChangeKinds` writes and reads it for the session), and idempotent:
applying it twice leaves the household as applying it once.

Each feature defines its own changes next to its logic (for example
:class:`skill.conversation.checkin_changes.CheckInRecorded`); the app hands the
full list to :class:`ChangeKinds` once (see :mod:`skill.app`). The changes below
belong to no feature in particular.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from skill.household.documents import DocumentError, from_doc, to_doc
from skill.household.model import MAX_HEARD_PRACTICES, Household, PausedPractice
from skill.storage.base import JsonDict

#: Changes one session may carry while saves keep failing; past it the oldest are let go.
MAX_PENDING = 40
#: Prompt keys whose rounds a profile remembers (the evening's words are a few dozen).
MAX_REMEMBERED_PROMPTS = 90


class Change(Protocol):
    """A named, serialisable, idempotent update to a household."""

    #: The change's stable name in session attributes (never renamed: sessions outlive deploys).
    KIND: ClassVar[str]

    def apply(self, household: Household) -> None:
        """Update ``household``; applying twice must equal applying once."""
        ...


class ReachesEveryNight(Protocol):
    """A change that may have to touch nights older than the few a turn reads.

    A turn reads the profile and the latest nights only
    (:data:`~skill.household.model.RECENT_NIGHTS`). A change that deletes
    something from every night kept (the journal switched off) or rebuilds a
    summary from them (a forgotten evening's streak) says so here, and the
    household context then reads every night for that turn.
    """

    def reaches_every_night(self) -> bool:
        """Whether this change, as it stands, must see every night kept."""
        ...


def reaches_every_night(change: Change) -> bool:
    """Whether ``change`` must see every night kept (a change without the method need not).

    A plain attribute lookup: ``isinstance`` against a runtime-checkable protocol
    would walk the protocol's members on every change of every turn.
    """
    check = getattr(change, "reaches_every_night", None)
    return bool(check()) if check is not None else False


class ChangeKinds:
    """Every kind of change the skill makes: writes changes to session documents and back."""

    def __init__(self, kinds: Iterable[type[Change]]) -> None:
        self._kinds: dict[str, type[Change]] = {}
        for kind in kinds:
            if kind.KIND in self._kinds:
                raise ValueError(f"two change kinds are named {kind.KIND!r}")
            self._kinds[kind.KIND] = kind

    @property
    def kinds(self) -> tuple[type[Change], ...]:
        """Every kind, in the order listed."""
        return tuple(self._kinds.values())

    def encode(self, change: Change) -> JsonDict:
        """The session document of ``change``."""
        if self._kinds.get(change.KIND) is not type(change):
            raise ValueError(f"{type(change).__name__} is not one of the skill's change kinds")
        fields: JsonDict = to_doc(change)
        return {"kind": change.KIND, "payload": fields}

    def decode(self, doc: Any) -> Change:
        """The change a session document holds; :class:`DocumentError` when it is not one."""
        if not isinstance(doc, dict) or set(doc) != {"kind", "payload"}:
            raise DocumentError("a change is an object with 'kind' and 'payload'")
        kind = self._kinds.get(str(doc["kind"]))
        if kind is None:
            raise DocumentError("a change of an unknown kind")
        change: Change = from_doc(kind, doc["payload"], kind.KIND)
        return change

    def decode_all(self, docs: Any) -> list[Change]:
        """The changes a session carries; unreadable ones are dropped, at most MAX_PENDING kept."""
        if not isinstance(docs, list):
            return []
        changes: list[Change] = []
        for doc in docs[-MAX_PENDING:]:
            try:
                changes.append(self.decode(doc))
            except DocumentError:
                continue
        return changes


@dataclass(frozen=True)
class Visit:
    """A session began (a LaunchRequest); keyed by its moment so a replay counts it once."""

    KIND: ClassVar[str] = "visit"
    at: str

    def apply(self, household: Household) -> None:
        profile = household.profile
        if profile.last_visit == self.at:
            return
        profile.visits += 1
        profile.last_visit = self.at
        if not profile.created_at:
            profile.created_at = self.at


@dataclass(frozen=True)
class PracticeHeard:
    """A practice was started for the household (most recent last, bounded): the next offer
    prefers one not heard."""

    KIND: ClassVar[str] = "heard_practice"
    practice: str

    def apply(self, household: Household) -> None:
        profile = household.profile
        heard = [p for p in profile.heard_practices if p != self.practice]
        heard.append(self.practice)
        profile.heard_practices = heard[-MAX_HEARD_PRACTICES:]


@dataclass(frozen=True)
class PracticeFinished:
    """A practice was read to its last step on ``night``: one "practice tried" this week."""

    KIND: ClassVar[str] = "practice_finished"
    practice: str
    night: str

    def apply(self, household: Household) -> None:
        profile = household.profile
        read = {k: v for k, v in profile.practices_read.items() if k != self.practice}
        read[self.practice] = self.night
        profile.practices_read = dict(list(read.items())[-MAX_HEARD_PRACTICES:])
        paused = profile.practice_paused
        if paused is not None and paused.practice == self.practice:
            profile.practice_paused = None


@dataclass(frozen=True)
class PracticePaused:
    """A practice was left part-way (stopped, paused, or the session ended): where, to finish
    it another evening. Only the latest is kept."""

    KIND: ClassVar[str] = "practice_paused"
    practice: str
    part: int
    alone: bool
    at: str

    def apply(self, household: Household) -> None:
        household.profile.practice_paused = PausedPractice(
            self.practice, self.part, self.alone, self.at
        )


@dataclass(frozen=True)
class VariantsRemembered:
    """Which phrasings of each prompt were said in their round, so the rounds go on tomorrow."""

    KIND: ClassVar[str] = "remember_phrasings"
    said: dict[str, list[int]]

    def apply(self, household: Household) -> None:
        kept = {k: v for k, v in household.profile.said_recently.items() if k not in self.said}
        kept.update(self.said)
        household.profile.said_recently = dict(list(kept.items())[-MAX_REMEMBERED_PROMPTS:])
