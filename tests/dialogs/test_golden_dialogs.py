"""Run every golden dialog in tests/dialogs/golden/ through the simulator, on both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.app import SkillApp
from tests.support.golden import DIALOG_FILES, parse_dialog, run_dialog


@pytest.mark.parametrize("path", DIALOG_FILES, ids=[p.stem for p in DIALOG_FILES])
def test_dialog(path: Path, each_app: SkillApp) -> None:
    failures = run_dialog(path, each_app)
    assert not failures, "\n".join(failures)


def test_the_parser_refuses_unknown_lines() -> None:
    with pytest.raises(ValueError, match="cannot read"):
        parse_dialog("> hello\nwhatever this is\n")
