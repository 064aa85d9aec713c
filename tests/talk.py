"""Whole conversations against a real store, for tests that then read what the store holds."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from skill.app import SkillApp
from skill.config import Settings
from skill.simulator import Simulator, Turn
from skill.storage.base import HouseholdStore
from skill.storage.sqlite import SqliteStore
from tests.invariants import check_response

EVENING = datetime.fromisoformat("2026-11-25T20:30:00-05:00")


@pytest.fixture(
    name="store", params=["sqlite", pytest.param("dynamodb", marks=pytest.mark.dynamodb)]
)
def store_on_each_backend(request: pytest.FixtureRequest, tmp_path: Path) -> HouseholdStore:
    """The test runs once on SQLite and once on DynamoDB Local."""
    if request.param == "sqlite":
        return SqliteStore(tmp_path / "households.db")
    dynamodb: HouseholdStore = request.getfixturevalue("dynamodb_store")
    return dynamodb


class Talk:
    """A simulator on ``store`` whose clock moves five seconds a turn; every turn is checked."""

    def __init__(self, store: HouseholdStore, start: datetime = EVENING) -> None:
        self.now = start
        self.simulator = Simulator(
            SkillApp(Settings(store_url="test://"), store).handle, clock=lambda: self.now
        )

    def __call__(self, text: str) -> Turn:
        turn = self.simulator.send(text)
        assert not check_response(turn.response), check_response(turn.response)
        self.now += timedelta(seconds=5)
        return turn

    def check_in(self, *answers: str, partners: str = "both of us") -> None:
        """Start a check-in and give each partner's rating (a four) and answer, in turn."""
        self("start a check-in")
        self(partners)
        for answer in answers:
            self("a four")
            self(answer)
