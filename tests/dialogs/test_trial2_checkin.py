"""The nightly check-in as the second December trial's couples spoke to it, in their own words.

Each test began as a turn of that trial the check-in got wrong: a story told at the second
partner's rating that closed the evening as "just you", "the two of us" taken for a rating of
two on an evening that did not ask who was here, and "tonight" said at eight in the morning.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from skill.content.prompts import prompt_bank
from skill.conversation.checkin import QUESTION, RATING
from skill.conversation.dialog import (
    Offering,
    PracticeOffer,
    decode_state,
    encode_state,
)
from tests.support.talk import Talk, checking_in, household_that_said, said

#: Eight in the morning where the household is (the night-shift couple, after a shift).
MORNING = datetime.fromisoformat("2026-11-26T08:00:00-05:00")


def at_the_second_rating() -> Talk:
    """Both here, the first partner's rating and answer given: the second partner is asked."""
    couple = household_that_said(
        "let's check in", "both of us", "a four", "he made me a coffee before work"
    )
    step = checking_in(couple).flow.step
    assert step is not None and (step.kind, step.partner) == (RATING, 1)
    return couple


def a_night_later(partners: str = "both of us") -> Talk:
    """A household that checked in last night (as ``partners`` said), and tonight said yes to
    the check-in: it asks for the first rating straight away, not who is here."""
    couple = household_that_said("start a check-in", partners, "four", "fine")
    if partners == "both of us":
        couple("three")
        couple("good")
    couple("no")
    couple.next_day()
    couple.launch()
    asked = couple("yes")
    step = checking_in(couple).flow.step
    assert step is not None and (step.kind, step.partner) == (RATING, 0), asked.speech
    return couple


# --- 1. a story at the second partner's rating -----------------------------------------------


@pytest.mark.parametrize(
    "story",
    [
        "well I finally called my sister after all these years, that was a big thing for me",
        "um, that he's been sending me little voice notes in the morning",
    ],
)
def test_words_with_no_number_at_the_second_rating_ask_again_for_the_number(story: str) -> None:
    couple = at_the_second_rating()
    heard = couple(story)
    flow = checking_in(couple).flow
    assert flow.partners == 2, heard.speech
    assert flow.step is not None and (flow.step.kind, flow.step.partner) == (RATING, 1)
    assert said(heard.speech, "checkin.retry.rating"), heard.speech
    assert not said(heard.speech, "checkin.partners.one"), heard.speech
    couple("it's Walt now, um, I'd give it a, oh, maybe a three, no, make it a four")
    assert checking_in(couple).flow.ratings[:2] == [4, 4]


@pytest.mark.parametrize("gone", ["she's gone to bed", "he's not answering", "just me after all"])
def test_the_other_one_gone_at_the_second_rating_closes_it_for_the_one_who_answered(
    gone: str,
) -> None:
    couple = at_the_second_rating()
    heard = couple(gone)
    state = decode_state(couple.session_attributes.get("state"))
    assert isinstance(state, Offering) and isinstance(state.offer, PracticeOffer), heard.speech
    assert state.offer.alone, heard.speech
    assert said(heard.speech, "checkin.partners.one"), heard.speech


# --- 2. who is here, said at the rating on an evening that did not ask -------------------------


@pytest.mark.parametrize("both", ["the two of us", "both of us", "it's the two of us tonight"])
def test_the_two_of_us_at_the_first_rating_is_who_is_here_not_a_two(both: str) -> None:
    couple = a_night_later()
    heard = couple(both)
    flow = checking_in(couple).flow
    assert flow.partners == 2 and flow.ratings[0] is None, heard.speech
    assert flow.step is not None and (flow.step.kind, flow.step.partner) == (RATING, 0)
    assert "a two" not in heard.speech.lower(), heard.speech
    assert said(heard.speech, "checkin.partners.two"), heard.speech
    couple("oh a solid four")
    flow = checking_in(couple).flow
    assert flow.ratings[0] == 4 and flow.step is not None and flow.step.kind == QUESTION


def test_the_two_of_us_after_an_evening_alone_makes_it_a_check_in_for_two() -> None:
    couple = a_night_later(partners="just me")
    assert checking_in(couple).flow.partners == 1
    heard = couple("the two of us")
    flow = checking_in(couple).flow
    assert flow.partners == 2 and flow.ratings[0] is None, heard.speech
    assert "a two" not in heard.speech.lower(), heard.speech


@pytest.mark.parametrize("alone", ["just me", "it's only me tonight"])
def test_just_me_at_the_first_rating_is_who_is_here_and_the_rating_asked_again(alone: str) -> None:
    couple = a_night_later()
    heard = couple(alone)
    flow = checking_in(couple).flow
    assert flow.partners == 1 and flow.ratings[0] is None, heard.speech
    assert flow.step is not None and flow.step.kind == RATING, heard.speech


@pytest.mark.parametrize(
    ("words", "rating"), [("both of us, a four", 4), ("the two of us, about a three", 3)]
)
def test_a_number_said_with_who_is_here_is_the_rating(words: str, rating: int) -> None:
    couple = a_night_later()
    heard = couple(words)
    flow = checking_in(couple).flow
    assert flow.ratings[0] == rating, heard.speech
    assert flow.step is not None and flow.step.kind == QUESTION, heard.speech


@pytest.mark.parametrize("number", ["two", "just one", "a one"])
def test_a_bare_number_at_the_rating_is_still_the_rating(number: str) -> None:
    couple = a_night_later()
    couple(number)
    assert checking_in(couple).flow.ratings[0] in (1, 2)


# --- 3. half ratings said back ---------------------------------------------------------------


def test_every_wording_of_a_rounded_rating_says_both_the_number_said_and_the_one_kept() -> None:
    for phrasing in prompt_bank("en-US").phrasings("checkin.ack.rating_rounded"):
        line = phrasing.format(said="four and a half", rating="five")
        assert "four and a half" in line and "five" in line, phrasing


def test_four_and_a_half_is_said_back_with_the_five_kept_whichever_wording_comes() -> None:
    couple = household_that_said("let's check in", "both of us")
    # Each wording comes round once before any comes again: three tries hear them all.
    for said_so in ("a four, maybe a four and a half", "four and a half", "four point five"):
        heard = couple(said_so)
        assert "four and a half" in heard.speech.lower(), heard.speech
        assert "five" in heard.speech.lower().replace("four and a half", ""), heard.speech
        assert checking_in(couple).flow.ratings[0] == 5
        couple("go back")
    couple("three and a half")
    couple("fine")
    heard = couple("two and a half")
    assert "two and a half" in heard.speech.lower() and "three" in heard.speech.lower()


# --- 4. the morning after a night shift --------------------------------------------------------


def test_the_open_question_in_the_morning_does_not_say_tonight() -> None:
    couple = household_that_said("let's check in", "both of us", start=MORNING, screen=True)
    state = checking_in(couple)
    # Tonight's questions as a couple may get them: ones written for the evening.
    state.flow.questions = ["feeling-underneath", "on-mind-tonight"]
    couple.session_attributes = {**couple.session_attributes, "state": encode_state(state)}
    asked = couple("a four")
    assert "How are you really feeling today" in asked.speech, asked.speech
    assert "tonight" not in asked.speech.lower(), asked.speech
    assert asked.screen is not None
    shown = asked.screen["datasources"]["screen"]["question"]
    assert shown.startswith("How are you really feeling today"), shown
    again = couple("what do you mean?")
    assert "tonight" not in again.speech.lower(), again.speech
    couple("tired but okay")
    asked = couple("three")
    assert "on your mind today" in asked.speech, asked.speech
    assert "tonight" not in asked.speech.lower(), asked.speech


def test_the_same_question_in_the_evening_still_says_tonight() -> None:
    couple = household_that_said("let's check in", "both of us")
    state = checking_in(couple)
    state.flow.questions = ["feeling-underneath", "on-mind-tonight"]
    couple.session_attributes = {**couple.session_attributes, "state": encode_state(state)}
    asked = couple("a four")
    assert "How are you really feeling tonight" in asked.speech, asked.speech
