"""No lost updates: several devices of one household saving at the same instant, on DynamoDB Local.

Each "device" is a thread that loads the household, records its own changes
through :class:`~skill.household.context.HouseholdContext`, then waits on a
barrier so every commit starts together. Conditional writes let only one of
them land per round; the others must re-read, replay their changes and try
again, and in the end every device's changes must be in the table.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial

import pytest

from skill.conversation import checkin_changes
from skill.conversation.checkin import NIGHTLY, Answer, CheckInFlow, Rating
from skill.household.changes import PracticeHeard, Visit
from skill.household.context import MAX_SAVE_ATTEMPTS, CommitResult, HouseholdContext
from skill.household.model import CheckInEntry
from skill.storage.dynamodb import DynamoDbStore

pytestmark = pytest.mark.dynamodb

#: More devices than a household would use at once. Conditional writes let one save land per
#: round of the race, so this many devices all get theirs in within the bounded attempts.
DEVICES = 4
assert MAX_SAVE_ATTEMPTS >= DEVICES
#: The race is repeated so a lucky interleaving cannot pass for a correct one.
ROUNDS = 5
NIGHT = "2026-11-25"

#: A device's changes: ``device(context, index=…, round_number=…)``.
Device = Callable[..., None]


def device_thread(
    store: DynamoDbStore,
    household_id: str,
    change: Callable[[HouseholdContext], None],
    barrier: threading.Barrier,
    results: list[CommitResult | BaseException],
) -> threading.Thread:
    """One device's request: read, change, wait for the others, commit."""

    def run() -> None:
        try:
            context = HouseholdContext(store, household_id)
            _ = context.household  # the request's one read, before anyone saves
            change(context)
            barrier.wait()
            results.append(context.commit())
        except BaseException as exc:  # reported by the caller: a thread must not fail silently
            barrier.abort()
            results.append(exc)

    return threading.Thread(target=run)


def race(store: DynamoDbStore, household_id: str, device: Device) -> None:
    """Run :data:`ROUNDS` races of :data:`DEVICES` threads; fail unless every commit saved."""
    for round_number in range(ROUNDS):
        barrier = threading.Barrier(DEVICES, timeout=30)
        results: list[CommitResult | BaseException] = []
        threads = [
            device_thread(
                store,
                household_id,
                partial(device, index=i, round_number=round_number),
                barrier,
                results,
            )
            for i in range(DEVICES)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert results == [CommitResult.SAVED] * DEVICES, f"round {round_number}: {results}"


def test_profile_changes_from_every_device_survive(dynamodb_store: DynamoDbStore) -> None:
    """Distinct practices heard and distinct visits, all landing at once on the profile item."""

    def device(context: HouseholdContext, index: int, round_number: int) -> None:
        context.apply(PracticeHeard(f"practice-{round_number}-{index}"))
        context.apply(Visit(at=f"2026-11-25T21:{round_number:02d}:{index:02d}+00:00"))

    race(dynamodb_store, "h1", device)
    household = HouseholdContext(dynamodb_store, "h1").household
    assert household.profile.visits == ROUNDS * DEVICES
    expected = {f"practice-{r}-{i}" for r in range(ROUNDS) for i in range(DEVICES)}
    assert set(household.profile.heard_practices) == expected
    # Every round's winner bumped the version once, and every loser once after replaying.
    assert household.version == ROUNDS * DEVICES


def finished_checkin(checkin_id: str, rating: int) -> CheckInEntry:
    """A one-partner nightly check-in run through the real flow, as the handler records it."""
    flow, _ = CheckInFlow.begin(checkin_id, NIGHT, NIGHTLY, partners=1, questions=["q-listen"])
    flow.handle(Rating(rating))
    flow.handle(Answer("a calm evening together"))
    assert flow.complete
    return flow.record()


def test_check_ins_finished_on_two_devices_the_same_night_are_both_recorded(
    dynamodb_store: DynamoDbStore,
) -> None:
    """The night item is written in a transaction with the profile: no entry may be lost."""

    def device(context: HouseholdContext, index: int, round_number: int) -> None:
        entry = finished_checkin(f"checkin-{round_number}-{index}", rating=1 + index % 5)
        context.apply(
            checkin_changes.CheckInRecorded(
                night=NIGHT, id=f"checkin-{round_number}-{index}", entry=entry
            )
        )

    race(dynamodb_store, "h2", device)
    household = HouseholdContext(dynamodb_store, "h2").household
    recorded = household.entries(NIGHT)
    assert set(recorded) == {f"checkin-{r}-{i}" for r in range(ROUNDS) for i in range(DEVICES)}
    assert all(entry.complete for entry in recorded.values())
    assert checkin_changes.checked_in(household, NIGHT)
    # Many check-ins on one evening still make a streak of one evening.
    assert household.profile.streak_count == 1
    assert len(household.nights) == 1
