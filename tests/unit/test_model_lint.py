"""The interaction-model linter: a good model passes, and each broken rule is one precise line."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from itertools import product
from pathlib import Path
from typing import Any

import pytest

from skill.local.model_lint import invocation_name_problems, lint_model, lint_path
from skill.local.nlu import models_dir

Model = dict[str, Any]

PRACTICE_SAMPLES = [
    f"{lead} {{topic}}"
    for lead in (
        "teach us about",
        "tell us about",
        "help us with",
        "show us",
        "give us something on",
        "we want to work on",
        "let's try",
        "how do we practise",
        "read us something on",
        "talk to us about",
        "guide us through",
        "we'd like to learn",
        "can we work on",
        "walk us through",
        "i want to learn about",
    )
]
MENU_SAMPLES = [
    f"{a} {b}"
    for a, b in product(
        ("what can you", "what do you", "which things can you"),
        ("teach us", "show us", "offer", "do", "help with"),
    )
]
ANSWER_SAMPLES = [f"{lead} {{answer}}" for lead in MENU_SAMPLES]


def good_model() -> Model:
    builtins = [
        {"name": name, "samples": []}
        for name in (
            "AMAZON.CancelIntent",
            "AMAZON.HelpIntent",
            "AMAZON.StopIntent",
            "AMAZON.NavigateHomeIntent",
            "AMAZON.FallbackIntent",
        )
    ]
    return {
        "interactionModel": {
            "languageModel": {
                "invocationName": "heart talks",
                "intents": [
                    *builtins,
                    {
                        "name": "PracticeIntent",
                        "slots": [{"name": "topic", "type": "PracticeTopic"}],
                        "samples": list(PRACTICE_SAMPLES),
                    },
                    {"name": "MenuIntent", "samples": list(MENU_SAMPLES)},
                    {
                        "name": "AnswerIntent",
                        "slots": [{"name": "answer", "type": "AMAZON.SearchQuery"}],
                        "samples": list(ANSWER_SAMPLES),
                    },
                ],
                "types": [
                    {
                        "name": "PracticeTopic",
                        "values": [
                            {
                                "id": "active_listening",
                                "name": {"value": "active listening", "synonyms": ["listening"]},
                            },
                            {"id": "empathy", "name": {"value": "empathy"}},
                        ],
                    }
                ],
            }
        }
    }


def language(model: Model) -> dict[str, Any]:
    return model["interactionModel"]["languageModel"]


def intent(model: Model, name: str) -> dict[str, Any]:
    return next(i for i in language(model)["intents"] if i["name"] == name)


def set_invocation(name: str) -> Callable[[Model], None]:
    def change(model: Model) -> None:
        language(model)["invocationName"] = name

    return change


def add_sample(intent_name: str, sample: str) -> Callable[[Model], None]:
    def change(model: Model) -> None:
        intent(model, intent_name)["samples"].append(sample)

    return change


def drop_intent(name: str) -> Callable[[Model], None]:
    def change(model: Model) -> None:
        language(model)["intents"].remove(intent(model, name))

    return change


def retype_slot(model: Model) -> None:
    intent(model, "PracticeIntent")["slots"][0]["type"] = "Mood"


def drop_a_sample(model: Model) -> None:
    intent(model, "MenuIntent")["samples"].pop()


def duplicate_synonym(model: Model) -> None:
    language(model)["types"][0]["values"][1]["name"]["synonyms"] = ["Listening"]


def repeat_synonym(model: Model) -> None:
    language(model)["types"][0]["values"][1]["name"]["synonyms"] = ["empathy"]


def empty_type(model: Model) -> None:
    language(model)["types"][0]["values"] = []


def duplicate_id(model: Model) -> None:
    language(model)["types"][0]["values"][1]["id"] = "active_listening"


def second_search_query(model: Model) -> None:
    intent(model, "AnswerIntent")["slots"].append({"name": "more", "type": "AMAZON.SearchQuery"})


def bad_intent_name(model: Model) -> None:
    intent(model, "MenuIntent")["name"] = "Menu-Intent"


BROKEN: list[tuple[str, Callable[[Model], None], str]] = [
    (
        "wake word",
        set_invocation("heart talks skill"),
        "invocation name 'heart talks skill' contains the word 'skill', which Alexa does not allow",
    ),
    (
        "launch word",
        set_invocation("open hearts"),
        "invocation name 'open hearts' contains the launch word 'open'",
    ),
    (
        "uppercase",
        set_invocation("Heart Talks"),
        "invocation name 'Heart Talks' must be lowercase",
    ),
    (
        "digits",
        set_invocation("heart 2 heart"),
        "invocation name 'heart 2 heart' contains digits: spell numbers out",
    ),
    (
        "one word",
        set_invocation("hearts"),
        "invocation name 'hearts' must be at least two words (one word only for a brand you own)",
    ),
    (
        "two words with an article",
        set_invocation("the hearts"),
        "invocation name 'the hearts' is two words and one is the article or preposition 'the'",
    ),
    (
        "connecting word",
        set_invocation("heart to heart"),
        "invocation name 'heart to heart' contains the connecting word 'to'",
    ),
    (
        "two words with a pronoun",
        set_invocation("my hearts"),
        "invocation name 'my hearts' is two words and one is the pronoun 'my'",
    ),
    (
        "apostrophe that is not a possessive",
        set_invocation("heart 'n soul"),
        'invocation name "heart \'n soul" has an apostrophe that is not a possessive '
        'like "molly\'s"',
    ),
    (
        "period outside an abbreviation",
        set_invocation("heart talks."),
        "invocation name 'heart talks.' has a period that is not part of an abbreviation "
        "like 'n. b. a.'",
    ),
    (
        "symbol in the name",
        set_invocation("heart & soul"),
        "invocation name 'heart & soul' contains '&': only letters, spaces, possessive "
        "apostrophes and periods in abbreviations are allowed",
    ),
    (
        "undeclared slot",
        add_sample("PracticeIntent", "something for a {mood} night"),
        "intent PracticeIntent: sample 'something for a {mood} night' uses slot 'mood' "
        "not declared on the intent",
    ),
    (
        "undefined slot type",
        retype_slot,
        "intent PracticeIntent: slot 'topic' has type 'Mood', which is not defined in types[]",
    ),
    (
        "digits in a sample",
        add_sample("MenuIntent", "give us 2 ideas"),
        "intent MenuIntent: sample 'give us 2 ideas' contains digits: spell numbers out",
    ),
    (
        "question mark",
        add_sample("MenuIntent", "what now?"),
        "intent MenuIntent: sample 'what now?' contains '?': samples allow only letters, "
        "spaces, apostrophes, periods in abbreviations, hyphens and underscores",
    ),
    (
        "sentence period",
        add_sample("MenuIntent", "we are done."),
        "intent MenuIntent: sample 'we are done.' has a period that is not part of an "
        "abbreviation like 'a. b. c.'",
    ),
    (
        "slot glued to a word",
        add_sample("PracticeIntent", "more {topic}s"),
        "intent PracticeIntent: sample 'more {topic}s' needs a space between each {slot} "
        "and the words around it",
    ),
    (
        "slot used twice",
        add_sample("PracticeIntent", "{topic} or {topic}"),
        "intent PracticeIntent: sample '{topic} or {topic}' uses slot 'topic' twice",
    ),
    (
        "unbalanced brace",
        add_sample("PracticeIntent", "teach {topic"),
        "intent PracticeIntent: sample 'teach {topic' has an unbalanced '{' or '}'",
    ),
    (
        "same utterance under two intents",
        add_sample("AnswerIntent", "What can you  teach us"),
        "intent AnswerIntent: sample 'What can you  teach us' is also a sample of "
        "intent MenuIntent",
    ),
    (
        "same utterance twice in one intent",
        add_sample("MenuIntent", "what can you teach us"),
        "intent MenuIntent: sample 'what can you teach us' is listed twice",
    ),
    (
        "search query without carrier phrase",
        add_sample("AnswerIntent", "{answer}"),
        "intent AnswerIntent: sample '{answer}' has an AMAZON.SearchQuery slot with no "
        "carrier phrase around it",
    ),
    (
        "bare custom slot",
        add_sample("PracticeIntent", "{topic}"),
        "intent PracticeIntent: sample '{topic}' is a bare slot with no words around it: "
        "elicit the slot instead",
    ),
    (
        "two search queries",
        second_search_query,
        "intent AnswerIntent: has more than one AMAZON.SearchQuery slot",
    ),
    (
        "fallback with samples",
        add_sample("AMAZON.FallbackIntent", "whatever"),
        "intent AMAZON.FallbackIntent: AMAZON.FallbackIntent cannot have samples",
    ),
    (
        "missing required built-in",
        drop_intent("AMAZON.StopIntent"),
        "required built-in intent AMAZON.StopIntent is missing",
    ),
    (
        "too few samples",
        drop_a_sample,
        "intent MenuIntent: has 14 samples; custom intents need at least 15",
    ),
    (
        "bad intent name",
        bad_intent_name,
        "intent Menu-Intent: name may contain only letters and underscores",
    ),
    (
        "synonym under two values",
        duplicate_synonym,
        "slot type PracticeTopic: 'Listening' is listed under both 'active listening' "
        "and 'empathy'",
    ),
    (
        "value repeated as its own synonym",
        repeat_synonym,
        "slot type PracticeTopic: value 'empathy' lists 'empathy' twice",
    ),
    ("empty slot type", empty_type, "slot type PracticeTopic: has no values"),
    (
        "duplicate value id",
        duplicate_id,
        "slot type PracticeTopic: id 'active_listening' is used by two values",
    ),
]


def test_a_good_model_passes() -> None:
    result = lint_model(good_model(), "en-US.json")
    assert result.problems == ()
    assert result.summary() == "ok: 8 intents, 45 samples in en-US.json"


@pytest.mark.parametrize(
    ("change", "line"), [(c, line) for _, c, line in BROKEN], ids=[rule for rule, _, _ in BROKEN]
)
def test_each_broken_rule_is_exactly_one_precise_line(
    change: Callable[[Model], None], line: str, tmp_path: Path
) -> None:
    model = copy.deepcopy(good_model())
    change(model)
    (tmp_path / "en-US.json").write_text(json.dumps(model))
    result = lint_path(tmp_path)
    assert result.problems == (f"en-US.json: {line}",)
    assert not result.ok


def test_every_model_in_a_folder_is_checked(tmp_path: Path) -> None:
    (tmp_path / "en-US.json").write_text(json.dumps(good_model()))
    (tmp_path / "en-GB.json").write_text("{ not json")
    (tmp_path / "notes.txt").write_text("not a model")
    result = lint_path(tmp_path)
    assert len(result.problems) == 1
    assert result.problems[0].startswith("en-GB.json: not valid JSON: ")
    assert result.files == ("en-GB.json", "en-US.json")


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ({"interactionModel": {}}, "en-US.json: missing interactionModel.languageModel"),
        (
            {"interactionModel": {"languageModel": {"intents": []}}},
            "en-US.json: invocationName is missing",
        ),
    ],
)
def test_a_model_without_its_skeleton_is_reported(content: Model, line: str) -> None:
    assert lint_model(content, "en-US.json").problems[0] == line


def test_missing_paths_and_empty_folders_are_problems(tmp_path: Path) -> None:
    assert lint_path(tmp_path).problems == (f"{tmp_path}: no interaction models (*.json) found",)
    missing = tmp_path / "nope.json"
    assert lint_path(missing).problems == (f"{missing}: no such file or folder",)


def test_the_repository_models_pass() -> None:
    result = lint_path(models_dir())
    assert result.problems == ()
    assert "en-US.json" in result.files


LAUNCH_WORDS = [
    "ask",
    "tell",
    "open",
    "launch",
    "load",
    "begin",
    "enable",
    "start",
    "run",
    "play",
    "resume",
    "use",
]
CONNECTING_WORDS = [
    "to",
    "from",
    "by",
    "if",
    "and",
    "whether",
    "in",
    "using",
    "with",
    "about",
    "for",
    "that",
]
BANNED_WORDS = ["alexa", "amazon", "echo", "skill", "app"]


@pytest.mark.parametrize("word", LAUNCH_WORDS)
def test_no_launch_phrase_anywhere_in_the_name(word: str) -> None:
    assert list(invocation_name_problems(f"heart {word} talks")) == [
        f"invocation name 'heart {word} talks' contains the launch word {word!r}"
    ]


@pytest.mark.parametrize("word", CONNECTING_WORDS)
def test_no_connecting_word_anywhere_in_the_name(word: str) -> None:
    assert list(invocation_name_problems(f"heart {word} heart")) == [
        f"invocation name 'heart {word} heart' contains the connecting word {word!r}"
    ]


@pytest.mark.parametrize("word", BANNED_WORDS)
def test_no_wake_word_or_skill_or_app_in_the_name(word: str) -> None:
    assert list(invocation_name_problems(f"heart talks {word}")) == [
        f"invocation name 'heart talks {word}' contains the word {word!r}, "
        "which Alexa does not allow"
    ]


@pytest.mark.parametrize(
    ("name", "word", "kind"),
    [
        ("the hearts", "the", "article or preposition"),
        ("an hour", "an", "article or preposition"),
        ("hearts of", "of", "article or preposition"),
        ("heart on", "on", "article or preposition"),
        ("our talks", "our", "pronoun"),
        ("my coach", "my", "pronoun"),
    ],
)
def test_a_two_word_name_leans_on_no_article_preposition_or_pronoun(
    name: str, word: str, kind: str
) -> None:
    assert list(invocation_name_problems(name)) == [
        f"invocation name {name!r} is two words and one is the {kind} {word!r}"
    ]


@pytest.mark.parametrize(
    "name",
    ["heart talks", "molly's horoscope", "the friends' corner", "n. b. a. scores", "sound of rain"],
)
def test_names_within_the_rules_pass(name: str) -> None:
    assert list(invocation_name_problems(name)) == []


def test_a_one_word_name_needs_the_explicit_brand_opt_in(tmp_path: Path) -> None:
    assert list(invocation_name_problems("hearttalk", brand=True)) == []
    model = good_model()
    language(model)["invocationName"] = "hearttalk"
    (tmp_path / "en-US.json").write_text(json.dumps(model))
    assert not lint_path(tmp_path).ok
    assert lint_path(tmp_path, brand=True).ok
    # The opt-in waives only the word count.
    assert list(invocation_name_problems("alexa", brand=True)) == [
        "invocation name 'alexa' contains the word 'alexa', which Alexa does not allow"
    ]


def test_the_repository_models_use_the_certifiable_invocation_name() -> None:
    for path in sorted(models_dir().glob("*.json")):
        model = json.loads(path.read_text(encoding="utf-8"))
        assert language(model)["invocationName"] == "heart talks", path.name
