"""The dialog state a session carries: every state round-trips, anything forged reads as idle."""

from __future__ import annotations

import json
from typing import Any

import pytest

from skill.conversation.care import Crisis
from skill.conversation.checkin import NIGHTLY, CheckInFlow, Rating
from skill.conversation.dates import DateFilters
from skill.conversation.dialog import (
    IDLE,
    AskingNames,
    AskingToRetrySave,
    AskingWhoIsSpeaking,
    BrowsingDates,
    CheckingIn,
    CheckInOffer,
    ChoosingPractice,
    ConfirmingErase,
    ConfirmingForget,
    DateIdeaOffer,
    DateStep,
    DialogState,
    InCare,
    JournalOffer,
    Offering,
    PracticeOffer,
    ReadingFavourites,
    ReadingPractice,
    ReminderOffer,
    RepairOffer,
    ResumeOffer,
    StartCheckInOffer,
    UpdateCheckInOffer,
    WelcomeQuestion,
    decode_state,
    encode_state,
)


def checking_in() -> CheckingIn:
    flow, _ = CheckInFlow.begin("abc123", "2026-11-25", NIGHTLY, 2, ["q1", "q2"], [False, True])
    flow.handle(Rating(4))
    return CheckingIn(flow, ("Sam", "Alex"))


STATES: list[DialogState] = [
    IDLE,
    ChoosingPractice(),
    ReadingPractice("empathy", 3),
    checking_in(),
    Offering(PracticeOffer()),
    Offering(PracticeOffer("empathy", "abc123", "2026-11-25")),
    Offering(CheckInOffer()),
    Offering(ResumeOffer("abc123", "2026-11-25")),
    Offering(StartCheckInOffer("weekly")),
    Offering(DateIdeaOffer()),
    Offering(ReminderOffer("21:00")),
    Offering(UpdateCheckInOffer("nightly", "abc123")),
    Offering(RepairOffer()),
    Offering(JournalOffer()),
    BrowsingDates("stargazing", DateFilters(setting="out", budget="free"), DateStep.DETAILED),
    ReadingFavourites(3, True),
    AskingNames(),
    AskingWhoIsSpeaking(WelcomeQuestion("What shall we do?", CheckInOffer())),
    AskingWhoIsSpeaking(StartCheckInOffer("nightly"), retry=True),
    ConfirmingErase("reminder-id"),
    ConfirmingErase(None),
    ConfirmingForget("2026-11-25"),
    InCare(Crisis.VIOLENCE),
    AskingToRetrySave(),
]


def _same(left: DialogState, right: DialogState) -> bool:
    # A check-in's flow is a mutable object: compare what the session would carry.
    return encode_state(left) == encode_state(right) and type(left) is type(right)


@pytest.mark.parametrize("state", STATES, ids=lambda s: type(s).__name__)
def test_every_state_survives_the_session(state: DialogState) -> None:
    carried = json.loads(json.dumps(encode_state(state)))
    assert _same(decode_state(carried), state)


def test_the_states_written_before_typed_states_still_read() -> None:
    """Sessions open during a deploy carry the earlier shapes: they read the same way."""
    assert decode_state({"mode": "offer", "offer": "practice"}) == Offering(PracticeOffer())
    assert decode_state({"mode": "practice", "practice": "empathy", "part": 2}) == (
        ReadingPractice("empathy", 2)
    )
    assert decode_state(
        {"mode": "dates", "idea": "x", "filters": {"budget": "free"}, "step": "saved"}
    ) == BrowsingDates("x", DateFilters(budget="free"), DateStep.SAVED)


FORGED: list[Any] = [
    {"mode": "checkin", "id": "a", "night": "2026-11-25", "partners": 1e308},
    {"mode": "checkin", "id": "a", "night": "2026-11-25", "partners": 2, "pos": 10**9},
    {"mode": "checkin", "id": "a", "night": "2026-11-25", "partners": 2, "ratings": [9, 9]},
    {"mode": "checkin", "id": "a", "night": "not a date", "partners": 2},
    {"mode": "checkin", "id": "a" * 10_000, "night": "2026-11-25", "partners": 2},
    {"mode": "checkin", "id": "a", "night": "2026-11-25", "partners": 2, "ratings": [1] * 10**4},
    {"mode": "checkin", "id": "a", "night": "2026-11-25", "partners": 2, "names": ["x"] * 50},
    {"mode": "practice", "practice": "empathy", "part": 10**9},
    {"mode": "practice", "practice": ["empathy"]},
    {"mode": "offer", "offer": "launch the missiles"},
    {"mode": "offer", "offer": "reminder"},
    {"mode": "dates", "idea": "x", "filters": {"budget": "a yacht"}},
    {"mode": "care", "crisis": "unknown"},
    {"mode": "voice", "then": {"state": {"mode": "voice"}}},
    {"mode": "erase", "reminder": 12},
    {"mode": "what is this"},
    "a string",
    ["a", "list"],
    42,
]


@pytest.mark.parametrize("doc", FORGED)
def test_a_forged_or_broken_state_reads_as_idle(doc: Any) -> None:
    assert decode_state(doc) == IDLE
