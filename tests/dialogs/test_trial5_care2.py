"""Care as the fifth trial (2 December) met it, the leftovers, in the testers' own words.

Robin, alone, asked for "something for feeling lonely" and got a date idea for two; "the phone
one again? no thanks. is there anything for feeling less alone?" read the unplugging practice.
Dana, working through an affair, said "how am I supposed to believe that when he still won't
tell me everything he said to her" and heard the domestic-violence line.
"""

from __future__ import annotations

from skill.conversation.care import may_speak_of_crisis
from skill.conversation.dialog import Offering, PracticeOffer, ReadingPractice
from tests.support.talk import household_that_said, says, state_of

LIFELINE = "nine eight eight"
FREE_LINE = "one, eight hundred, seven nine nine, seven two three three"


def _met_as_loneliness(answered_speech: str, talk_state: object) -> None:
    assert LIFELINE not in answered_speech and FREE_LINE not in answered_speech
    assert isinstance(talk_state, Offering) and talk_state.offer == PracticeOffer(
        practice="expressing_emotions", alone=True
    ), answered_speech


# --- 1. loneliness ------------------------------------------------------------------------------


def test_something_for_feeling_lonely_is_met_warmly_never_with_a_date_for_two() -> None:
    """Quiet e5 #6: "something for feeling lonely" got a question jar for two."""
    for said in ("something for feeling lonely", "is there anything for feeling less alone?"):
        couple = household_that_said()
        answered = couple(said)
        assert says(answered, "lonely") and says(answered, "lonely.offer"), answered.speech
        assert answered.card_title is None
        _met_as_loneliness(answered.speech, state_of(couple))


def test_loneliness_asked_after_declining_the_offered_practice_is_met() -> None:
    """Quiet e5 #5 and #6: "no thanks. is there anything for feeling less alone?" read the
    unplugging practice ("phone"); "I said no. not that one" then got a date idea."""
    robin = household_that_said(
        "start a check-in",
        "it's still just me. yeah, ok",
        "two. a bit better than last night I suppose",
        "I called my sister today. didn't tell her everything but I called her. that helped a bit",
    )
    assert isinstance(state_of(robin), Offering)
    answered = robin("the phone one again? no thanks. is there anything for feeling less alone?")
    assert says(answered, "lonely"), answered.speech
    _met_as_loneliness(answered.speech, state_of(robin))
    again = robin("I said no. not that one. something for feeling lonely")
    assert says(again, "lonely"), again.speech
    assert again.card_title is None
    _met_as_loneliness(again.speech, state_of(robin))


def test_yes_to_the_lonely_offer_reads_the_practice_for_one() -> None:
    robin = household_that_said("something for feeling lonely")
    read = robin("yes")
    reading = state_of(robin)
    assert isinstance(reading, ReadingPractice), read.speech
    assert reading.practice == "expressing_emotions" and reading.alone, reading


def test_loneliness_with_words_of_crisis_is_met_with_care_first() -> None:
    couple = household_that_said()
    answered = couple("something for feeling lonely. I don't want to be here anymore")
    assert LIFELINE in answered.speech, answered.speech
    assert not says(answered, "lonely")


# --- 2. trust hurt after an affair is no violence ------------------------------------------------

DANA = (
    "no. I'm not ready. how am I supposed to believe that when he still won't tell me "
    "everything he said to her"
)


def test_trust_hurt_after_an_affair_gets_no_help_line() -> None:
    """Rebuild e3 #11: the gentle word for violence, "a free line… 1-800-799-7233"."""
    assert may_speak_of_crisis(DANA, "en-US") is None
    couple = household_that_said("read us the forgiveness practice")
    answered = couple(DANA)
    assert FREE_LINE not in answered.speech and LIFELINE not in answered.speech, answered.speech


def test_fear_said_with_the_same_words_is_still_heard() -> None:
    scared = "he's still talking to her and I'm scared of what he'll do when I ask"
    couple = household_that_said()
    assert FREE_LINE in couple(scared).speech


# --- 3. "I'm just tired of everything" after the self-harm care answer ---------------------------


def test_tired_of_everything_after_self_harm_care_is_met_gently_and_the_line_kept_open() -> None:
    """Quiet e4 #9: letting it be is respected, and "tired of everything" is not passed over:
    the gentle word says she needn't carry it alone and where the line is."""
    robin = household_that_said("start a check-in", "just me", "one I guess")
    robin(
        "a date idea? seriously. I don't know. I just feel like such a burden lately. like "
        "everyone would honestly be better off without me around"
    )
    answered = robin("no. it's fine. I'm not going to do anything. I'm just tired of everything")
    assert "you don't have to carry it alone" in answered.speech, answered.speech
    assert LIFELINE in answered.speech
    assert robin.session_open


def test_tired_of_everything_after_self_harm_care_outside_a_check_in_is_no_goodbye() -> None:
    """Quiet e4 #8-#9 where no check-in was under way, written without apostrophes as a
    recogniser may ("its fine" is no let-it-be phrase): "Take gentle care tonight" and the
    session ended, on words that still sound heavy."""
    robin = household_that_said("no. I can't sleep. I just wanted to talk to something I guess")
    robin(
        "a date idea? seriously. I don't know. I just feel like such a burden lately. like "
        "everyone would honestly be better off without me around"
    )
    answered = robin("no. its fine. Im not going to do anything. Im just tired of everything")
    assert robin.session_open, answered.speech
    assert says(answered, "care.let_it_be"), answered.speech


def test_a_plain_no_after_self_harm_care_still_closes_gently() -> None:
    robin = household_that_said()
    robin("I just feel like such a burden lately. like everyone would be better off without me")
    answered = robin("no thanks")
    assert not robin.session_open, answered.speech
