"""Leftovers of the fifth December trial, in the couples' own words.

Each test began as a turn the skill got wrong: "I'm knackered" kept as the name "Knackered";
a goodnight or a no at the practice offer read as a wish for more; names said with a check-in
request on a first check-in still met with "just you or both?"; "what did we just save?" not
answered; "did you get our names? Maya and Sam" not taken.
"""

from __future__ import annotations

from skill.conversation.checkin import RATING
from skill.conversation.dialog import Offering, PracticeOffer
from skill.local.simulator import Turn
from tests.support.talk import (
    Talk,
    checking_in,
    household_that_said,
    idea_on_the_table,
    new_household,
    said,
    state_of,
)


def second_visit() -> Talk:
    """A household back for its second visit: the welcome asks for names."""
    couple = new_household()
    couple.launch()
    couple("stop")
    couple.next_day()
    welcome = couple.launch()
    assert said(welcome.speech, "names.invite"), welcome.speech
    return couple


# --- 1. a state is never a name ----------------------------------------------------------------


def test_im_knackered_at_the_welcome_is_no_name() -> None:
    """ "I'm knackered" said on its own at the welcome was kept as the name "Knackered"."""
    couple = household_that_said("I'm knackered")
    assert couple.profile().names == []
    assert "Knackered" not in (couple.last.speech if couple.last else "")


def test_im_knackered_at_the_names_question_is_no_name() -> None:
    couple = second_visit()
    answer = couple("I'm knackered")
    assert couple.profile().names == [], answer.speech
    assert "Knackered" not in answer.speech


def test_real_names_that_are_also_words_still_count() -> None:
    for name in ("Will", "Joy", "Hope", "Grace"):
        couple = second_visit()
        couple(f"I'm {name}")
        assert couple.profile().names == [name], name


# --- 5. at the practice offer after a check-in ------------------------------------------------


def at_the_practice_offer() -> Talk:
    couple = household_that_said()
    couple.check_in("we cooked together", "a walk")
    state = state_of(couple)
    assert isinstance(state, Offering) and isinstance(state.offer, PracticeOffer), state
    assert state.offer.checkin is not None
    return couple


def test_goodnight_thank_you_for_the_practice_is_goodnight() -> None:
    couple = at_the_practice_offer()
    answer = couple("goodnight, thank you for the practice")
    assert not couple.session_open, answer.speech
    assert answer.response["response"].get("card") is None, answer.speech


def test_no_thanks_for_the_idea_is_a_no() -> None:
    couple = at_the_practice_offer()
    answer = couple("no, thanks for the idea")
    assert answer.response["response"].get("card") is None, answer.speech
    assert not couple.session_open, answer.speech


def test_no_maybe_a_date_idea_tomorrow_puts_it_off() -> None:
    couple = at_the_practice_offer()
    answer = couple("no, maybe a date idea tomorrow")
    assert answer.response["response"].get("card") is None, answer.speech
    assert not couple.session_open, answer.speech


# --- 2. two names with a check-in request: both are here ---------------------------------------


def test_two_names_with_a_first_check_in_take_both_as_here() -> None:
    """Sarcastic e3 #2: "bestie we're Zoe and Marcus… check in" asked "just you or both?"."""
    couple = household_that_said(
        "bestie we're Zoe and Marcus. and yeah fine, check in, but make it less therapist-y"
    )
    flow = checking_in(couple).flow
    assert flow.partners == 2
    step = flow.step
    assert step is not None and step.kind == RATING, couple.last
    assert couple.profile().names == ["Zoe", "Marcus"]


# --- 4. what did we just save? -----------------------------------------------------------------


def test_what_did_we_just_save_names_the_idea() -> None:
    """Memory e3 #11: "what did we just save? what was it called?" was not understood."""
    couple = household_that_said("a date idea", "save it")
    idea = idea_on_the_table(couple)
    answer = couple("what did we just save? what was it called?")
    assert idea.title in answer.speech, answer.speech
    assert said(answer.speech, "dates.saved.named"), answer.speech


# --- 3. did you get our names? -----------------------------------------------------------------


def test_did_you_get_our_names_takes_them() -> None:
    """Distance e2 #3: "did you get our names? Maya and Sam" ("we're" nowhere) is answered."""
    couple = household_that_said()
    answer = couple("did you get our names? Maya and Sam")
    assert couple.profile().names == ["Maya", "Sam"]
    assert said(answer.speech, "names.saved"), answer.speech
    assert "catch" not in answer.speech


def test_did_you_get_our_names_when_known_says_them() -> None:
    couple = household_that_said("did you get our names? Maya and Sam", "a date idea")
    answer = couple("did you get our names? Maya and Sam")
    assert said(answer.speech, "names.known"), answer.speech


# --- 6. requests said as the first line (one-shots) --------------------------------------------


def _one_shot_after_an_evening(line: str) -> tuple[Talk, Turn]:
    couple = household_that_said("start a check-in", "just me", "a four", "we talked")
    couple.end_session()
    couple.advance(minutes=2)
    answered = couple(line)
    assert answered.request["session"]["new"] is True
    return couple, answered


def test_should_we_be_seeing_a_couples_counsellor_as_a_one_shot() -> None:
    """Rebuild e3 #19: the one-shot got "I didn't catch what you'd like"."""
    _, answered = _one_shot_after_an_evening("should we be seeing a couples counsellor")
    assert said(answered.speech, "question.counselling"), answered.speech


def test_what_did_we_do_last_time_as_a_one_shot() -> None:
    """Memory e2 #2: "what did we do last time?" as a first line."""
    _, answered = _one_shot_after_an_evening("what did we do last time")
    assert said(answered.speech, "last_time.checkin"), answered.speech


def test_a_long_distance_date_idea_as_a_one_shot_is_made_for_being_apart() -> None:
    couple, answered = _one_shot_after_an_evening("a long distance date idea")
    assert idea_on_the_table(couple).apart, answered.speech
