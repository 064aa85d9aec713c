"""How the privacy controls change the household: the journal switch and forgetting a night.

Both are idempotent, as every applier must be: turning the journal off twice,
or forgetting a night that is already gone, leaves the household as once.
Forgetting a night removes the night document (the store deletes a night
that was loaded but is no longer there) and every trace of that evening in
the profile: the questions asked, and the streak, rebuilt from the evenings
that remain, as if that evening had not happened.
"""

from __future__ import annotations

from datetime import date

from skill.conversation.journal import strip_answers
from skill.conversation.streak import Streak, advance
from skill.household.model import Household, applier
from skill.storage.base import JsonDict


def streak_without(household: Household, night: str) -> Streak:
    """The streak rebuilt from the check-in evenings left in the household, ``night`` excluded.

    Nights expire after about a year, so a longer streak is rebuilt from what
    is left: the same rule as ever, applied to the evenings still known.
    """
    streak = Streak()
    for day in sorted(household.nights):
        entries = household.nights[day].get("entries", {}).values()
        if day != night and any(e.get("answered") for e in entries):
            streak, _ = advance(streak, date.fromisoformat(day))
    return streak


@applier("journal")
def _journal(household: Household, payload: JsonDict) -> None:
    keep = bool(payload["keep"])
    household.profile.keep_answers = keep
    if keep:
        return
    for night in household.nights.values():
        for entry in night.get("entries", {}).values():
            strip_answers(entry)


@applier("night_forgotten")
def _night_forgotten(household: Household, payload: JsonDict) -> None:
    night = str(payload["night"])
    household.nights.pop(night, None)
    profile = household.profile
    profile.recent_questions = {q: n for q, n in profile.recent_questions.items() if n != night}
    if profile.streak_last == night:
        streak = streak_without(household, night)
        profile.streak_count, profile.streak_last, profile.streak_forgiven = (
            streak.count,
            streak.last,
            streak.forgiven,
        )
