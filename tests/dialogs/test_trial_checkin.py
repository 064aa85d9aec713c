"""The nightly check-in as the December trial's couples spoke to it, in their own words.

Each test began as a turn of that trial that left or bent the check-in: a thank-you that ended
it, "just me tonight" that was not taken as said, a heartfelt answer read as a command, two
ratings said in one breath.
"""

from __future__ import annotations

import pytest

from skill.content.understanding import vocabulary
from skill.conversation.dialog import CheckingIn, Offering, decode_state
from skill.conversation.understanding import read_rating
from tests.support.memory_store import MemoryStore
from tests.support.talk import Talk, app_on, said


def household_that_said(*lines: str) -> Talk:
    """A new household that opened the skill and said ``lines``, in order."""
    couple = Talk(app_on(MemoryStore()))
    couple.launch()
    for line in lines:
        couple(line)
    return couple


def checking_in(talking: Talk) -> CheckingIn:
    state = decode_state(talking.session_attributes.get("state"))
    assert isinstance(state, CheckingIn), state
    return state


def a_night_later() -> Talk:
    """A household that checked in as two last night, welcomed tonight with the check-in
    offered ("Do you have a few minutes for tonight's check-in?")."""
    couple = household_that_said(
        "start a check-in", "both of us", "four", "fine", "three", "good", "no"
    )
    couple.next_day()
    welcome = couple.launch()
    assert isinstance(decode_state(couple.session_attributes.get("state")), Offering)
    assert "check-in" in welcome.speech
    return couple


def tells_to_say_just_me(text: str) -> bool:
    return said(text, "checkin.instructions") or "just me" in text.lower()


# --- 4. two ratings in one turn -------------------------------------------------------------


@pytest.mark.parametrize(
    ("said_so", "rating"),
    [
        ("I'd say three, she says two, but I'm answering mine so three", 3),
        ("oh I'd say a four. Ruth says three but she's grumpy about the garden", 4),
        ("Chris, um four I think", 4),
    ],
)
def test_the_speakers_own_number_is_taken_when_two_are_said(said_so: str, rating: int) -> None:
    couple = household_that_said("start a check-in", "both of us")
    rated = couple(said_so)
    flow = checking_in(couple).flow
    assert flow.partners == 2 and flow.ratings[0] == rating, rated.speech
    assert not said(rated.speech, "checkin.retry.rating"), rated.speech
    assert not said(rated.speech, "checkin.partners.two"), rated.speech


@pytest.mark.parametrize(
    ("said_so", "rating"),
    [
        ("mine is three, hers is two", 3),
        ("he'd say two, mine's a four", 4),
        ("she reckons a two but I'd give it a four", 4),
        ("priya would say three and a half", 4),
        ("he says three, i say five, call it four", 4),
    ],
)
def test_whose_number_is_whose(said_so: str, rating: int) -> None:
    assert read_rating(said_so, vocabulary("en-US")).value == rating
