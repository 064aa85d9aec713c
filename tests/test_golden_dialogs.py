"""Run every golden dialog in tests/dialogs/ through the simulator, on both stores."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from skill.app import SkillApp
from skill.config import Settings
from skill.simulator import Simulator
from skill.storage.base import HouseholdStore
from skill.storage.sqlite import SqliteStore
from tests.golden import DIALOGS, check_turn, parse_dialog

DIALOG_FILES = sorted(DIALOGS.glob("*.dialog"))
#: The evening clock used by dialogs that do not set their own.
DEFAULT_CLOCK = datetime.fromisoformat("2026-11-25T20:30:00-05:00")


def run_dialog(path: Path, store: HouseholdStore) -> list[str]:
    """Play one dialog file against a fresh skill; return every failure."""
    app = SkillApp(Settings(store_url="test://"), store)
    steps = parse_dialog(path.read_text(encoding="utf-8"), path.name)
    now = [DEFAULT_CLOCK]
    simulator = Simulator(app.handle, clock=lambda: now[0])
    failures: list[str] = []
    previous: str | None = None
    for step in steps:
        if step.clock is not None:
            now[0] = step.clock
        if step.new_session_before and simulator.session_open:
            simulator.end_session()
        turn = simulator.send(step.utterance)
        failures += check_turn(path.name, step, turn, previous)
        previous = turn.speech
        # Alexa stamps each request; a few seconds pass between turns.
        now[0] += timedelta(seconds=5)
    return failures


@pytest.mark.parametrize("path", DIALOG_FILES, ids=[p.stem for p in DIALOG_FILES])
def test_dialog_on_sqlite(path: Path, tmp_path: Path) -> None:
    failures = run_dialog(path, SqliteStore(tmp_path / "households.db"))
    assert not failures, "\n".join(failures)


@pytest.mark.dynamodb
@pytest.mark.parametrize("path", DIALOG_FILES, ids=[p.stem for p in DIALOG_FILES])
def test_dialog_on_dynamodb(path: Path, dynamodb_store: HouseholdStore) -> None:
    failures = run_dialog(path, dynamodb_store)
    assert not failures, "\n".join(failures)


def test_the_parser_refuses_unknown_lines() -> None:
    with pytest.raises(ValueError, match="cannot read"):
        parse_dialog("> hello\nwhatever this is\n")
