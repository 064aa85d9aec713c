"""Care and privacy as the third December trial met them, in the testers' own words.

A warm wish relayed in learner English given the gentle word for violence in front of both
partners.
"""

from __future__ import annotations

import pytest

from skill.conversation.care import hears_crisis, may_speak_of_crisis, without_fond_wishes
from skill.conversation.dialog import CheckingIn
from skill.turn import GENTLE_WORD
from tests.support.talk import household_that_said, state_of

#: What every answer with the help lines names, in the US.
LIFELINE = "nine eight eight"
FREE_LINE = "one, eight hundred, seven nine nine, seven two three three"
#: The abuse disclosure of the trial (hidden e2).
GOES_THROUGH_MY_PHONE = (
    "I don't know. it's hard. he goes through my phone every night and I'm not allowed to see "
    "my friends anymore"
)


def no_numbers(speech: str) -> None:
    assert FREE_LINE not in speech and LIFELINE not in speech, speech
    assert "don't feel safe" not in speech and "weighing on you" not in speech, speech


# --- 1. a warm wish is not a worry ---------------------------------------------------------------

#: Tom's wish, relayed by Katarzyna (esl e2 #8).
MOUNTAINS = "he say he want go to mountains with me again, like before children"


def test_a_wish_to_go_to_the_mountains_again_gets_no_gentle_word_in_front_of_both() -> None:
    """Esl e2 #8: at "What's one way your partner could support you this week?", the second ear
    heard violence in the wish, and the free line's number was read out to both partners."""
    couple = household_that_said("start a check-in", "both of us", "a four", "more time together")
    assert isinstance(state_of(couple), CheckingIn)
    couple("a five")
    answered = couple(MOUNTAINS)
    no_numbers(answered.speech)
    assert GENTLE_WORD not in couple.session_attributes


#: A worry said with a fond wish is still heard: the wish is left out, the rest heard again.
@pytest.mark.parametrize(
    "line",
    (
        "he wants to go to the mountains with me again but he says i can't see my sister anymore",
        "i want to go to sleep with him gone and not wake up",
    ),
)
def test_a_worry_said_with_a_fond_wish_is_still_heard(line: str) -> None:
    assert hears_crisis(line, "en-US") or may_speak_of_crisis(line, "en-US")


def test_the_mountains_wish_is_left_out_before_the_second_ear_hears_again() -> None:
    assert without_fond_wishes(MOUNTAINS) == "he say he"
    assert may_speak_of_crisis(MOUNTAINS, "en-US") is None
