"""How a check-in changes the household: the night's entry, the streak, the question memory.

Each evening's document holds ``{"entries": {checkin_id: entry}}``: one entry
per check-in, keyed by an id made when it started, so two devices checking in
on the same evening add two entries instead of overwriting each other, and a
replayed save writes the same entry again instead of a second one. An entry
(see :meth:`~skill.conversation.checkin.CheckInFlow.record`) holds ratings,
the ids of the questions asked, the practice offered and whether it was taken;
free-form answers only while the household keeps its journal on (checked
again here, so an answer never lands after the journal was switched off).
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from skill.conversation.journal import strip_answers
from skill.conversation.rotation import remember_asked
from skill.conversation.streak import Streak, advance
from skill.household.model import Household, Profile, applier
from skill.storage.base import JsonDict


def profile_streak(profile: Profile) -> Streak:
    """The streak as kept in the profile."""
    return Streak(profile.streak_count, profile.streak_last, profile.streak_forgiven)


def entries(household: Household, night: str) -> dict[str, JsonDict]:
    """The check-in entries of one evening (empty when there were none)."""
    entries_of_night: dict[str, JsonDict] = household.nights.get(night, {}).get("entries", {})
    return entries_of_night


def resumable(household: Household, night: str) -> tuple[str, JsonDict] | None:
    """The most recent unfinished check-in of ``night`` that can be picked up, if any."""
    waiting = [(cid, e) for cid, e in entries(household, night).items() if e.get("resume")]
    if not waiting:
        return None
    return max(waiting, key=lambda item: str(item[1].get("at", "")))


def checked_in(household: Household, night: str) -> bool:
    """Whether a check-in was completed on ``night``."""
    return any(e.get("complete") for e in entries(household, night).values())


def _entry(household: Household, payload: JsonDict) -> JsonDict | None:
    return entries(household, str(payload["night"])).get(str(payload["id"]))


@applier("checkin_recorded")
def _checkin_recorded(household: Household, payload: JsonDict) -> None:
    # Setting the same entry again, or advancing the streak for the same evening, changes nothing.
    night = str(payload["night"])
    # A copy: later changes to the stored entry must not reach back into the change's payload.
    entry: dict[str, Any] = copy.deepcopy(dict(payload["entry"]))
    if not household.profile.keep_answers:
        strip_answers(entry)
    document = household.nights.setdefault(night, {})
    document.setdefault("entries", {})[str(payload["id"])] = entry
    profile = household.profile
    if entry.get("answered"):
        streak, _ = advance(profile_streak(profile), date.fromisoformat(night))
        profile.streak_count, profile.streak_last, profile.streak_forgiven = (
            streak.count,
            streak.last,
            streak.forgiven,
        )
    asked = [str(q) for q in entry.get("questions") or []]
    profile.recent_questions = remember_asked(
        profile.recent_questions, asked, date.fromisoformat(night)
    )
    if entry.get("partners") in (1, 2):
        profile.checkin_partners = int(entry["partners"])


@applier("checkin_practice_taken")
def _checkin_practice_taken(household: Household, payload: JsonDict) -> None:
    entry = _entry(household, payload)
    if entry is not None and isinstance(entry.get("practice"), dict):
        entry["practice"]["taken"] = True


@applier("checkin_resume_declined")
def _checkin_resume_declined(household: Household, payload: JsonDict) -> None:
    entry = _entry(household, payload)
    if entry is not None:
        entry.pop("resume", None)
