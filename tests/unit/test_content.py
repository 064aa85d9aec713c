"""Content files load, validate, and refuse what would break speech."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import pytest

from skill.content import CONTENT_ROOT, ContentError
from skill.content.practices import (
    FOR_TWO,
    PILLAR_IDS,
    PracticeForm,
    parse_library,
    practice_library,
)
from skill.content.prompts import Prompts, in_daylight, parse_prompts, prompt_bank
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


#: How a step announces the pause that follows it.
ANNOUNCED = {
    20: "twenty seconds",
    30: "thirty seconds",
    60: "a minute.",
    90: "a minute and a half",
    120: "two minutes",
}


def _spoken(form: PracticeForm) -> list[str]:
    return [form.why or "", *(step.say for step in form.steps), form.closing_question]


def test_every_practice_has_a_form_for_one_person() -> None:
    for practice in practice_library("en-US").practices:
        solo = practice.solo
        assert solo is not None, practice.id
        assert practice.form(alone=True) is solo
        assert practice.form(alone=False) == practice.couple
        assert solo.why is not None and 20 <= len(solo.why.split()) <= 60, practice.id
        assert 2 <= len(solo.steps) <= 6, practice.id
        assert any(step.pause_seconds >= 30 for step in solo.steps), practice.id
        assert solo.closing_question.endswith("?"), practice.id
        assert solo != practice.couple, practice.id


def test_no_solo_form_asks_for_a_second_person() -> None:
    needed = {"each of you", "together", "both of you", "your partner says", "take turns"}
    assert needed | {"turn to each other", "turn to your partner"} <= set(FOR_TWO)
    for practice in practice_library("en-US").practices:
        assert practice.solo is not None
        for text in _spoken(practice.solo):
            for phrase in FOR_TWO:
                assert phrase not in text.lower(), (practice.id, phrase, text)


def test_every_pause_is_announced_before_it() -> None:
    library = practice_library("en-US")
    forms = [p.couple for p in library.everything] + [p.solo for p in library.practices if p.solo]
    for form in forms:
        for step in form.steps:
            if step.pause_seconds:
                assert ANNOUNCED[step.pause_seconds] in step.say, step.say


def test_a_solo_form_may_leave_out_its_why() -> None:
    library = parse_library(_broken(lambda r: r["practices"][0]["solo"].pop("why")))
    solo = library.practices[0].solo
    assert solo is not None and solo.why is None


def _solo(raw: dict[str, Any]) -> dict[str, Any]:
    solo: dict[str, Any] = raw["practices"][0]["solo"]
    return solo


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["practices"][0].pop("solo"), r"practices\[0\]\.solo: every practice needs"),
        (lambda r: r["practices"][0].update(solo="Sit quietly."), "needs a solo form"),
        (lambda r: _solo(r).update(why="Too short."), r"solo\.why: .*\(20-60 words\)"),
        (lambda r: _solo(r).update(why="word " * 61), r"solo\.why: .*\(20-60 words\)"),
        (lambda r: _solo(r).update(steps=_solo(r)["steps"][:1]), r"solo\.steps: .*at least 2"),
        (lambda r: _solo(r).update(steps=_solo(r)["steps"] * 2), "at most 6 steps"),
        (lambda r: _solo(r)["steps"][0].update(pause_seconds=15), "multiple of 10"),
        (lambda r: _solo(r)["steps"][0].update(pause_seconds=130), "multiple of 10"),
        (
            lambda r: [s.update(pause_seconds=20) for s in _solo(r)["steps"]],
            r"solo\.steps: needs a pause of at least 30",
        ),
        (
            lambda r: _solo(r).update(closing_question="Rest well."),
            r"solo\.closing_question: must be a question",
        ),
        (lambda r: _solo(r)["steps"][1].update(say="Tea & toast."), "cannot be spoken"),
        (
            lambda r: _solo(r)["steps"][1].update(say="Turn to each other and smile."),
            r"solo\.steps\[1\]\.say: 'Turn to each other' is for two people",
        ),
        (lambda r: _solo(r).pop("openers"), r"solo\.openers: .*at least 2"),
        (
            lambda r: _solo(r)["openers"].append("Let's practice this with each other."),
            r"solo\.openers\[2\]: 'each other' is for two people",
        ),
    ],
)
def test_broken_solo_forms_are_refused(change: Any, message: str) -> None:
    with pytest.raises(ContentError, match=message):
        parse_library(_broken(change))


@pytest.mark.parametrize("phrase", FOR_TWO)
def test_a_solo_form_for_two_is_refused(phrase: str) -> None:
    text = f"Now, {phrase}, breathe slowly for a while."
    with pytest.raises(ContentError, match=f"'{phrase}' is for two people"):
        parse_library(_broken(lambda r: _solo(r).update(why=text + " Rest." * 15)))
    with pytest.raises(ContentError, match=f"'{phrase}' is for two people"):
        parse_library(_broken(lambda r: _solo(r).update(closing_question=f"{text}?")))


def test_the_repair_conversation_is_found_by_id_and_name_but_kept_out_of_the_pillars() -> None:
    library = practice_library("en-US")
    repair = library.repair
    assert repair.id == "repair"
    assert library.has("repair") and library.practice("repair") is repair
    assert library.find("make up after a fight") is repair
    assert library.find("a repair conversation") is repair
    assert repair not in library.practices
    assert all("repair" not in pillar.practice_ids for pillar in library.pillars)
    assert repair.solo is None and repair.form(alone=True) == repair.couple
    assert 4 <= len(repair.steps) <= 6
    assert sum(step.pause_seconds >= 30 for step in repair.steps) >= 4
    assert repair.closing_question.endswith("?")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.pop("repair"), r"practices\.repair: needs the repair conversation"),
        (lambda r: r["repair"].update(id="make_up"), r"repair\.id: must be 'repair'"),
        (lambda r: r["repair"].update(pillar="fights"), r"repair\.pillar: must be one of"),
        (lambda r: r["repair"].update(why="Breathe."), r"repair\.why: .*\(30-75 words\)"),
        (lambda r: r["repair"].update(steps=r["repair"]["steps"][:3]), "at least 4"),
        (lambda r: r["repair"]["steps"].extend(r["repair"]["steps"][:2]), "at most 6 steps"),
        (lambda r: r["repair"].update(closing_question="Sleep well."), "must be a question"),
        (
            lambda r: r["repair"].update(solo=r["practices"][0]["solo"]),
            "repair conversation is for two; no solo form",
        ),
        (lambda r: r["pillars"][0]["practices"].append("repair"), "exactly once"),
        (
            lambda r: r["repair"]["synonyms"].append(r["practices"][0]["synonyms"][0]),
            "names both",
        ),
        (lambda r: r["practices"][0].update(id="repair"), "duplicate practice ids"),
    ],
)
def test_a_broken_repair_conversation_is_refused(change: Any, message: str) -> None:
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


def test_evening_words_become_daytime_words_and_nothing_else_changes() -> None:
    assert in_daylight("Tonight's practice is validation.") == "Today's practice is validation."
    assert in_daylight("Come back tonight, or later this evening.") == (
        "Come back today, or later today."
    )
    assert in_daylight("Goodnight. Sleep well tonightly.") == "Goodnight. Sleep well tonightly."


def test_prompts_say_today_only_when_the_turn_says_it_is_daytime() -> None:
    bank = parse_prompts({"a": ["Tonight's practice is {practice}.", "Tonight, {practice}."]})
    evening = Prompts(bank, random.Random(1), {})
    daytime = Prompts(bank, random.Random(1), {})
    daytime.daytime = lambda: True
    assert evening.say("a", practice="empathy").startswith("Tonight")
    assert daytime.say("a", practice="empathy").startswith("Today")
