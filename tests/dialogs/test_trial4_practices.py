"""The fourth December trial (dec2, trial 4), in the testers' words: keeping answers asked
about (a question is never consent), practices asked for by a trouble (money), the love-maps
practice, the difference between two practices and how many there are, and who is here said
at the check-in's offer (names with news, one partner named as the one here).
"""

from __future__ import annotations

import pytest

from skill.conversation.dialog import (
    CheckingIn,
    CheckInOffer,
    JournalOffer,
    Offering,
    ReadingPractice,
)
from tests.support.talk import Talk, household_that_said, new_household, reading, said, state_of


def _returning() -> Talk:
    """A household that came once before and is back the next evening: the evening welcome
    asks whether now is a good time for tonight's check-in."""
    couple = new_household()
    couple.launch()
    couple("goodbye")
    couple.next_day()
    couple.launch()
    return couple


# --- keeping answers: asked about, explained, and asked ------------------------------------------


def test_asking_how_keeping_answers_works_explains_and_asks_first() -> None:
    couple = _returning()
    couple("how are we doing, like are we doing better than last week")
    heard = couple("ok and if we wanted you to remember what we say, how does that work")
    assert not couple.profile().keep_answers, heard.speech
    assert said(heard.speech, "journal.explain"), heard.speech
    assert said(heard.speech, "journal.offer"), heard.speech
    assert isinstance(state_of(couple), Offering)
    assert isinstance(state_of(couple).offer, JournalOffer)  # type: ignore[union-attr]
    heard = couple("yes")
    assert couple.profile().keep_answers, heard.speech
    assert said(heard.speech, "journal.on"), heard.speech


def test_no_after_the_explanation_keeps_nothing_and_the_evening_goes_on() -> None:
    couple = household_that_said("if we wanted you to remember what we say, how does that work")
    heard = couple("no")
    assert not couple.profile().keep_answers
    assert said(heard.speech, "journal.not_started"), heard.speech
    assert couple.session_open


@pytest.mark.parametrize(
    "line",
    [
        "do you keep a journal",
        "is it like a diary",
        "is there a way to look back on what we said",
        "how do we keep our answers",
        "what if we wanted you to keep a record",
        "so do you remember what we say",
    ],
)
def test_a_question_about_keeping_answers_switches_nothing_on(line: str) -> None:
    couple = household_that_said(line)
    assert not couple.profile().keep_answers, couple.last.speech if couple.last else ""


@pytest.mark.parametrize(
    "line",
    ["keep our answers", "can you start keeping a diary of what we say each night"],
)
def test_a_clear_instruction_still_keeps_answers(line: str) -> None:
    couple = household_that_said(line)
    assert couple.profile().keep_answers


# --- a practice asked for by a trouble: money ---------------------------------------------------


def test_talking_about_money_without_fighting_asks_for_validation() -> None:
    couple = household_that_said(
        "hi! we're Ayo and Chris, we just moved in together, like, last week",
        "what kind of practices do you have",
    )
    heard = couple("how do we talk about money without fighting")
    assert reading(couple).practice == "validation", heard.speech
    heard = couple("hmm, is there one for that though? we literally just opened a joint account")
    assert reading(couple).practice == "validation", heard.speech
    assert said(heard.speech, "practice.this_one"), heard.speech


def test_is_there_one_for_a_joint_account_at_the_menu_asks_for_validation() -> None:
    couple = household_that_said("hello")
    couple("hmm, is there one for that though? we literally just opened a joint account")
    assert reading(couple).practice == "validation"


def test_fighting_about_money_asked_for_help_with_is_a_practice_not_a_fight() -> None:
    couple = household_that_said("read us the active listening practice", "next", "next")
    heard = couple(
        "ok so real question, we fight about money, like who pays for groceries. "
        "do you have anything for that"
    )
    assert reading(couple).practice == "validation", heard.speech
    assert not said(heard.speech, "fight.heard"), heard.speech


def test_a_row_about_money_told_is_still_a_fight() -> None:
    couple = household_that_said("hello")
    heard = couple("we cannot stop arguing about money")
    assert said(heard.speech, "fight.heard"), heard.speech


# --- love maps, the difference between two, and how many there are ------------------------------


def test_the_one_about_love_maps_is_sharing_your_inner_world() -> None:
    couple = household_that_said("hello")
    heard = couple("what's the one about love maps")
    assert reading(couple).practice == "share_your_inner_world", heard.speech


def test_the_difference_from_validation_is_told_and_the_one_on_offer_stays() -> None:
    couple = household_that_said("teach us about being honest then")
    heard = couple("what's the difference between that and the validation one")
    assert said(heard.speech, "practice.compare"), heard.speech
    assert "Trust grows from a simple belief" in heard.speech
    assert "Validation means letting someone know their feelings make sense" in heard.speech
    assert "People calm down" not in heard.speech  # not the validation practice read
    read = reading(couple)
    assert (read.practice, read.part) == ("be_honest", 0)
    couple("yes")
    assert reading(couple) == ReadingPractice("be_honest", 1)


def test_the_difference_between_two_named_at_the_menu_asks_which() -> None:
    couple = household_that_said("hello")
    heard = couple("what's the difference between validation and empathy")
    assert said(heard.speech, "practice.compare"), heard.speech
    assert said(heard.speech, "practice.compare.which"), heard.speech


def test_how_many_practices_is_answered_and_the_reading_waits() -> None:
    couple = household_that_said("teach us about being honest then")
    heard = couple("how many practices are there in total, we want to do all of them")
    assert said(heard.speech, "practice.count"), heard.speech
    assert "11 practices" in heard.speech and "three pillars" in heard.speech
    assert "Trust and vulnerability" in heard.speech
    read = reading(couple)
    assert (read.practice, read.part) == ("be_honest", 0)


def test_how_many_practices_at_the_menu_offers_one_not_yet_done() -> None:
    couple = household_that_said("hello")
    heard = couple("how many practices are there in total, we want to do all of them")
    assert said(heard.speech, "practice.count.offer"), heard.speech
    couple("yes")
    assert isinstance(state_of(couple), ReadingPractice)


# --- names and who is here, said at the check-in's offer ------------------------------------------


def test_names_with_news_at_the_check_in_offer_are_taken_and_the_offer_stands() -> None:
    couple = _returning()
    heard = couple("we're Noor and Eli. exams are done, we survived, barely")
    assert couple.profile().names == ["Noor", "Eli"], heard.speech
    assert said(heard.speech, "names.news"), heard.speech
    state = state_of(couple)
    assert isinstance(state, Offering) and isinstance(state.offer, CheckInOffer), state
    couple("yes")
    assert isinstance(state_of(couple), CheckingIn)


def test_just_one_partner_named_at_the_check_in_offer_is_a_check_in_alone() -> None:
    couple = _returning()
    heard = couple("it's just Tom tonight, Maria's out")
    state = state_of(couple)
    assert isinstance(state, CheckingIn), heard.speech
    assert state.flow.partners == 1
