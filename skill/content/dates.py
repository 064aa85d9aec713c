"""The date-night catalogue, loaded from ``date_ideas.json`` and validated.

Every idea is tagged with the facets a couple can ask for (setting, cost,
time, mood) and the seasons it suits, so the picker can honour what was asked
without guessing. The rules here keep each idea speakable: a pitch of about
twenty seconds, a few short steps for "tell me more", nothing SSML would choke on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from skill.content import ContentError, load_json, require_list, require_text, word_count
from skill.content.practices import practice_library

SETTINGS = ("home", "out")
#: Cheapest first: the order matters when a budget is a ceiling.
COST_BANDS = ("free", "low", "medium", "splurge")
#: How much time a couple says they have, from a few minutes to a whole day.
TIME_AVAILABLE = ("quick", "hour", "evening", "day")
ENERGIES = ("calm", "active")
#: Where the two of them are: "apart" (in two places, on the phone or on video) is the one
#: value; a couple is together unless they say otherwise.
DISTANCES = ("apart",)
MOODS = ("cozy", "playful", "adventurous", "romantic", "creative", "relaxing", "thoughtful")
SEASONS = ("spring", "summer", "autumn", "winter")

MIN_IDEAS = 60
#: About twenty seconds at Alexa's 150 words a minute.
MAX_PITCH_WORDS = 55
MIN_PITCH_WORDS = 12
MAX_STEP_WORDS = 40
MIN_STEPS, MAX_STEPS = 2, 6
MAX_MINUTES = 12 * 60
#: Each setting, cost band and mood needs this many ideas, so one filter alone never comes up empty.
MIN_IDEAS_PER_VALUE = 3

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
#: Titles are spoken mid-sentence ("How about a kitchen slow dance?").
_TITLE = re.compile(r"^[a-z0-9].*[\w)]$")


@dataclass(frozen=True)
class DateIdea:
    """One date night: what it is, how to do it, and the facets it can be picked by."""

    id: str
    title: str
    pitch: str
    steps: tuple[str, ...]
    setting: str
    cost: str
    minutes: int
    energy: str
    moods: tuple[str, ...]
    seasons: frozenset[str]
    practice: str
    #: It starts at first light (a sunrise hike): offered in the morning, or for a whole day.
    at_dawn: bool = False
    #: Made for a couple in two places (over the phone or on video): offered only to a couple
    #: apart, and never to one in the same room.
    apart: bool = False


@dataclass(frozen=True)
class DateCatalogue:
    """Every idea of a locale, with lookup by id."""

    ideas: tuple[DateIdea, ...]

    def get(self, idea_id: str) -> DateIdea | None:
        """The idea with this id, or None (an id remembered from an older catalogue)."""
        for idea in self.ideas:
            if idea.id == idea_id:
                return idea
        return None


def _one_of(where: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ContentError(f"{where}: must be one of {', '.join(allowed)}, got {value!r}")
    return str(value)


def _some_of(where: str, value: Any, allowed: tuple[str, ...], max_items: int) -> tuple[str, ...]:
    items = require_list(where, value)
    for index, item in enumerate(items):
        _one_of(f"{where}[{index}]", item, allowed)
    if len(set(items)) != len(items) or len(items) > max_items:
        raise ContentError(f"{where}: needs 1 to {max_items} different values")
    return tuple(items)


def _parse_idea(where: str, raw: Any, practice_ids: frozenset[str]) -> DateIdea:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    idea_id = raw.get("id")
    if not isinstance(idea_id, str) or not _ID.match(idea_id):
        raise ContentError(f"{where}.id: must be a lowercase-hyphenated id, got {idea_id!r}")
    pitch = require_text(f"{where}.pitch", raw.get("pitch"))
    if not MIN_PITCH_WORDS <= word_count(pitch) <= MAX_PITCH_WORDS:
        raise ContentError(
            f"{where}.pitch: should take about 20 seconds "
            f"({MIN_PITCH_WORDS}-{MAX_PITCH_WORDS} words, has {word_count(pitch)})"
        )
    raw_steps = require_list(f"{where}.steps", raw.get("steps"), min_items=MIN_STEPS)
    if len(raw_steps) > MAX_STEPS:
        raise ContentError(f"{where}.steps: at most {MAX_STEPS} steps, to stay listenable")
    steps = tuple(require_text(f"{where}.steps[{i}]", s) for i, s in enumerate(raw_steps))
    for index, step in enumerate(steps):
        if word_count(step) > MAX_STEP_WORDS:
            raise ContentError(f"{where}.steps[{index}]: over {MAX_STEP_WORDS} words")
    minutes = raw.get("minutes")
    if type(minutes) is not int or not 10 <= minutes <= MAX_MINUTES:
        raise ContentError(f"{where}.minutes: must be a whole number from 10 to {MAX_MINUTES}")
    practice = raw.get("practice")
    if practice not in practice_ids:
        raise ContentError(f"{where}.practice: {practice!r} is not a practice id")
    title = require_text(f"{where}.title", raw.get("title"))
    if not _TITLE.match(title):
        raise ContentError(
            f"{where}.title: must read inside a sentence (lowercase start, no end punctuation)"
        )
    return DateIdea(
        id=idea_id,
        title=title,
        pitch=pitch,
        steps=steps,
        setting=_one_of(f"{where}.setting", raw.get("setting"), SETTINGS),
        cost=_one_of(f"{where}.cost", raw.get("cost"), COST_BANDS),
        minutes=minutes,
        energy=_one_of(f"{where}.energy", raw.get("energy"), ENERGIES),
        moods=_some_of(f"{where}.moods", raw.get("moods"), MOODS, max_items=3),
        seasons=frozenset(_some_of(f"{where}.seasons", raw.get("seasons"), SEASONS, 4)),
        practice=str(practice),
        at_dawn=_flag(f"{where}.at_dawn", raw.get("at_dawn", False)),
        apart=_flag(f"{where}.apart", raw.get("apart", False)),
    )


def _flag(where: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ContentError(f"{where}: must be true or false")
    return value


def parse_catalogue(
    raw: Any, practice_ids: frozenset[str], where: str = "date_ideas"
) -> DateCatalogue:
    """Validate the date ideas file and check the catalogue as a whole."""
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    ideas = tuple(
        _parse_idea(f"{where}.ideas[{i}]", idea, practice_ids)
        for i, idea in enumerate(require_list(f"{where}.ideas", raw.get("ideas")))
    )
    catalogue = DateCatalogue(ideas)
    _check_catalogue(where, catalogue)
    return catalogue


def _check_catalogue(where: str, catalogue: DateCatalogue) -> None:
    ideas = catalogue.ideas
    if len(ideas) < MIN_IDEAS:
        raise ContentError(f"{where}: needs at least {MIN_IDEAS} ideas, has {len(ideas)}")
    keys: tuple[tuple[str, Callable[[DateIdea], str]], ...] = (
        ("id", lambda i: i.id),
        ("title", lambda i: i.title.lower()),
    )
    for label, key in keys:
        seen: set[str] = set()
        for idea in ideas:
            if key(idea) in seen:
                raise ContentError(f"{where}: duplicate {label} {key(idea)!r}")
            seen.add(key(idea))
    facets: list[tuple[str, tuple[str, ...], Any]] = [
        ("setting", SETTINGS, lambda i, v: i.setting == v),
        ("cost", COST_BANDS, lambda i, v: i.cost == v),
        ("mood", MOODS, lambda i, v: v in i.moods),
        ("season", SEASONS, lambda i, v: v in i.seasons),
    ]
    apart = sum(1 for idea in ideas if idea.apart)
    if apart < MIN_IDEAS_PER_VALUE:
        raise ContentError(
            f"{where}: only {apart} idea(s) for a couple apart; needs {MIN_IDEAS_PER_VALUE}"
        )
    for facet, values, has in facets:
        for value in values:
            count = sum(1 for idea in ideas if has(idea, value))
            if count < MIN_IDEAS_PER_VALUE:
                raise ContentError(
                    f"{where}: only {count} idea(s) with {facet} {value!r}; "
                    f"needs {MIN_IDEAS_PER_VALUE} so that filter alone never comes up empty"
                )


@cache
def date_catalogue(locale: str) -> DateCatalogue:
    """The validated date ideas of ``locale``, loaded once per process."""
    practice_ids = frozenset(p.id for p in practice_library(locale).practices)
    return parse_catalogue(
        load_json(locale, "date_ideas"), practice_ids, f"{locale}/date_ideas.json"
    )
