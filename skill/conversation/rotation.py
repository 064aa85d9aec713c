"""Which open questions to ask tonight, so a household never hears one twice within two weeks.

The household remembers, per question id, the last evening it was asked
(``Profile.recent_questions``). A question is *fresh* when it was not asked
in the last :data:`REPEAT_GAP_NIGHTS` evenings. Tonight's questions come from
the fresh ones, each partner's from a different theme when possible, so two
partners are not both asked for an appreciation. Only when no fresh question
is left does a question come back: the one asked longest ago.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date

from skill.content.questions import Question, QuestionBank

#: A question asked on one evening is not asked again during the following this-many evenings.
REPEAT_GAP_NIGHTS = 14
#: Hard cap on remembered questions, whatever happens to the bank (keeps the profile small).
MAX_REMEMBERED = 64


def is_fresh(question_id: str, recent: Mapping[str, str], night: date) -> bool:
    """Whether ``question_id`` may be asked on ``night``."""
    last = recent.get(question_id)
    return last is None or (night - date.fromisoformat(last)).days > REPEAT_GAP_NIGHTS


def choose_questions(
    bank: QuestionBank, recent: Mapping[str, str], night: date, count: int, rng: random.Random
) -> list[Question]:
    """``count`` different questions for ``night``: fresh ones first, themes spread."""
    # Decided once per remembered question, not per question of the bank and per pick.
    stale = {q.id for q in bank.questions if q.id in recent and not is_fresh(q.id, recent, night)}
    chosen: list[Question] = []
    for _ in range(count):
        taken = {q.id for q in chosen}
        left = [q for q in bank.questions if q.id not in taken]
        fresh = [q for q in left if q.id not in stale]
        if fresh:
            themes = {q.theme for q in chosen}
            chosen.append(rng.choice([q for q in fresh if q.theme not in themes] or fresh))
        else:
            chosen.append(min(left, key=lambda q: (recent.get(q.id, ""), q.id)))
    return chosen


def remember_asked(recent: Mapping[str, str], asked: list[str], night: date) -> dict[str, str]:
    """The memory after asking ``asked`` on ``night``; entries that no longer matter are dropped."""
    updated = {qid: last for qid, last in recent.items() if not is_fresh(qid, {qid: last}, night)}
    for qid in asked:
        if updated.get(qid, "") < night.isoformat():
            updated[qid] = night.isoformat()
    newest = sorted(updated.items(), key=lambda item: item[1], reverse=True)[:MAX_REMEMBERED]
    return dict(sorted(newest))
