"""A turn reads a bounded slice of the household, whatever its age.

The profile and the latest RECENT_NIGHTS nights, in one read: on DynamoDB one Query
page read backwards (``PROFILE`` sorts after every ``NIGHT#date``), on SQLite one
transaction with a LIMIT. A household with a year of nights must load no more items
than one with a month. The two changes that must reach every night kept (the journal
switched off, an evening forgotten) read them all, still once.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from skill.conversation.privacy_changes import JournalSwitched, NightForgotten
from skill.household.context import CommitResult, HouseholdContext
from skill.household.model import RECENT_NIGHTS
from skill.storage.base import HouseholdRecord, HouseholdStore, JsonDict

#: Yesterday: the stores keep nights 400 days by the real clock, so a year back must be recent.
LAST_NIGHT = date.today() - timedelta(days=1)
#: The most nights one save may write on DynamoDB (a transaction holds 100 items).
CHUNK = 99


def evenings(count: int) -> list[str]:
    """``count`` consecutive evenings ending on LAST_NIGHT, oldest first."""
    return [(LAST_NIGHT - timedelta(days=n)).isoformat() for n in reversed(range(count))]


def night(day: str) -> JsonDict:
    """A finished one-partner check-in, its answer kept by the journal."""
    entry = {
        "kind": "nightly",
        "partners": 1,
        "ratings": [4],
        "questions": ["q-glad"],
        "answered": 2,
        "complete": True,
        "at": f"{day}T21:00:00-05:00",
        "answers": [{"step": "question:0", "text": f"the walk on {day}"}],
    }
    return {"entries": {f"c-{day}": entry}}


def seed(store: HouseholdStore, household_id: str, count: int) -> None:
    """A household with ``count`` evenings of check-ins, a streak as long, the journal on."""
    days = evenings(count)
    profile = {
        "visits": count,
        "keep_answers": True,
        "streak_count": count,
        "streak_last": days[-1],
    }
    record = HouseholdRecord(household_id, 0, profile, {})
    for start in range(0, count, CHUNK):
        previous = record.copy()
        for day in days[start : start + CHUNK]:
            record.nights[day] = night(day)
        record.version = store.save(record, previous if record.version else None)


class ItemsRead:
    """Items DynamoDB read for this client's Queries (``ScannedCount``), from botocore's events."""

    def __init__(self, store: HouseholdStore) -> None:
        self.items = 0
        client = getattr(store, "client", None)
        if client is not None:
            client.meta.events.register("after-call.dynamodb.Query", self._count)

    def _count(self, parsed: dict[str, Any], **_: Any) -> None:
        self.items += int(parsed.get("ScannedCount", 0))


@pytest.mark.slow
def test_a_year_of_nights_loads_no_more_than_a_month(each_store: HouseholdStore) -> None:
    seed(each_store, "month", 30)
    seed(each_store, "year", 365)
    counter = ItemsRead(each_store)
    read: dict[str, int] = {}
    for household_id in ("month", "year"):
        before = counter.items
        household = HouseholdContext(each_store, household_id).household
        read[household_id] = counter.items - before
        # The latest nights, in order, and the streak from the profile, whatever the age.
        assert list(household.nights) == evenings(RECENT_NIGHTS)
        assert household.profile.streak_count in (30, 365)
    if getattr(each_store, "client", None) is not None:
        assert read["year"] == read["month"] == RECENT_NIGHTS + 1


@pytest.mark.slow
def test_switching_the_journal_off_deletes_answers_from_every_night(
    each_store: HouseholdStore,
) -> None:
    seed(each_store, "h", 60)
    context = HouseholdContext(each_store, "h")
    context.apply(JournalSwitched(keep=False))
    assert context.commit() is CommitResult.SAVED
    stored = each_store.load("h")
    assert stored is not None and len(stored.nights) == 60
    kept = [day for day, doc in stored.nights.items() if "answers" in doc["entries"][f"c-{day}"]]
    assert kept == []


@pytest.mark.slow
def test_forgetting_tonight_rebuilds_a_long_streak_from_every_evening(
    each_store: HouseholdStore,
) -> None:
    seed(each_store, "h", 40)
    context = HouseholdContext(each_store, "h")
    context.apply(NightForgotten(LAST_NIGHT.isoformat()))
    assert context.commit() is CommitResult.SAVED
    household = HouseholdContext(each_store, "h").household
    assert household.profile.streak_count == 39
    assert LAST_NIGHT.isoformat() not in household.nights
