"""What the skill remembers about a household: typed shapes over the stored documents.

The store keeps plain JSON documents (:class:`~skill.storage.base.HouseholdRecord`);
this module gives them their types: a small :class:`Profile` and one
:class:`Night` per check-in evening, holding a :class:`CheckInEntry` per
check-in. Reading is lenient about keys it does not know (a newer version may
have added one, and a rollback must still read the household), strict about
the types of the keys it does. How households change is in
:mod:`skill.household.changes`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, fields
from typing import Any

from skill.household.date_memory import DateMemory
from skill.household.documents import DocumentError, from_doc, read_hinted, to_doc, type_hints
from skill.storage.base import HouseholdRecord, JsonDict

logger = logging.getLogger(__name__)

#: Bounds that keep the profile item small (DynamoDB items are capped at 400 KB).
MAX_HEARD_PRACTICES = 30
#: The nights a turn reads with the profile: the latest ones, however old the household. What
#: needs more history is kept as small summaries in the profile (the streak, the questions asked
#: recently, the practices heard, date-night memory), so a turn's read never grows with age.
#: "How are we doing?" compares this week with the one before (14 evenings); two to spare for a
#: time zone that moved an evening ahead.
RECENT_NIGHTS = 16


@dataclass
class PausedPractice:
    """A practice left part-way, to finish another evening: its part, its form, and when."""

    practice: str
    part: int
    alone: bool = False
    at: str = ""


@dataclass
class Profile:
    """The household's profile document. New fields need defaults: old items lack them."""

    created_at: str = ""
    visits: int = 0
    last_visit: str = ""
    #: Practice ids in the order first heard, most recent last, bounded.
    heard_practices: list[str] = field(default_factory=list)
    #: Practice id → the last evening it was read (started), for "practices tried this week".
    practices_read: dict[str, str] = field(default_factory=dict)
    #: Practice id → the evenings it was declined when offered, the last two, most recent
    #: last: a declined practice rests for a while (see conversation.recommend.resting).
    practice_declines: dict[str, list[str]] = field(default_factory=dict)
    #: The practice left part-way, if any ("can we finish the practice from yesterday?").
    practice_paused: PausedPractice | None = None
    #: Per prompt key, the phrasings said in its current round (see content.prompts), so a
    #: month of evenings goes round every phrasing; most recently said keys last, bounded.
    said_recently: dict[str, list[int]] = field(default_factory=dict)
    #: Partners who usually check in (0: never said), so "just you, or both?" is asked once;
    #: 2 once both have checked in together (one of them alone says so on the night).
    checkin_partners: int = 0
    #: The evening someone said they were checking in alone ("just me tonight"), so a check-in
    #: begun again that evening asks only them ("" for none).
    alone_on: str = ""
    #: The forgiving streak (see conversation.streak): run length, last evening, forgiven miss.
    streak_count: int = 0
    streak_last: str = ""
    streak_forgiven: str = ""
    #: Check-in question id → evening last asked, bounded: see conversation.rotation.
    recent_questions: dict[str, str] = field(default_factory=dict)
    #: Date-night suggestions, likes, dislikes and saves, bounded: see household.date_memory.
    dates: DateMemory = field(default_factory=DateMemory)
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
        """Build from a stored document, field by field.

        Fields this version does not know are ignored; a field whose stored
        value does not fit its type falls back to its default (logged), so one
        damaged value never makes a household unreadable.
        """
        profile = cls()
        hints = type_hints(cls)
        for item in fields(cls):
            if item.name not in doc:
                continue
            try:
                value = read_hinted(hints[item.name], doc[item.name], item.name, lenient=True)
            except DocumentError as error:
                logger.warning("profile field unreadable, using its default: %s", error)
                continue
            setattr(profile, item.name, value)
        return profile

    def to_dict(self) -> JsonDict:
        """The document to store."""
        doc: JsonDict = to_doc(self)
        return doc


@dataclass
class PracticeOffered:
    """The practice offered at the close of a check-in, and whether the couple took it."""

    id: str
    taken: bool = False


@dataclass
class KeptAnswer:
    """One free-form answer kept by the opt-in journal: the step it answered and the words."""

    step: str
    text: str

    @property
    def kind(self) -> str:
        """The kind of step (``question``, ``appreciation``, ``went_well``, ``work_on``)."""
        return self.step.split(":", 1)[0]

    @property
    def partner(self) -> int | None:
        """Who answered, in the check-in's turn order; None for the couple together."""
        _, _, who = self.step.partition(":")
        return int(who) if who.isdigit() else None


@dataclass
class CheckInEntry:
    """One check-in of an evening (see :meth:`skill.conversation.checkin.CheckInFlow.record`).

    ``resume`` is the unfinished check-in's own state (read back by
    :meth:`~skill.conversation.checkin.CheckInFlow.from_dict`, which checks it);
    ``answers`` only ever hold words while the household keeps its journal on.
    """

    kind: str = "nightly"
    partners: int = 0
    ratings: list[int | None] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    answered: int = 0
    complete: bool = False
    at: str = ""
    speaker: int | None = None
    answers: list[KeptAnswer] = field(default_factory=list)
    resume: dict[str, Any] | None = None
    practice: PracticeOffered | None = None

    def to_doc(self) -> JsonDict:
        """The stored document: optional parts are left out when empty, as they always were."""
        doc: JsonDict = {
            "kind": self.kind,
            "partners": self.partners,
            "ratings": list(self.ratings),
            "questions": list(self.questions),
            "answered": self.answered,
            "complete": self.complete,
        }
        if self.at:
            doc["at"] = self.at
        if self.speaker is not None:
            doc["speaker"] = self.speaker
        if self.answers:
            doc["answers"] = [to_doc(answer) for answer in self.answers]
        if self.resume is not None:
            doc["resume"] = self.resume
        if self.practice is not None:
            doc["practice"] = to_doc(self.practice)
        return doc


@dataclass
class Night:
    """One check-in evening: its check-ins, keyed by the id each got when it started."""

    entries: dict[str, CheckInEntry] = field(default_factory=dict)


@dataclass
class Household:
    """A household as the skill sees it: profile plus one night per check-in evening."""

    household_id: str
    version: int = 0
    profile: Profile = field(default_factory=Profile)
    nights: dict[str, Night] = field(default_factory=dict)

    @property
    def is_new(self) -> bool:
        """True until the household's first save."""
        return self.version == 0

    def entries(self, night: str) -> dict[str, CheckInEntry]:
        """The check-in entries of one evening (empty when there were none)."""
        found = self.nights.get(night)
        return found.entries if found is not None else {}

    @classmethod
    def from_record(cls, record: HouseholdRecord) -> Household:
        """Read a stored record into its typed shapes."""
        return cls(
            household_id=record.household_id,
            version=record.version,
            profile=Profile.from_dict(record.profile),
            nights={
                day: from_doc(Night, doc, f"night {day}", lenient=True)
                for day, doc in record.nights.items()
            },
        )

    def to_record(self) -> HouseholdRecord:
        """The record to store."""
        return HouseholdRecord(
            household_id=self.household_id,
            version=self.version,
            profile=self.profile.to_dict(),
            nights={day: to_doc(night) for day, night in self.nights.items()},
        )
