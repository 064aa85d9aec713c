"""Care, and what follows it, as the December trial (round 2) met it, in the testers' own words.

A gentle word that shut a happy check-in, help lines that could not be asked for again, the
misunderstanding fallback that said goodbye on a failure note right after a disclosure, and
thanks and apologies after care met with "I didn't quite catch that".
"""

from __future__ import annotations

from skill.conversation.dialog import CheckingIn, InCare, Offering
from tests.support.talk import Talk, new_household, state_of

#: The trial's self-harm disclosure (couple 4, row #151).
SUICIDAL = (
    "I don't know. honestly some nights I think everyone would be better off if I just "
    "wasn't around anymore"
)
#: Written for these tests (as in test_gentle_word.py): only the second ear hears it, below its
#: care threshold, so it gets the gentle word and the evening goes on.
AT_MUMS = "I sleep at my mum's when he gets like that"
#: What every answer with the help lines names, in the US: the lifeline, the free line (its
#: number only), the emergency number.
LIFELINE = "nine eight eight"
FREE_LINE = "one, eight hundred, seven nine nine, seven two three three"
EMERGENCY = "nine one one"
#: Never said aloud when the kind of crisis is not known (someone else may be listening).
NEVER_ALOUD = ("abuse", "violence", "violent", "domestic", "husband", "suicide")
MENU = "a check-in, a date idea, or a practice"
MISHEARD = ("didn't quite catch", "not following", "not catching", "not sure i can help")


def names_both_lines_neutrally(speech: str) -> None:
    assert LIFELINE in speech and FREE_LINE in speech and EMERGENCY in speech, speech
    assert not any(word in speech.lower() for word in NEVER_ALOUD), speech


def disclosed_alone(household: Talk) -> None:
    household.launch()
    for line in ("start a check-in", "just me", "a two"):
        household(line)
    cared = household(SUICIDAL)
    assert isinstance(state_of(household), InCare) and LIFELINE in cared.speech


# --- 1. after only the gentle word, the evening goes on to its ordinary close ------------------


def test_after_only_the_gentle_word_a_happy_answer_gets_the_wrap_up_not_a_care_close() -> None:
    """Rows #54 and #57: the next happy answer ended the session with "There's nothing more to
    do now. Please take gentle care." The check-in now closes as it would have, quietly (no
    streak celebrated), with tonight's practice offered, and the session stays open."""
    household = new_household()
    household.launch()
    for line in ("start a check-in", "both of us", "a four"):
        household(line)
    gentle = household(AT_MUMS)
    assert FREE_LINE in gentle.speech and isinstance(state_of(household), CheckingIn)
    household("a five")
    closed = household("I want us to keep doing Sunday breakfasts even when we're busy")
    said = closed.speech.lower()
    assert household.session_open and isinstance(state_of(household), Offering), closed.speech
    assert "gentle care" not in said and "nothing more to do" not in said
    assert "a four and a five" in said or "four" in said  # the evening's numbers, said back
    assert "practice" in said and "streak" not in said and "beginning" not in said
    accepted = household("yes")
    assert household.session_open and "gentle care" not in accepted.speech.lower()


# --- 2. the help lines, asked for again at any point ------------------------------------------


def test_those_numbers_asked_for_at_the_welcome_of_a_new_session_are_given_neutrally() -> None:
    """Row #154: "can you say those numbers again" got "Sorry, I'm still not following". The
    skill keeps no record of a disclosure, so it names both kinds of help, neutrally."""
    household = new_household()
    household.launch()
    answered = household("can you say those numbers again")
    names_both_lines_neutrally(answered.speech)
    assert household.session_open and MENU not in answered.speech


def test_the_number_said_yesterday_asked_for_the_next_day_at_the_welcome_question() -> None:
    """Row #230: "what was that number again, the one you said yesterday" got the greeting again,
    as if it were "say that again"."""
    household = new_household()
    disclosed_alone(household)
    household.next_day()
    welcome = household.launch()
    answered = household("what was that number again, the one you said yesterday")
    assert answered.speech != welcome.speech
    names_both_lines_neutrally(answered.speech)


def test_the_hotline_and_the_number_you_gave_me_at_the_menu() -> None:
    household = new_household()
    household.launch()
    household("no")  # the first offer declined: the menu
    for line in ("what's that hotline again", "the number you gave me"):
        answered = household(line)
        names_both_lines_neutrally(answered.speech)
        assert not isinstance(state_of(household), InCare)


def test_the_help_lines_asked_for_again_are_the_locales() -> None:
    household = new_household(locale="en-GB")
    household.launch()
    answered = household("can you say those numbers again")
    said = answered.speech
    assert "one one six, one two three" in said and "oh eight oh eight" in said, said
    assert "nine nine nine" in said and LIFELINE not in said


def test_inside_the_care_answer_those_numbers_again_repeats_the_care_answers_numbers() -> None:
    """Asked inside the care state, the care answer's own numbers come again, and the care
    state goes on (it was a goodbye before)."""
    household = new_household()
    disclosed_alone(household)
    again = household("can you say those numbers again")
    assert LIFELINE in again.speech and EMERGENCY in again.speech
    assert household.session_open and isinstance(state_of(household), InCare)


# --- 3. no failure note, and warm short answers, after care -----------------------------------


def test_jo_back_the_same_night_apologises_asks_for_the_numbers_and_says_thank_you() -> None:
    """Rows #153 to #155, in a new session minutes after the disclosure: each line met warmly,
    the numbers given, and never "I'm having trouble understanding right now"."""
    household = new_household()
    disclosed_alone(household)
    household("no")  # the care answer's question: the session closes gently
    household.launch()
    sorry = household("yeah sorry about before. I'm ok, I just needed to say it")
    said = sorry.speech.lower()
    assert not any(miss in said for miss in MISHEARD) and MENU not in sorry.speech, sorry.speech
    numbers = household("can you say those numbers again")
    names_both_lines_neutrally(numbers.speech)
    thanks = household("ok. thank you")
    said = thanks.speech.lower()
    assert "trouble understanding" not in said and not any(miss in said for miss in MISHEARD)
    assert MENU not in thanks.speech and "catch" not in said


def test_thanks_for_not_making_a_big_deal_at_the_welcome_question() -> None:
    """Row #231: "Sorry, I didn't quite catch that." It is acknowledged gently, and the
    question they were asked stays open, with no menu."""
    household = new_household()
    household.launch()
    answered = household("ok. thanks for not making a big deal")
    said = answered.speech.lower()
    assert not any(miss in said for miss in MISHEARD) and MENU not in answered.speech, said
    assert household.session_open


def test_thank_you_right_after_the_care_answer_is_a_warm_short_goodbye() -> None:
    for line in ("ok. thank you", "thank you"):
        household = new_household()
        disclosed_alone(household)
        answered = household(line)
        said = answered.speech.lower()
        assert MENU not in answered.speech and "glad it helped" not in said, answered.speech
        assert len(answered.speech) < 120 and not household.session_open


def test_after_care_the_fallback_never_ends_on_a_failure_note() -> None:
    """Row #155: the third line not understood ended the session with "I'm having trouble
    understanding right now, so let's leave it here", right after a suicide disclosure."""
    household = new_household()
    disclosed_alone(household)
    household("um, a practice I guess")  # the evening goes on where they choose
    assert household.session_open
    for line in ("blue giraffe umbrella", "purple sandwich ladder", "orange kettle parade"):
        answered = household(line)
    said = answered.speech.lower()
    assert "trouble understanding" not in said and "keep missing" not in said, answered.speech
    assert LIFELINE in said or "numbers" in said
