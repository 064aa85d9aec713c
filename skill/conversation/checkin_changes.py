"""How a check-in changes the household: the night's entry, the streak, the question memory.

Each evening's :class:`~skill.household.model.Night` holds one entry per
check-in, keyed by an id made when it started, so two devices checking in on
the same evening add two entries instead of overwriting each other, and a
replayed save writes the same entry again instead of a second one. An entry
(see :meth:`~skill.conversation.checkin.CheckInFlow.record`) holds ratings,
the ids of the questions asked, the practice offered and whether it was taken;
free-form answers only while the household keeps its journal on (checked
again here, so an answer never lands after the journal was switched off).

The streak is advanced here and only here; what the close of a check-in says
about it is read back from the profile afterwards.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from skill.conversation.journal import strip_answers
from skill.conversation.rotation import remember_asked
from skill.conversation.streak import Streak, advance
from skill.household.model import CheckInEntry, Household, Night, Profile


def profile_streak(profile: Profile) -> Streak:
    """The streak as kept in the profile."""
    return Streak(profile.streak_count, profile.streak_last, profile.streak_forgiven)


def set_streak(profile: Profile, streak: Streak) -> None:
    """Keep ``streak`` in the profile."""
    profile.streak_count, profile.streak_last, profile.streak_forgiven = (
        streak.count,
        streak.last,
        streak.forgiven,
    )


def resumable(household: Household, night: str) -> tuple[str, CheckInEntry] | None:
    """The most recent unfinished check-in of ``night`` that can be picked up, if any."""
    waiting = [(cid, e) for cid, e in household.entries(night).items() if e.resume]
    if not waiting:
        return None
    return max(waiting, key=lambda item: item[1].at)


def checked_in(household: Household, night: str) -> bool:
    """Whether a check-in was completed on ``night``."""
    return any(entry.complete for entry in household.entries(night).values())


def completed_tonight(household: Household, night: str, kind: str) -> str | None:
    """The id of a check-in of ``kind`` completed on ``night`` (the latest), if there is one."""
    done = [(e.at, i) for i, e in household.entries(night).items() if e.complete and e.kind == kind]
    return max(done)[1] if done else None


def only_alone(household: Household, night: str, kind: str) -> bool:
    """Whether every check-in of ``kind`` completed on ``night`` was someone on their own (and
    there was one): both checking in later that day is a check-in of its own, kept beside it."""
    done = [e for e in household.entries(night).values() if e.complete and e.kind == kind]
    return bool(done) and all(entry.partners == 1 for entry in done)


def counted_before(household: Household, night: str, checkin: str) -> bool:
    """Whether a check-in of ``night`` other than ``checkin`` had answers: the day was on the
    streak before ``checkin`` (not merely the same check-in, stopped and picked up again)."""
    return any(e.answered for i, e in household.entries(night).items() if i != checkin)


def evenings_checked_in(household: Household) -> int:
    """How many of the evenings the skill has at hand saw someone answer in a check-in."""
    return sum(
        1
        for night in household.nights.values()
        if any(entry.answered for entry in night.entries.values())
    )


@dataclass(frozen=True)
class CheckInRecorded:
    """A check-in's entry for its evening, finished or not, with the streak and question memory.

    ``replaces`` names the check-in of the same evening the couple chose to do again: once
    this one is finished, it takes that one's place. Two devices checking in at once both
    keep theirs.
    """

    KIND: ClassVar[str] = "checkin_recorded"
    night: str
    id: str
    entry: CheckInEntry
    replaces: str = ""

    def apply(self, household: Household) -> None:
        # Setting the same entry again, or advancing the streak for the same evening, changes
        # nothing. A copy: later edits of the stored entry must not reach back into this change.
        entry = copy.deepcopy(self.entry)
        if not household.profile.keep_answers:
            strip_answers(entry)
        entries = household.nights.setdefault(self.night, Night()).entries
        if entry.complete and self.replaces != self.id:
            entries.pop(self.replaces, None)
        entries[self.id] = entry
        profile = household.profile
        evening = date.fromisoformat(self.night)
        if entry.answered:
            streak, _ = advance(profile_streak(profile), evening)
            set_streak(profile, streak)
        profile.recent_questions = remember_asked(
            profile.recent_questions, entry.questions, evening
        )
        if entry.partners in (1, 2):
            # The usual: once both have checked in together, one evening alone ("just me
            # tonight") does not make every later check-in a solo one.
            profile.checkin_partners = max(profile.checkin_partners, entry.partners)
        note_alone(profile, self.night, entry.partners)


def note_alone(profile: Profile, night: str, partners: int) -> None:
    """Keep that someone checked in alone on ``night`` (``partners`` 1), for a check-in begun
    again that evening; a check-in of both that evening clears it."""
    if partners == 1:
        profile.alone_on = night
    elif partners == 2 and profile.alone_on == night:
        profile.alone_on = ""


@dataclass(frozen=True)
class QuestionsAsked:
    """A check-in that words of crisis stopped: nothing of it is kept (no entry, no ratings, no
    streak, nothing said), only which open questions were put, so they rest as any asked
    question does, and whether someone was alone, so a check-in begun again that evening asks
    only them."""

    KIND: ClassVar[str] = "checkin_questions_asked"
    night: str
    questions: tuple[str, ...] = ()
    partners: int = 0

    def apply(self, household: Household) -> None:
        profile = household.profile
        profile.recent_questions = remember_asked(
            profile.recent_questions, list(self.questions), date.fromisoformat(self.night)
        )
        note_alone(profile, self.night, self.partners)


@dataclass(frozen=True)
class PracticeTaken:
    """The couple said yes to the practice offered at the close of a check-in."""

    KIND: ClassVar[str] = "checkin_practice_taken"
    night: str
    id: str

    def apply(self, household: Household) -> None:
        entry = household.entries(self.night).get(self.id)
        if entry is not None and entry.practice is not None:
            entry.practice.taken = True


@dataclass(frozen=True)
class RatingCorrected:
    """A rating of a finished check-in put right just after it closed ("wait, mine was a
    three, not a one"): the ``partner``'s rating becomes ``rating``."""

    KIND: ClassVar[str] = "checkin_rating_corrected"
    night: str
    id: str
    partner: int
    rating: int

    def apply(self, household: Household) -> None:
        entry = household.entries(self.night).get(self.id)
        if entry is None or not 0 <= self.partner < len(entry.ratings) or not 1 <= self.rating <= 5:
            return
        entry.ratings[self.partner] = self.rating


def rating_to_fix(entry: CheckInEntry, wrong: int | None) -> int | None:
    """Which rating of ``entry`` a correction is for, when that is plain: the only one given,
    or the only one that was ``wrong``; None when it is not plain."""
    given = [i for i, rating in enumerate(entry.ratings) if rating is not None]
    if wrong is not None:
        matching = [i for i in given if entry.ratings[i] == wrong]
        return matching[0] if len(matching) == 1 else None
    return given[0] if len(given) == 1 and entry.partners == 1 else None


#: How many declines of one practice are remembered (two are enough for the longer rest).
DECLINES_KEPT = 2


@dataclass(frozen=True)
class PracticeDeclined:
    """The couple said no to the practice offered at the close of a check-in on ``night``:
    it rests for a while. Saying no twice the same evening counts once."""

    KIND: ClassVar[str] = "checkin_practice_declined"
    night: str
    practice: str

    def apply(self, household: Household) -> None:
        declines = household.profile.practice_declines
        evenings = [e for e in declines.get(self.practice, []) if e != self.night]
        declines[self.practice] = sorted([*evenings, self.night])[-DECLINES_KEPT:]


@dataclass(frozen=True)
class ResumeDeclined:
    """The couple said no to picking up an unfinished check-in: it is not offered again."""

    KIND: ClassVar[str] = "checkin_resume_declined"
    night: str
    id: str

    def apply(self, household: Household) -> None:
        entry = household.entries(self.night).get(self.id)
        if entry is not None:
            entry.resume = None
