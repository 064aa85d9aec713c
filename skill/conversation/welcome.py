"""Which welcome a household hears: a pure decision from its history and the local time."""

from __future__ import annotations

from datetime import datetime

from skill.household import Household

#: From this local hour on, the welcome leans toward tonight's check-in.
EVENING_STARTS_AT = 17


def welcome_kind(household: Household, local_now: datetime) -> str:
    """``first`` for a new household, ``evening`` after five, otherwise ``back``."""
    if household.is_new and household.profile.visits == 0:
        return "first"
    if local_now.hour >= EVENING_STARTS_AT or local_now.hour < 3:
        return "evening"
    return "back"
