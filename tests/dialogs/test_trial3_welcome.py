"""The welcome and the menu in the third December trial (dec2, trial 3), in the testers' words.

Every test here is a line a fresh tester typed into the simulator at the welcome or at "what
would you like: a check-in, a date idea, or a practice?": names said with "he is" or a hello,
a wrong name put right, the check-in asked for in their own words (or by a number, or by who
is here), a request after "maybe later", the streak asked about, a repeat or "next" at the
menu, "ok we're back" after a wait, and doubts about the whole thing.
"""

from __future__ import annotations

import pytest

from skill.conversation.dialog import (
    BrowsingDates,
    CheckingIn,
    Idle,
    Offering,
    ReadingPractice,
)
from tests.support.talk import (
    Talk,
    checking_in,
    household_that_said,
    new_household,
    said,
    state_of,
)


def _not_a_miss(speech: str) -> bool:
    lowered = speech.lower()
    return not any(
        miss in lowered
        for miss in ("not sure i can help", "didn't quite", "didn't catch", "not catching")
    )


def _returning() -> Talk:
    """A household that came once before and is back the next evening (the evening welcome)."""
    couple = new_household()
    couple.launch()
    couple("goodbye")
    couple.next_day()
    return couple


# --- names -------------------------------------------------------------------------------------


def test_he_is_before_a_name_is_not_taken_for_the_name() -> None:
    couple = household_that_said("hello")
    heard = couple("my name is Katarzyna and he is Tom")
    assert couple.profile().names == ["Katarzyna", "Tom"], heard.speech
    assert "He." not in heard.speech and "He " not in heard.speech


@pytest.mark.parametrize("pronoun", ["he", "she", "him", "her"])
def test_a_pronoun_is_never_a_name(pronoun: str) -> None:
    couple = household_that_said("hello")
    couple(f"I'm Grace and {pronoun} is Ana")
    assert pronoun.capitalize() not in couple.profile().names


def test_a_wrong_name_put_right_is_apologised_for_and_taken() -> None:
    couple = new_household()
    couple.launch()
    couple.intent("NamesIntent", {"first": "Katarzyna", "second": "He"})
    assert couple.profile().names == ["Katarzyna", "He"]
    couple("goodbye")
    couple.next_day()
    couple.launch()
    heard = couple("his name is Tom, not He. why you call him He?")
    assert couple.profile().names == ["Katarzyna", "Tom"], heard.speech
    assert said(heard.speech, "names.corrected"), heard.speech
    assert "Katarzyna and Tom" in heard.speech


def test_names_said_with_hello_again_when_invited_are_taken() -> None:
    couple = _returning()
    welcome = couple.launch()
    assert said(welcome.speech, "names.invite"), welcome.speech
    heard = couple("hello again, it's Harold and June")
    assert couple.profile().names == ["Harold", "June"], heard.speech
    assert said(heard.speech, "names.saved"), heard.speech


def test_names_and_the_news_said_at_the_welcome_are_both_heard() -> None:
    couple = new_household()
    couple.launch()
    heard = couple("hiii, it's priya and sam, we just got married like two months ago")
    assert couple.profile().names == ["Priya", "Sam"], heard.speech
    assert said(heard.speech, "small_talk.hello.wedding"), heard.speech
    assert "Priya and Sam" in heard.speech


# --- the check-in asked for in their own words --------------------------------------------------


@pytest.mark.parametrize(
    "asked",
    [
        "hello. we want make the talk",
        "well, we'd like to try this talking thing our granddaughter set up for us",
    ],
)
def test_the_check_in_asked_for_in_own_words_at_the_welcome_starts_it(asked: str) -> None:
    couple = new_household()
    couple.launch()
    heard = couple(asked)
    assert isinstance(state_of(couple), CheckingIn), heard.speech


def test_yes_both_at_the_menu_starts_a_check_in_for_two() -> None:
    couple = household_that_said("hello")
    heard = couple("yes both, me and my husband")
    assert checking_in(couple).flow.partners == 2, heard.speech


@pytest.mark.parametrize("rating", ["four", "it was good day, three for me"])
def test_a_rating_said_at_the_menu_starts_the_check_in(rating: str) -> None:
    couple = household_that_said("hello")
    heard = couple(rating)
    assert isinstance(state_of(couple), CheckingIn), heard.speech
    assert _not_a_miss(heard.speech), heard.speech


def test_a_rating_said_at_the_menu_is_the_first_rating_when_who_is_here_is_known() -> None:
    couple = household_that_said("hello")
    couple.check_in("we cooked", "we walked")
    couple("goodbye")
    couple.next_day()
    couple.launch()
    couple("hello")
    heard = couple("four")
    flow = checking_in(couple).flow
    assert flow.pos == 1, heard.speech
    assert "four" in heard.speech.lower() or "4" in heard.speech, heard.speech


def test_just_me_tonight_with_a_hello_at_the_welcome_starts_a_check_in_for_one() -> None:
    couple = new_household()
    couple.launch()
    heard = couple("hi, it's just me tonight, my wife is in Denver for work")
    assert checking_in(couple).flow.partners == 1, heard.speech


def test_a_partner_on_speaker_after_the_check_in_offer_starts_it_for_two() -> None:
    couple = _returning()
    couple.launch()
    assert isinstance(state_of(couple), Offering)
    heard = couple("Ana's on speaker tonight! she's in a hotel in Chicago")
    assert checking_in(couple).flow.partners == 2, heard.speech


def test_both_of_us_she_is_on_the_phone_is_a_check_in_not_the_unplug_practice() -> None:
    couple = household_that_said("hello")
    heard = couple("both of us, she's on the phone")
    assert not isinstance(state_of(couple), ReadingPractice), heard.speech
    assert checking_in(couple).flow.partners == 2, heard.speech


def test_a_partner_always_on_the_phone_still_asks_for_the_unplug_practice() -> None:
    couple = household_that_said("hello")
    heard = couple("he's always on the phone")
    assert "unplug" in heard.speech.lower(), heard.speech


# --- a request after "maybe later" ------------------------------------------------------------


def test_a_request_after_maybe_later_is_served() -> None:
    couple = new_household()
    couple.launch()
    heard = couple("um maybe later, can you give us a date idea first? something cheap")
    state = state_of(couple)
    assert isinstance(state, BrowsingDates), heard.speech


def test_maybe_later_alone_still_declines_the_welcome_offer() -> None:
    couple = new_household()
    couple.launch()
    couple("maybe later")
    assert isinstance(state_of(couple), Idle)


# --- the streak and whether it counts -----------------------------------------------------------


def test_did_i_break_our_streak_is_answered_with_the_streak() -> None:
    couple = household_that_said("hello")
    couple.check_in("we talked", partners="just me")
    couple("goodbye")
    couple.next_day()
    couple.next_day()
    heard = couple.launch()
    heard = couple("hey. missed yesterday, I fell asleep on the couch. did I break our streak?")
    assert "streak" in heard.speech.lower(), heard.speech
    assert not said(heard.speech, "small_talk.hello"), heard.speech


def test_does_it_still_count_alone_is_answered() -> None:
    couple = household_that_said("hello")
    heard = couple("is it a problem that she's not doing them with me? does it still count")
    assert said(heard.speech, "question.solo_counts"), heard.speech


# --- repeats and confusions at the welcome and the menu -----------------------------------------


def test_what_did_it_say_at_the_welcome_says_the_welcome_again() -> None:
    couple = new_household()
    welcome = couple.launch()
    heard = couple("what? what did it say June")
    assert welcome.reprompt and welcome.reprompt in heard.speech, heard.speech
    assert _not_a_miss(heard.speech), heard.speech


def test_not_understanding_the_menu_gets_the_choices_said_simply() -> None:
    couple = household_that_said("hello")
    couple.intent("NamesIntent", {"first": "Katarzyna", "second": "Tom"})
    heard = couple("I am not understand question, please again")
    assert said(heard.speech, "menu.plain"), heard.speech
    assert "names" not in heard.speech.lower()


@pytest.mark.parametrize("nudge", ["next please", "next"])
def test_next_at_the_menu_offers_the_check_in(nudge: str) -> None:
    couple = household_that_said("hello")
    heard = couple(nudge)
    assert not isinstance(state_of(couple), BrowsingDates), heard.speech
    assert said(heard.speech, "menu.next"), heard.speech
    couple("yes")
    assert isinstance(state_of(couple), CheckingIn)


def test_ok_we_are_back_after_a_wait_at_the_menu_ends_the_wait() -> None:
    couple = household_that_said("hello")
    couple("hold on, he's getting water")
    heard = couple("ok we're back")
    assert "[pause" not in heard.speech, heard.speech
    assert said(heard.speech, "checkin.welcome_back"), heard.speech
    assert said(heard.speech, "reprompt.idle"), heard.speech


# --- doubts about the whole thing ---------------------------------------------------------------


def test_a_robot_will_not_fix_our_marriage_is_met_warmly() -> None:
    couple = new_household()
    couple.launch()
    heard = couple("yeah whatever. my wife thinks a robot is going to fix our marriage")
    assert said(heard.speech, "question.doubts"), heard.speech
    assert said(heard.speech, "reprompt.idle"), heard.speech


def test_this_is_awkward_at_the_menu_is_met_warmly() -> None:
    couple = household_that_said("hello")
    heard = couple("this is awkward")
    assert said(heard.speech, "doubt.menu"), heard.speech
    assert said(heard.speech, "reprompt.idle"), heard.speech


def test_a_little_strange_and_shy_mid_practice_is_met_with_encouragement() -> None:
    couple = household_that_said("teach us validation", "yes")
    assert isinstance(state_of(couple), ReadingPractice)
    heard = couple("this is little strange for us, Tom is shy")
    assert said(heard.speech, "practice.doubt"), heard.speech
    assert isinstance(state_of(couple), ReadingPractice)
