"""Which evening a moment belongs to: the one function that says what "tonight" is.

Couples check in late. A check-in at half past midnight is still part of the
evening that began before it, so the day rolls over at four in the morning,
not at midnight. Every feature that files something under "tonight" (check-in
nights, the streak, progress) asks this module, so when households get their
own time zone only the caller's ``local_now`` changes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import Enum

#: Before this local hour, a moment still belongs to the previous evening.
DAY_ROLLS_OVER_AT = 4
#: From this local hour on it is evening: the welcome leans toward tonight's check-in, and
#: goodbyes may say goodnight. The evening runs until the day rolls over.
EVENING_STARTS_AT = 17
NOON = 12


class PartOfDay(Enum):
    """What the household's clock says it is, for words that must fit the hour."""

    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


def part_of_day(local_now: datetime) -> PartOfDay:
    """Morning from the rollover to noon, afternoon until the evening, evening until the
    rollover: "goodnight" is said only in the evening."""
    hour = local_now.hour
    if hour >= EVENING_STARTS_AT or hour < DAY_ROLLS_OVER_AT:
        return PartOfDay.EVENING
    return PartOfDay.MORNING if hour < NOON else PartOfDay.AFTERNOON


def evening_of(local_now: datetime) -> date:
    """The date of the evening ``local_now`` (household-local time) belongs to."""
    if local_now.hour < DAY_ROLLS_OVER_AT:
        return (local_now - timedelta(days=1)).date()
    return local_now.date()
