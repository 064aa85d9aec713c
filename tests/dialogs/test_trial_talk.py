"""Things couples said in the December new-user trial (round 2), each answered as a person would.

Every test here is a line a fresh tester typed into the simulator, in their words: a soft yes
to the repair conversation after a row, an apology said to the partner mid-practice, a slower
voice asked for at the welcome, news told in a greeting, names said at the welcome question.
"""

from __future__ import annotations

from skill.content.practices import practice_library
from skill.content.questions import question_bank
from skill.conversation.dialog import CheckingIn, Idle, ReadingPractice
from skill.conversation.practices import explanation
from skill.turn import SLOW_RATE
from tests.support.talk import household_that_said, new_household, said, state_of

# --- after an argument -----------------------------------------------------------------------


def test_um_ok_to_the_repair_conversation_after_a_row_starts_it() -> None:
    couple = household_that_said(
        "we just had a massive row about money, honestly not sure why I opened this",
        "I don't know, can we just not fight for a minute",
    )
    soft_yes = couple("um ok")
    assert "not sure i can help" not in soft_yes.speech.lower()
    state = state_of(couple)
    assert isinstance(state, ReadingPractice), soft_yes.speech
    assert state.practice == "repair"


def test_other_soft_yeses_to_the_repair_conversation_start_it() -> None:
    for soft_yes in ("ok I guess", "fine", "sure I guess", "I suppose"):
        couple = household_that_said("we just had a massive row about money")
        couple(soft_yes)
        state = state_of(couple)
        assert isinstance(state, ReadingPractice), soft_yes
        assert state.practice == "repair"


def test_i_suppose_not_to_the_repair_conversation_is_a_no() -> None:
    couple = household_that_said("we just had a massive row about money")
    couple("I suppose not")
    assert not isinstance(state_of(couple), ReadingPractice)


def test_an_apology_to_the_partner_mid_practice_is_welcomed_and_the_practice_goes_on() -> None:
    couple = household_that_said("he's not even listening, he's on his phone", "yes", "next")
    before = state_of(couple)
    assert isinstance(before, ReadingPractice)
    sorry = couple("I'm sorry I snapped at you")
    speech = sorry.speech.lower()
    assert "a lot to carry" not in speech
    assert "sorry" in speech or "apology" in speech
    assert state_of(couple) == before, "the practice stays where it was"
    after = couple("yes")
    state = state_of(couple)
    assert isinstance(state, ReadingPractice), after.speech
    assert state.part == before.part + 1


def test_what_do_we_do_now_at_the_menu_says_what_the_skill_can_do() -> None:
    for asked in ("what do we do now", "all right, what do we do"):
        couple = household_that_said("hi")
        said = couple(asked).speech.lower()
        assert "haven't picked a date idea" not in said, asked
        assert "check-in" in said and "date" in said and "practice" in said, asked
        assert "say" in said, f"{asked}: how to ask for each is explained: {said}"


# --- a non-native speaker -----------------------------------------------------------------------


def ssml_of(turn: object) -> str:
    return str(turn.response["response"]["outputSpeech"]["ssml"])  # type: ignore[attr-defined]


def test_please_speak_slow_said_with_a_hello_slows_the_skill_from_then_on() -> None:
    couple = household_that_said()
    asked = couple("hello. my english not so good. please speak slow")
    assert said(asked.speech, "checkin.slower"), asked.speech
    assert f'rate="{SLOW_RATE}"' in ssml_of(asked)
    later = couple("start a check-in")
    assert f'rate="{SLOW_RATE}"' in ssml_of(later), "slower from then on"


def test_speak_slow_please_and_slower_please_at_the_menu_slow_the_skill() -> None:
    for asked_so in ("speak slow please", "slower please"):
        couple = household_that_said("hi")
        asked = couple(asked_so)
        assert said(asked.speech, "checkin.slower"), f"{asked_so}: {asked.speech}"
        assert f'rate="{SLOW_RATE}"' in ssml_of(asked), asked_so


def test_we_are_two_at_the_menu_starts_a_check_in_for_both() -> None:
    couple = household_that_said("hi")
    both = couple("we are two")
    state = state_of(couple)
    assert isinstance(state, CheckingIn), both.speech
    assert state.flow.partners == 2


def test_what_mean_at_a_check_in_question_asks_it_another_way() -> None:
    bank = question_bank("en-US")
    for asked_so in (
        "what mean?",
        'what mean "in touch"?',
        "I not understand, can you explain easy",
    ):
        couple = household_that_said("start a check-in", "both of us", "three")
        state = state_of(couple)
        assert isinstance(state, CheckingIn)
        question = bank.question(state.flow.questions[0])
        again = couple(asked_so)
        assert question.rephrase in again.speech, f"{asked_so}: {again.speech}"
        after = state_of(couple)
        assert isinstance(after, CheckingIn) and after.flow.pos == state.flow.pos, asked_so


def test_explain_easy_mid_practice_gives_the_idea_not_the_same_step_again() -> None:
    couple = household_that_said("teach us about expressing emotions", "yes", "next")
    practice = practice_library("en-US").practice("expressing_emotions")
    step = practice.form(alone=False).steps[1].say
    before = state_of(couple)
    assert isinstance(before, ReadingPractice) and before.part == 2
    easy = couple("I not understand, can you explain easy")
    assert explanation(practice) in easy.speech
    assert step not in easy.speech, "not the step word for word again"
    assert state_of(couple) == before
    again = couple("read it again")
    assert step in again.speech, "the step again, when asked for"


def test_the_session_ends_only_after_four_misses_in_a_row() -> None:
    couple = household_that_said("hi")
    couple("blorp wibble")
    couple("zzz qqq")
    couple("hi")  # understood: the count starts again
    couple("blorp wibble")
    second = couple("zzz qqq")
    assert couple.session_open, second.speech
    third = couple("flib flob")  # a simple step offered, a yes away
    assert couple.session_open, third.speech
    fourth = couple("wub wub")
    assert not couple.session_open, fourth.speech


# --- small talk with news ----------------------------------------------------------------------


def test_news_told_with_a_hello_gets_a_word_that_fits_it() -> None:
    cases = {
        "oh hi! we just got married last weekend": "small_talk.hello.wedding",
        "well hello there. my wife set this up, we've been married thirty one years": (
            "small_talk.hello.long_marriage"
        ),
        "um hi, sorry, the kids just went down": "small_talk.hello.quiet_house",
    }
    for line, key in cases.items():
        couple = household_that_said()
        news = couple(line)
        assert said(news.speech, key), f"{line}: {news.speech}"
        assert "all ears" not in news.speech.lower()
        assert news.speech.rstrip().endswith("?"), "then the choices"
        assert isinstance(state_of(couple), Idle)


# --- names and goodbyes -------------------------------------------------------------------------


def test_call_me_mia_and_hes_leo_as_the_first_thing_said_keeps_both_names() -> None:
    couple = new_household()
    named = couple("call me Mia and he's Leo")
    assert "Mia" in named.speech and "Leo" in named.speech, named.speech
    couple.end_session()
    welcome = couple.launch()
    assert "Mia" in welcome.speech or "Leo" in welcome.speech, welcome.speech


def test_names_said_with_a_hello_at_the_welcome_question_are_kept() -> None:
    couple = new_household()
    couple.launch()
    couple.next_day()
    couple.launch()
    named = couple("hey it's us again, um we're Dana and Chris")
    assert "Dana" in named.speech and "Chris" in named.speech, named.speech
    couple.end_session()
    couple.advance(days=1)
    welcome = couple.launch()
    assert "Dana" in welcome.speech or "Chris" in welcome.speech, welcome.speech


def test_goodnight_as_the_first_thing_in_a_new_session_says_goodbye() -> None:
    couple = new_household()
    bye = couple("goodnight")
    assert "not sure i can help" not in bye.speech.lower()
    assert "didn't quite catch" not in bye.speech.lower()
    assert not couple.session_open, bye.speech


# --- tone -----------------------------------------------------------------------------------


def test_a_hurt_told_at_a_question_that_asks_for_something_good_is_not_a_bright_spot() -> None:
    couple = household_that_said("start a check-in", "both of us")
    attributes = dict(couple.session_attributes)
    state = dict(attributes["state"])
    state["questions"] = ["appreciation-kind-words", *state["questions"][1:]]
    attributes["state"] = state
    couple.session_attributes = attributes
    asked = couple("two")
    good = question_bank("en-US").question("appreciation-kind-words")
    assert good.text in asked.speech, asked.speech
    hurt = couple("I felt small when you laughed at the budget thing")
    assert not said(hurt.speech, "checkin.ack.answer.warm"), hurt.speech
    assert said(hurt.speech, "checkin.ack.answer.honest"), hurt.speech
