"""How the privacy controls change the household: the journal switch and forgetting a night.

Both are idempotent, as every change must be: turning the journal off twice,
or forgetting a night that is already gone, leaves the household as once.
Forgetting a night removes the night (the store deletes a night that was
loaded but is no longer there) and every trace of that evening in the
profile: the questions asked, and the streak, rebuilt from the evenings that
remain, as if that evening had not happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from skill.conversation.checkin_changes import set_streak
from skill.conversation.journal import strip_answers
from skill.conversation.streak import Streak, advance
from skill.household.model import Household


def streak_without(household: Household, night: str) -> Streak:
    """The streak rebuilt from the check-in evenings left in the household, ``night`` excluded.

    Nights expire after about a year, so a longer streak is rebuilt from what
    is left: the same rule as ever, applied to the evenings still known.
    """
    streak = Streak()
    for day in sorted(household.nights):
        entries = household.nights[day].entries.values()
        if day != night and any(entry.answered for entry in entries):
            streak, _ = advance(streak, date.fromisoformat(day))
    return streak


@dataclass(frozen=True)
class JournalSwitched:
    """ "Keep our answers" (on) or "stop keeping our answers" (off: every kept answer goes)."""

    KIND: ClassVar[str] = "journal"
    keep: bool

    def reaches_every_night(self) -> bool:
        """Off deletes the answers kept in every night, however old."""
        return not self.keep

    def apply(self, household: Household) -> None:
        household.profile.keep_answers = self.keep
        if self.keep:
            return
        for night in household.nights.values():
            for entry in night.entries.values():
                strip_answers(entry)


@dataclass(frozen=True)
class NightForgotten:
    """ "Forget tonight": the evening's check-ins and its traces in the profile are gone."""

    KIND: ClassVar[str] = "night_forgotten"
    night: str

    def reaches_every_night(self) -> bool:
        """The streak is rebuilt from every evening left."""
        return True

    def apply(self, household: Household) -> None:
        household.nights.pop(self.night, None)
        profile = household.profile
        profile.recent_questions = {
            q: n for q, n in profile.recent_questions.items() if n != self.night
        }
        if profile.alone_on == self.night:
            profile.alone_on = ""
        if profile.streak_last == self.night:
            set_streak(profile, streak_without(household, self.night))
