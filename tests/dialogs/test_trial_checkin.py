"""The nightly check-in as the December trial's couples spoke to it, in their own words.

Each test began as a turn of that trial that left or bent the check-in: a thank-you that ended
it, "just me tonight" that was not taken as said, a heartfelt answer read as a command, two
ratings said in one breath.
"""

from __future__ import annotations

import pytest

from skill.content.understanding import vocabulary
from skill.conversation.checkin import QUESTION, RATING
from skill.conversation.dialog import Offering, decode_state
from skill.conversation.understanding import read_rating
from tests.support.talk import Talk, checking_in, household_that_said, said


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


# --- 1. a thank-you inside the check-in ------------------------------------------------------


@pytest.mark.parametrize("thanks", ["thanks", "thanks for that"])
def test_thanks_when_asked_for_a_number_is_acknowledged_and_the_number_asked_again(
    thanks: str,
) -> None:
    couple = household_that_said("start a check-in", "both of us")
    thanked = couple(thanks)
    state = checking_in(couple)
    assert state.flow.step is not None and state.flow.step.kind == RATING, thanked.speech
    assert said(thanked.speech, "checkin.thanked"), thanked.speech
    assert not said(thanked.speech, "small_talk.thanks"), thanked.speech
    assert "from one to five" in thanked.speech or "one to five" in thanked.speech
    couple("four")
    assert checking_in(couple).flow.ratings[0] == 4


def test_thanks_heard_by_alexa_as_a_thank_you_also_keeps_the_check_in_going() -> None:
    couple = household_that_said("start a check-in", "both of us")
    thanked = couple.intent("ThanksIntent")
    state = checking_in(couple)
    assert state.flow.step is not None and state.flow.step.kind == RATING, thanked.speech
    assert said(thanked.speech, "checkin.thanked") and couple.session_open


def test_thanks_at_the_open_question_asks_it_again_and_a_thanks_in_an_answer_is_the_answer() -> (
    None
):
    couple = household_that_said("start a check-in", "just me", "a four")
    thanked = couple("thanks")
    state = checking_in(couple)
    assert state.flow.step is not None and state.flow.step.kind == QUESTION, thanked.speech
    assert said(thanked.speech, "checkin.thanked")
    couple("thanks to him I actually got a nap")
    assert decode_state(couple.session_attributes.get("state")) is not None
    assert isinstance(decode_state(couple.session_attributes.get("state")), Offering)


# --- 2. "just me" said with the yes ------------------------------------------------------------


def test_just_me_tonight_at_the_first_welcome_starts_it_for_one_without_the_just_me_tip() -> None:
    alone = household_that_said()
    started = alone("it's just me tonight, he's working nights this week")
    flow = checking_in(alone).flow
    assert flow.partners == 1 and flow.step is not None and flow.step.kind == RATING
    assert not tells_to_say_just_me(started.speech), started.speech
    assert said(started.speech, "checkin.partners.one"), started.speech


@pytest.mark.parametrize("just_me", ["just me tonight", "just me again"])
def test_just_me_at_the_check_in_offer_starts_it_for_one(just_me: str) -> None:
    alone = a_night_later()
    started = alone(just_me)
    assert checking_in(alone).flow.partners == 1
    assert not tells_to_say_just_me(started.speech), started.speech


def test_we_can_do_the_check_in_its_just_me_at_the_menu() -> None:
    alone = household_that_said("no")
    started = alone("we can do the check in, it's just me")
    assert checking_in(alone).flow.partners == 1
    assert not tells_to_say_just_me(started.speech), started.speech


def test_yes_the_check_in_at_the_rating_goes_on_with_the_one_who_is_here() -> None:
    alone = a_night_later()
    alone("just me tonight")
    again = alone("yes the check in")
    flow = checking_in(alone).flow
    assert flow.partners == 1 and flow.pos == 0, again.speech
    assert flow.step is not None and flow.step.kind == RATING
    assert not tells_to_say_just_me(again.speech), again.speech
    assert "one of you" not in again.speech.lower(), again.speech


# --- 3. heartfelt answers are answers ------------------------------------------------------


def test_i_just_want_us_to_stop_keeping_score_is_an_answer() -> None:
    couple = household_that_said("start a check-in", "both of us", "a three")
    answered = couple("I just want us to stop keeping score")
    flow = checking_in(couple).flow
    assert flow.step is not None and flow.step.kind == RATING and flow.step.partner == 1
    assert "delete" not in answered.speech.lower(), answered.speech


def test_the_tea_thing_from_last_time_said_at_the_rating_does_not_leave_the_check_in() -> None:
    couple = household_that_said("start a check-in", "both of us", "a four", "fine")
    heard = couple("I think the tea thing from last time, I did say thank you this morning")
    flow = checking_in(couple).flow
    assert flow.step is not None and flow.step.kind == RATING and flow.step.partner == 1
    assert not said(heard.speech, "practice.nothing_paused"), heard.speech


@pytest.mark.parametrize("returned", ["ok back", "we're back", "okay we're back"])
def test_back_after_hold_on_asks_the_same_question_again(returned: str) -> None:
    couple = household_that_said("start a check-in", "both of us", "a four")
    asked = checking_in(couple).flow
    question = asked.questions[0]
    couple("hold on")
    back = couple(returned)
    flow = checking_in(couple).flow
    assert flow.pos == 1 and flow.step is not None and flow.step.kind == QUESTION, back.speech
    assert flow.questions[0] == question
    assert not said(back.speech, "checkin.back"), back.speech


def test_ok_back_with_no_wait_before_still_goes_back() -> None:
    couple = household_that_said("start a check-in", "both of us", "a four")
    couple("ok back")
    assert checking_in(couple).flow.pos == 0


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
