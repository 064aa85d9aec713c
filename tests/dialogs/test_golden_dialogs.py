"""Run every golden dialog in tests/dialogs/golden/ through the simulator, on both stores,
and again on a device with a screen, where every word must stay the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from skill.app import SkillApp
from skill.local.simulator import Turn
from tests.support.golden import DIALOG_FILES, parse_dialog, play_dialog, run_dialog

#: Another household of the same store, for the run on a screen.
SCREEN_HOUSEHOLD = "amzn1.ask.account.SCREEN-HOUSEHOLD"


@pytest.mark.parametrize("path", DIALOG_FILES, ids=[p.stem for p in DIALOG_FILES])
def test_dialog(path: Path, each_app: SkillApp) -> None:
    failures = run_dialog(path, each_app)
    assert not failures, "\n".join(failures)


def _without_screen(turn: Turn) -> dict[str, Any]:
    """The whole response envelope, less its APL directives."""
    body = dict(turn.response["response"])
    kept = [d for d in body.pop("directives", []) if not d["type"].startswith("Alexa.Presentation")]
    if kept:
        body["directives"] = kept
    return {**turn.response, "response": body}


@pytest.mark.parametrize("path", DIALOG_FILES, ids=[p.stem for p in DIALOG_FILES])
def test_dialog_on_a_screen(path: Path, app: SkillApp) -> None:
    """With a screen: the dialog's expectations hold, a screen is drawn on every turn that
    keeps the session open, and apart from it every response is the one a speaker gets."""
    spoken, _ = play_dialog(path, app)
    shown, failures = play_dialog(path, app, screen=True, user_id=SCREEN_HOUSEHOLD)
    assert not failures, "\n".join(failures)
    assert [_without_screen(turn) for turn in shown] == [turn.response for turn in spoken]


def test_the_parser_refuses_unknown_lines() -> None:
    with pytest.raises(ValueError, match="cannot read"):
        parse_dialog("> hello\nwhatever this is\n")
