"""The simulator's NLU: typed text → intent and slots, from the interaction model alone."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from skill.local.builtin_slots import date_value, duration_value, number_value, time_value
from skill.local.envelope import SlotValue
from skill.local.nlu import FALLBACK_INTENT, ModelError, Nlu, load_nlu, normalise

WEDNESDAY = date(2026, 11, 25)


def intent(intent_name: str, samples: list[str], /, **slots: str) -> dict[str, Any]:
    return {
        "name": intent_name,
        "slots": [{"name": slot, "type": kind} for slot, kind in slots.items()],
        "samples": samples,
    }


def model(*intents: dict[str, Any], types: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "interactionModel": {
            "languageModel": {
                "invocationName": "heart talks",
                "intents": list(intents),
                "types": types if types is not None else [TOPICS],
            }
        }
    }


TOPICS = {
    "name": "PracticeTopic",
    "values": [
        {
            "id": "active_listening",
            "name": {"value": "active listening", "synonyms": ["listening", "hearing each other"]},
        },
        {"id": "empathy", "name": {"value": "empathy", "synonyms": ["each other's shoes"]}},
        {"name": {"value": "forgiveness", "synonyms": ["forgiving each other", "saying sorry"]}},
    ],
}

BUILTINS = [
    intent(name, [])
    for name in (
        "AMAZON.YesIntent",
        "AMAZON.NoIntent",
        "AMAZON.StopIntent",
        "AMAZON.CancelIntent",
        "AMAZON.FallbackIntent",
        "AMAZON.RepeatIntent",
        "AMAZON.NextIntent",
    )
]

NLU = Nlu(
    model(
        *BUILTINS,
        intent("AMAZON.HelpIntent", ["what now"]),
        intent(
            "PracticeIntent",
            ["teach us about {topic}", "let's try {topic}", "{topic}", "walk us through {topic}"],
            topic="PracticeTopic",
        ),
        intent("MenuIntent", ["what can you teach us", "what's on the menu"]),
        intent("SkipQuestionIntent", ["skip", "skip this question"]),
        intent(
            "RateIntent",
            ["{rating}", "i'd say {rating}", "we felt about a {rating}"],
            rating="AMAZON.NUMBER",
        ),
        intent("NameIntent", ["my name is {name}", "call me {name}"], name="AMAZON.FirstName"),
        intent(
            "AnswerIntent",
            ["i appreciate {answer}", "on my mind is {answer}"],
            answer="AMAZON.SearchQuery",
        ),
        intent("ThanksIntent", ["thank you", "i appreciate you"]),
        intent(
            "ReminderIntent",
            ["remind us at {time}", "remind us {date} at {time}", "remind us in {wait}"],
            date="AMAZON.DATE",
            time="AMAZON.TIME",
            wait="AMAZON.DURATION",
        ),
    )
)


def understand(text: str) -> tuple[str | None, dict[str, str | None]]:
    """The intent and each slot's value, for compact assertions."""
    found = NLU.understand(text, today=WEDNESDAY)
    return found.intent, {k: (v.value if v else None) for k, v in found.slots.items()}


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("Let's  try—Validation!", "let's try validation"),
        ("What\u2019s tonight's practice?", "what's tonight's practice"),
        ("'quoted' words, here.", "quoted words here"),
        ("check-in / check_in", "check in check in"),
        ("   ", ""),
    ],
)
def test_normalise_lowercases_and_strips_punctuation_but_keeps_inner_apostrophes(
    raw: str, normal: str
) -> None:
    assert normalise(raw) == normal


@pytest.mark.parametrize(
    "text",
    [
        "open heart talks",
        "Alexa, open Heart Talks.",
        "launch heart talks",
        "start heart talks",
        "talk to heart talks",
        "ask heart talks",
        "heart talks",
    ],
)
def test_naming_the_skill_alone_is_a_launch_request(text: str) -> None:
    found = NLU.understand(text)
    assert (found.request_type, found.intent, found.invoked) == ("LaunchRequest", None, True)


@pytest.mark.parametrize(
    ("text", "expected_intent", "topic"),
    [
        ("ask heart talks to teach us about empathy", "PracticeIntent", "empathy"),
        ("Alexa, tell heart talks to walk us through listening", "PracticeIntent", "listening"),
        ("ask heart talks what can you teach us", "MenuIntent", None),
        ("open heart talks and teach us about saying sorry", "PracticeIntent", "saying sorry"),
        ("teach us about empathy using heart talks", "PracticeIntent", "empathy"),
        ("ask heart talks to juggle flaming torches", FALLBACK_INTENT, None),
    ],
)
def test_invocation_with_a_request_is_a_one_shot_intent(
    text: str, expected_intent: str, topic: str | None
) -> None:
    found = NLU.understand(text)
    assert found.request_type == "IntentRequest"
    assert found.invoked
    assert found.intent == expected_intent
    if topic is not None:
        assert found.slots["topic"] == NLU.understand(topic).slots["topic"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", "AMAZON.YesIntent"),
        ("Yeah!", "AMAZON.YesIntent"),
        ("sure", "AMAZON.YesIntent"),
        ("sounds good", "AMAZON.YesIntent"),
        ("nope", "AMAZON.NoIntent"),
        ("no thanks", "AMAZON.NoIntent"),
        ("stop", "AMAZON.StopIntent"),
        ("never mind", "AMAZON.CancelIntent"),
        ("help", "AMAZON.HelpIntent"),
        ("what now", "AMAZON.HelpIntent"),
        ("say that again", "AMAZON.RepeatIntent"),
        ("repeat that", "AMAZON.RepeatIntent"),
        ("next", "AMAZON.NextIntent"),
        ("keep going", "AMAZON.NextIntent"),
    ],
)
def test_declared_built_in_intents_answer_to_everyday_phrases(text: str, expected: str) -> None:
    assert understand(text)[0] == expected


@pytest.mark.parametrize("text", ["go back", "start over", "go home", "pause"])
def test_built_in_intents_the_model_does_not_declare_are_not_matched(text: str) -> None:
    assert understand(text)[0] == FALLBACK_INTENT


def test_a_model_sample_beats_alexas_built_in_phrase_for_the_same_words() -> None:
    assert understand("skip")[0] == "SkipQuestionIntent"
    assert understand("skip it")[0] == "AMAZON.NextIntent"


def test_custom_slot_resolves_synonym_to_canonical_value_and_id() -> None:
    found = NLU.understand("Teach us about listening")
    assert found.intent == "PracticeIntent"
    assert found.sample == "teach us about {topic}"
    assert found.slots == {
        "topic": SlotValue(
            "listening",
            type_name="PracticeTopic",
            canonical="active listening",
            value_id="active_listening",
        )
    }


def test_apostrophes_are_optional_in_what_the_user_types() -> None:
    for text in ("lets try each others shoes", "let's try each other's shoes"):
        found = NLU.understand(text)
        assert found.intent == "PracticeIntent"
        assert found.slots["topic"] is not None
        assert found.slots["topic"].canonical == "empathy"


def test_value_without_an_id_gets_a_stable_made_up_id_like_alexa_gives() -> None:
    topic = NLU.understand("forgiving each other").slots["topic"]
    assert topic is not None
    assert topic.canonical == "forgiveness"
    assert topic.value_id == hashlib.md5(b"forgiveness").hexdigest()


@pytest.mark.parametrize(
    ("text", "rating"),
    [("four", "4"), ("I'd say 4", "4"), ("we felt about a three", "3"), ("twenty one", "21")],
)
def test_numbers_in_words_or_digits_become_digits(text: str, rating: str) -> None:
    assert understand(text) == ("RateIntent", {"rating": rating})


def test_first_names_take_one_or_two_words_capitalised() -> None:
    assert understand("my name is sam") == ("NameIntent", {"name": "Sam"})
    assert understand("call me mary jane") == ("NameIntent", {"name": "Mary Jane"})
    assert understand("call me mary jane smith")[0] == FALLBACK_INTENT


def test_search_query_takes_free_text_but_loses_to_a_sample_with_more_literal_words() -> None:
    assert understand("I appreciate the way you made dinner tonight") == (
        "AnswerIntent",
        {"answer": "the way you made dinner tonight"},
    )
    assert understand("i appreciate you") == ("ThanksIntent", {})


def test_unfilled_slots_are_reported_empty_as_alexa_sends_them() -> None:
    assert understand("remind us at nine pm") == (
        "ReminderIntent",
        {"date": None, "time": "21:00", "wait": None},
    )
    assert understand("remind us tomorrow at half past eight") == (
        "ReminderIntent",
        {"date": "2026-11-26", "time": "08:30", "wait": None},
    )
    assert understand("remind us in half an hour") == (
        "ReminderIntent",
        {"date": None, "time": None, "wait": "PT30M"},
    )


@pytest.mark.parametrize(
    "text", ["", "the weather in paris", "teach us about quantum physics", "blah"]
)
def test_text_that_matches_nothing_is_the_fallback_intent(text: str) -> None:
    found = NLU.understand(text)
    assert (found.request_type, found.intent, found.sample) == (
        "IntentRequest",
        FALLBACK_INTENT,
        None,
    )
    assert found.slots == {}
    assert not found.invoked


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("nine", "09:00"),
        ("9 pm", "21:00"),
        ("nine thirty pm", "21:30"),
        ("7 45 p m", "19:45"),
        ("nine oh five", "09:05"),
        ("quarter to ten at night", "21:45"),
        ("12 am", "00:00"),
        ("twelve pm", "12:00"),
        ("noon", "12:00"),
        ("midnight", "00:00"),
        ("in the evening", "EV"),
        ("13 pm", None),
    ],
)
def test_time_values_follow_alexas_format(words: str, value: str | None) -> None:
    assert time_value(words) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("ten minutes", "PT10M"),
        ("an hour", "PT1H"),
        ("an hour and a half", "PT1H30M"),
        ("two hours and fifteen minutes", "PT2H15M"),
        ("3 days", "P3D"),
        ("a week", "P1W"),
    ],
)
def test_duration_values_are_iso_8601(words: str, value: str) -> None:
    assert duration_value(words) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("today", "2026-11-25"),
        ("tonight", "2026-11-25"),
        ("tomorrow", "2026-11-26"),
        ("friday", "2026-11-27"),
        ("wednesday", "2026-11-25"),
        ("next wednesday", "2026-12-02"),
        ("this weekend", "2026-W48-WE"),
        ("next week", "2026-W49"),
    ],
)
def test_date_values_are_relative_to_the_request_day(words: str, value: str) -> None:
    assert date_value(words, WEDNESDAY) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [("zero", 0), ("a hundred and five", 105), ("one hundred twenty three", 123), ("42", 42)],
)
def test_number_words_up_to_the_hundreds(words: str, value: int) -> None:
    assert number_value(words) == value


@pytest.mark.parametrize("words", ["hundred", "twenty zero", "one two"])
def test_number_words_that_do_not_form_a_number_are_rejected(words: str) -> None:
    assert number_value(words) is None


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (model(intent("X", ["say {thing}"])), "undeclared slot 'thing'"),
        (model(intent("X", ["say {thing}"], thing="Mystery")), "undefined type Mystery"),
        ({"interactionModel": {}}, "no interactionModel.languageModel"),
    ],
)
def test_models_the_nlu_cannot_use_raise_a_clear_error(
    broken: dict[str, Any], message: str
) -> None:
    with pytest.raises(ModelError, match=message):
        Nlu(broken)


def test_a_missing_model_file_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot read interaction model"):
        load_nlu("xx-XX", tmp_path)


@pytest.mark.parametrize(
    ("text", "expected_intent", "topic_id"),
    [
        ("teach us about validation", "PracticeIntent", "validation"),
        ("give us something on listening", "PracticeIntent", "active_listening"),
        ("how do we forgive each other", "PracticeIntent", "forgiveness"),
        ("read me a practice", "AnyPracticeIntent", None),
        ("what can you teach us", "PracticeMenuIntent", None),
        ("repeat that", "AMAZON.RepeatIntent", None),
        ("stop", "AMAZON.StopIntent", None),
    ],
)
def test_the_repository_model_understands_the_issues_phrases(
    text: str, expected_intent: str, topic_id: str | None
) -> None:
    found = load_nlu("en-US").understand(text)
    assert found.intent == expected_intent
    if topic_id is not None:
        topic = found.slots["topic"]
        assert topic is not None
        assert topic.value_id == topic_id


@pytest.mark.parametrize("locale", ["en-US", "en-GB"])
@pytest.mark.parametrize(
    ("text", "request_type", "expected_intent"),
    [
        ("open heart talks", "LaunchRequest", None),
        ("Alexa, open heart talks", "LaunchRequest", None),
        ("ask heart talks to start a check-in", "IntentRequest", "StartCheckInIntent"),
        ("tell heart talks to start a check-in", "IntentRequest", "StartCheckInIntent"),
        ("tell heart talks start a check-in", "IntentRequest", "StartCheckInIntent"),
        ("start a check-in using heart talks", "IntentRequest", "StartCheckInIntent"),
        ("ask heart talks for a date idea", "IntentRequest", "DateIdeaIntent"),
    ],
)
def test_the_repository_model_is_invoked_by_its_invocation_name(
    locale: str, text: str, request_type: str, expected_intent: str | None
) -> None:
    nlu = load_nlu(locale)
    assert nlu.invocation_name == "heart talks"
    found = nlu.understand(text)
    assert (found.request_type, found.intent, found.invoked) == (
        request_type,
        expected_intent,
        True,
    )
