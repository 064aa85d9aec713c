"""Run every golden dialog in tests/dialogs/golden/ through the simulator, on both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.storage.base import HouseholdStore
from skill.storage.sqlite import SqliteStore
from tests.support.golden import DIALOG_FILES, parse_dialog, run_dialog


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
