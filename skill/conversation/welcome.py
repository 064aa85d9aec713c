"""Which welcome a household hears: a pure decision from its history and the local time."""

from __future__ import annotations

from datetime import datetime

from skill.conversation.checkin_changes import checked_in, resumable
from skill.conversation.dialog import CheckInOffer, Offer, PracticeOffer, ResumeOffer
from skill.conversation.evening import PartOfDay, evening_of, part_of_day
from skill.household.model import Household


def welcome_kind(household: Household, local_now: datetime) -> str:
    """``first`` for a new household; ``resume`` when tonight's check-in was left half-way;
    ``evening`` after five until tonight's check-in is done; otherwise ``back``."""
    if household.is_new and household.profile.visits == 0:
        return "first"
    night = evening_of(local_now).isoformat()
    if resumable(household, night) is not None:
        return "resume"
    evening = part_of_day(local_now) is PartOfDay.EVENING
    if evening and not checked_in(household, night):
        return "evening"
    return "back"


def welcome_offer(kind: str, household: Household, local_now: datetime) -> Offer | None:
    """What a "yes" to the welcome of ``kind`` accepts (None: nothing offered)."""
    if kind == "first":
        return PracticeOffer()
    if kind == "evening":
        return CheckInOffer()
    night = evening_of(local_now).isoformat()
    waiting = resumable(household, night) if kind == "resume" else None
    if waiting is not None:
        return ResumeOffer(checkin=waiting[0], night=night)
    return None
