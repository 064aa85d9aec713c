"""The flow of an evening in the fourth December trial (dec2, trial 4), in the testers' words.

Each test began as a line a fresh tester typed and the skill got wrong: a "no" to an offer
followed by a request ("no. do you have something for when we disagree about the kids") ended
the session instead of serving the request; goodbyes said after a word ("cool. stop") or after
skipping something ("we'll skip the check in tonight, we're tired. goodnight") were not heard as
goodbyes; and a shift worker who checked in alone in the morning was offered only to replace that
check-in when both partners came to check in together that evening.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from skill.conversation.checkin import PARTNERS, RATING
from skill.conversation.dialog import (
    BrowsingDates,
    CheckingIn,
    Offering,
    PracticeOffer,
    ReadingPractice,
)
from tests.support.talk import Talk, checking_in, household_that_said, new_household, said, state_of

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


# --- 3. a check-in alone in the morning, and one together in the evening ----------------------

#: Kim, just off a night shift, checks in alone at half past seven in the morning.
MORNING = datetime.fromisoformat("2026-11-25T07:30:00-05:00")


def _kim_checked_in_this_morning(together_before: bool = False) -> Talk:
    """Kim checked in alone this morning; the couple opens the skill together this evening
    (``together_before``: after checking in together the evening before, as Kim and Joe had)."""
    kim = new_household(start=MORNING - timedelta(hours=11) if together_before else MORNING)
    if together_before:
        kim.launch()
        kim.check_in("we cooked together", "we went for a walk")
        kim("no thanks")
        kim.end_session()
        kim.now = MORNING
    kim.launch()
    kim("morning. it's just me, Kim. I just got off a night shift and Joe's already left for work")
    kim("ugh, a two. we haven't actually seen each other awake since Sunday")
    kim("I miss him. that's it. I miss him and I'm too tired to be eloquent about it")
    kim("ok. going to sleep now, bye")
    kim.end_session()
    assert kim.profile().streak_count == (2 if together_before else 1)
    kim.now = kim.now.replace(hour=20, minute=15)
    kim.launch()
    return kim


def _entries(talking: Talk, night: str = "2026-11-25") -> list[dict[str, object]]:
    return list(talking.stored().nights[night]["entries"].values())


def test_lets_do_the_check_in_together_after_a_morning_alone_starts_it_for_both() -> None:
    couple = _kim_checked_in_this_morning()
    heard = couple("let's do the check in together")
    flow = checking_in(couple).flow
    assert flow.partners == 2, heard.speech
    assert flow.step is not None and flow.step.kind == RATING, heard.speech
    assert not said(heard.speech, "checkin.already_tonight"), heard.speech
    assert said(heard.speech, "checkin.alone_earlier"), heard.speech
    couple("three")
    couple("we finally had dinner together")
    couple("a four")
    closing = couple("that she laughed at my terrible joke")
    # The day had counted already, with Kim's check-in alone: said so, the streak stays at one.
    assert said(closing.speech, "checkin.streak.same_day"), closing.speech
    assert couple.profile().streak_count == 1


def test_yeah_lets_check_in_after_a_morning_alone_asks_who_is_here_not_to_replace_it() -> None:
    couple = _kim_checked_in_this_morning(together_before=True)
    couple("hi, it's Kim and Joe, both of us tonight for once")
    heard = couple("yeah let's check in")
    assert not said(heard.speech, "checkin.already_tonight"), heard.speech
    flow = checking_in(couple).flow
    assert flow.step is not None and flow.step.kind == PARTNERS, heard.speech
    couple("both of us")
    couple("three")
    couple("that I've been eating dinner alone a lot and it kind of sucks, but I get it")
    couple("four, because he's here")
    closing = couple("that I want to plan one real day off together before Christmas")
    # Both are kept: the morning's one alone and the evening's together; the day counts once.
    kept = _entries(couple)
    assert sorted(int(str(entry["partners"])) for entry in kept) == [1, 2], closing.speech
    assert all(entry["complete"] for entry in kept)
    assert couple.profile().streak_count == 2, closing.speech
    # The day had counted already: the streak holds (two evenings now), no new one starts.
    assert not said(closing.speech, "checkin.streak.fresh"), closing.speech
    assert said(closing.speech, "checkin.streak.count") or said(
        closing.speech, "checkin.streak.same_day"
    ), closing.speech


def test_checking_in_again_after_one_together_still_offers_to_replace_it() -> None:
    couple = household_that_said()
    couple.check_in("we talked", "we laughed")
    couple("no thanks")
    couple.launch()
    heard = couple("let's check in")
    assert said(heard.speech, "checkin.already_tonight"), heard.speech


def test_does_my_morning_check_in_still_count_for_the_streak_says_it_counts() -> None:
    couple = _kim_checked_in_this_morning()
    heard = couple("you hung up on me. does my morning check in still count for the streak?")
    assert said(heard.speech, "question.morning_counts"), heard.speech
    assert couple.session_open


def test_do_mornings_count_as_evenings_is_answered() -> None:
    couple = _kim_checked_in_this_morning()
    heard = couple("do mornings count as evenings for you? because my evenings are at work")
    assert said(heard.speech, "question.morning_counts"), heard.speech
    assert couple.session_open


def test_not_tonight_then_does_my_morning_one_still_count_answers_it() -> None:
    couple = _kim_checked_in_this_morning()
    couple("let's do the check in together")
    couple("three")
    couple("that I've been eating dinner alone a lot and it kind of sucks, but I get it")
    couple("four, because he's here")
    couple("that I want to plan one real day off together before Christmas")
    assert isinstance(state_of(couple), Offering)
    heard = couple(
        "not tonight. wait, so does my morning one still count or did we just erase it? "
        "for the streak"
    )
    assert couple.session_open, heard.speech
    assert said(heard.speech, "question.morning_counts"), heard.speech
    assert len(_entries(couple)) == 2


def test_someone_who_always_checks_in_alone_asking_again_is_offered_to_redo_it() -> None:
    """Only a couple who have checked in together before get a second check-in beside one
    alone without saying who is here: someone who always checks in alone, asking again the
    same day, is most likely doing today's again."""
    kim = _kim_checked_in_this_morning()
    heard = kim("yeah let's check in")
    assert said(heard.speech, "checkin.already_tonight"), heard.speech


@pytest.mark.parametrize(
    "line", ["we'll skip the check in tonight, we're tired", "no check in tonight thanks"]
)
def test_a_check_in_named_to_be_skipped_is_not_started(line: str) -> None:
    couple = household_that_said()
    heard = couple(line)
    assert not isinstance(state_of(couple), CheckingIn), heard.speech


@pytest.mark.parametrize("line", ["why don't we check in", "let's skip the practice and check in"])
def test_a_check_in_asked_for_around_a_skip_word_still_starts(line: str) -> None:
    couple = household_that_said()
    heard = couple(line)
    assert isinstance(state_of(couple), CheckingIn), heard.speech
