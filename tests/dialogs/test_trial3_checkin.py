"""The nightly check-in as the third December trial's couples spoke to it, in their own words.

Each test began as a turn of that trial the check-in got wrong: "yeah fine, next" taken as a
four, a request for something to do on Saturday taken as a one, a number corrected in the same
breath lost, and remarks, requests and "sorry, what? slowly please" swallowed as the answer.
"""

from __future__ import annotations

import pytest

from skill.conversation.checkin import QUESTION, RATING, SKIPPED
from skill.conversation.dialog import BrowsingDates, Offering
from skill.turn import SLOW
from tests.support.talk import Talk, checking_in, household_that_said, said, state_of


def at_the_first_rating() -> Talk:
    """Both here, the first partner asked for a number."""
    couple = household_that_said("start a check-in", "both of us")
    step = checking_in(couple).flow.step
    assert step is not None and (step.kind, step.partner) == (RATING, 0)
    return couple


def at_the_first_question() -> Talk:
    """Both here, the first partner rated the day a four and is asked the open question."""
    couple = household_that_said("start a check-in", "both of us", "a four")
    step = checking_in(couple).flow.step
    assert step is not None and (step.kind, step.partner) == (QUESTION, 0)
    return couple


def still_at(couple: Talk, kind: str, partner: int) -> bool:
    step = checking_in(couple).flow.step
    return step is not None and (step.kind, step.partner) == (kind, partner)


# --- 1. a vague word said with "next" is no rating -------------------------------------------


@pytest.mark.parametrize("first", [[], ["yes"]])
def test_yeah_fine_next_at_a_rating_skips_it_rather_than_calling_it_a_four(
    first: list[str],
) -> None:
    couple = at_the_first_rating()
    for line in first:
        couple(line)  # "yes" first (roughpatch): asked again for a number
    moved = couple("yeah fine, next")
    flow = checking_in(couple).flow
    assert flow.ratings[0] is None, moved.speech
    assert flow.outcomes["rating:0"] == SKIPPED
    assert still_at(couple, QUESTION, 0), moved.speech
    assert "four" not in moved.speech.lower()


# --- 2. a request said at a rating is served, not rated --------------------------------------


def test_something_to_do_on_saturday_asked_at_a_rating_is_a_date_idea_not_a_one() -> None:
    couple = at_the_first_rating()
    asked = couple(
        "ok and give us something we can do together when she's back on Saturday, nothing big"
    )
    assert isinstance(state_of(couple), BrowsingDates), asked.speech
    assert "about a one" not in asked.speech, asked.speech
    saved = couple("perfect. save that one")
    assert len(couple.profile().dates.saved) == 1, saved.speech


# --- 3. a number corrected in the same breath ------------------------------------------------


def test_two_kidding_five_is_a_five() -> None:
    couple = at_the_first_question()
    couple("um I guess when we were cooking dinner and he burned the rice and we just laughed")
    couple("two. kidding! five")
    assert checking_in(couple).flow.ratings[:2] == [4, 5]
    assert still_at(couple, QUESTION, 1)


def test_go_back_i_meant_four_at_the_open_question_changes_the_rating_to_four() -> None:
    couple = household_that_said("start a check-in", "both of us")
    couple("oh. three then. it's been a quiet day, my hip is acting up")
    assert checking_in(couple).flow.ratings[0] == 3
    changed = couple("go back, I meant four. June's reminding me we had a nice lunch")
    assert checking_in(couple).flow.ratings[0] == 4, changed.speech
    assert still_at(couple, QUESTION, 0), changed.speech


# --- 4. remarks and requests at the open question --------------------------------------------


@pytest.mark.parametrize(
    "remark", ["honestly this is stupid", "I'm not doing the mirroring thing. it's stupid"]
)
def test_reluctance_at_the_open_question_is_met_gently_not_taken_as_the_answer(
    remark: str,
) -> None:
    couple = at_the_first_question()
    heard = couple(remark)
    assert said(heard.speech, "checkin.reluctant"), heard.speech
    assert still_at(couple, QUESTION, 0)
    assert checking_in(couple).flow.outcomes["question:0"] != "answered"
    skipped = couple("skip")
    assert still_at(couple, RATING, 1), skipped.speech


def test_no_thanks_what_can_we_do_in_an_hour_at_the_open_question_is_a_date_idea() -> None:
    couple = at_the_first_question()
    asked = couple("no thanks, we only have an hour before bed, what can we do in an hour")
    state = state_of(couple)
    assert isinstance(state, BrowsingDates), asked.speech
    assert state.filters.time is not None


def test_ok_how_are_we_doing_this_week_at_the_open_question_reports_and_asks_again() -> None:
    couple = at_the_first_question()
    asked = couple("ok. how are we doing this week")
    assert said(asked.speech, "checkin.resume"), asked.speech
    assert still_at(couple, QUESTION, 0)


def test_that_actually_helped_a_little_thank_you_is_thanks_not_the_answer() -> None:
    couple = at_the_first_question()
    thanked = couple("that actually helped a little. thank you")
    assert said(thanked.speech, "checkin.thanked"), thanked.speech
    assert still_at(couple, QUESTION, 0)


# --- 5. "sorry, what? slowly please" ---------------------------------------------------------


def test_sorry_what_slowly_please_asks_the_question_again_slower() -> None:
    couple = at_the_first_question()
    again = couple("sorry, what? slowly please")
    assert still_at(couple, QUESTION, 0), again.speech
    assert couple.session_attributes.get(SLOW) is True


# --- 6. questions at a rating ----------------------------------------------------------------


def test_what_about_compared_to_last_week_at_a_rating_reports_and_asks_the_rating_again() -> None:
    couple = at_the_first_rating()
    asked = couple("what about compared to last week")
    assert said(asked.speech, "checkin.resume"), asked.speech
    assert not said(asked.speech, "checkin.retry.rating"), asked.speech
    assert still_at(couple, RATING, 0)


def test_what_was_our_favourite_at_a_rating_names_it_and_asks_the_rating_again() -> None:
    couple = household_that_said("suggest a date idea")
    couple("save it")
    title = couple.profile().dates.saved[0]
    couple("start a check-in")
    couple("both of us")
    asked = couple("what was our favourite again? the library one?")
    assert said(asked.speech, "dates.favourites.intro"), asked.speech
    assert said(asked.speech, "checkin.resume"), asked.speech
    assert still_at(couple, RATING, 0), (title, asked.speech)


# --- 7. a fight told before the check-in -----------------------------------------------------


def test_a_check_in_after_a_fight_closes_calmly_not_as_a_good_day() -> None:
    couple = household_that_said(
        "I'm not talking to you, I'm talking to the thing. we just had a massive fight",
        "can we just do the thing where we take turns",
        "both of us",
        "five",
        "we went for a walk",
        "yeah fine, next",
    )
    closed = couple("that actually helped a little. thank you")
    assert still_at(couple, QUESTION, 1), closed.speech
    closed = couple("skip")
    assert isinstance(state_of(couple), Offering)
    assert said(closed.speech, "checkin.close.tension"), closed.speech
    assert not said(closed.speech, "checkin.offer.close"), closed.speech
