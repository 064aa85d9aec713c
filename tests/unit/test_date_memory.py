"""The date-night memory stays bounded, ages suggestions out, and replays safely."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from skill.content.dates import date_catalogue
from skill.conversation.date_changes import DateDisliked, DateLoved, DateSaved, DateSuggested
from skill.household.context import HouseholdContext
from skill.household.date_memory import (
    MAX_DISLIKED,
    MAX_LOVED,
    MAX_SAVED,
    MAX_SEEN,
    REPEAT_WINDOW_DAYS,
    DateMemory,
)
from skill.household.model import Household
from skill.storage.sqlite import SqliteStore

IDS = [i.id for i in date_catalogue("en-US").ideas]
DAY = date(2026, 11, 25)

operations = st.lists(
    st.tuples(
        st.sampled_from(["suggested", "loved", "saved", "disliked"]),
        st.sampled_from(IDS),
        st.integers(0, 3),
    ),
    max_size=300,
)


def _run(ops: list[tuple[str, str, int]]) -> DateMemory:
    memory = DateMemory()
    day = DAY
    for kind, idea, days_later in ops:
        day += timedelta(days=days_later)
        if kind == "suggested":
            memory = memory.suggested(idea, day)
        else:
            memory = getattr(memory, f"{kind}_it")(idea)
    return memory


@settings(max_examples=200, deadline=None)
@given(operations)
def test_every_list_stays_within_its_cap(ops: list[tuple[str, str, int]]) -> None:
    memory = _run(ops)
    assert len(memory.seen) <= MAX_SEEN
    assert len(memory.loved) <= MAX_LOVED
    assert len(memory.disliked) <= MAX_DISLIKED
    assert len(memory.saved) <= MAX_SAVED
    for items in (memory.loved, memory.disliked, memory.saved, [i for i, _ in memory.seen]):
        assert len(set(items)) == len(items)
    # Feelings never contradict each other: the latest one wins.
    assert not set(memory.disliked) & (set(memory.loved) | set(memory.saved))
    assert [d for _, d in memory.seen] == sorted(d for _, d in memory.seen)
    assert DateMemory.from_doc(json.loads(json.dumps(memory.to_doc()))) == memory


def test_suggestions_age_out_after_the_window() -> None:
    memory = DateMemory().suggested(IDS[0], DAY)
    later = DAY + timedelta(days=REPEAT_WINDOW_DAYS)
    assert IDS[0] in memory.recent(later - timedelta(days=1))
    assert IDS[0] not in memory.recent(later)
    assert [i for i, _ in memory.suggested(IDS[1], later).seen] == [IDS[1]]


def test_the_latest_feeling_wins() -> None:
    memory = DateMemory().loved_it(IDS[0])
    assert memory.loved == (IDS[0],) and memory.saved == (IDS[0],)
    memory = memory.disliked_it(IDS[0])
    assert memory.disliked == (IDS[0],) and not memory.loved and not memory.saved
    memory = memory.saved_it(IDS[0])
    assert memory.saved == (IDS[0],) and not memory.disliked


def test_the_biggest_memory_keeps_the_profile_small() -> None:
    longest = sorted(IDS, key=len, reverse=True)
    memory = DateMemory(
        seen=tuple((i, DAY.isoformat()) for i in longest[:MAX_SEEN]),
        loved=tuple(longest[:MAX_LOVED]),
        disliked=tuple(longest[:MAX_DISLIKED]),
        saved=tuple(longest[:MAX_SAVED]),
    )
    assert len(json.dumps(memory.to_doc()).encode()) < 2800


@settings(max_examples=100, deadline=None)
@given(operations)
def test_replaying_any_change_twice_is_the_same_as_once(ops: list[tuple[str, str, int]]) -> None:
    kinds = {"loved": DateLoved, "saved": DateSaved, "disliked": DateDisliked}
    once, twice = Household("h"), Household("h")
    day = DAY
    for kind, idea, days_later in ops:
        day += timedelta(days=days_later)
        change = (
            DateSuggested(idea=idea, on=day.isoformat())
            if kind == "suggested"
            else kinds[kind](idea=idea)
        )
        change.apply(once)
        change.apply(twice)
        change.apply(twice)
    assert once.profile.dates == twice.profile.dates
    assert once.profile.dates == _run(ops)


def test_memory_survives_the_store(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "h.db")
    context = HouseholdContext(store, "h1")
    context.apply(DateSuggested(idea=IDS[0], on=DAY.isoformat()))
    context.apply(DateLoved(IDS[0]))
    context.apply(DateDisliked(IDS[1]))
    context.commit()
    memory = HouseholdContext(store, "h1").household.profile.dates
    assert memory.seen == ((IDS[0], DAY.isoformat()),)
    assert memory.loved == memory.saved == (IDS[0],)
    assert memory.disliked == (IDS[1],)
