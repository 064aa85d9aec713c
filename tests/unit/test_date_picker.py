"""The date picker's promises, checked as properties over the real catalogue.

Hypothesis draws filters, memories (suggestions of the last sixty days, loves,
dislikes), the idea on the table and the seed; every pick must keep every rule.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skill.content.dates import MOODS, SEASONS, SETTINGS, DateIdea, date_catalogue
from skill.conversation.dates import (
    BUDGETS,
    CALM_MOODS,
    RELAX_ORDER,
    TIME_LIMITS,
    DateFilters,
    DatePick,
    fits_the_moment,
    matches,
    pick_date_night,
    preference_weight,
)
from skill.conversation.evening import PartOfDay
from skill.conversation.seasons import NORTH, SOUTH, hemisphere, season
from skill.household.date_memory import MAX_DISLIKED, MAX_LOVED, MAX_SEEN, DateMemory

IDEAS = date_catalogue("en-US").ideas
IDS = [i.id for i in IDEAS]
TODAY = date(2026, 11, 25)
PROPERTY_RUNS = settings(max_examples=300, deadline=None)


def _optional(values: tuple[str, ...] | list[str]) -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(values)


filters_strategy = st.builds(
    DateFilters,
    setting=_optional(SETTINGS),
    budget=_optional(list(BUDGETS)),
    mood=_optional(MOODS),
    time=_optional(list(TIME_LIMITS)),
)


@st.composite
def memories(draw: st.DrawFn) -> DateMemory:
    """Any memory the skill could hold, and some it could not (all ideas seen)."""
    seen = draw(
        st.lists(
            st.tuples(st.sampled_from(IDS), st.integers(0, 60)),
            unique_by=lambda pair: pair[0],
            max_size=len(IDS),
        )
    )
    seen.sort(key=lambda pair: -pair[1])
    return DateMemory(
        seen=tuple((idea, (TODAY - timedelta(days=ago)).isoformat()) for idea, ago in seen),
        loved=tuple(draw(st.lists(st.sampled_from(IDS), unique=True, max_size=MAX_LOVED))),
        disliked=tuple(draw(st.lists(st.sampled_from(IDS), unique=True, max_size=MAX_DISLIKED))),
    )


def _pick(
    filters: DateFilters,
    memory: DateMemory,
    seed: int,
    exclude: str | None = None,
    season_now: str = "autumn",
) -> DatePick:
    pick = pick_date_night(
        IDEAS,
        filters,
        memory,
        today=TODAY,
        season=season_now,
        rng=random.Random(seed),
        exclude=exclude,
    )
    assert pick is not None
    return pick


def _pool(memory: DateMemory, exclude: str | None) -> list[DateIdea]:
    allowed = [i for i in IDEAS if i.id not in memory.disliked]
    return [i for i in allowed if i.id != exclude] or allowed


@PROPERTY_RUNS
@given(filters_strategy, memories(), st.integers(0, 2**32), _optional(IDS))
def test_every_pick_keeps_every_rule(
    filters: DateFilters, memory: DateMemory, seed: int, exclude: str | None
) -> None:
    pick = _pick(filters, memory, seed, exclude)
    pool = _pool(memory, exclude)
    # Never a disliked idea, never the one on the table when asking for another.
    assert pick.idea.id not in memory.disliked
    assert pick.idea in pool
    # Filters are honoured, or the relaxation is announced (pick.relaxed is what
    # the couple hears), and it is as small as it can be in RELAX_ORDER:
    assert set(pick.relaxed) <= set(filters.active)
    assert list(pick.relaxed) == sorted(pick.relaxed, key=RELAX_ORDER.index)
    assert matches(pick.idea, filters.without(pick.relaxed))
    if pick.relaxed:

        def anything(relaxed: list[str] | tuple[str, ...]) -> bool:
            return any(matches(i, filters.without(relaxed)) for i in pool)

        # …each relaxed filter was in the way,
        for name in pick.relaxed:
            assert not anything([n for n in pick.relaxed if n != name])
        # …and letting go of every filter earlier in the order was not enough.
        last = RELAX_ORDER.index(pick.relaxed[-1])
        assert not anything(RELAX_ORDER[:last])
    # Ideas that fit the moment (the season, a budget left unsaid) first, when any match.
    recent = memory.recent(TODAY)
    matching = _fitting(_found(pool, filters, pick.relaxed), filters)
    assert pick.idea in matching
    # No repeat of a recent idea while an unseen match remains.
    unseen = [i for i in matching if i.id not in recent]
    assert pick.repeat == (not unseen)
    if unseen:
        assert pick.idea.id not in recent
    else:
        oldest = min(recent[i.id] for i in matching)
        assert recent[pick.idea.id] >= oldest


def _found(pool: list[DateIdea], filters: DateFilters, relaxed: tuple[str, ...]) -> list[DateIdea]:
    """The ideas of ``pool`` matching ``filters`` once ``relaxed``; of those, the calm ones
    when a calm wish had to let go of its mood (and any are calm)."""
    found = [i for i in pool if matches(i, filters.without(relaxed))]
    if "mood" in relaxed and filters.mood in CALM_MOODS:
        found = [i for i in found if i.energy == "calm"] or found
    return found


def _fitting(ideas: list[DateIdea], filters: DateFilters) -> list[DateIdea]:
    """The ideas that fit an autumn moment at any hour, or all of them when none does."""
    return [i for i in ideas if fits_the_moment(i, filters, "autumn", None)] or ideas


@PROPERTY_RUNS
@given(
    filters_strategy,
    st.integers(0, 2**32),
    st.lists(st.booleans(), min_size=MAX_SEEN, max_size=MAX_SEEN),
)
def test_a_run_of_another_ones_never_repeats_while_unseen_matches_remain(
    filters: DateFilters, seed: int, next_day: list[bool]
) -> None:
    memory = DateMemory()
    rng = random.Random(seed)
    day = TODAY
    current: str | None = None
    shown: set[str] = set()
    for advance in next_day:
        day += timedelta(days=int(advance))
        pick = pick_date_night(
            IDEAS, filters, memory, today=day, season="autumn", rng=rng, exclude=current
        )
        assert pick is not None
        found = _found(_pool(memory, current), filters, pick.relaxed)
        matching = {i.id for i in _fitting(found, filters)}
        if pick.idea.id in shown:
            assert matching <= shown, "repeated while an unseen match remained"
        shown.add(pick.idea.id)
        memory = memory.suggested(pick.idea.id, day)
        current = pick.idea.id


@pytest.mark.parametrize("mood", MOODS)
def test_loved_moods_are_measurably_preferred_over_many_draws(mood: str) -> None:
    # Ideas of that mood alone, when the catalogue has them: the clearest signal.
    only = [i.id for i in IDEAS if i.moods == (mood,)]
    loved = tuple(only or [i.id for i in IDEAS if i.moods[0] == mood])[:3]
    draws = 1500

    def share(memory: DateMemory) -> float:
        picks = [_pick(DateFilters(), memory, seed).idea for seed in range(draws)]
        return sum(mood in idea.moods for idea in picks) / draws

    baseline = share(DateMemory())
    preferred = share(DateMemory(loved=loved))
    assert preferred > baseline * 1.3, (mood, baseline, preferred)


@PROPERTY_RUNS
@given(
    st.lists(st.sampled_from(IDEAS), min_size=1, max_size=MAX_LOVED, unique_by=lambda i: i.id),
    st.sampled_from(IDEAS),
    st.sampled_from(SEASONS),
)
def test_the_most_loved_mood_never_weighs_less(
    loved: list[DateIdea], idea: DateIdea, season_now: str
) -> None:
    counts = Counter(m for other in loved for m in other.moods)
    top = max(counts.values())
    favourite = next(m for m in MOODS if counts[m] == top)
    in_favourite_mood = replace(idea, moods=(favourite,))
    plain = preference_weight(idea, loved, season_now)
    preferred = preference_weight(in_favourite_mood, loved, season_now)
    assert preferred >= plain
    if all(counts[m] < top for m in idea.moods):
        assert preferred > plain


@pytest.mark.parametrize("now", SEASONS)
def test_ideas_suited_to_the_season_are_preferred(now: str) -> None:
    other = SEASONS[(SEASONS.index(now) + 2) % 4]
    draws = 1500

    def share(season_now: str) -> float:
        picks = [_pick(DateFilters(), DateMemory(), s, season_now=season_now) for s in range(draws)]
        return sum(now in p.idea.seasons for p in picks) / draws

    assert share(now) > share(other) + 0.05


@PROPERTY_RUNS
@given(filters_strategy, memories(), st.integers(0, 2**32))
def test_the_same_seed_gives_the_same_pick(
    filters: DateFilters, memory: DateMemory, seed: int
) -> None:
    assert _pick(filters, memory, seed) == _pick(filters, memory, seed)


def _idea(idea_id: str, **facets: object) -> DateIdea:
    base: dict[str, object] = {
        "title": idea_id,
        "pitch": "A pitch.",
        "steps": ("One.", "Two."),
        "setting": "home",
        "cost": "free",
        "minutes": 60,
        "energy": "calm",
        "moods": ("cozy",),
        "seasons": frozenset(SEASONS),
        "practice": "shared_activities",
    }
    return DateIdea(id=idea_id, **{**base, **facets})  # type: ignore[arg-type]


def test_a_relaxed_budget_or_time_stays_as_close_as_it_can() -> None:
    ideas = [
        _idea("splurge-at-home", cost="splurge"),
        _idea("cheap-at-home", cost="low"),
        _idea("free-but-out", setting="out"),
        _idea("long-at-home", minutes=240),
    ]
    for seed in range(30):
        rng = random.Random(seed)
        pick = pick_date_night(
            ideas[:3], DateFilters(setting="home", budget="free"), DateMemory(),
            today=TODAY, season="winter", rng=rng,
        )  # fmt: skip
        assert pick == DatePick(ideas[1], relaxed=("budget",))
        pick = pick_date_night(
            [ideas[1], ideas[3]], DateFilters(setting="home", time="quick"), DateMemory(),
            today=TODAY, season="winter", rng=rng,
        )  # fmt: skip
        assert pick == DatePick(ideas[1], relaxed=("time",))


def test_relaxation_follows_the_order_and_puts_back_what_was_not_in_the_way() -> None:
    assert RELAX_ORDER == ("mood", "budget", "setting", "time")
    long_cheap_at_home = _idea("long-cheap-at-home", cost="low", minutes=240)
    long_free_out = _idea("long-free-out", setting="out", minutes=240)
    wish = DateFilters(mood="adventurous", budget="free", setting="home", time="hour")
    # Mood, budget and setting go in turn without finding anything; once time goes too,
    # staying home is possible again, so only mood, budget and time are given up.
    for seed in range(20):
        pick = pick_date_night(
            [long_cheap_at_home, long_free_out], wish, DateMemory(),
            today=TODAY, season="winter", rng=random.Random(seed),
        )  # fmt: skip
        assert pick == DatePick(long_cheap_at_home, relaxed=("mood", "budget", "time"))


def test_none_only_when_every_idea_was_turned_down() -> None:
    memory = DateMemory(disliked=tuple(IDS))
    assert (
        pick_date_night(
            IDEAS, DateFilters(), memory, today=TODAY, season="winter", rng=random.Random(1)
        )
        is None
    )
    one_left = DateMemory(disliked=tuple(IDS[1:]))
    pick = _pick(DateFilters(mood="adventurous"), one_left, 1, exclude=IDS[0])
    assert pick.idea.id == IDS[0]


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        ("America/New_York", date(2026, 12, 10), "winter"),
        ("Europe/London", date(2026, 7, 1), "summer"),
        ("Australia/Sydney", date(2026, 12, 10), "summer"),
        ("Pacific/Auckland", date(2026, 4, 2), "autumn"),
        ("America/Sao_Paulo", date(2026, 9, 15), "spring"),
        ("Africa/Johannesburg", date(2026, 6, 20), "winter"),
        ("Nowhere/Unknown", date(2026, 10, 1), "autumn"),
    ],
)
def test_the_season_follows_the_household_hemisphere(zone: str, day: date, expected: str) -> None:
    assert season(day, zone) == expected


def test_hemisphere_defaults_to_north() -> None:
    assert hemisphere("America/Argentina/Buenos_Aires") == SOUTH
    assert hemisphere("America/Chicago") == NORTH
    assert hemisphere("") == NORTH


def _catalogued(idea_id: str) -> DateIdea:
    return next(i for i in IDEAS if i.id == idea_id)


def test_an_idea_out_of_season_does_not_fit() -> None:
    snow = _catalogued("snowy-night-walk")
    assert fits_the_moment(snow, DateFilters(), "winter", PartOfDay.EVENING)
    assert not fits_the_moment(snow, DateFilters(), "summer", PartOfDay.EVENING)


def test_a_sunrise_idea_fits_the_morning_or_a_whole_day_only() -> None:
    sunrise = _catalogued("sunrise-coffee-at-a-lookout")
    assert sunrise.at_dawn
    assert fits_the_moment(sunrise, DateFilters(), "summer", PartOfDay.MORNING)
    assert not fits_the_moment(sunrise, DateFilters(), "summer", PartOfDay.EVENING)
    assert fits_the_moment(sunrise, DateFilters(time="day"), "summer", PartOfDay.EVENING)


def test_a_whole_day_or_a_splurge_is_offered_in_the_evening_only_when_asked_for() -> None:
    long_day = next(i for i in IDEAS if i.minutes > (TIME_LIMITS["evening"] or 0))
    splurge = next(i for i in IDEAS if i.cost == "splurge" and not i.at_dawn)
    season_of = next(iter(long_day.seasons))
    assert not fits_the_moment(long_day, DateFilters(), season_of, PartOfDay.EVENING)
    assert fits_the_moment(long_day, DateFilters(time="day"), season_of, PartOfDay.EVENING)
    for season_now in splurge.seasons:
        assert not fits_the_moment(splurge, DateFilters(), season_now, PartOfDay.AFTERNOON)
        assert fits_the_moment(splurge, DateFilters(budget="splurge"), season_now, None)


def test_in_the_evening_the_pick_fits_the_evening_when_anything_does() -> None:
    for seed in range(200):
        pick = pick_date_night(
            IDEAS,
            DateFilters(),
            DateMemory(),
            today=TODAY,
            season="winter",
            rng=random.Random(seed),
            part=PartOfDay.EVENING,
        )
        assert pick is not None
        assert fits_the_moment(pick.idea, DateFilters(), "winter", PartOfDay.EVENING)
