"""Golden dialogs: whole conversations as plain text, run through the real envelope path.

A dialog file is a list of lines (see ``tests/dialogs/golden/README.md``). Each user
line goes through the simulator (interaction-model NLU, a real request
envelope, the same skill object Lambda uses); the lines after it are
expectations about that turn. Every turn is also held to the response
invariants.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from skill.app import SkillApp
from skill.local.envelope import DEFAULT_USER_ID
from skill.local.simulator import RENDER_DOCUMENT, Turn
from tests.support.invariants import check_response
from tests.support.talk import EVENING, BrokenResponse, Handle, Talk

DIALOGS = Path(__file__).resolve().parents[1] / "dialogs" / "golden"


@dataclass
class Line:
    """One line of a dialog file: a directive and its argument."""

    number: int
    kind: str
    value: str = ""


@dataclass
class DialogStep:
    """A user turn and the expectations about the skill's answer."""

    line: int
    utterance: str
    #: Set on the first turn after an ``@`` line: the clock jumps there (5 s pass per turn).
    clock: datetime | None
    new_session_before: bool
    checks: list[Line] = field(default_factory=list)


_DIRECTIVES = [
    ("not_contains", re.compile(r"^!<\s?(.*)$")),
    ("says", re.compile(r"^>\s?(.*)$")),
    ("contains", re.compile(r"^<\s?(.*)$")),
    ("matches", re.compile(r"^~\s?(.*)$")),
    ("clock", re.compile(r"^@\s?(.*)$")),
    ("intent", re.compile(r"^intent:\s*(.*)$")),
    ("card", re.compile(r"^card:\s*(.*)$")),
    ("same", re.compile(r"^(same)$")),
    ("differs", re.compile(r"^(differs)$")),
    ("ends", re.compile(r"^(ends)$")),
    ("open", re.compile(r"^(open)$")),
    ("new_session", re.compile(r"^(new session)$")),
]


def parse_dialog(text: str, name: str = "dialog") -> list[DialogStep]:
    """Parse a dialog file into steps; unknown lines are an error, not ignored."""
    steps: list[DialogStep] = []
    clock: datetime | None = None
    new_session = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        for kind, pattern in _DIRECTIVES:  # noqa: B007 - kind is used after the loop
            match = pattern.match(line)
            if match:
                break
        else:
            raise ValueError(f"{name}:{number}: cannot read {line!r}")
        value = match.group(1).strip()
        if kind == "clock":
            clock = datetime.fromisoformat(value)
        elif kind == "new_session":
            new_session = True
        elif kind == "says":
            steps.append(DialogStep(number, value, clock, new_session))
            clock, new_session = None, False
        else:
            if not steps:
                raise ValueError(f"{name}:{number}: expectation before any user line")
            steps[-1].checks.append(Line(number, kind, value))
    return steps


def screen_problems(turn: Turn, screen: bool) -> list[str]:
    """A screen is drawn on a screen device whenever the session stays open, and never
    elsewhere: one RenderDocument, or no APL directive at all."""
    apl = [d for d in turn.directives if d.startswith("Alexa.Presentation.APL")]
    if screen and not turn.ended and apl != [RENDER_DOCUMENT]:
        return [f"screen: expected one {RENDER_DOCUMENT}, got {apl}"]
    if (not screen or turn.ended) and apl:
        return [f"screen: expected no APL directive, got {apl}"]
    return []


def check_turn(
    name: str, step: DialogStep, turn: Turn, previous_speech: str | None, screen: bool = False
) -> list[str]:
    """Every failed expectation of one turn, as readable lines."""
    speech = turn.speech
    failures = [f"invariant: {p}" for p in check_response(turn.response)]
    failures += screen_problems(turn, screen)
    for check in step.checks:
        ok = {
            "contains": lambda c: c.value.lower() in speech.lower(),
            "not_contains": lambda c: c.value.lower() not in speech.lower(),
            "matches": lambda c: re.search(c.value, speech, re.I) is not None,
            "intent": lambda c: turn.intent == c.value,
            "card": lambda c: c.value.lower() in (turn.card_title or "").lower(),
            "same": lambda c: speech == previous_speech,
            "differs": lambda c: speech != previous_speech,
            "ends": lambda c: turn.ended,
            "open": lambda c: not turn.ended,
        }[check.kind](check)
        if not ok:
            failures.append(f"line {check.number}: {check.kind} {check.value!r}")
    return [f"{name}:{step.line} > {step.utterance!r}: {f}\n   heard: {speech!r}" for f in failures]


DIALOG_FILES = sorted(DIALOGS.glob("*.dialog"))
#: The evening clock used by dialogs that do not set their own.
DEFAULT_CLOCK = EVENING


def run_dialog(path: Path, app: SkillApp) -> list[str]:
    """Play one dialog file against ``app`` (its store fresh); return every failure."""
    return play_dialog(path, app)[1]


def play_dialog(
    path: Path,
    app: SkillApp,
    *,
    screen: bool = False,
    user_id: str = DEFAULT_USER_ID,
    handle: Handle | None = None,
) -> tuple[list[Turn], list[str]]:
    """Play one dialog file against ``app`` as household ``user_id`` (fresh), on a device with
    a screen or without (``handle`` as for :class:`Talk`); return every turn and failure."""
    steps = parse_dialog(path.read_text(encoding="utf-8"), path.name)
    talk = Talk(app, start=DEFAULT_CLOCK, screen=screen, user_id=user_id, handle=handle)
    turns: list[Turn] = []
    failures: list[str] = []
    previous: str | None = None
    for step in steps:
        if step.clock is not None:
            talk.now = step.clock
        if step.new_session_before:
            talk.end_session()
        try:
            turn = talk(step.utterance)
        except BrokenResponse as broken:
            # Reported below with the dialog's line, among the turn's other failures.
            turn = broken.turn
        turns.append(turn)
        failures += check_turn(path.name, step, turn, previous, screen)
        previous = turn.speech
    return turns, failures
