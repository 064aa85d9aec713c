"""The date-night catalogue loads, fits every filter, and refuses what would break speech."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from skill.content import CONTENT_ROOT, ContentError
from skill.content.dates import (
    COST_BANDS,
    MIN_IDEAS,
    MOODS,
    SETTINGS,
    date_catalogue,
    parse_catalogue,
)
from skill.content.practices import practice_library
from skill.content.prompts import prompt_bank
from skill.conversation.dates import BUDGETS, TIME_LIMITS, DateFilters, matches

RAW = json.loads((CONTENT_ROOT / "en-US" / "date_ideas.json").read_text())
PRACTICE_IDS = frozenset(p.id for p in practice_library("en-US").practices)
CATALOGUE = date_catalogue("en-US")
MODEL = json.loads((CONTENT_ROOT.parent / "interaction_models" / "en-US.json").read_text())


def test_the_catalogue_has_enough_distinct_ideas() -> None:
    assert len(CATALOGUE.ideas) >= MIN_IDEAS
    assert len({i.id for i in CATALOGUE.ideas}) == len(CATALOGUE.ideas)
    assert len({i.title.lower() for i in CATALOGUE.ideas}) == len(CATALOGUE.ideas)


def test_every_idea_is_speakable_and_has_steps() -> None:
    for idea in CATALOGUE.ideas:
        # About twenty seconds at 150 words a minute.
        assert len(idea.pitch.split()) <= 55, idea.id
        assert len(idea.steps) >= 2, idea.id
        assert idea.practice in PRACTICE_IDS, idea.id


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("setting", SETTINGS),
        ("budget", tuple(BUDGETS)),
        ("mood", MOODS),
        ("time", tuple(TIME_LIMITS)),
    ],
)
def test_each_filter_value_alone_finds_several_ideas(name: str, values: tuple[str, ...]) -> None:
    for value in values:
        found = [i for i in CATALOGUE.ideas if matches(i, DateFilters(**{name: value}))]
        assert len(found) >= 3, f"{name}={value} finds {len(found)}"


def test_every_cost_band_is_reachable_by_some_budget() -> None:
    assert set(COST_BANDS) == set().union(*BUDGETS.values())


def _slot_type_ids(name: str) -> set[str]:
    types = MODEL["interactionModel"]["languageModel"]["types"]
    return {value["id"] for t in types if t["name"] == name for value in t["values"]}


@pytest.mark.parametrize(
    ("slot_type", "values"),
    [
        ("DateSetting", SETTINGS),
        ("DateBudget", tuple(BUDGETS)),
        ("DateMood", MOODS),
        ("DateTimeAvailable", tuple(TIME_LIMITS)),
    ],
)
def test_interaction_model_slot_ids_are_the_filter_values(
    slot_type: str, values: tuple[str, ...]
) -> None:
    assert _slot_type_ids(slot_type) == set(values)


def test_date_prompts_load_with_the_rest() -> None:
    bank = prompt_bank("en-US")
    for key in ("dates.pitch", "dates.relaxed", "help.dates", "reprompt.dates", "fallback.dates"):
        assert len(bank.phrasings(key)) >= 2
    assert all(q.endswith("?") for q in bank.phrasings("dates.after_pitch"))


def _broken(change: Any) -> dict[str, Any]:
    raw = copy.deepcopy(RAW)
    change(raw)
    return raw


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["ideas"][0].update(pitch="Too short to sell it."), "about 20 seconds"),
        (lambda r: r["ideas"][0].update(pitch="word " * 80), "about 20 seconds"),
        (lambda r: r["ideas"][0].update(steps=["Only one step."]), "at least 2"),
        (lambda r: r["ideas"][0].update(steps=["Do it."] * 7), "at most 6"),
        (lambda r: r["ideas"][0]["steps"].__setitem__(0, "Salt & pepper."), "cannot be spoken"),
        (lambda r: r["ideas"][0].update(setting="garden"), r"ideas\[0\].setting: must be one of"),
        (lambda r: r["ideas"][0].update(cost="cheap"), r"ideas\[0\].cost: must be one of"),
        (lambda r: r["ideas"][0].update(energy="sleepy"), r"ideas\[0\].energy"),
        (lambda r: r["ideas"][0].update(moods=["grumpy"]), r"ideas\[0\].moods\[0\]"),
        (lambda r: r["ideas"][0].update(moods=["cozy", "cozy"]), "different values"),
        (lambda r: r["ideas"][0].update(seasons=[]), r"ideas\[0\].seasons"),
        (lambda r: r["ideas"][0].update(minutes=5), "minutes"),
        (lambda r: r["ideas"][0].update(minutes="an hour"), "minutes"),
        (lambda r: r["ideas"][0].update(practice="juggling"), "not a practice id"),
        (lambda r: r["ideas"][0].update(id="Bad Id"), "lowercase-hyphenated"),
        (lambda r: r["ideas"][0].update(title="A Fondue Night."), "inside a sentence"),
        (lambda r: r["ideas"][1].update(id=r["ideas"][0]["id"]), "duplicate id"),
        (lambda r: r["ideas"][1].update(title=r["ideas"][0]["title"]), "duplicate title"),
        (lambda r: r.update(ideas=r["ideas"][:10]), "at least 60"),
        (
            lambda r: [i.update(setting="out") for i in r["ideas"][:-2]],
            "setting 'home'; needs 3",
        ),
    ],
)
def test_broken_catalogues_are_refused_with_the_place(change: Any, message: str) -> None:
    with pytest.raises(ContentError, match=message):
        parse_catalogue(_broken(change), PRACTICE_IDS)
