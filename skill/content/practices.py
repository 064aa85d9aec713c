"""The practices of the three pillars, loaded from ``practices.json`` and validated.

Each practice is written for a couple, and also has a solo form for the nights
one partner checks in alone: something one person can do right now (reflect,
note something down, plan a talk for tomorrow), never an exercise for two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from skill.content import ContentError, load_json, require_list, require_text, word_count

PILLAR_IDS = ("communication", "quality_time", "trust")
#: A synonym is spoken by a person, so it is plain lowercase words.
_SPOKEN_NAME = re.compile(r"^[a-z][a-z' ]*[a-z]$")
#: Phrases that make an exercise one for two people, so a solo form never says them.
FOR_TWO = (
    "each of you",
    "together",
    "both of you",
    "your partner says",
    "turn to your partner",
    "turn to each other",
    "take turns",
)
_FOR_TWO = re.compile(r"\b(" + "|".join(FOR_TWO) + r")\b", re.IGNORECASE)
#: Words that, in an opener, speak to two people ("let's practice empathy together").
_OPENS_FOR_TWO = re.compile(
    r"\b(each other|one another|both|the two of you|you two)\b", re.IGNORECASE
)
#: The id of the repair conversation, offered after a fight and kept out of the pillars.
REPAIR_ID = "repair"


@dataclass(frozen=True)
class Step:
    """One step of a guided exercise; ``pause_seconds`` is time to do it."""

    say: str
    pause_seconds: int


@dataclass(frozen=True)
class PracticeForm:
    """One way to do a practice: why it matters (optional when solo), the steps, a question."""

    why: str | None
    steps: tuple[Step, ...]
    closing_question: str
    #: First lines that introduce the practice; a solo form has its own, spoken to one person.
    openers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Practice:
    """A practice read aloud: why it matters, a guided exercise, a closing question.

    ``why``, ``steps`` and ``closing_question`` are the couple's form; ``solo``
    is the form for one partner on their own (``None`` only for the repair
    conversation, which is for two).
    """

    id: str
    name: str
    pillar: str
    synonyms: tuple[str, ...]
    openers: tuple[str, ...]
    why: str
    steps: tuple[Step, ...]
    closing_question: str
    solo: PracticeForm | None

    @property
    def couple(self) -> PracticeForm:
        """The form for two people."""
        return PracticeForm(self.why, self.steps, self.closing_question)

    def form(self, *, alone: bool) -> PracticeForm:
        """The solo form for someone on their own when there is one, else the couple's."""
        return self.solo if alone and self.solo is not None else self.couple


@dataclass(frozen=True)
class Pillar:
    """One of the three pillars and the practices it groups."""

    id: str
    name: str
    synonyms: tuple[str, ...]
    intro: str
    practice_ids: tuple[str, ...]


@dataclass(frozen=True)
class PracticeLibrary:
    """Every pillar and practice of a locale, with lookup by id or spoken name.

    ``practices`` are the eleven of the pillars (the menu, recommendations and
    "any practice" choose among them). ``repair`` is the conversation offered
    after a fight: outside the pillars, but found by id and by name like any
    practice.
    """

    pillars: tuple[Pillar, ...]
    practices: tuple[Practice, ...]
    repair: Practice

    @property
    def everything(self) -> tuple[Practice, ...]:
        """The practices of the pillars and the repair conversation."""
        return (*self.practices, self.repair)

    def practice(self, practice_id: str) -> Practice:
        """The practice with this id (``"repair"`` included); KeyError if unknown."""
        for practice in self.everything:
            if practice.id == practice_id:
                return practice
        raise KeyError(practice_id)

    def has(self, practice_id: str) -> bool:
        """Whether a practice has this id (ids from a session are checked before use)."""
        return any(practice.id == practice_id for practice in self.everything)

    def pillar(self, pillar_id: str) -> Pillar:
        """The pillar with this id; KeyError if unknown."""
        for pillar in self.pillars:
            if pillar.id == pillar_id:
                return pillar
        raise KeyError(pillar_id)

    def find(self, spoken: str) -> Practice | Pillar | None:
        """Resolve a spoken name, id or synonym to a practice or a pillar."""
        wanted = " ".join(spoken.lower().replace("_", " ").split())
        items: tuple[Practice | Pillar, ...] = (*self.everything, *self.pillars)
        for item in items:
            names = {item.id.replace("_", " "), item.name.lower(), *item.synonyms}
            if wanted in names:
                return item
        return None


def _spoken_names(where: str, raw: Any) -> tuple[str, ...]:
    names = require_list(where, raw)
    for name in names:
        if not isinstance(name, str) or not _SPOKEN_NAME.match(name):
            raise ContentError(f"{where}: {name!r} is not a lowercase spoken name")
    return tuple(names)


def _parse_step(where: str, raw: Any) -> Step:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    say = require_text(f"{where}.say", raw.get("say"))
    seconds = raw.get("pause_seconds", 0)
    if not isinstance(seconds, int) or seconds < 0 or seconds > 120 or seconds % 10:
        raise ContentError(f"{where}.pause_seconds: must be 0 or a multiple of 10 up to 120")
    return Step(say=say, pause_seconds=seconds)


#: Words in a why: about twenty seconds for a couple; a little shorter for one person.
_WHY_WORDS = (30, 75)
_SOLO_WHY_WORDS = (20, 60)
#: How many steps a form may have (no upper bound for a couple's practice).
_STEPS: tuple[int, int | None] = (2, None)
_SOLO_STEPS: tuple[int, int | None] = (2, 6)
_REPAIR_STEPS: tuple[int, int | None] = (4, 6)


def _parse_why(where: str, raw: Any, words: tuple[int, int]) -> str:
    why = require_text(where, raw)
    low, high = words
    if not low <= word_count(why) <= high:
        raise ContentError(f"{where}: should take about 20 seconds ({low}-{high} words)")
    return why


def _parse_form(
    where: str, raw: dict[str, Any], why: str | None, count: tuple[int, int | None]
) -> PracticeForm:
    """The steps and closing question of one form, with the speech rules."""
    fewest, most = count
    raw_steps = require_list(f"{where}.steps", raw.get("steps"), min_items=fewest)
    if most is not None and len(raw_steps) > most:
        raise ContentError(f"{where}.steps: at most {most} steps, to stay listenable")
    steps = tuple(_parse_step(f"{where}.steps[{i}]", s) for i, s in enumerate(raw_steps))
    if not any(step.pause_seconds >= 30 for step in steps):
        raise ContentError(f"{where}.steps: needs a pause of at least 30 seconds to do it")
    closing = require_text(f"{where}.closing_question", raw.get("closing_question"))
    if not closing.endswith("?"):
        raise ContentError(f"{where}.closing_question: must be a question")
    return PracticeForm(why=why, steps=steps, closing_question=closing)


def _parse_solo(where: str, raw: Any) -> PracticeForm:
    """The form for one person: the usual rules, and nothing that needs a second person."""
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: every practice needs a solo form (an object) for one person")
    raw_why = raw.get("why")
    why = None if raw_why is None else _parse_why(f"{where}.why", raw_why, _SOLO_WHY_WORDS)
    form = _parse_form(where, raw, why, _SOLO_STEPS)
    openers = require_list(f"{where}.openers", raw.get("openers"), min_items=2)
    form = replace(
        form,
        openers=tuple(require_text(f"{where}.openers[{i}]", o) for i, o in enumerate(openers)),
    )
    spoken = {f"{where}.why": form.why or ""}
    spoken |= {f"{where}.openers[{i}]": text for i, text in enumerate(form.openers)}
    spoken |= {f"{where}.steps[{i}].say": step.say for i, step in enumerate(form.steps)}
    spoken[f"{where}.closing_question"] = form.closing_question
    for at, text in spoken.items():
        found = _FOR_TWO.search(text) or (
            _OPENS_FOR_TWO.search(text) if ".openers[" in at else None
        )
        if found:
            raise ContentError(
                f"{at}: {found.group(0)!r} is for two people; a solo form is for one"
            )
    return form


def _parse_practice(where: str, raw: Any, *, repair: bool = False) -> Practice:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    why = _parse_why(f"{where}.why", raw.get("why"), _WHY_WORDS)
    couple = _parse_form(where, raw, why, _REPAIR_STEPS if repair else _STEPS)
    if repair and "solo" in raw:
        raise ContentError(f"{where}.solo: the repair conversation is for two; no solo form")
    solo = None if repair else _parse_solo(f"{where}.solo", raw.get("solo"))
    openers = require_list(f"{where}.openers", raw.get("openers"), min_items=2)
    return Practice(
        id=require_text(f"{where}.id", raw.get("id")),
        name=require_text(f"{where}.name", raw.get("name")),
        pillar=raw.get("pillar", ""),
        synonyms=_spoken_names(f"{where}.synonyms", raw.get("synonyms")),
        openers=tuple(require_text(f"{where}.openers[{i}]", o) for i, o in enumerate(openers)),
        why=why,
        steps=couple.steps,
        closing_question=couple.closing_question,
        solo=solo,
    )


def parse_library(raw: Any, where: str = "practices") -> PracticeLibrary:
    """Validate the practices file and cross-check pillars, ids and synonyms."""
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    practices = tuple(
        _parse_practice(f"{where}.practices[{i}]", p)
        for i, p in enumerate(require_list(f"{where}.practices", raw.get("practices")))
    )
    pillars = []
    for i, p in enumerate(require_list(f"{where}.pillars", raw.get("pillars"))):
        at = f"{where}.pillars[{i}]"
        if not isinstance(p, dict) or p.get("id") not in PILLAR_IDS:
            raise ContentError(f"{at}.id: must be one of {', '.join(PILLAR_IDS)}")
        pillars.append(
            Pillar(
                id=p["id"],
                name=require_text(f"{at}.name", p.get("name")),
                synonyms=_spoken_names(f"{at}.synonyms", p.get("synonyms")),
                intro=require_text(f"{at}.intro", p.get("intro")),
                practice_ids=tuple(require_list(f"{at}.practices", p.get("practices"))),
            )
        )
    if not isinstance(raw.get("repair"), dict):
        raise ContentError(f"{where}.repair: needs the repair conversation, shaped like a practice")
    repair = _parse_practice(f"{where}.repair", raw["repair"], repair=True)
    if repair.id != REPAIR_ID:
        raise ContentError(f"{where}.repair.id: must be {REPAIR_ID!r}")
    if repair.pillar not in PILLAR_IDS:
        raise ContentError(f"{where}.repair.pillar: must be one of {', '.join(PILLAR_IDS)}")
    library = PracticeLibrary(pillars=tuple(pillars), practices=practices, repair=repair)
    _cross_check(where, library)
    return library


def _cross_check(where: str, library: PracticeLibrary) -> None:
    ids = [p.id for p in library.practices]
    if len({*ids, library.repair.id}) != len(ids) + 1:
        raise ContentError(f"{where}: duplicate practice ids")
    if {p.id for p in library.pillars} != set(PILLAR_IDS):
        raise ContentError(f"{where}.pillars: needs exactly {', '.join(PILLAR_IDS)}")
    grouped = [pid for pillar in library.pillars for pid in pillar.practice_ids]
    if sorted(grouped) != sorted(ids):
        raise ContentError(f"{where}.pillars: must group every practice exactly once")
    for pillar in library.pillars:
        for pid in pillar.practice_ids:
            if library.practice(pid).pillar != pillar.id:
                raise ContentError(f"{where}: practice {pid} names the wrong pillar")
    seen: dict[str, str] = {}
    items: tuple[Practice | Pillar, ...] = (*library.everything, *library.pillars)
    for item in items:
        for name in item.synonyms:
            if seen.setdefault(name, item.id) != item.id:
                raise ContentError(
                    f"{where}: synonym {name!r} names both {seen[name]} and {item.id}"
                )


@cache
def practice_library(locale: str) -> PracticeLibrary:
    """The validated practices of ``locale``, loaded once per process."""
    return parse_library(load_json(locale, "practices"), f"{locale}/practices.json")
