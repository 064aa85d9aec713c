"""Whole conversations against a real store, for tests that then read what the store holds."""

from __future__ import annotations

from datetime import datetime, timedelta

from skill.app import SkillApp
from skill.config import Settings
from skill.local.simulator import Simulator, Turn
from skill.storage.base import HouseholdStore
from tests.support.invariants import check_response

EVENING = datetime.fromisoformat("2026-11-25T20:30:00-05:00")


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
