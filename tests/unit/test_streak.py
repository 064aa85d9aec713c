"""The forgiving streak: one missed evening in any seven is forgiven, and said so honestly."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from skill.content.prompts import Prompts, prompt_bank
from skill.conversation.checkin_speech import streak_sentence
from skill.conversation.streak import Progress, Streak, advance, status

MONDAY = date(2026, 11, 23)


def run(evenings: list[date]) -> list[tuple[Streak, Progress]]:
    streak = Streak()
    steps = []
    for evening in evenings:
        streak, progress = advance(streak, evening)
        steps.append((streak, progress))
    return steps


def days(*offsets: int) -> list[date]:
    return [MONDAY + timedelta(days=o) for o in offsets]


def test_consecutive_evenings_count_up() -> None:
    steps = run(days(0, 1, 2, 3))
    assert [s.count for s, _ in steps] == [1, 2, 3, 4]
    assert [p for _, p in steps] == [Progress.STARTED] + [Progress.CONTINUED] * 3


def test_one_missed_evening_is_forgiven_and_remembered() -> None:
    # Monday, (Tuesday missed), Wednesday, Thursday.
    steps = run(days(0, 2, 3))
    streak, progress = steps[1]
    assert progress is Progress.FORGIVEN
    assert streak.count == 2 and streak.forgiven == "2026-11-24"
    assert steps[2][0].count == 3 and steps[2][1] is Progress.CONTINUED


def test_two_missed_evenings_in_a_row_start_again() -> None:
    streak, progress = run(days(0, 1, 4))[-1]
    assert (streak.count, progress) == (1, Progress.RESTARTED)


def test_a_second_miss_within_seven_evenings_breaks_the_streak() -> None:
    # Misses on offsets 1 and 5: the window 1..7 would hold two.
    streak, progress = run(days(0, 2, 3, 4, 6))[-1]
    assert (streak.count, progress) == (1, Progress.RESTARTED)


def test_a_second_miss_a_week_after_the_first_is_forgiven_too() -> None:
    # Misses on offsets 1 and 8: every seven-evening window holds at most one.
    steps = run(days(0, 2, 3, 4, 5, 6, 7, 9))
    streak, progress = steps[-1]
    assert progress is Progress.FORGIVEN and streak.count == 8


def test_the_same_evening_twice_counts_once_and_earlier_evenings_change_nothing() -> None:
    streak, _ = advance(Streak(), MONDAY)
    again, progress = advance(streak, MONDAY)
    assert (again, progress) == (streak, Progress.SAME_EVENING)
    assert advance(again, MONDAY - timedelta(days=3)) == (streak, Progress.SAME_EVENING)


@given(st.lists(st.integers(1, 4), min_size=1, max_size=40))
def test_the_count_never_exceeds_the_evenings_checked_in(gaps: list[int]) -> None:
    evening = MONDAY
    streak = Streak()
    for checked, gap in enumerate(gaps, start=1):
        evening += timedelta(days=gap)
        streak, progress = advance(streak, evening)
        assert 1 <= streak.count <= checked
        # A replay of the same evening is harmless.
        assert advance(streak, evening)[0] == streak
        if checked > 1 and gap >= 3:
            assert progress is Progress.RESTARTED


def test_status_before_and_after_tonight() -> None:
    streak = run(days(0, 1, 2))[-1][0]  # Monday to Wednesday
    wednesday = status(streak, MONDAY + timedelta(days=2))
    assert (wednesday.count, wednesday.checked_in_tonight) == (3, True)
    thursday = status(streak, MONDAY + timedelta(days=3))
    assert thursday.count == 3
    assert not thursday.checked_in_tonight and not thursday.needs_tonight
    friday = status(streak, MONDAY + timedelta(days=4))
    assert (friday.count, friday.needs_tonight) == (3, True)
    saturday = status(streak, MONDAY + timedelta(days=5))
    assert saturday.count == 0


def test_status_names_a_forgiven_miss_for_a_week() -> None:
    streak = run(days(0, 2, 3))[-1][0]
    assert status(streak, MONDAY + timedelta(days=3)).missed == date(2026, 11, 24)
    later = run(days(0, 2, 3, 4, 5, 6, 7, 8))[-1][0]
    assert status(later, MONDAY + timedelta(days=8)).missed is None


def test_status_after_a_forgiven_miss_does_not_forgive_another_nearby() -> None:
    streak = run(days(0, 2, 3))[-1][0]  # Tuesday forgiven; last check-in Thursday
    assert status(streak, MONDAY + timedelta(days=5)).count == 0  # Friday missed too


def test_the_skill_says_which_evening_was_missed() -> None:
    prompts = Prompts(prompt_bank("en-US"), random.Random(1), {})
    streak, progress = run(days(0, 2))[-1]
    said = streak_sentence(streak, progress, prompts)
    assert "Tuesday" in said and "safe" in said and "2" in said
    first = streak_sentence(*run(days(0))[-1], prompts)
    assert "first" in first
