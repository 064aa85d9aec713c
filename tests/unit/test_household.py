"""Loading once, saving once, replaying changes after a lost race, keeping failed saves."""

from __future__ import annotations

from skill.app import CHANGE_KINDS
from skill.household.changes import PracticeHeard, Visit
from skill.household.context import CommitResult, HouseholdContext
from skill.household.model import Household
from skill.storage.base import HouseholdRecord
from skill.storage.sqlite import SqliteStore
from tests.support.fakes import UnreachableStore


def test_a_turn_that_changes_nothing_writes_nothing(sqlite_store: SqliteStore) -> None:
    context = HouseholdContext(sqlite_store, "h1")
    assert context.household.is_new
    assert context.commit() is CommitResult.NOTHING_TO_SAVE
    assert sqlite_store.load("h1") is None


def test_changes_are_saved_and_read_back(sqlite_store: SqliteStore) -> None:
    context = HouseholdContext(sqlite_store, "h1")
    context.apply(PracticeHeard("empathy"))
    context.apply(Visit(at="2026-11-25T21:00:00+00:00"))
    assert context.commit() is CommitResult.SAVED
    again = HouseholdContext(sqlite_store, "h1").household
    assert again.profile.heard_practices == ["empathy"]
    assert again.profile.visits == 1
    assert again.version == 1


def test_a_lost_race_replays_the_changes_on_the_fresh_household(sqlite_store: SqliteStore) -> None:
    first = HouseholdContext(sqlite_store, "h1")
    second = HouseholdContext(sqlite_store, "h1")
    first.apply(PracticeHeard("empathy"))
    second.apply(PracticeHeard("validation"))
    assert first.commit() is CommitResult.SAVED
    assert second.commit() is CommitResult.SAVED
    assert HouseholdContext(sqlite_store, "h1").household.profile.heard_practices == [
        "empathy",
        "validation",
    ]


def test_a_failed_save_keeps_the_changes_for_the_next_turn(sqlite_store: SqliteStore) -> None:
    failing = HouseholdContext(UnreachableStore(), "h1", pending=[])
    failing.changes.append(PracticeHeard("empathy"))
    assert failing.commit() is CommitResult.FAILED
    # Through the session and back, as the response and request interceptors carry them.
    pending = CHANGE_KINDS.decode_all([CHANGE_KINDS.encode(c) for c in failing.changes])
    assert pending == [PracticeHeard("empathy")]
    retry = HouseholdContext(sqlite_store, "h1", pending=pending)
    assert retry.commit() is CommitResult.SAVED
    assert sqlite_store.load("h1") is not None
    assert HouseholdContext(sqlite_store, "h1").household.profile.heard_practices == ["empathy"]


def test_replaying_a_visit_twice_counts_it_once() -> None:
    household = Household("h1")
    change = Visit(at="2026-11-25T21:00:00+00:00")
    change.apply(household)
    change.apply(household)
    assert household.profile.visits == 1


def test_unknown_profile_fields_from_newer_versions_are_ignored() -> None:
    record = HouseholdRecord("h1", version=3, profile={"visits": 2, "from_the_future": 1})
    assert Household.from_record(record).profile.visits == 2


def test_a_household_read_from_a_record_shares_nothing_with_it() -> None:
    """The record read is the "before" of the save's diff, uncopied: editing the household,
    however deep, must never edit it."""
    from skill.household.model import Household as ReadHousehold
    from skill.storage.base import HouseholdRecord as Record

    resume = {"pos": 1, "outcomes": {"rating:0": "answered"}, "ratings": [4]}
    record = Record(
        "h",
        1,
        {"heard_practices": ["empathy"], "said_recently": {"k": [1]}, "voices": {"v": 0}},
        {"2026-11-25": {"entries": {"c1": {"complete": False, "resume": resume}}}},
    )
    before = record.copy()
    household = ReadHousehold.from_record(record)
    household.profile.heard_practices.append("validation")
    household.profile.said_recently["k"].append(2)
    household.profile.voices["w"] = 1
    entry = household.nights["2026-11-25"].entries["c1"]
    assert entry.resume is not None
    entry.resume["outcomes"]["rating:1"] = "skipped"
    entry.resume["ratings"].append(5)
    assert record == before
