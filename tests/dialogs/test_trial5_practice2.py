"""The fifth December trial (dec2, trial 5), practices again, in the testers' words: the
introduction read again is skipped on asking ("we heard that bit already"); "go back" after a
date idea that broke into a practice returns to it; the practice being read, asked for by
name, goes on where it is; "how long is it?" is answered; and "the part where she shares"
goes to the other partner's turn.
"""

from __future__ import annotations

import pytest

from skill.content.practices import practice_library
from skill.conversation.dialog import BrowsingDates
from tests.support.talk import Talk, browsing, household_that_said, reading, said, state_of


def _step(practice: str, index: int, *, alone: bool = False) -> str:
    """What step ``index`` (1 = the first step) of ``practice`` says, in the form read."""
    return practice_library("en-US").practice(practice).form(alone=alone).steps[index - 1].say


def _why(practice: str) -> str:
    return practice_library("en-US").practice(practice).why


def _at_step(practice: str, name: str, index: int) -> Talk:
    """A couple reading ``practice`` (asked for by ``name``), its step ``index`` just read."""
    couple = household_that_said(f"read us the {name} practice")
    for _ in range(index):
        couple("next")
    state = reading(couple)
    assert (state.practice, state.part, state.alone) == (practice, index, False)
    return couple


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
    couple = _at_step("active_listening", "active listening", 2)
    couple("start over")
    assert reading(couple).part == 0
    heard = couple(line)
    state = reading(couple)
    assert (state.practice, state.part) == ("active_listening", 2), heard.speech
    assert _step("active_listening", 2) in heard.speech
    assert _why("active_listening") not in heard.speech


@pytest.mark.parametrize(
    "line", ["we heard that bit already. skip ahead to where we were", "we heard that already"]
)
def test_heard_the_introduction_already_with_no_step_reached_goes_to_the_first(line: str) -> None:
    couple = household_that_said("read us the active listening practice")
    heard = couple(line)
    state = reading(couple)
    assert (state.practice, state.part) == ("active_listening", 1), heard.speech
    assert _step("active_listening", 1) in heard.speech


# --- 4. "go back" after a date idea that broke into a practice -----------------------------------


def _alone_then_a_date_idea() -> Talk:
    """Robin (quiet e1), alone, at the second step of her practice, then a date idea."""
    robin = household_that_said(
        "um, it's just me, he's asleep. can I still do the check in on my own?",
        "I dunno. three maybe. he was working late again",
        "that I'd kind of like to go back to work part time. I haven't brought it up. "
        "he likes me being home",
        "sure. read it. quietly though",
        "yes",
        "mm. my sister, I guess. she just let me talk. ok next",
    )
    state = reading(robin)
    assert (state.part, state.alone) == (2, True), state
    robin("suggest a date idea")
    assert isinstance(state_of(robin), BrowsingDates)
    return robin


def test_go_back_after_a_date_idea_returns_to_the_practice_left() -> None:
    # quiet e1 #8: "Here it is again", the same date idea.
    robin = _alone_then_a_date_idea()
    heard = robin("what? no, I was doing the listening thing. go back")
    state = reading(robin)
    assert (state.part, state.alone) == (2, True), heard.speech
    assert _step(state.practice, 2, alone=True) in heard.speech
    assert said(heard.speech, "practice.resumed"), heard.speech


@pytest.mark.parametrize("line", ["go back", "go back to the practice"])
def test_a_plain_go_back_at_the_first_date_idea_returns_to_the_practice(line: str) -> None:
    couple = _at_step("active_listening", "active listening", 2)
    couple("suggest a date idea")
    heard = couple(line)
    state = reading(couple)
    assert (state.practice, state.part) == ("active_listening", 2), heard.speech


def test_go_back_after_a_second_date_idea_is_the_idea_before() -> None:
    couple = _at_step("active_listening", "active listening", 2)
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
    couple = _at_step("active_listening", "active listening", 3)
    heard = couple(line)
    state = reading(couple)
    assert (state.practice, state.part) == ("active_listening", 3), heard.speech
    assert _step("active_listening", 3) in heard.speech
    assert _why("active_listening") not in heard.speech


def test_another_practice_asked_for_by_name_mid_practice_still_begins_it() -> None:
    couple = _at_step("active_listening", "active listening", 3)
    heard = couple("read us the validation practice")
    state = reading(couple)
    assert (state.practice, state.part) == ("validation", 0), heard.speech


def test_start_over_still_starts_over() -> None:
    couple = _at_step("active_listening", "active listening", 3)
    couple("start over")
    assert reading(couple).part == 0
