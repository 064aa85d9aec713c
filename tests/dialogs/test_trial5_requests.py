"""Requests said around a "no", and everyday goodbyes and yeses, from the fifth December trial
(dec2, trial 5), in the testers' words.

Each test began as a line a fresh tester typed and the skill got wrong. "No, not X, do Y" was
heard as a bare no ten times: the Y was dropped ("no. a short practice. five minutes"), the X
was started ("not a check in tonight. something about rebuilding trust"), or the session ended
with a question unanswered ("should we be seeing a counsellor?"). Goodbyes said the way people
say them ("peace out", "nothing. night", "ok we're done, night alexa"), yeses said with a joke
round them ("wow ok therapist. yeah sure"), "close to who?" and "say that again for Sam" at a
rating, and "did the reminder work?" fell through to "I didn't catch that".
"""

from __future__ import annotations

import pytest

from skill.conversation.checkin import RATING
from skill.conversation.dialog import (
    BrowsingDates,
    CheckingIn,
    CheckInOffer,
    Idle,
    Offering,
    PracticeOffer,
    ReadingPractice,
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


# --- 2. "no, not X": X is not done, and what is asked instead is -----------------------------


#: The practices of the trust pillar (a practice "about trust" is one of them, or the pillar).
TRUST = {"be_honest", "share_your_inner_world", "support_each_other", "forgiveness"}


def _trust_practice_begun(couple: Talk, speech: str) -> None:
    """A practice of the trust pillar is being read or offered; no check-in is under way."""
    state = state_of(couple)
    assert couple.session_open, speech
    assert not isinstance(state, CheckingIn), speech
    if isinstance(state, ReadingPractice):
        assert state.practice in TRUST, speech
    else:
        # The pillar introduced ("Trust is built in small moments…"), and one of it offered.
        assert isinstance(state, Offering) and isinstance(state.offer, PracticeOffer), speech
        assert state.offer.practice in TRUST, speech
        assert "trust" in speech.lower(), speech


def test_no_not_the_check_in_a_cheap_date_at_home_suggests_one() -> None:
    # twins e2 #2
    couple = _at_the_check_in_offer()
    heard = couple("no shh, not the check in. date thing. at home, cheap, half an hour max")
    state = state_of(couple)
    assert isinstance(state, BrowsingDates), heard.speech
    assert state.filters.setting == "home", state.filters
    assert state.filters.budget in ("free", "low"), state.filters


def test_not_the_check_in_something_short_together_does_not_start_it() -> None:
    # twins e3 #2
    couple = _at_the_check_in_offer()
    heard = couple(
        "shh. we're Jess and Priya. not the check in, something short we can do together, "
        "like five minutes"
    )
    assert couple.session_open, heard.speech
    assert not isinstance(state_of(couple), CheckingIn), heard.speech


def test_no_not_the_check_in_a_practice_at_the_rating_leaves_for_a_practice() -> None:
    # twins e3 #3
    couple = _at_the_first_rating()
    heard = couple("no, not the check in. a practice. something short, five minutes")
    reading(couple)
    assert "number" not in heard.speech.lower(), heard.speech


def test_no_a_short_practice_at_the_check_in_offer_reads_one() -> None:
    # twins e3 #6
    couple = _at_the_check_in_offer()
    heard = couple("no. a short practice. five minutes. they're finally asleep")
    assert isinstance(state_of(couple), ReadingPractice), heard.speech


def test_not_a_check_in_tonight_something_about_trust_reads_about_trust() -> None:
    # rebuild e3 #2
    couple = _at_the_check_in_offer()
    heard = couple(
        "not a check in tonight. something about rebuilding trust. after an affair. the real "
        "version, not small stuff"
    )
    _trust_practice_begun(couple, heard.speech)


def test_i_said_not_a_check_in_at_the_rating_leaves_for_trust() -> None:
    # rebuild e3 #3
    couple = _at_the_first_rating()
    heard = couple("no. I said NOT a check in. trust. rebuilding trust")
    _trust_practice_begun(couple, heard.speech)


def test_stop_the_check_in_and_read_us_something_about_trust_does_both() -> None:
    # rebuild e3 #4
    couple = _at_the_first_rating()
    heard = couple("stop the check in. can you read us something about trust")
    _trust_practice_begun(couple, heard.speech)


def test_a_plain_stop_the_check_in_still_stops_it() -> None:
    couple = _at_the_first_rating()
    heard = couple("stop the check in")
    assert not isinstance(state_of(couple), CheckingIn), heard.speech


def test_no_check_in_read_us_something_about_trust_reads_about_trust() -> None:
    # rebuild e3 #6
    couple = _at_the_check_in_offer()
    heard = couple("no check in. read us something about trust, please")
    _trust_practice_begun(couple, heard.speech)


def test_a_question_about_a_counsellor_after_a_no_is_answered() -> None:
    # rebuild e3 #18: at the end of a practice, "Shall I read you another practice?"
    couple = household_that_said("teach us how to share our inner world")
    for _ in range(4):
        couple("yes")
    assert couple.last is not None and said(couple.last.speech, "practice.after")
    heard = couple(
        "no. that was actually ok. can I ask, is there anything for couples after an affair? "
        "like should we be seeing a counsellor?"
    )
    assert couple.session_open, heard.speech
    assert said(heard.speech, "question.counselling"), heard.speech
    # The no left the reading: "another practice?" is not asked again.
    assert not isinstance(state_of(couple), ReadingPractice), heard.speech


@pytest.mark.parametrize(
    "line",
    [
        "should we be seeing a counsellor?",
        "do you think we need couples counseling",
        "would marriage counselling help us",
    ],
)
def test_asked_at_the_menu_whether_to_see_a_counsellor_is_answered(line: str) -> None:
    couple = _at_the_menu()
    heard = couple(line)
    assert said(heard.speech, "question.counselling"), heard.speech
    assert couple.session_open


def test_no_forget_it_the_validation_practice_at_the_reminder_offer_reads_it() -> None:
    # distance e3 #12
    couple = household_that_said(
        "can you remind us to do this every night at nine? my nine, he's five hours ahead"
    )
    heard = couple("no, forget it for now. the validation practice, for both of us")
    assert reading(couple).practice == "validation", heard.speech


def test_no_thank_you_can_you_keep_what_we_say_after_the_favourites_keeps_it() -> None:
    # memory e3 #13: after the favourites, "Shall I suggest something new?"
    couple = household_that_said("suggest a date idea", "save it", "what are our favourite dates")
    heard = couple(
        "no thank you. can you keep what we say, so I can remind him another day what we talked "
        "about?"
    )
    assert couple.session_open, heard.speech
    assert said(heard.speech, "journal.on") or said(heard.speech, "journal.explain"), heard.speech
