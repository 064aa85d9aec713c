"""The fifth December trial (dec2, trial 5), practices again, in the testers' words: the
introduction read again is skipped on asking ("we heard that bit already"); "go back" after a
date idea that broke into a practice returns to it; the practice being read, asked for by
name, goes on where it is; "how long is it?" is answered; and "the part where she shares"
goes to the other partner's turn.
"""

from __future__ import annotations

import pytest

from skill.content.practices import practice_library
from tests.support.talk import (
    at_practice_step,
    browsing,
    household_that_said,
    practice_step,
    reading,
    robin_alone_then_a_date_idea,
    said,
    state_of,
)


def _why(practice: str) -> str:
    return practice_library("en-US").practice(practice).why


# --- 1. the introduction read again: skipped to where they were -------------------------------


@pytest.mark.parametrize(
    "line",
    [
        # memory e1 #14
        "we heard that bit already. skip ahead to where we were",
        # memory e1 #23 (its first half)
        "we've heard that bit four times now",
        "we heard that already",
        # sarcastic e2 #13
        "bro we literally just did that part. skip",
    ],
)
def test_heard_the_introduction_already_goes_back_to_the_step_they_were_at(line: str) -> None:
    couple = at_practice_step("active_listening", "active listening", 2)
    couple("start over")
    assert reading(couple).part == 0
    heard = couple(line)
    state = reading(couple)
    assert (state.practice, state.part) == ("active_listening", 2), heard.speech
    assert practice_step("active_listening", 2) in heard.speech
    assert _why("active_listening") not in heard.speech


@pytest.mark.parametrize(
    "line", ["we heard that bit already. skip ahead to where we were", "we heard that already"]
)
def test_heard_the_introduction_already_with_no_step_reached_goes_to_the_first(line: str) -> None:
    couple = household_that_said("read us the active listening practice")
    heard = couple(line)
    state = reading(couple)
    assert (state.practice, state.part) == ("active_listening", 1), heard.speech
    assert practice_step("active_listening", 1) in heard.speech


# --- 4. "go back" after a date idea that broke into a practice -----------------------------------


def test_go_back_after_a_date_idea_returns_to_the_practice_left() -> None:
    # quiet e1 #8: "Here it is again", the same date idea.
    robin = robin_alone_then_a_date_idea()
    heard = robin("what? no, I was doing the listening thing. go back")
    state = reading(robin)
    assert (state.part, state.alone) == (2, True), heard.speech
    assert practice_step(state.practice, 2, alone=True) in heard.speech
    assert said(heard.speech, "practice.resumed"), heard.speech


@pytest.mark.parametrize("line", ["go back", "go back to the practice"])
def test_a_plain_go_back_at_the_first_date_idea_returns_to_the_practice(line: str) -> None:
    couple = at_practice_step("active_listening", "active listening", 2)
    couple("suggest a date idea")
    heard = couple(line)
    state = reading(couple)
    assert (state.practice, state.part) == ("active_listening", 2), heard.speech


def test_go_back_after_a_second_date_idea_is_the_idea_before() -> None:
    couple = at_practice_step("active_listening", "active listening", 2)
    couple("suggest a date idea")
    first = browsing(couple).idea
    couple("another one")
    assert browsing(couple).idea != first
    heard = couple("go back")
    assert browsing(couple).idea == first, heard.speech


# --- 5. the practice being read, asked for by name: on from where it is -------------------------


@pytest.mark.parametrize(
    "line",
    [
        "read us the active listening practice",
        "the listening practice please",
        "what are we doing again? the listening one",
    ],
)
def test_the_practice_being_read_asked_for_by_name_goes_on_from_its_step(line: str) -> None:
    couple = at_practice_step("active_listening", "active listening", 3)
    heard = couple(line)
    state = reading(couple)
    assert (state.practice, state.part) == ("active_listening", 3), heard.speech
    assert practice_step("active_listening", 3) in heard.speech
    assert _why("active_listening") not in heard.speech


def test_another_practice_asked_for_by_name_mid_practice_still_begins_it() -> None:
    couple = at_practice_step("active_listening", "active listening", 3)
    heard = couple("read us the validation practice")
    state = reading(couple)
    assert (state.practice, state.part) == ("validation", 0), heard.speech


def test_start_over_still_starts_over() -> None:
    couple = at_practice_step("active_listening", "active listening", 3)
    couple("start over")
    assert reading(couple).part == 0


# --- 3. "how long is it?" -------------------------------------------------------------------------


def test_how_long_at_a_practices_introduction_is_answered_then_the_same_question() -> None:
    # twins e3 #8: "We haven't picked a date idea yet."
    couple = household_that_said("read us the validation practice")
    heard = couple("how long is it though, honestly")
    state = reading(couple)
    assert (state.practice, state.part) == ("validation", 0), heard.speech
    assert said(heard.speech, "practice.how_long"), heard.speech
    assert "four steps" in heard.speech and "minutes" in heard.speech, heard.speech
    assert said(heard.speech, "practice.ready"), heard.speech
    assert "date" not in heard.speech.lower()
    heard = couple("ok. yes")
    assert reading(couple).part == 1, heard.speech


def test_how_long_part_way_tells_what_is_still_to_go() -> None:
    couple = at_practice_step("active_listening", "active listening", 2)
    heard = couple("how much longer is this going to take?")
    state = reading(couple)
    assert (state.practice, state.part) == ("active_listening", 2), heard.speech
    assert said(heard.speech, "practice.how_long.left"), heard.speech
    assert "three" in heard.speech and "five steps" in heard.speech, heard.speech


def test_how_long_at_a_practices_offer_is_answered_and_the_offer_stands() -> None:
    couple = household_that_said("give us something on trust")
    offered = state_of(couple)
    heard = couple("how long does it take?")
    assert state_of(couple) == offered, heard.speech
    assert said(heard.speech, "practice.how_long"), heard.speech
    heard = couple("yes")
    assert reading(couple).part == 0, heard.speech


# --- 2. "the part where she shares": the other partner's turn -----------------------------------


def test_skip_to_the_part_where_she_shares_goes_to_the_swap() -> None:
    # rebuild e3 #14: back at the first step.
    couple = household_that_said("read us the share your inner world practice")
    assert reading(couple).practice == "share_your_inner_world"
    heard = couple("yes. skip to the part where she shares")
    state = reading(couple)
    assert (state.practice, state.part) == ("share_your_inner_world", 3), heard.speech
    assert practice_step("share_your_inner_world", 3) in heard.speech
    assert said(heard.speech, "practice.other_turn"), heard.speech


def test_the_part_where_a_partner_named_talks_goes_to_the_swap() -> None:
    # memory e1 #23: "This one fits that well", at the introduction read a fourth time.
    couple = at_practice_step("active_listening", "active listening", 3)
    couple("start over")
    heard = couple(
        "we've heard that bit four times now. can we just do the part where Harold talks?"
    )
    state = reading(couple)
    assert (state.practice, state.part) == ("active_listening", 4), heard.speech
    assert practice_step("active_listening", 4) in heard.speech


def test_the_other_turn_with_no_swap_ahead_is_the_next_step_said_so() -> None:
    couple = at_practice_step("active_listening", "active listening", 4)
    heard = couple("skip to the part where he talks")
    state = reading(couple)
    assert (state.practice, state.part) == ("active_listening", 5), heard.speech
    assert said(heard.speech, "practice.other_turn.next"), heard.speech


@pytest.mark.parametrize(
    "line",
    [
        "let us do the listening practice again from the start",
        "can we start the listening practice over",
    ],
)
def test_the_practice_being_read_asked_for_from_the_start_begins_again(line: str) -> None:
    couple = at_practice_step("active_listening", "active listening", 3)
    heard = couple(line)
    state = reading(couple)
    assert (state.practice, state.part) == ("active_listening", 0), heard.speech
