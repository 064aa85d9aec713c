"""The recommender's documented rules, one test per rule, plus their order and freshness."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from skill.content.practices import practice_library
from skill.conversation.recommend import (
    NAMED_PRACTICES,
    Signals,
    focus_pillar,
    freshest,
    recommend,
    resting,
    weighs_on_someone,
)

LIBRARY = practice_library("en-US")
QUALITY_TIME = LIBRARY.pillar("quality_time").practice_ids


def pick(signals: Signals, heard: tuple[str, ...] = ()) -> tuple[str, str]:
    found = recommend(signals, heard, LIBRARY)
    return found.rule, found.practice_id


def test_every_practice_a_rule_names_exists() -> None:
    for practice_id in NAMED_PRACTICES:
        LIBRARY.practice(practice_id)


def test_a_gap_of_two_between_the_ratings_means_empathy() -> None:
    assert pick(Signals(ratings=(5, 3))) == ("gap", "empathy")
    assert pick(Signals(ratings=(1, 4), weighing=True)) == ("gap", "empathy")


def test_something_on_someones_mind_means_being_heard() -> None:
    assert pick(Signals(ratings=(4, 4), weighing=True)) == ("weighing", "active_listening")
    assert pick(Signals(ratings=(3,), weighing=True), heard=("active_listening",)) == (
        "weighing",
        "validation",
    )


@pytest.mark.parametrize("ratings", [(2,), (2, 3), (1, 2), (1,), (3, 2, 2)])
def test_low_connection_means_quality_time(ratings: tuple[int, ...]) -> None:
    rule, practice = pick(Signals(ratings=ratings))
    assert rule == "low" and practice in QUALITY_TIME


def test_a_weekly_focus_picks_its_pillar() -> None:
    rule, practice = pick(Signals(focus="trust"))
    assert rule == "focus" and practice in LIBRARY.pillar("trust").practice_ids


def test_feeling_close_means_going_deeper() -> None:
    assert pick(Signals(ratings=(4, 5))) == ("close", "share_your_inner_world")


@pytest.mark.parametrize("ratings", [(), (3,), (3, 4)])
def test_otherwise_any_practice(ratings: tuple[int, ...]) -> None:
    assert pick(Signals(ratings=ratings))[0] == "any"


def test_the_rules_apply_in_their_documented_order() -> None:
    # gap > weighing > low > focus > close > any
    assert pick(Signals((1, 3), weighing=True, focus="trust"))[0] == "gap"
    assert pick(Signals((2, 2), weighing=True, focus="trust"))[0] == "weighing"
    assert pick(Signals((2, 2), focus="trust"))[0] == "low"
    assert pick(Signals((4, 5), focus="trust"))[0] == "focus"


def test_a_fresh_practice_first_then_the_one_heard_longest_ago() -> None:
    assert freshest(("a", "b", "c"), ["a"]) == "b"
    assert freshest(("a", "b", "c"), ["b", "c", "a"]) == "b"
    heard = ("unplug_and_be_present", "shared_activities")
    assert pick(Signals(ratings=(1, 1)), heard) == ("low", "date_nights")


def test_the_same_evening_always_gets_the_same_offer() -> None:
    signals = Signals(ratings=(3, 3))
    assert {recommend(signals, (), LIBRARY) for _ in range(5)} == {recommend(signals, (), LIBRARY)}


@pytest.mark.parametrize(
    ("answer", "weighing"),
    [
        ("work has been really stressful", True),
        ("I'm worried about my mum", True),
        ("it was a rough day", True),
        ("the sunset on the porch", False),
        ("we laughed at dinner", False),
    ],
)
def test_answers_that_weigh_on_someone(answer: str, weighing: bool) -> None:
    assert weighs_on_someone(answer) is weighing


@pytest.mark.parametrize(
    ("answer", "pillar"),
    [
        ("talk more and argue less", "communication"),
        ("put our phones away at dinner", "quality_time"),
        ("be more honest with each other", "trust"),
        ("the garden", None),
    ],
)
def test_what_to_work_on_points_to_a_pillar(answer: str, pillar: str | None) -> None:
    assert focus_pillar(answer) == pillar


TONIGHT = date(2026, 11, 25)


def _evening(days_ago: int) -> str:
    return (TONIGHT - timedelta(days=days_ago)).isoformat()


@pytest.mark.parametrize(("days_ago", "rests"), [(0, True), (1, True), (3, True), (4, False)])
def test_a_practice_declined_once_rests_three_evenings(days_ago: int, rests: bool) -> None:
    quiet = resting({"validation": [_evening(days_ago)]}, TONIGHT)
    assert ("validation" in quiet) is rests


@pytest.mark.parametrize(("days_ago", "rests"), [(1, True), (13, True), (14, False)])
def test_a_practice_declined_twice_rests_two_weeks(days_ago: int, rests: bool) -> None:
    quiet = resting({"validation": [_evening(days_ago + 5), _evening(days_ago)]}, TONIGHT)
    assert ("validation" in quiet) is rests


def test_a_resting_practice_gives_way_to_another_of_its_rule() -> None:
    signals = Signals(ratings=(4, 4), weighing=True)
    first = recommend(signals, (), LIBRARY).practice_id
    other = recommend(signals, (), LIBRARY, frozenset({first}))
    assert other.rule == "weighing" and other.practice_id != first
    assert other.practice_id in ("active_listening", "validation")


def test_when_every_candidate_rests_any_awake_practice_is_offered() -> None:
    rest = frozenset({"active_listening", "validation"})
    found = recommend(Signals(ratings=(4, 4), weighing=True), (), LIBRARY, rest)
    assert found.rule == "any" and found.practice_id not in rest
