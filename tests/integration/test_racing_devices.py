"""Four devices of one household, talking at once, never hear a false "couldn't save".

Each device is a thread with its own conversation, on the same Alexa account (so the
same household), going round: open the skill, ask for a date idea, save it. Every
turn writes, so the devices' saves collide all the time; the losers must re-read,
replay their changes and land inside the request's budget. Counted on both stores:
the save apologies heard (there must be none) and what was kept (every visit, every
idea saved). The figures are printed at the end of the module (README, Reliability).
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from skill.app import SkillApp
from skill.household.changes import PracticeHeard, Visit
from skill.household.context import CommitResult, HouseholdContext
from skill.household.date_memory import MAX_SAVED
from skill.household.model import Profile
from skill.storage.base import HouseholdRecord, HouseholdStore
from skill.turn import household_id_for
from tests.support.talk import EVENING, Talk, app_on, says

DEVICES = 4
#: Rounds of (open, date idea, save it) per device: 4 x 8 x 3 = 96 turns, as in the issue.
ROUNDS = 8
USER_ID = "amzn1.ask.account.RACING-HOUSEHOLD"


@dataclass
class Race:
    """What the devices heard and how long their turns took."""

    turns: int = 0
    apologies: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    saved: set[str] = field(default_factory=set)
    errors: list[BaseException] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def device(app: SkillApp, index: int, race: Race, start: threading.Barrier) -> None:
    """One device's evening: open, a date idea, save it; round after round."""
    talk = Talk(app, user_id=USER_ID, start=EVENING + timedelta(minutes=index))
    start.wait()
    for _ in range(ROUNDS):
        for say in (talk.launch, lambda: talk("suggest a date night"), lambda: talk("save it")):
            started = time.monotonic()
            turn = say()
            elapsed = time.monotonic() - started
            with race.lock:
                race.turns += 1
                race.seconds.append(elapsed)
                if says(turn, "store.save_failed"):
                    race.apologies.append(turn.utterance or turn.request_type)
        offered = talk.simulator.session_attributes.get("state") or {}
        with race.lock:
            race.saved.update(_offered_idea(offered))
        talk.end_session()
        talk.advance(minutes=DEVICES)


def _offered_idea(state: dict[str, object]) -> set[str]:
    """The idea the device just saved, as its dialog state remembers it."""
    idea = state.get("idea")
    saved = state.get("mode") == "dates" and state.get("step") == "saved"
    return {idea} if saved and isinstance(idea, str) else set()


def run_race(app: SkillApp) -> Race:
    race = Race()
    start = threading.Barrier(DEVICES, timeout=30)

    def run(index: int) -> None:
        try:
            device(app, index, race, start)
        except BaseException as exc:  # reported below: a thread must not fail silently
            start.abort()
            with race.lock:
                race.errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(DEVICES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return race


Figures = dict[str, Race]


@pytest.fixture(scope="module")
def figures(request: pytest.FixtureRequest) -> Iterator[Figures]:
    seen: Figures = {}
    yield seen
    lines = [
        f"  {name:<9} {len(race.apologies)} apologies in {race.turns} turns;"
        f" turn p50 {statistics.median(race.seconds) * 1000:.0f} ms,"
        f" max {max(race.seconds) * 1000:.0f} ms"
        for name, race in sorted(seen.items())
    ]
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\n{DEVICES} devices racing on one household:\n" + "\n".join(lines))


@pytest.mark.slow
def test_racing_devices_hear_no_save_apology_and_lose_nothing(
    each_store: HouseholdStore, figures: Figures, request: pytest.FixtureRequest
) -> None:
    app = app_on(each_store)
    race = run_race(app)
    figures[request.node.callspec.params["each_store"]] = race
    assert not race.errors, race.errors
    assert race.turns == DEVICES * ROUNDS * 3
    assert race.apologies == []
    record = each_store.load(household_id_for(USER_ID))
    assert record is not None
    profile = Profile.from_dict(record.profile)
    # Every launch was counted (each at its own moment), and the favourites are the ideas saved
    # (the newest of them: the list keeps MAX_SAVED).
    assert profile.visits == DEVICES * ROUNDS
    assert set(profile.dates.saved) <= race.saved
    assert len(profile.dates.saved) == min(MAX_SAVED, len(race.saved))


class CountingStore:
    """``store`` with its loads counted."""

    def __init__(self, store: HouseholdStore) -> None:
        self.store = store
        self.loads = 0

    def load(self, household_id: str, recent_nights: int | None = None) -> HouseholdRecord | None:
        self.loads += 1
        return self.store.load(household_id, recent_nights)

    def save(self, record: HouseholdRecord, previous: HouseholdRecord | None) -> int:
        return self.store.save(record, previous)

    def delete_household(self, household_id: str) -> None:
        self.store.delete_household(household_id)

    def ping(self) -> None:
        self.store.ping()


def test_a_lost_race_on_the_profile_is_merged_without_reading_again(
    each_store: HouseholdStore,
) -> None:
    """The losing write learns what is stored from its own failed condition and writes again."""
    first = HouseholdContext(each_store, "h")
    first.apply(Visit(at="2026-11-25T20:00:00-05:00"))
    assert first.commit() is CommitResult.SAVED
    counting = CountingStore(each_store)
    slow = HouseholdContext(counting, "h")
    slow.apply(PracticeHeard("empathy"))
    fast = HouseholdContext(each_store, "h")
    fast.apply(PracticeHeard("validation"))
    assert fast.commit() is CommitResult.SAVED
    assert slow.commit() is CommitResult.SAVED
    assert counting.loads == 1  # its one read, none after the lost race
    household = HouseholdContext(each_store, "h").household
    assert household.profile.heard_practices == ["validation", "empathy"]
    assert household.version == 3
