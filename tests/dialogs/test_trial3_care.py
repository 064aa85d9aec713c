"""Care and privacy as the third December trial met them, in the testers' own words.

A warm wish relayed in learner English given the gentle word for violence in front of both
partners; "is Jordan going to hear about what I said earlier" taken as a skipped rating; "do
you actually remember us or do you forget everything" met with the offer to delete it all;
"never mind, forget I said anything" after care ending the session at once; and the evening
after care: the absent partner asked for his number, the same question asked night after night.
"""

from __future__ import annotations

import pytest

from skill.conversation.care import hears_crisis, may_speak_of_crisis, without_set_asides
from skill.conversation.dialog import (
    BrowsingDates,
    CheckingIn,
    ConfirmingErase,
    Idle,
    InCare,
    Offering,
    StartCheckInOffer,
)
from skill.turn import GENTLE_WORD
from tests.support.talk import (
    Talk,
    checking_in,
    household_that_said,
    new_household,
    says,
    state_of,
)

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
    assert without_set_asides(MOUNTAINS) == "he say he"
    assert may_speak_of_crisis(MOUNTAINS, "en-US") is None


# --- 2. "is he going to hear what I said?" -------------------------------------------------------


def mel_at_her_open_question() -> Talk:
    """Mel, alone on her second evening (Jordan asleep), rated her day a two and is at her
    check-in's open question."""
    mel = household_that_said("hi, I'm Mel and this is Jordan")
    mel.check_in("fine", "fine")
    mel.next_day()
    mel.launch()
    for line in ("check in. just me tonight, Jordan's asleep", "two"):
        mel(line)
    return mel


def mel_after_care() -> Talk:
    """Mel, alone, told the skill about her phone being gone through (hidden e2), and the
    session ended."""
    mel = mel_at_her_open_question()
    cared = mel(GOES_THROUGH_MY_PHONE)
    assert FREE_LINE in cared.speech
    mel.end_session()
    mel.advance(minutes=10)
    return mel


def test_asked_at_a_rating_whether_he_will_hear_it_is_answered_then_the_rating_again() -> None:
    """Hidden e4 #4: "is Jordan going to hear about what I said earlier" was taken as no
    number ("We'll leave the number out tonight") and the open question followed."""
    mel = mel_after_care()
    mel.launch()
    mel("can we keep going with the check in")
    step = state_of(mel)
    assert isinstance(step, CheckingIn) and step.flow.step is not None
    assert step.flow.step.kind == "rating"
    answered = mel("is Jordan going to hear about what I said earlier")
    assert says(answered, "question.who_hears"), answered.speech
    assert "leave the number out" not in answered.speech
    after = state_of(mel)
    assert isinstance(after, CheckingIn) and after.flow.step == step.flow.step
    assert "one to five" in answered.speech.lower() or "number" in answered.speech.lower()


@pytest.mark.parametrize(
    "line",
    ("is Jordan going to hear about what I said earlier", "will he find out what I told you"),
)
def test_asked_at_the_welcome_whether_he_will_hear_it_is_answered_plainly(line: str) -> None:
    mel = mel_after_care()
    mel.launch()
    answered = mel(line)
    assert says(answered, "question.who_hears"), answered.speech
    assert mel.session_open


def test_asked_at_an_open_question_whether_he_will_hear_it_is_answered_then_asked_again() -> None:
    couple = household_that_said("start a check-in", "just me", "a three")
    asked = couple.last
    assert asked is not None
    answered = couple("wait, is he going to hear what I said?")
    assert says(answered, "question.who_hears"), answered.speech
    state = state_of(couple)
    assert isinstance(state, CheckingIn) and state.flow.step is not None
    assert state.flow.step.kind == "question"
    # Told as a worry in an answer, the same words are the answer.
    told = couple("I worry my mum will hear what I said about her")
    assert not says(told, "question.who_hears")


def test_with_the_journal_on_the_answer_says_what_is_kept() -> None:
    couple = household_that_said("keep our answers")
    answered = couple("is he going to hear about what I said earlier")
    assert says(answered, "question.who_hears.journal"), answered.speech


# --- 3. "do you remember us?" --------------------------------------------------------------------


def test_asked_whether_it_remembers_them_it_says_what_it_keeps_and_offers_no_deletion() -> None:
    """Newlyweds e3 #12: "do you actually remember us or do you forget everything", said after
    a date idea, began the delete-everything confirmation."""
    couple = household_that_said("hi, we're Priya and Sam", "give us a date idea")
    assert isinstance(state_of(couple), BrowsingDates)
    answered = couple("do you actually remember us or do you forget everything")
    assert says(answered, "privacy.explained"), answered.speech
    assert not isinstance(state_of(couple), ConfirmingErase)
    assert "delete it all" not in answered.speech


@pytest.mark.parametrize("line", ("do you remember us", "do you forget everything about us"))
def test_asked_at_the_welcome_whether_it_remembers_them_it_says_what_it_keeps(line: str) -> None:
    couple = new_household()
    couple.launch()
    answered = couple(line)
    assert says(answered, "privacy.explained"), answered.speech
    assert not isinstance(state_of(couple), ConfirmingErase)


def test_forget_everything_asked_for_still_asks_to_delete() -> None:
    couple = new_household()
    couple.launch()
    couple("please forget everything")
    assert isinstance(state_of(couple), ConfirmingErase)


# --- 4. letting it drop keeps the evening open ----------------------------------------------------

#: Mel's self-harm words on evening 3 (hidden e3).
NOT_WAKE_UP = (
    "it's been a long week. honestly I'm so tired of everything, I just want to go to sleep and "
    "not wake up"
)


def mel_in_care(disclosure: str) -> Talk:
    """Mel, alone at the open question of a check-in, and what she said answered with care."""
    mel = mel_at_her_open_question()
    cared = mel(disclosure)
    assert isinstance(state_of(mel), InCare), cared.speech
    return mel


@pytest.mark.parametrize(
    ("disclosure", "then", "taken_back"),
    (
        (
            GOES_THROUGH_MY_PHONE,
            "sorry, can you say the number again? I didn't have a pen",
            "never mind. forget I said anything",
        ),
        (NOT_WAKE_UP, None, "what? no, I'm fine. I didn't mean it like that, I'm just exhausted"),
    ),
)
def test_let_drop_after_care_the_session_stays_open_and_the_check_in_is_offered(
    disclosure: str, then: str | None, taken_back: str
) -> None:
    """Hidden e2 #6 and e3 #5: "Rest well tonight. Goodnight." and "Take gentle care tonight",
    the session ended at once; she had not asked to stop."""
    mel = mel_in_care(disclosure)
    if then is not None:
        mel(then)
    dropped = mel(taken_back)
    assert mel.session_open, dropped.speech
    # After words of self-harm the check-in is offered softly, leaving it as easy as going on.
    offer = "care.start_again.softly" if disclosure == NOT_WAKE_UP else "care.start_again"
    assert says(dropped, "care.let_it_be") and says(dropped, offer), dropped.speech
    no_numbers(dropped.speech)
    state = state_of(mel)
    assert isinstance(state, Offering) and isinstance(state.offer, StartCheckInOffer)
    again = mel("yes")
    step = checking_in(mel)
    # Alone, as she said earlier, and not the question that came before her words.
    assert step.flow.partners == 1, again.speech
    assert "lighter once you say it out loud" not in again.speech


def test_let_drop_with_the_numbers_asked_for_the_numbers_come_first() -> None:
    mel = mel_in_care(GOES_THROUGH_MY_PHONE)
    answered = mel("it's fine, but what was that number again")
    assert FREE_LINE in answered.speech and isinstance(state_of(mel), InCare)


def test_let_drop_after_care_outside_a_check_in_asks_what_else() -> None:
    couple = new_household()
    couple.launch()
    cared = couple(NOT_WAKE_UP)
    assert isinstance(state_of(couple), InCare), cared.speech
    dropped = couple("never mind, forget I said anything")
    assert couple.session_open and says(dropped, "care.let_it_be"), dropped.speech
    assert isinstance(state_of(couple), Idle)


def test_we_were_just_joking_after_care_still_says_sorry_for_the_worry() -> None:
    couple = new_household()
    couple.launch()
    couple("start a check-in")
    couple("both of us")
    couple("a four")
    couple(NOT_WAKE_UP)
    answered = couple("we were just joking")
    assert says(answered, "care.false_alarm"), answered.speech
    assert couple.session_open


# --- 5. the evening after care: who is here, and the question that came before ------------------

#: The open question Mel was asked on evenings 2, 3 and 4.
LIGHTER = "lighter once you say it out loud"


def test_a_check_in_begun_again_after_care_the_same_evening_asks_only_her() -> None:
    """Hidden e4 #2: ten minutes after her words stopped her one-person check-in, "can we keep
    going with the check in" began one for both and asked Jordan, asleep, for his number."""
    mel = mel_in_care(NOT_WAKE_UP)
    mel("no")
    mel.end_session()
    mel.advance(minutes=10)
    mel.launch()
    began = mel("can we keep going with the check in")
    flow = checking_in(mel).flow
    assert flow.partners == 1, began.speech
    mel("a three")
    rest = mel("just tired")
    assert "Jordan" not in rest.speech, rest.speech
    # Nothing of the stopped check-in was kept: no entry, no rating, no words.
    stored = mel.stored()
    assert "sleep" not in str(stored) and "tired of everything" not in str(stored)


def test_the_question_before_words_of_crisis_is_not_asked_again_within_two_weeks() -> None:
    """Hidden e3: "What's on your mind tonight that might feel lighter once you say it out
    loud?", asked on evening 2 just before her words, was asked again on evenings 3 and 4."""
    mel = household_that_said("hi, I'm Mel and this is Jordan")
    mel.check_in("fine", "fine")
    asked: list[str] = []
    for _ in range(6):
        mel.next_day()
        mel.launch()
        mel("check in. just me tonight, Jordan's asleep")
        question = mel("two")
        asked.append(question.speech)
        mel(GOES_THROUGH_MY_PHONE)
        mel("no")
    questions = [q.split(". ")[-1] for q in asked]
    assert len(set(questions)) == len(questions), questions
    # Each of those questions counts as asked, as the first evening's two do.
    assert len(mel.profile().recent_questions) == 2 + 6
    # Nothing else of those evenings is kept: only the first evening has a check-in.
    assert len(mel.stored().nights) == 1
    assert mel.profile().streak_count == 1
