"""Household changes: one explicit list of kinds, each serialisable, checked and idempotent."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar

import pytest

from skill.app import CHANGE_KINDS
from skill.conversation.checkin import NIGHTLY, Answer, CheckInFlow, Rating
from skill.conversation.checkin_changes import (
    CheckInRecorded,
    PracticeDeclined,
    PracticeTaken,
    QuestionsAsked,
    RatingCorrected,
    ResumeDeclined,
)
from skill.conversation.date_changes import DateDisliked, DateLoved, DateSaved, DateSuggested
from skill.conversation.personal_changes import (
    NamesAsked,
    NamesGiven,
    ReminderCleared,
    ReminderSet,
    TimezoneRead,
    VoiceLearned,
)
from skill.conversation.privacy_changes import JournalSwitched, NightForgotten
from skill.household.changes import (
    MAX_PENDING,
    Change,
    ChangeKinds,
    PracticeFinished,
    PracticeHeard,
    PracticePaused,
    VariantsRemembered,
    Visit,
)
from skill.household.documents import DocumentError
from skill.household.model import Household, PracticeOffered, Profile

NIGHT = "2026-11-25"


def an_entry() -> CheckInRecorded:
    flow, _ = CheckInFlow.begin("c1", NIGHT, NIGHTLY, 1, ["q1"], [False], keep=True)
    flow.handle(Rating(4))
    flow.handle(Answer("a walk after dinner"))
    entry = flow.record()
    entry.practice = PracticeOffered("empathy")
    entry.at = "2026-11-25T21:00:00+00:00"
    return CheckInRecorded(night=NIGHT, id="c1", entry=entry)


EXAMPLES: list[Change] = [
    Visit(at="2026-11-25T21:00:00+00:00"),
    PracticeHeard("empathy"),
    PracticeFinished("empathy", NIGHT),
    PracticePaused("empathy", 2, alone=False, at="2026-11-25T21:00:00+00:00"),
    VariantsRemembered({"welcome.back": [1, 0]}),
    an_entry(),
    PracticeTaken(night=NIGHT, id="c1"),
    PracticeDeclined(night=NIGHT, practice="validation"),
    ResumeDeclined(night=NIGHT, id="c1"),
    QuestionsAsked(night=NIGHT, questions=("q1",), partners=1),
    RatingCorrected(night=NIGHT, id="c1", partner=0, rating=4),
    DateSuggested(idea="stargazing", on=NIGHT),
    DateLoved("stargazing"),
    DateSaved("stargazing"),
    DateDisliked("stargazing"),
    NamesGiven(("Sam", "Alex")),
    NamesAsked(),
    VoiceLearned(voice="0123456789abcdef", index=1),
    TimezoneRead(zone="Europe/London", checked_at="2026-11-25T21:00:00+00:00"),
    ReminderSet(id="alert-1", at="21:00"),
    ReminderCleared(),
    JournalSwitched(keep=False),
    NightForgotten(NIGHT),
]


def test_every_kind_has_an_example_here() -> None:
    assert {type(change) for change in EXAMPLES} == set(CHANGE_KINDS.kinds)


@pytest.mark.parametrize("change", EXAMPLES, ids=lambda c: type(c).__name__)
def test_every_change_survives_the_session(change: Change) -> None:
    carried = json.loads(json.dumps(CHANGE_KINDS.encode(change)))
    assert CHANGE_KINDS.decode(carried) == change


@pytest.mark.parametrize("change", EXAMPLES, ids=lambda c: type(c).__name__)
def test_every_change_applied_twice_is_applied_once(change: Change) -> None:
    def household() -> Household:
        home = Household("h", profile=Profile(names=["Sam", "Alex"], keep_answers=True))
        an_entry().apply(home)
        return home

    once, twice = household(), household()
    change.apply(once)
    change.apply(twice)
    change.apply(twice)
    assert once.to_record() == twice.to_record()


def test_unreadable_changes_are_dropped_and_the_rest_kept() -> None:
    docs = [
        CHANGE_KINDS.encode(Visit(at="a")),
        {"kind": "no_such_kind", "payload": {}},
        {"kind": "visit", "payload": {"at": 5}},
        {"kind": "visit"},
        "junk",
        CHANGE_KINDS.encode(PracticeHeard("empathy")),
    ]
    assert CHANGE_KINDS.decode_all(docs) == [Visit(at="a"), PracticeHeard("empathy")]
    assert CHANGE_KINDS.decode_all("not a list") == []
    many = [CHANGE_KINDS.encode(Visit(at=str(i))) for i in range(MAX_PENDING * 3)]
    assert len(CHANGE_KINDS.decode_all(many)) == MAX_PENDING


def test_a_kind_must_be_listed_to_travel_and_names_are_unique() -> None:
    @dataclass(frozen=True)
    class Unlisted:
        KIND: ClassVar[str] = "unlisted"

        def apply(self, household: Household) -> None:
            household.profile.visits += 1

    with pytest.raises(ValueError, match="not one of the skill's change kinds"):
        CHANGE_KINDS.encode(Unlisted())
    with pytest.raises(DocumentError):
        CHANGE_KINDS.decode({"kind": "unlisted", "payload": {}})
    with pytest.raises(ValueError, match="two change kinds"):
        ChangeKinds([Visit, Visit])


def test_a_practice_finished_is_no_longer_waiting_to_be_finished() -> None:
    home = Household("h")
    PracticePaused("empathy", 2, alone=False, at="2026-11-25T21:00:00+00:00").apply(home)
    assert home.profile.practice_paused is not None
    PracticeFinished("validation", NIGHT).apply(home)
    assert home.profile.practice_paused is not None  # another practice leaves it waiting
    PracticeFinished("empathy", NIGHT).apply(home)
    assert home.profile.practice_paused is None
    restored = Profile.from_dict(home.profile.to_dict())
    assert restored.practice_paused is None
