"""The flow of an evening in the fourth December trial (dec2, trial 4), in the testers' words.

Each test began as a line a fresh tester typed and the skill got wrong: a "no" to an offer
followed by a request ("no. do you have something for when we disagree about the kids") ended
the session instead of serving the request; goodbyes said after a word ("cool. stop") or after
skipping something ("we'll skip the check in tonight, we're tired. goodnight") were not heard as
goodbyes; and a shift worker who checked in alone in the morning was offered only to replace that
check-in when both partners came to check in together that evening.
"""

from __future__ import annotations

from skill.conversation.dialog import (
    BrowsingDates,
    CheckingIn,
    Offering,
    PracticeOffer,
    ReadingPractice,
)
from tests.support.talk import Talk, household_that_said, state_of

# --- 1. a no, then a request: the request is served ------------------------------------------


def _at_the_practice_offer() -> Talk:
    """A couple who heard active listening once and just finished a check-in with something on
    their minds: tonight's practice offered is validation, as it was for the blended family."""
    couple = household_that_said("teach us active listening", "stop")
    couple.launch()
    couple("start a check-in")
    couple("both of us")
    couple("a three")
    couple("I've been stressed about the kids all week")
    couple("a three")
    couple("worried about work, honestly")
    state = state_of(couple)
    assert isinstance(state, Offering) and isinstance(state.offer, PracticeOffer), state
    assert state.offer.practice == "validation", state
    return couple


def test_no_then_something_for_disagreeing_about_the_kids_reads_that_practice() -> None:
    couple = _at_the_practice_offer()
    heard = couple("no. do you have something for when we disagree about the kids")
    state = state_of(couple)
    assert couple.session_open, heard.speech
    assert isinstance(state, ReadingPractice), heard.speech
    assert state.practice == "validation", heard.speech


def test_no_practice_tonight_then_a_gentle_weekend_idea_suggests_a_date() -> None:
    couple = _at_the_practice_offer()
    heard = couple(
        "no, no practice tonight thank you. could you suggest something for us to do on the "
        "weekend? nothing too strenuous, his knees"
    )
    assert couple.session_open, heard.speech
    assert isinstance(state_of(couple), BrowsingDates), heard.speech


def test_maybe_later_then_a_date_idea_at_the_practice_offer_suggests_one() -> None:
    couple = _at_the_practice_offer()
    heard = couple("maybe later, can you give us a date idea first? something cheap")
    assert isinstance(state_of(couple), BrowsingDates), heard.speech


def test_a_plain_no_to_the_practice_still_says_goodnight() -> None:
    couple = _at_the_practice_offer()
    heard = couple("no thanks")
    assert not couple.session_open, heard.speech


def test_no_we_did_that_one_already_still_declines() -> None:
    couple = _at_the_practice_offer()
    heard = couple("no, we did that one already")
    assert not couple.session_open, heard.speech


# --- 2. goodbyes said after a word, or after skipping something ------------------------------


def test_skipping_the_check_in_and_saying_goodnight_says_goodnight() -> None:
    couple = household_that_said(
        "could you give us an idea for the weekend, something gentle, Frank's knees aren't good",
        "that one's nice, Frank. yes, save that one please",
    )
    heard = couple("we'll skip the check in tonight, we're tired. goodnight")
    assert not isinstance(state_of(couple), CheckingIn), heard.speech
    assert not couple.session_open, heard.speech


def test_cool_stop_at_the_menu_ends_the_session() -> None:
    couple = household_that_said("how are we doing")
    heard = couple("cool. stop")
    assert not couple.session_open, heard.speech


def test_cool_thats_it_for_us_night_ends_the_session() -> None:
    couple = household_that_said("how are we doing")
    heard = couple("cool, that's it for us, night")
    assert not couple.session_open, heard.speech
