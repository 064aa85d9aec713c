"""What the skill remembers about a household, and the changes that update it.

The store keeps plain JSON documents (:class:`~skill.storage.base.HouseholdRecord`);
this module gives them meaning. Updates are expressed as named, serialisable
:class:`Change` values applied by registered functions. That lets a save that
lost a race re-read the household and replay the same changes on the fresh
copy, and lets a change that could not be saved wait in the session for the
next turn. Every applier must be idempotent: replaying a change twice must
leave the household as replaying it once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from skill.storage.base import HouseholdRecord, JsonDict

#: Bounds that keep the profile item small (DynamoDB items are capped at 400 KB).
MAX_HEARD_PRACTICES = 30


@dataclass
class Profile:
    """The household's profile document. New fields need defaults: old items lack them."""

    created_at: str = ""
    visits: int = 0
    last_visit: str = ""
    #: Practice ids in the order first heard, most recent last, bounded.
    heard_practices: list[str] = field(default_factory=list)
    #: Last phrasing index per prompt key, for variety across sessions.
    recent_variants: dict[str, int] = field(default_factory=dict)
    #: Partners at the last check-in (0: never said), so "just you, or both?" is asked once.
    checkin_partners: int = 0
    #: The forgiving streak (see conversation.streak): run length, last evening, forgiven miss.
    streak_count: int = 0
    streak_last: str = ""
    streak_forgiven: str = ""
    #: Check-in question id → evening last asked, bounded: see conversation.rotation.
    recent_questions: dict[str, str] = field(default_factory=dict)
    #: Date-night suggestions, likes, dislikes and saves, bounded: see conversation.date_memory.
    dates: JsonDict = field(default_factory=dict)
    #: Partners' first names (at most two, bounded), and whether we asked for them once.
    names: list[str] = field(default_factory=list)
    names_asked: bool = False
    #: The device's time zone from the settings API ("" = unknown), and when it was last read.
    timezone: str = ""
    timezone_checked_at: str = ""
    #: The nightly reminder this skill created: its Reminders API id and its time ("21:00").
    reminder_id: str = ""
    reminder_at: str = ""
    #: Alexa voice profiles: hashed personId → index in ``names`` (-1: asked, not told), bounded.
    voices: dict[str, int] = field(default_factory=dict)
    #: The opt-in journal: keep free-form check-in answers in the night entries (off by default).
    keep_answers: bool = False

    @classmethod
    def from_dict(cls, doc: JsonDict) -> Profile:
        """Build from a stored document, ignoring fields this version does not know."""
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in doc.items() if k in known})

    def to_dict(self) -> JsonDict:
        """The document to store."""
        return dataclasses.asdict(self)


@dataclass
class Household:
    """A household as the skill sees it: profile plus one document per check-in night."""

    household_id: str
    version: int = 0
    profile: Profile = field(default_factory=Profile)
    nights: dict[str, JsonDict] = field(default_factory=dict)

    @property
    def is_new(self) -> bool:
        """True until the household's first save."""
        return self.version == 0

    @classmethod
    def from_record(cls, record: HouseholdRecord) -> Household:
        """Wrap a stored record."""
        return cls(
            household_id=record.household_id,
            version=record.version,
            profile=Profile.from_dict(record.profile),
            nights={day: dict(doc) for day, doc in record.nights.items()},
        )

    def to_record(self) -> HouseholdRecord:
        """The record to store."""
        return HouseholdRecord(
            household_id=self.household_id,
            version=self.version,
            profile=self.profile.to_dict(),
            nights={day: dict(doc) for day, doc in self.nights.items()},
        ).copy()


@dataclass(frozen=True)
class Change:
    """A named, serialisable update to a household."""

    kind: str
    payload: JsonDict = field(default_factory=dict)

    def to_dict(self) -> JsonDict:
        """For session attributes."""
        return {"kind": self.kind, "payload": self.payload}

    @classmethod
    def from_dict(cls, doc: JsonDict) -> Change:
        """From session attributes."""
        return cls(kind=str(doc["kind"]), payload=dict(doc.get("payload") or {}))


Applier = Callable[[Household, JsonDict], None]
_APPLIERS: dict[str, Applier] = {}


def applier(kind: str) -> Callable[[Applier], Applier]:
    """Register the function that applies changes of ``kind``."""

    def register(fn: Applier) -> Applier:
        if kind in _APPLIERS:
            raise ValueError(f"change {kind!r} registered twice")
        _APPLIERS[kind] = fn
        return fn

    return register


def apply_change(household: Household, change: Change) -> None:
    """Apply one change; unknown kinds are a programming error."""
    _APPLIERS[change.kind](household, change.payload)


@applier("visit")
def _visit(household: Household, payload: JsonDict) -> None:
    # Keyed by the request id so a replay after a conflict counts the visit once.
    at = str(payload["at"])
    if household.profile.last_visit == at:
        return
    household.profile.visits += 1
    household.profile.last_visit = at
    if not household.profile.created_at:
        household.profile.created_at = at


@applier("heard_practice")
def _heard_practice(household: Household, payload: JsonDict) -> None:
    practice_id = str(payload["practice"])
    heard = [p for p in household.profile.heard_practices if p != practice_id]
    heard.append(practice_id)
    household.profile.heard_practices = heard[-MAX_HEARD_PRACTICES:]


@applier("remember_variants")
def _remember_variants(household: Household, payload: JsonDict) -> None:
    household.profile.recent_variants.update({str(k): int(v) for k, v in payload.items()})
