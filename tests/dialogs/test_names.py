"""First names: cleaned and bounded, invited once on a return visit, used in greetings."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from skill.app import SkillApp
from skill.config import Settings
from skill.conversation.names import (
    clean_name,
    clean_names,
    names_phrase,
    partner_names,
    should_ask_names,
)
from skill.conversation.personal_changes import NamesGiven
from skill.household.model import Household, Profile
from skill.local.envelope import DEFAULT_USER_ID
from skill.local.simulator import Simulator
from skill.storage.sqlite import SqliteStore
from skill.turn import household_id_for
from tests.support.api_conversation import said
from tests.support.invariants import check_response

MORNING = datetime.fromisoformat("2026-11-25T10:00:00-05:00")


# --- pure helpers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spoken", "name"),
    [
        ("sam", "Sam"),
        ("  Alex ", "Alex"),
        ("mary-jo", "Mary-jo"),
        ("D'Arcy", "D'Arcy"),
        ("Anne Marie", "Anne Marie"),
        ("Zoë", "Zoë"),
        ("R2D2", None),
        ("Sam!", None),
        ("", None),
        (None, None),
        ("x" * 31, None),
    ],
)
def test_names_are_cleaned_and_bounded(spoken: str | None, name: str | None) -> None:
    assert clean_name(spoken) == name


def test_at_most_two_distinct_names_are_kept() -> None:
    assert clean_names("Sam", "sam", "Alex", "Jo") == ["Sam", "Alex"]
    assert clean_names(None, "Alex") == ["Alex"]


def test_names_are_said_naturally() -> None:
    assert names_phrase(["Sam", "Alex"]) == "Sam and Alex"
    assert names_phrase(["Sam"]) == "Sam"
    assert names_phrase([]) == ""


def test_partner_names_never_speak_a_broken_stored_value() -> None:
    assert partner_names(Profile(names=["Sam", "<b>", "Alex"])) == ["Sam", "Alex"]
    assert partner_names(Profile()) == []


def test_names_are_asked_once_from_the_second_visit() -> None:
    assert not should_ask_names(Profile(visits=1))
    assert should_ask_names(Profile(visits=2))
    assert should_ask_names(Profile(visits=40))
    assert not should_ask_names(Profile(visits=2, names_asked=True))
    assert not should_ask_names(Profile(visits=2, names=["Sam"]))


def test_the_names_change_is_idempotent_and_cleans_its_payload() -> None:
    household = Household("h1")
    change = NamesGiven(("sam", "Alex", "Extra"))
    change.apply(household)
    change.apply(household)
    assert household.profile.names == ["Sam", "Alex"]
    assert household.profile.names_asked


# --- through the simulator ----------------------------------------------------------------


class Visits:
    """A household talking to the skill through the simulator, a day passing between visits."""

    def __init__(self, tmp_path: Path) -> None:
        self.store = SqliteStore(tmp_path / "households.db")
        self.now = MORNING
        app = SkillApp(Settings(store_url="test://"), self.store)
        self.sim = Simulator(app.handle, clock=lambda: self.now)

    def say(self, text: str) -> str:
        turn = self.sim.send(text)
        assert check_response(turn.response) == []
        self.now += timedelta(seconds=5)
        return turn.speech

    def visit(self) -> str:
        if self.sim.session_open:
            self.sim.end_session()
        self.now += timedelta(days=1)
        return self.say("open heart talks")

    def names(self) -> list[str]:
        record = self.store.load(household_id_for(DEFAULT_USER_ID))
        assert record is not None
        return Profile.from_dict(record.profile).names


@pytest.fixture
def home(tmp_path: Path) -> Visits:
    return Visits(tmp_path)


def test_the_invitation_comes_once_on_the_second_visit(home: Visits) -> None:
    assert not said(home.visit(), "names.invite")
    second = home.visit()
    assert said(second, "names.invite")
    # The welcome's own question still comes last, and its offer still stands.
    assert said(second, "welcome.back.question")
    assert second.endswith("?")
    assert not said(home.visit(), "names.invite")


def test_names_given_are_used_in_greetings(home: Visits) -> None:
    home.visit()
    home.visit()
    assert said(home.say("we're sam and alex"), "names.saved")
    assert home.names() == ["Sam", "Alex"]
    greeting = home.visit()
    assert said(greeting, "welcome.back.named")
    assert "Sam and Alex" in greeting


def test_one_partner_then_the_other(home: Visits) -> None:
    home.visit()
    assert "Sam" in home.say("call me Sam")
    assert home.names() == ["Sam"]
    home.say("my name is Alex")
    assert home.names() == ["Sam", "Alex"]
    # A third name needs "change our names": no silent guessing whose name it replaces.
    assert said(home.say("call me Jo"), "names.full")
    assert home.names() == ["Sam", "Alex"]
    assert said(home.say("call me alex"), "names.saved")
    assert home.names() == ["Sam", "Alex"]


def test_changing_names(home: Visits) -> None:
    home.visit()
    home.say("our names are Sam and Alex")
    asked = home.say("change our names")
    assert said(asked, "names.change") and asked.endswith("?")
    home.say("we're jo and kim")
    assert home.names() == ["Jo", "Kim"]


def test_changing_names_can_be_skipped(home: Visits) -> None:
    home.visit()
    home.say("our names are Sam and Alex")
    home.say("change our names")
    assert said(home.say("skip"), "names.kept")
    assert home.names() == ["Sam", "Alex"]


def test_forgetting_names(home: Visits) -> None:
    home.visit()
    home.say("our names are Sam and Alex")
    assert said(home.say("forget our names"), "names.forgotten")
    assert home.names() == []
    welcome = home.visit()
    assert "Sam" not in welcome
    assert not said(welcome, "names.invite")
    assert said(home.say("forget our names"), "names.none_to_forget")
