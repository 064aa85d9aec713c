"""The check-in screen's datasource: whose turn it is and the question now being asked.

Only the question: nothing anyone answered is ever put on the screen, so a
partner never reads the other's words over their shoulder. The touch targets
are the answers a touch can give (a rating, how many are here) or "skip".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from skill.content.prompts import in_daylight
from skill.content.questions import QuestionBank
from skill.content.screens import ScreenWords
from skill.conversation.checkin import (
    PARTNERS,
    QUESTION,
    RATING,
    WEEKLY,
    CheckInFlow,
    Step,
)
from skill.screens.touch import Tap, Touch, button

_SOLO, _BOTH = 1, 2


def _turn(words: ScreenWords, step: Step, flow: CheckInFlow, names: Sequence[str]) -> str:
    """Whose turn it is: by name when known, else first or second; "" for one person."""
    if step.kind == PARTNERS:
        return ""
    if step.partner is None:
        return words.text("checkin.turn.together") if flow.partners == _BOTH else ""
    if step.partner < len(names):
        return words.text("checkin.turn.named", name=names[step.partner])
    if flow.partners == _BOTH:
        return words.text("checkin.turn.first" if step.partner == 0 else "checkin.turn.second")
    return ""


def _question(
    words: ScreenWords, step: Step, flow: CheckInFlow, bank: QuestionBank, evening: bool
) -> str:
    if step.kind == QUESTION:
        text = bank.question(flow.questions[step.partner or 0]).text
        # As it is said: "tonight" only in the evening.
        return text if evening else in_daylight(text)
    # The rating, the partner count and the weekly steps have fixed words for the eye.
    return words.text(f"checkin.{step.kind}")


def _buttons(words: ScreenWords, step: Step) -> list[dict[str, Any]]:
    if step.kind == RATING:
        return [button(str(n), Tap(Touch.RATING, n)) for n in range(1, 6)]
    if step.kind == PARTNERS:
        return [
            button(words.text("checkin.partners.solo"), Tap(Touch.PARTNERS, _SOLO)),
            button(words.text("checkin.partners.both"), Tap(Touch.PARTNERS, _BOTH)),
        ]
    return [button(words.text("checkin.skip"), Tap(Touch.SKIP))]


def checkin_data(
    words: ScreenWords,
    flow: CheckInFlow,
    bank: QuestionBank,
    names: Sequence[str],
    evening: bool = True,
) -> dict[str, Any] | None:
    """The current question of ``flow`` (None once it is complete); ``names`` in turn order;
    ``evening`` whether it is evening where the household is."""
    step = flow.step
    if step is None:
        return None
    rating = step.kind == RATING
    return {
        "title": words.text("checkin.weekly" if flow.kind == WEEKLY else "checkin.nightly"),
        "turn": _turn(words, step, flow, names),
        "question": _question(words, step, flow, bank, evening),
        "buttons": _buttons(words, step),
        "scale": {
            "low": words.text("checkin.rating.low") if rating else "",
            "high": words.text("checkin.rating.high") if rating else "",
        },
    }
