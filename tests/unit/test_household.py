"""Loading once, saving once, replaying changes after a lost race, keeping failed saves."""

from __future__ import annotations

from skill.household.context import CommitResult, HouseholdContext
from skill.household.model import Change, Household, apply_change
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
    context.apply("heard_practice", practice="empathy")
    context.apply("visit", at="2026-11-25T21:00:00+00:00")
    assert context.commit() is CommitResult.SAVED
    again = HouseholdContext(sqlite_store, "h1").household
    assert again.profile.heard_practices == ["empathy"]
    assert again.profile.visits == 1
    assert again.version == 1


def test_a_lost_race_replays_the_changes_on_the_fresh_household(sqlite_store: SqliteStore) -> None:
    first = HouseholdContext(sqlite_store, "h1")
    second = HouseholdContext(sqlite_store, "h1")
    first.apply("heard_practice", practice="empathy")
    second.apply("heard_practice", practice="validation")
    assert first.commit() is CommitResult.SAVED
    assert second.commit() is CommitResult.SAVED
    assert HouseholdContext(sqlite_store, "h1").household.profile.heard_practices == [
        "empathy",
        "validation",
    ]


def test_a_failed_save_keeps_the_changes_for_the_next_turn(sqlite_store: SqliteStore) -> None:
    failing = HouseholdContext(UnreachableStore(), "h1", pending=[])
    failing.changes.append(Change("heard_practice", {"practice": "empathy"}))
    assert failing.commit() is CommitResult.FAILED
    pending = [Change.from_dict(c.to_dict()) for c in failing.changes]
    retry = HouseholdContext(sqlite_store, "h1", pending=pending)
    assert retry.commit() is CommitResult.SAVED
    assert sqlite_store.load("h1") is not None
    assert HouseholdContext(sqlite_store, "h1").household.profile.heard_practices == ["empathy"]


def test_replaying_a_visit_twice_counts_it_once() -> None:
    household = Household("h1")
    change = Change("visit", {"at": "2026-11-25T21:00:00+00:00"})
    apply_change(household, change)
    apply_change(household, change)
    assert household.profile.visits == 1


def test_unknown_profile_fields_from_newer_versions_are_ignored() -> None:
    record = HouseholdRecord("h1", version=3, profile={"visits": 2, "from_the_future": 1})
    assert Household.from_record(record).profile.visits == 2
