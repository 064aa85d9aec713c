"""First names: cleaned and bounded, invited once on a return visit, used in greetings."""

from __future__ import annotations

from datetime import time

import pytest

from skill.conversation.names import (
    clean_name,
    clean_names,
    names_phrase,
    partner_names,
    should_ask_names,
)
from skill.conversation.personal_changes import NamesGiven
from skill.household.model import Household, Profile
from tests.support.talk import Talk, said, says

#: Visits come in the morning, a day apart.
MORNING = time(10, 0)


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


def visit(talk: Talk) -> str:
    """The household leaves, comes back the next morning and opens the skill: the welcome."""
    talk.next_day(at=MORNING)
    return talk.launch().speech


def test_the_invitation_comes_once_on_the_second_visit(talk: Talk) -> None:
    assert not said(visit(talk), "names.invite")
    second = visit(talk)
    assert said(second, "names.invite")
    # The welcome's own question still comes last, and its offer still stands.
    assert said(second, "welcome.back.question")
    assert second.endswith("?")
    assert not said(visit(talk), "names.invite")


def test_names_given_are_used_in_greetings(talk: Talk) -> None:
    visit(talk)
    visit(talk)
    assert says(talk("we're sam and alex"), "names.saved")
    assert talk.profile().names == ["Sam", "Alex"]
    greeting = visit(talk)
    assert said(greeting, "welcome.back.morning.named")
    assert "Sam and Alex" in greeting


def test_one_partner_then_the_other(talk: Talk) -> None:
    visit(talk)
    assert "Sam" in talk("call me Sam").speech
    assert talk.profile().names == ["Sam"]
    talk("my name is Alex")
    assert talk.profile().names == ["Sam", "Alex"]
    # A third name needs "change our names": no silent guessing whose name it replaces.
    assert says(talk("call me Jo"), "names.full")
    assert talk.profile().names == ["Sam", "Alex"]
    assert says(talk("call me alex"), "names.saved")
    assert talk.profile().names == ["Sam", "Alex"]


def test_changing_names(talk: Talk) -> None:
    visit(talk)
    talk("our names are Sam and Alex")
    asked = talk("change our names").speech
    assert said(asked, "names.change") and asked.endswith("?")
    talk("we're jo and kim")
    assert talk.profile().names == ["Jo", "Kim"]


def test_changing_names_can_be_skipped(talk: Talk) -> None:
    visit(talk)
    talk("our names are Sam and Alex")
    talk("change our names")
    assert says(talk("skip"), "names.kept")
    assert talk.profile().names == ["Sam", "Alex"]


def test_forgetting_names(talk: Talk) -> None:
    visit(talk)
    talk("our names are Sam and Alex")
    assert says(talk("forget our names"), "names.forgotten")
    assert talk.profile().names == []
    welcome = visit(talk)
    assert "Sam" not in welcome
    assert not said(welcome, "names.invite")
    assert says(talk("forget our names"), "names.none_to_forget")


def test_whoever_says_they_are_alone_is_asked_by_their_name(talk: Talk) -> None:
    talk("open heart talks")
    talk("our names are dana and marc")
    talk("let's check in")
    asked = talk("it's just me, marc")
    assert "Marc, " in asked.speech and "Dana" not in asked.speech
