"""Everyday goodbyes, yeses and questions from the fifth December trial (dec2, trial 5), in
the testers' words.

Each test began as a line a fresh tester typed and the skill got wrong. Goodbyes said the way
people say them ("peace out", "nothing. night", "ok we're done, night alexa"), yeses said with a
joke round them ("wow ok therapist. yeah sure"), "close to who?" and "say that again for Sam" at
a rating, and "did the reminder work?" fell through to "I didn't catch that" or another offer.
"""

from __future__ import annotations

import pytest

from skill.conversation.checkin import RATING
from skill.conversation.dialog import (
    CheckingIn,
    CheckInOffer,
    Idle,
    Offering,
)
from tests.support.fake_alexa_api import FakeAlexaApi
from tests.support.memory_store import MemoryStore
from tests.support.talk import (
    CONSENT_TOKEN,
    Talk,
    app_on,
    checking_in,
    household_that_said,
    new_household,
    reading,
    said,
    state_of,
)


def _at_the_check_in_offer() -> Talk:
    """A couple back the next evening: the welcome asks whether now is a good time for
    tonight's check-in, as it asked the twins, the rebuilding couple and the sarcastic one."""
    couple = new_household()
    couple.launch()
    couple("goodbye")
    couple.next_day()
    couple.launch()
    state = state_of(couple)
    assert isinstance(state, Offering) and isinstance(state.offer, CheckInOffer), state
    return couple


def _at_the_first_rating() -> Talk:
    """A couple asked for the first rating of tonight's check-in."""
    couple = household_that_said("start a check-in", "both of us")
    step = checking_in(couple).flow.step
    assert step is not None and step.kind == RATING
    return couple


def _at_the_menu() -> Talk:
    """A couple who turned the check-in down: asked what they would like instead."""
    couple = _at_the_check_in_offer()
    couple("no")
    assert isinstance(state_of(couple), Idle)
    assert couple.session_open
    return couple


# --- 1. everyday goodbyes, yeses and questions ----------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "3.5 out of five, solid C plus. ok we're done, night alexa",  # sarcastic e1 #16
        "lol. goodnight. stop",  # sarcastic e1 #17
        "nothing. night",  # quiet e5 #8
        "peace out",
        "forget it, goodnight",
    ],
)
@pytest.mark.parametrize("where", ["menu", "offer"])
def test_everyday_goodbyes_end_the_session(line: str, where: str) -> None:
    couple = _at_the_menu() if where == "menu" else _at_the_check_in_offer()
    heard = couple(line)
    assert not couple.session_open, heard.speech


def test_nope_peace_out_after_a_loved_date_says_goodbye() -> None:
    # sarcastic e2 #16: "Would you like another idea?"
    couple = household_that_said("something adventurous for saturday", "we love it")
    heard = couple("nope. peace out")
    assert not couple.session_open, heard.speech


def test_forget_it_goodnight_at_a_date_idea_says_goodbye() -> None:
    # twins e3 #13
    couple = household_that_said("suggest a date idea")
    heard = couple("oh my god. no. we were in the middle. forget it, goodnight")
    assert not couple.session_open, heard.speech


def test_ok_yes_but_quick_said_with_a_joke_starts_the_check_in() -> None:
    # sarcastic e2 #2
    couple = _at_the_check_in_offer()
    heard = couple("omg it remembers us. ok yes but quick, we're mid love island")
    assert isinstance(state_of(couple), CheckingIn), heard.speech


def test_wow_ok_therapist_yeah_sure_goes_on_with_the_practice() -> None:
    # sarcastic e2 #9
    couple = household_that_said("teach us active listening")
    assert reading(couple).part == 0
    heard = couple("wow ok therapist. yeah sure")
    assert reading(couple).part == 1, heard.speech


def test_close_to_who_at_the_rating_explains_the_question() -> None:
    # memory e1 #4
    couple = _at_the_first_rating()
    heard = couple("what's it asking me? close to who?")
    assert said(heard.speech, "checkin.rephrase.rating"), heard.speech
    flow = checking_in(couple).flow
    assert flow.pos == 0 and not any(flow.ratings), flow
    assert not heard.speech.startswith("Got it"), heard.speech


def test_say_that_again_for_sam_at_the_rating_asks_the_question_again() -> None:
    # distance e1 #3
    couple = _at_the_first_rating()
    heard = couple("wait can you say that again for Sam, he didn't catch it, the line's laggy")
    assert not said(heard.speech, "checkin.retry.rating"), heard.speech
    assert "five" in heard.speech, heard.speech
    flow = checking_in(couple).flow
    assert flow.pos == 0 and not any(flow.ratings), flow


def test_did_the_reminder_work_without_permission_says_it_is_not_set() -> None:
    # distance e3 #11: the household said yes, but the permission was never given
    couple = _at_the_menu()
    heard = couple("did the reminder work? it's nine my time, not his")
    assert not said(heard.speech, "reminder.offer"), heard.speech
    assert said(heard.speech, "reminder.not_allowed"), heard.speech
    assert couple.session_open


def test_did_the_reminder_work_with_one_set_says_its_time(fake: FakeAlexaApi) -> None:
    couple = Talk(app_on(MemoryStore()), api_endpoint=fake.url, consent_token=CONSENT_TOKEN)
    couple.launch()
    fake.add_reminder(21, 0)
    heard = couple("did the reminder work? it's nine my time, not his")
    assert said(heard.speech, "reminder.listed"), heard.speech
    assert "9 PM" in heard.speech
