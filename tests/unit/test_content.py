"""Content files load, validate, and refuse what would break speech."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from skill.content import CONTENT_ROOT, ContentError
from skill.content.practices import PILLAR_IDS, parse_library, practice_library
from skill.content.prompts import parse_prompts, prompt_bank
from skill.content.questions import MAX_REPHRASE_WORDS, parse_questions, question_bank

RAW_PRACTICES = json.loads((CONTENT_ROOT / "en-US" / "practices.json").read_text())
RAW_QUESTIONS = json.loads((CONTENT_ROOT / "en-US" / "checkin_questions.json").read_text())


def test_all_eleven_practices_in_three_pillars() -> None:
    library = practice_library("en-US")
    assert len(library.practices) == 11
    assert {p.id for p in library.pillars} == set(PILLAR_IDS)
    for practice in library.practices:
        assert len(practice.openers) >= 2
        assert any(step.pause_seconds >= 30 for step in practice.steps)


@pytest.mark.parametrize(
    ("spoken", "practice_id"),
    [
        ("validation", "validation"),
        ("listening", "active_listening"),
        ("forgive each other", "forgiveness"),
        ("Active Listening", "active_listening"),
        ("trust", "trust"),
    ],
)
def test_spoken_names_resolve(spoken: str, practice_id: str) -> None:
    found = practice_library("en-US").find(spoken)
    assert found is not None and found.id == practice_id


def _broken(change: Any) -> dict[str, Any]:
    raw = copy.deepcopy(RAW_PRACTICES)
    change(raw)
    return raw


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["practices"][0].update(why="Too short."), "about 20 seconds"),
        (lambda r: r["practices"][0].update(closing_question="No question."), "must be a question"),
        (lambda r: r["practices"][0]["steps"][0].update(pause_seconds=15), "multiple of 10"),
        (lambda r: [s.update(pause_seconds=0) for s in r["practices"][0]["steps"]], "30 seconds"),
        (lambda r: r["practices"][0].update(openers=["Only one."]), "at least 2"),
        (
            lambda r: r["practices"][1]["synonyms"].append(r["practices"][0]["synonyms"][0]),
            "names both",
        ),
        (lambda r: r["practices"][0]["steps"][0].update(say="Tom & Jerry"), "cannot be spoken"),
        (lambda r: r["pillars"][0]["practices"].pop(), "exactly once"),
    ],
)
def test_broken_practices_are_refused(change: Any, message: str) -> None:
    with pytest.raises(ContentError, match=message):
        parse_library(_broken(change))


def test_every_prompt_has_two_phrasings_with_the_same_placeholders() -> None:
    bank = prompt_bank("en-US")
    assert all(len(v) >= 2 for v in bank.variants.values())
    with pytest.raises(ContentError, match="different placeholders"):
        parse_prompts({"a": ["Hello {name}.", "Hello there."]})
    with pytest.raises(ContentError, match="at least 2"):
        parse_prompts({"a": ["Only one."]})


def test_interaction_model_knows_every_practice_name() -> None:
    model = json.loads((CONTENT_ROOT.parent / "interaction_models" / "en-US.json").read_text())
    types = {t["name"]: t for t in model["interactionModel"]["languageModel"]["types"]}
    spoken = {
        name
        for value in types["PracticeTopic"]["values"]
        for name in [value["name"]["value"], *value["name"].get("synonyms", [])]
    }
    library = practice_library("en-US")
    for item in (*library.practices, *library.pillars):
        assert {item.name.lower(), *item.synonyms} <= spoken, item.id


def test_every_question_has_a_plainer_second_wording() -> None:
    bank = question_bank("en-US")
    assert len(bank.questions) == 55
    for question in bank.questions:
        assert question.rephrase.endswith("?"), question.id
        assert len(question.rephrase.split()) <= MAX_REPHRASE_WORDS, question.id
        assert question.rephrase != question.text, question.id
    rephrases = [q.rephrase for q in bank.questions]
    assert len(set(rephrases)) == len(rephrases)


def _broken_question(change: Any) -> dict[str, Any]:
    raw = copy.deepcopy(RAW_QUESTIONS)
    change(raw["questions"][0])
    return raw


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda q: q.pop("rephrase"), r"questions\[0\]\.rephrase: must be non-empty text"),
        (lambda q: q.update(rephrase="   "), "rephrase: must be non-empty text"),
        (lambda q: q.update(rephrase="Tell me one thing."), "rephrase: must be a question"),
        (lambda q: q.update(rephrase="Why " * 30 + "now?"), "rephrase: keep it under 30 words"),
        (lambda q: q.update(rephrase=q["text"]), "rephrase: must ask the question another way"),
        (
            lambda q: q.update(rephrase=q["text"].upper().replace("?", " ?")),
            "another way",
        ),
        (lambda q: q.update(rephrase="Tea & toast?"), "rephrase: contains one of"),
        (lambda q: q.update(rephrase="What did {name} do?"), "rephrase: unknown placeholder"),
    ],
)
def test_broken_rephrases_are_refused(change: Any, message: str) -> None:
    with pytest.raises(ContentError, match=message):
        parse_questions(_broken_question(change))
