"""The second ear for crisis: what the word families miss and the learned model hears gets a
gentle word with the locale's number, once a session, and the evening goes on."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from skill.app import SkillApp
from skill.content import ContentError
from skill.content.concern import SELF_HARM, VIOLENCE, concern_model, parse_concern_model
from skill.conversation.care import Crisis, detect_crisis, hears_crisis, may_speak_of_crisis
from skill.conversation.dialog import CheckingIn, InCare, decode_state
from skill.local.envelope import DEFAULT_USER_ID
from skill.storage.base import HouseholdStore
from skill.turn import GENTLE_WORD, household_id_for
from tests.support.memory_store import MemoryStore
from tests.support.store_dump import everything
from tests.support.talk import Talk, app_on

HOUSEHOLD = household_id_for(DEFAULT_USER_ID)
#: Written for these tests (not from the phrase corpus): the word families do not hear either.
#: The second ear hears this one below its care threshold...
AT_MUMS = "I sleep at my mum's when he gets like that"
#: ...and is sure of this one.
KEYS_IN_HAND = "I keep my keys in my hand and my shoes by the door when he comes home"
US_LINE = "one, eight hundred, seven nine nine, seven two three three"
MODEL_FILE = Path(__file__).parents[2] / "skill" / "content" / "en-US" / "concern_model.json"


def in_a_check_in(talk: Talk) -> None:
    talk.launch()
    talk("start a check-in")
    talk("just me")
    talk("a three")


def test_only_the_second_ear_hears_the_lines_used_here() -> None:
    assert detect_crisis(AT_MUMS) is None and detect_crisis(KEYS_IN_HAND) is None
    assert may_speak_of_crisis(AT_MUMS, "en-US") is Crisis.VIOLENCE
    assert hears_crisis(AT_MUMS, "en-US") is None
    assert hears_crisis(KEYS_IN_HAND, "en-US") is Crisis.VIOLENCE


def test_a_line_the_second_ear_is_sure_of_gets_the_full_care_answer() -> None:
    talk = Talk(app_on(MemoryStore()))
    in_a_check_in(talk)
    care = talk(KEYS_IN_HAND)
    assert isinstance(decode_state(talk.session_attributes.get("state")), InCare)
    assert US_LINE in care.speech and GENTLE_WORD not in talk.session_attributes


def test_a_line_only_the_second_ear_hears_gets_the_gentle_word_and_the_evening_goes_on() -> None:
    talk = Talk(app_on(MemoryStore()))
    talk.launch()
    for line in ("start a check-in", "both of us", "a three", "a quiet dinner"):
        talk(line)
    answered = talk(AT_MUMS)  # said when the second partner is asked for a number
    assert US_LINE in answered.speech
    # Said first, neutrally: no naming of abuse or of a partner, and the check-in goes on.
    assert answered.speech.index(US_LINE) < answered.speech.index("?")
    assert not any(word in answered.speech.lower() for word in ("abuse", "violence", "husband"))
    assert isinstance(decode_state(talk.session_attributes.get("state")), CheckingIn)
    assert talk.session_open
    assert talk.session_attributes[GENTLE_WORD] == "violence"


def test_an_evening_with_the_gentle_word_closes_as_it_would_have_with_no_streak() -> None:
    """The gentle word may be wrong, so the evening goes on as it would have: the ordinary
    close, with tonight's practice offered, only no streak celebrated (it ended the evening
    with a care goodbye before, even on a happy couple: trial of December, rows #54 and #57)."""
    talk = Talk(app_on(MemoryStore()))
    in_a_check_in(talk)
    closed = talk(AT_MUMS)
    said = closed.speech.lower()
    assert US_LINE in closed.speech and talk.session_open
    assert "beginning" not in said and "streak" not in said and "practice" in said
    assert "gentle care" not in said and "nothing more to do" not in said


def test_the_gentle_word_is_said_once_a_session() -> None:
    talk = Talk(app_on(MemoryStore()))
    in_a_check_in(talk)
    talk(AT_MUMS)
    again = talk("and I sleep at my mum's most weekends when he gets like that")
    assert US_LINE not in again.speech


def test_the_gentle_word_names_the_countrys_line() -> None:
    talk = Talk(app_on(MemoryStore()), locale="en-GB")
    in_a_check_in(talk)
    answered = talk(AT_MUMS)
    assert "oh eight oh eight, two thousand, two four seven" in answered.speech


def test_care_is_never_followed_by_the_gentle_word() -> None:
    talk = Talk(app_on(MemoryStore()))
    in_a_check_in(talk)
    care = talk("I think I want to end my life")
    assert isinstance(decode_state(talk.session_attributes.get("state")), InCare)
    assert GENTLE_WORD not in talk.session_attributes
    assert care.speech.count("nine eight eight") == 1


def test_an_answer_the_second_ear_hears_is_never_kept(
    each_app: SkillApp, each_store: HouseholdStore
) -> None:
    talk = Talk(each_app)
    talk("keep our answers")
    in_a_check_in(talk)
    talk(AT_MUMS)
    assert "my mum's" not in everything(each_store, HOUSEHOLD)


def test_ordinary_answers_get_no_gentle_word() -> None:
    talk = Talk(app_on(MemoryStore()))
    in_a_check_in(talk)
    for line in (
        "he made me coffee this morning and kissed my forehead",
        "the baby is teething and we are both wrecked",
        "work was brutal but we laughed about it over dinner",
    ):
        talk(line)
    assert GENTLE_WORD not in talk.session_attributes


def test_the_model_file_is_checked_on_load() -> None:
    raw = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert concern_model("en-US").hears(raw["hears"][SELF_HARM][0]) == SELF_HARM
    assert concern_model("en-US").hears(raw["hears"][VIOLENCE][0]) == VIOLENCE
    for broken, message in (
        ({**raw, "trained_on": ["tuning", "heldout"]}, "held-out"),
        ({**raw, "threshold": 1.5}, "threshold"),
        ({**raw, "care_threshold": raw["threshold"] - 0.1}, "care_threshold"),
        ({**raw, "features": "letters"}, "scheme"),
        ({**raw, "concern": {"bias": math.inf, "weights": {"a": 1}}}, "bias"),
        ({**raw, "ignores": ["I want to kill myself, I have the pills ready"]}, "hears"),
        ({**raw, "hears": {**raw["hears"], SELF_HARM: ["we had a lovely walk"]}}, "does not"),
    ):
        with pytest.raises(ContentError, match=message):
            parse_concern_model(broken)
