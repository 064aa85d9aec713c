"""Lines new couples said in the December trials that the skill still misheard, in their words.

Both numbers said in one breath ("okay she's a five, and I'm a four"), a day spent "on my own"
at the second partner's number, a half said back as given in the summary, "perfect. save that
one" when there is nothing to save, "k thanks" after the help numbers, and "well wait, what's
our streak" taken as a wait.
"""

from __future__ import annotations

import pytest

from skill.conversation.checkin import ANSWERED, ASKED, QUESTION, RATING
from skill.conversation.dialog import CheckingIn
from skill.household.model import Household
from tests.support.talk import (
    Talk,
    checking_in,
    household_that_said,
    new_household,
    said,
    says,
    state_of,
)

BOTH_AT_ONCE = (
    "okay me first, I'm a four, no wait Mia wants to go first, okay she's a five, and I'm a four"
)


def at_the_first_rating() -> Talk:
    couple = household_that_said("start a check-in", "both of us")
    assert at(couple, RATING, 0)
    return couple


def kept_ratings(couple: Talk) -> list[int | None]:
    """The ratings of the one check-in the household has kept."""
    household = Household.from_record(couple.stored())
    entries = [e for night in household.nights.values() for e in night.entries.values()]
    assert len(entries) == 1
    return entries[0].ratings


def at(couple: Talk, kind: str, partner: int) -> bool:
    step = checking_in(couple).flow.step
    return step is not None and (step.kind, step.partner) == (kind, partner)


# --- 1. both partners' numbers in one breath ------------------------------------------------


def test_she_is_a_five_and_i_am_a_four_keeps_both_and_says_whose_is_whose() -> None:
    couple = at_the_first_rating()
    rated = couple(BOTH_AT_ONCE)
    flow = checking_in(couple).flow
    assert flow.ratings == [4, 5], rated.speech
    assert said(rated.speech, "checkin.ack.rating_both"), rated.speech
    assert at(couple, QUESTION, 0), rated.speech
    # The second partner is not asked for a number they already gave: on to their question.
    answered = couple("um I guess when we were cooking dinner and we just laughed")
    assert at(couple, QUESTION, 1), answered.speech
    assert said(answered.speech, "checkin.second_partner.question"), answered.speech
    assert not said(answered.speech, "checkin.ask.rating"), answered.speech
    closed = couple("he fixed the sink without being asked")
    assert not isinstance(state_of(couple), CheckingIn)
    assert said(closed.speech, "checkin.reflect.pair"), closed.speech
    assert "four and a five" in closed.speech, closed.speech
    assert kept_ratings(couple) == [4, 5]


def test_both_numbers_the_wrong_way_round_are_put_right_with_go_back() -> None:
    couple = at_the_first_rating()
    couple(BOTH_AT_ONCE)
    couple("go back")
    assert at(couple, RATING, 0)
    couple("I'm a five and she's a four")
    assert checking_in(couple).flow.ratings == [5, 4]
    assert at(couple, QUESTION, 0)


def test_both_numbers_by_name_are_said_back_by_name() -> None:
    couple = household_that_said("we're Ben and Mia", "start a check-in", "both of us")
    rated = couple("I'm a four and she's a five")
    assert checking_in(couple).flow.ratings == [4, 5], rated.speech
    assert said(rated.speech, "checkin.named.ack.rating_both"), rated.speech


@pytest.mark.parametrize(
    "line",
    [
        # Answering for themselves only, or saying what the other would say: theirs to give.
        "I'd say three, she says two, but I'm answering mine so three",
        "oh I'd say a four. Ruth says three but she's grumpy about the garden",
    ],
)
def test_the_other_partner_still_answers_when_their_number_was_only_reported(line: str) -> None:
    couple = at_the_first_rating()
    couple(line)
    flow = checking_in(couple).flow
    assert flow.ratings[1] is None
    couple("we went for a walk")
    assert at(couple, RATING, 1)


def test_on_my_own_tonight_the_other_number_is_not_kept() -> None:
    couple = household_that_said("start a check-in", "just me")
    couple("I'm a four and she's a five")
    flow = checking_in(couple).flow
    assert flow.partners == 1 and flow.ratings[0] == 4 and flow.ratings[1] is None


# --- 2. a day "on my own" is a story, not who is here ---------------------------------------


def test_i_spent_the_day_on_my_own_at_the_second_rating_keeps_both_partners() -> None:
    couple = household_that_said(
        "start a check-in", "both of us", "a four", "we cooked dinner together"
    )
    assert at(couple, RATING, 1)
    asked = couple("I spent the day on my own")
    flow = checking_in(couple).flow
    assert flow.partners == 2, asked.speech
    assert at(couple, RATING, 1), asked.speech
    assert not said(asked.speech, "checkin.partners.one"), asked.speech
    couple("a two")
    assert checking_in(couple).flow.ratings == [4, 2]


def test_i_spent_the_day_on_my_own_at_the_first_rating_is_no_just_me() -> None:
    couple = at_the_first_rating()
    asked = couple("I spent the day on my own")
    assert checking_in(couple).flow.partners == 2, asked.speech
    assert at(couple, RATING, 0), asked.speech


def test_on_my_own_tonight_at_a_rating_is_still_just_me() -> None:
    couple = at_the_first_rating()
    couple("I'm on my own tonight")
    assert checking_in(couple).flow.partners == 1


# --- 3. a half is said back as given in the summary -----------------------------------------


def test_a_four_and_a_half_is_said_back_as_given_in_the_summary() -> None:
    couple = household_that_said("start a check-in", "both of us", "a two", "we talked a bit")
    kept = couple("a four, maybe a four and a half")
    assert said(kept.speech, "checkin.ack.rating_rounded"), kept.speech
    closed = couple("he made me tea")
    assert "four and a half" in closed.speech, closed.speech
    assert "a five" not in closed.speech, closed.speech
    assert kept_ratings(couple) == [2, 5]


def test_three_and_a_half_alone_is_said_back_as_given() -> None:
    couple = household_that_said("start a check-in", "just me", "three and a half")
    closed = couple("work was heavy today")
    assert "three and a half" in closed.speech, closed.speech


# --- 4. "save that one" with nothing to save ------------------------------------------------


def test_perfect_save_that_one_at_an_open_question_is_not_the_answer() -> None:
    couple = household_that_said("start a check-in", "both of us", "a five")
    assert at(couple, QUESTION, 0)
    asked = couple("perfect. save that one")
    flow = checking_in(couple).flow
    assert at(couple, QUESTION, 0), asked.speech
    assert flow.outcomes["question:0"] == ASKED, asked.speech
    assert said(asked.speech, "checkin.nothing_to_save"), asked.speech
    assert not couple.profile().dates.saved
    couple("she stayed up to help me with my talk")
    assert checking_in(couple).flow.outcomes["question:0"] == ANSWERED


# --- 5. "k thanks" after the help numbers ---------------------------------------------------


def test_k_thanks_to_the_care_answer_is_a_warm_goodbye() -> None:
    couple = household_that_said("start a check-in", "just me", "a two")
    couple("honestly some nights I feel like everyone would be better off without me")
    closed = couple("k thanks")
    assert says(closed, "care.goodbye"), closed.speech
    assert not says(closed, "care.once_more"), closed.speech


def test_k_thanks_after_the_numbers_asked_again_is_thanks_not_a_miss() -> None:
    couple = household_that_said("start a check-in", "just me", "a two")
    couple("honestly some nights I feel like everyone would be better off without me")
    couple("no")
    couple.advance(minutes=40)
    couple("open heart talks")
    couple("the number")
    thanked = couple("k thanks")
    assert says(thanked, "care.goodbye"), thanked.speech
    assert not says(thanked, "fallback.idle"), thanked.speech


# --- 6. a question after "wait" is served ---------------------------------------------------


@pytest.mark.parametrize(
    "line", ["well wait, what's our streak", "actually wait, what's our streak"]
)
def test_a_streak_asked_after_wait_is_told_not_waited_for(line: str) -> None:
    couple = new_household()
    couple.check_in("we cooked together", "he fixed the sink")
    couple.next_day()
    couple("open heart talks")
    told = couple(line)
    assert "[pause" not in told.speech, told.speech
    assert not says(told, "checkin.wait"), told.speech
    assert "streak" in told.speech.lower(), told.speech


def test_a_streak_asked_after_wait_at_a_rating_is_told_and_the_check_in_goes_on() -> None:
    couple = at_the_first_rating()
    told = couple("wait, what's our streak")
    assert "[pause" not in told.speech, told.speech
    assert "streak" in told.speech.lower(), told.speech
    assert at(couple, RATING, 0), told.speech


def test_wait_on_its_own_is_still_a_wait() -> None:
    couple = at_the_first_rating()
    waited = couple("hold on")
    assert "[pause" in waited.speech, waited.speech
