"""A hung store: every turn is still answered within 2.5 s, nothing is lost, and the health
check says the store is down.

"Hung" is, on DynamoDB, a table whose every request is held without an answer (the
loopback proxy's STALL), and on SQLite another process holding the write lock and never
letting go. Each turn is timed end to end through ``SkillApp.handle``; the figures are
printed at the end of the module (README, Reliability). Before the store budget was cut to
2 seconds and the waits bounded by it, a hung table took 3.04 to 3.07 s per turn and a
locked SQLite file 3 s per write.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from skill.local.envelope import DEFAULT_USER_ID, SlotValue
from skill.local.simulator import Turn
from skill.storage.base import HouseholdStore
from skill.storage.sqlite import SqliteStore
from skill.turn import PENDING
from skill.web.guards import StoreProbe
from tests.support.dynamodb_local import store_at
from tests.support.loopback_proxy import Fault, LoopbackProxy
from tests.support.talk import Talk, app_on

#: The issue's bound: every turn answered within this many seconds while the store hangs.
TURN_LIMIT_SECONDS = 2.5
EMPATHY = {"topic": SlotValue("empathy", "PracticeTopic", "empathy", "empathy")}


@dataclass
class HungStore:
    """A store, and a switch that makes it hang and heal."""

    store: HouseholdStore
    hang: Callable[[], None]
    heal: Callable[[], None]


@contextmanager
def hung_sqlite(path: Path) -> Iterator[HungStore]:
    """SQLite, hung by another connection that holds the write lock until healed."""
    store = SqliteStore(path)
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)

    def hang() -> None:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE households SET version = version WHERE household_id = ''")

    def heal() -> None:
        if holder.in_transaction:
            holder.execute("ROLLBACK")

    try:
        yield HungStore(store, hang, heal)
    finally:
        heal()
        holder.close()
        store.close()


@contextmanager
def hung_dynamodb(request: pytest.FixtureRequest) -> Iterator[HungStore]:
    """DynamoDB Local behind a proxy that holds every request until healed."""
    table = request.getfixturevalue("dynamodb_table")
    endpoint = request.getfixturevalue("dynamodb_endpoint")
    with LoopbackProxy(endpoint) as proxy:
        store = store_at(proxy.endpoint, table, "http")
        yield HungStore(store, lambda: proxy.fail(Fault.STALL), proxy.heal)


@pytest.fixture(params=["sqlite", pytest.param("dynamodb", marks=pytest.mark.dynamodb)])
def hung(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[HungStore]:
    if request.param == "sqlite":
        with hung_sqlite(tmp_path / "households.db") as store:
            yield store
    else:
        with hung_dynamodb(request) as store:
            yield store


Timings = dict[str, list[float]]


@pytest.fixture(scope="module")
def timings(request: pytest.FixtureRequest) -> Iterator[Timings]:
    """Seconds per turn while the store hangs, by store; printed at the end of the module."""
    seen: Timings = {}
    yield seen
    lines = [
        f"  {name:<10} n={len(times):<3} max {max(times):.2f} s"
        f"  mean {statistics.fmean(times):.2f} s"
        for name, times in sorted(seen.items())
    ]
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\nTurn wall time with the store hung:\n" + "\n".join(lines))


def timed_talk(hung: HungStore, times: list[float], user_id: str = DEFAULT_USER_ID) -> Talk:
    """A household talking to the skill on ``hung``; every turn's wall time is kept."""
    app = app_on(hung.store)

    def timed(event: dict[str, Any]) -> dict[str, Any]:
        started = time.monotonic()
        answer = app.handle(event)
        times.append(time.monotonic() - started)
        return answer

    return Talk(app, handle=timed, user_id=user_id)


def pending_kinds(turn: Turn) -> set[str]:
    return {change["kind"] for change in turn.response["sessionAttributes"].get(PENDING, [])}


def test_every_turn_is_answered_in_time_and_the_check_in_is_kept(
    hung: HungStore, timings: Timings, request: pytest.FixtureRequest
) -> None:
    store_name = request.node.callspec.params["hung"]
    times = timings.setdefault(store_name, [])
    talk = timed_talk(hung, times)
    # A check-in under way when the store hangs: its closing answer cannot be saved.
    talk("ask heart talks to start a check in")
    talk("just me")
    talk("a four")
    healthy_turns = len(times)
    hung.hang()
    closing = talk("I think the walk we took after dinner")
    assert "checkin_recorded" in pending_kinds(closing)
    assert not closing.ended
    # Every other kind of turn, in the same session (which carries the check-in meanwhile)…
    talk("no")
    talk.intent("PracticeIntent", EMPATHY)
    talk("suggest a date night")
    talk("how are we doing")
    # …and from another household, each in a session of its own.
    other = timed_talk(hung, times, user_id="amzn1.ask.account.ANOTHER")
    other.launch()
    other("ask heart talks to start a check in")
    other("ask heart talks to suggest a date night")
    hung_times = times[healthy_turns:]
    assert max(hung_times) < TURN_LIMIT_SECONDS, [f"{t:.2f}" for t in hung_times]
    assert "checkin_recorded" in {c["kind"] for c in talk.session_attributes[PENDING]}
    # The store comes back: the check-in is saved, once, by the next turn of its session.
    hung.heal()
    saved = talk("what can you teach us")
    assert PENDING not in saved.response["sessionAttributes"]
    nights = talk.stored().nights
    entries = [entry for night in nights.values() for entry in night["entries"].values()]
    assert [entry["complete"] for entry in entries] == [True]


def test_the_health_check_reports_a_hung_store_as_down(hung: HungStore) -> None:
    probe = StoreProbe(hung.store.ping)
    assert probe.healthy()
    hung.hang()
    fresh = StoreProbe(hung.store.ping)
    started = time.monotonic()
    assert not fresh.healthy()
    assert time.monotonic() - started < 1.5
    hung.heal()
