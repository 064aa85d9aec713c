"""Care, and what follows it, as the second December trial met it, in the testers' own words.

Ordinary lines of a speakerphone couple and a chatty couple met with the full answer for
violence or abuse; a couple who could not tell the skill that answer had been a mistake; the
numbers asked for again in two words; and "I just don't know what to do", after care, met with
the numbers and a goodbye.
"""

from __future__ import annotations

import pytest

from skill.conversation.care import detect_crisis, hears_crisis
from skill.conversation.dialog import CheckingIn, Idle, InCare
from tests.support.talk import Talk, new_household, state_of

#: What every answer with the help lines names, in the US.
LIFELINE = "nine eight eight"
FREE_LINE = "one, eight hundred, seven nine nine, seven two three three"
EMERGENCY = "nine one one"
MENU = "a check-in, a date idea, or a practice"
MISHEARD = ("didn't quite catch", "not following", "not catching", "not sure i can help")
#: The parent's disclosure in the trial (parent e2).
BETTER_OFF = "everyone would be better off without me"


def names_no_numbers(speech: str) -> None:
    assert FREE_LINE not in speech and LIFELINE not in speech, speech
    assert "deserve to feel safe" not in speech and "isn't your fault" not in speech, speech


def at_the_open_question(household: Talk) -> None:
    household.launch()
    for line in ("start a check-in", "both of us", "a four", "a five"):
        household(line)
    assert isinstance(state_of(household), CheckingIn)


def cared_for(household: Talk, disclosure: str = BETTER_OFF) -> None:
    household.launch()
    for line in ("start a check-in", "just me", "a two"):
        household(line)
    cared = household(disclosure)
    assert isinstance(state_of(household), InCare) and EMERGENCY in cared.speech


# --- 1. ordinary lines are not crisis -----------------------------------------------------------

#: Said by couples on an ordinary night: none is crisis.
HARMLESS = (
    "sorry can you say that a bit louder, he can't hear you through the phone",
    "can you speak up, he can't hear you",
    "he can't hear you, he's in the kitchen",
    "both of us, definitely both, she won't let me do it alone haha",
    "he won't let me pay",
    "she won't let me help with the dishes",
)
#: Coercion and fear, said plainly: each is still heard.
STILL_HEARD = (
    "he won't let me see my friends",
    "she won't let me have my own money",
    "he won't let me leave",
    "I can't let him hear me calling you",
    "just me, I'm hiding in the bathroom so he can't hear me",
    "just me. he can't know I'm using this, he'd lose it",
    "he won't let me do this when he's home",
)


@pytest.mark.parametrize("line", HARMLESS)
def test_ordinary_lines_about_hearing_and_letting_are_not_crisis(line: str) -> None:
    assert detect_crisis(line) is None and hears_crisis(line, "en-US") is None


@pytest.mark.parametrize("line", STILL_HEARD)
def test_coercion_and_fear_are_still_heard(line: str) -> None:
    assert hears_crisis(line, "en-US") is not None


def test_he_cant_hear_you_through_the_phone_at_the_open_question_is_not_care() -> None:
    """Distance e1 #9: the boyfriend on speakerphone could not hear the question; the answer
    for violence followed, and the session ended on the next line."""
    household = new_household()
    at_the_open_question(household)
    answered = household("sorry can you say that a bit louder, he can't hear you through the phone")
    names_no_numbers(answered.speech)
    assert household.session_open and isinstance(state_of(household), CheckingIn)


def test_she_wont_let_me_do_it_alone_at_who_is_here_is_both_of_us() -> None:
    """Chatty e1 #3: "both of us, definitely both, she won't let me do it alone haha" got the
    answer for abuse, and their first check-in was lost."""
    household = new_household()
    household.launch()
    household("start a check-in")
    answered = household("both of us, definitely both, she won't let me do it alone haha")
    names_no_numbers(answered.speech)
    state = state_of(household)
    assert isinstance(state, CheckingIn) and state.flow.partners == 2, answered.speech


# --- 2. told it was a mistake -------------------------------------------------------------------

MISTAKEN = (
    "hi it's Ben and Mia again! so last night it gave us some hotline thing? we were just "
    "joking around, we're totally fine",
    "um, last night you gave us a hotline number out of nowhere, we're fine, he just couldn't "
    "hear you on the phone",
    "you gave us a hotline number out of nowhere, we're fine",
)


@pytest.mark.parametrize("line", MISTAKEN)
def test_told_at_the_welcome_that_the_help_was_a_mistake_no_numbers_are_read(line: str) -> None:
    """Chatty e2 #1 and distance e2 #1: the full answer again, or all three numbers."""
    household = new_household()
    household.launch()
    answered = household(line)
    names_no_numbers(answered.speech)
    said = answered.speech.lower()
    assert not any(miss in said for miss in MISHEARD), answered.speech
    assert "sorry" in said and "numbers are there" in said, answered.speech
    assert household.session_open and not isinstance(state_of(household), InCare)
    assert MENU in answered.speech


@pytest.mark.parametrize("line", ("we were only joking", "that was a joke, we're fine"))
def test_told_right_after_care_that_it_was_a_joke_the_evening_goes_on(line: str) -> None:
    household = new_household()
    cared_for(household, "she won't let me see my friends")
    answered = household(line)
    names_no_numbers(answered.speech)
    assert household.session_open and isinstance(state_of(household), Idle), answered.speech
    assert MENU in answered.speech


def test_joking_said_with_a_disclosure_still_gets_care() -> None:
    household = new_household()
    household.launch()
    answered = household("we were just joking last night but honestly he hits me sometimes")
    assert FREE_LINE in answered.speech and isinstance(state_of(household), InCare)


# --- 3. the numbers asked for in few words ------------------------------------------------------


@pytest.mark.parametrize("line", ("the number", "the numbers", "what was the number"))
def test_the_number_in_a_new_session_gets_the_help_numbers(line: str) -> None:
    """Parent e2b #1: "the number", forty minutes after the disclosure, got "I'm not sure I can
    help with that one"."""
    household = new_household()
    household.launch()
    answered = household(line)
    assert LIFELINE in answered.speech and FREE_LINE in answered.speech, answered.speech
    assert EMERGENCY in answered.speech and household.session_open


def test_yeah_again_after_the_numbers_gives_them_again() -> None:
    """Parent e2b #2: "yeah again", right after asking for the number."""
    household = new_household()
    household.launch()
    household("the number")
    answered = household("yeah again")
    assert LIFELINE in answered.speech and FREE_LINE in answered.speech, answered.speech


@pytest.mark.parametrize("line", ("the number", "the numbers", "that number", "the number again"))
def test_the_number_after_care_gives_its_numbers_again(line: str) -> None:
    household = new_household()
    cared_for(household)
    answered = household(line)
    assert LIFELINE in answered.speech and household.session_open
    assert isinstance(state_of(household), InCare)


def test_the_number_when_a_rating_is_asked_is_still_not_the_help_lines() -> None:
    household = new_household()
    household.launch()
    household("start a check-in")
    household("both of us")
    answered = household("the number")
    assert LIFELINE not in answered.speech and FREE_LINE not in answered.speech


# --- 4. not knowing what to do, after care ------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    (
        "I don't know, I just don't know what to do",
        "I just don't know what to do",
        "I don't know what to do",
        "I don't know",
    ),
)
def test_not_knowing_what_to_do_after_care_keeps_the_session_open(line: str) -> None:
    """Nights e1: "I don't know, I just don't know what to do" got the numbers again and the
    session ended."""
    household = new_household()
    cared_for(household, "I'm scared of him, he hurt me last night")
    answered = household(line)
    said = answered.speech.lower()
    assert household.session_open and isinstance(state_of(household), InCare), answered.speech
    assert FREE_LINE not in answered.speech and "decid" in said, answered.speech
    again = household("yes")
    assert FREE_LINE in again.speech and household.session_open
