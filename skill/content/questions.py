"""The check-in's open questions, loaded from ``checkin_questions.json`` and validated.

Each question belongs to a pillar and a theme (appreciation, something on
your mind, a hope, a shared moment…). The check-in rotates through them
(:mod:`skill.conversation.rotation`), and a question whose theme is
``on_your_mind`` tells the practice recommender that an answer to it is
something weighing on someone.

Every question also has a second wording, ``rephrase``: the same question
asked more plainly, sometimes with a tiny example, for when someone asks
"what do you mean?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from skill.content import ContentError, load_json, require_list, require_text, word_count
from skill.content.practices import PILLAR_IDS

THEMES = (
    "appreciation",
    "on_your_mind",
    "feeling",
    "need",
    "curiosity",
    "gratitude",
    "hope",
    "shared_moment",
)
#: The theme whose answers tell the recommender something is on someone's mind.
ON_YOUR_MIND = "on_your_mind"
#: Themes whose questions ask for something good: a hurt told there is not met as a bright spot.
GOOD_THEMES = frozenset({"appreciation", "gratitude", "shared_moment"})
#: Enough questions that two partners a night never repeat one within two weeks.
MIN_QUESTIONS = 40
#: A question is heard, not read: short enough to hold in mind while answering.
MAX_WORDS = 25
#: The second wording may add a tiny example, so it gets a little more room.
MAX_REPHRASE_WORDS = 30
_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Question:
    """One open check-in question."""

    id: str
    pillar: str
    theme: str
    text: str
    #: The same question asked another way, plainer, for "what do you mean?".
    rephrase: str

    @property
    def asks_for_something_good(self) -> bool:
        """Whether the question asks for a kindness, a thanks or a good moment."""
        return self.theme in GOOD_THEMES

    @property
    def asks_what_is_on_your_mind(self) -> bool:
        """Whether an answer means something is weighing on the speaker."""
        return self.theme == ON_YOUR_MIND


@dataclass(frozen=True)
class QuestionBank:
    """Every question of a locale, with lookup by id."""

    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        """The question with this id; KeyError if unknown."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


def _parse_question(where: str, raw: Any) -> Question:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    question_id = raw.get("id")
    if not isinstance(question_id, str) or not _ID.match(question_id):
        raise ContentError(f"{where}.id: must be lowercase words joined by hyphens")
    if raw.get("pillar") not in PILLAR_IDS:
        raise ContentError(f"{where}.pillar: must be one of {', '.join(PILLAR_IDS)}")
    if raw.get("theme") not in THEMES:
        raise ContentError(f"{where}.theme: must be one of {', '.join(THEMES)}")
    text = require_text(f"{where}.text", raw.get("text"))
    if not text.endswith("?"):
        raise ContentError(f"{where}.text: must be a question")
    if word_count(text) > MAX_WORDS:
        raise ContentError(f"{where}.text: keep it under {MAX_WORDS} words for the ear")
    return Question(
        id=question_id,
        pillar=raw["pillar"],
        theme=raw["theme"],
        text=text,
        rephrase=_parse_rephrase(f"{where}.rephrase", raw.get("rephrase"), text),
    )


def _parse_rephrase(where: str, raw: Any, text: str) -> str:
    rephrase = require_text(where, raw)
    if not rephrase.endswith("?"):
        raise ContentError(f"{where}: must be a question")
    if word_count(rephrase) > MAX_REPHRASE_WORDS:
        raise ContentError(f"{where}: keep it under {MAX_REPHRASE_WORDS} words for the ear")
    if _plain(rephrase) == _plain(text):
        raise ContentError(f"{where}: must ask the question another way, not repeat the text")
    return rephrase


def _plain(text: str) -> str:
    """Words only, lowercase: two wordings that differ only in case or commas are the same."""
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def parse_questions(raw: Any, where: str = "checkin_questions") -> QuestionBank:
    """Validate the questions file: enough questions, unique ids, every pillar covered."""
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    items = require_list(f"{where}.questions", raw.get("questions"), min_items=MIN_QUESTIONS)
    questions = tuple(_parse_question(f"{where}.questions[{i}]", q) for i, q in enumerate(items))
    ids = [q.id for q in questions]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ContentError(f"{where}: duplicate question ids {duplicates}")
    missing = set(PILLAR_IDS) - {q.pillar for q in questions}
    if missing:
        raise ContentError(f"{where}: no questions for pillar(s) {sorted(missing)}")
    return QuestionBank(questions)


@cache
def question_bank(locale: str) -> QuestionBank:
    """The validated check-in questions of ``locale``, loaded once per process."""
    raw = load_json(locale, "checkin_questions")
    return parse_questions(raw, f"{locale}/checkin_questions.json")
