"""A year of nightly check-ins by one household: does a turn cost more as the household ages?

The benchmark's dialog replays start every household new, so they never see a
loyal couple's history. Here households check in every evening, the clock moving
a day at a time (each request stamped that evening, 20:30 US Eastern), through
the real skill on SQLite and on DynamoDB Local: three of them, whose first
evenings are 365, 30 and 1 evenings before the same last one. On that evening
(its night 365, 30 and 1) each household in turn checks in and sends every
other kind of turn, ``--probes`` times over, each turn timed: its CPU time in
``SkillApp.handle`` and, on DynamoDB, the read and write capacity units
DynamoDB reports for it (``ReturnConsumedCapacity``). Interleaving the ages
keeps this shared machine's bursts of load out of the comparison. The sessions
a month of use is made of are costed the same way for the oldest household, for
the README's cost model.

Loopback only: DynamoDB Local and the stand-in Alexa API are on 127.0.0.1 (the
caller sets ``AWS_ENDPOINT_URL_DYNAMODB``; requests name the stand-in as their
``apiEndpoint``).

``python -m bench.history`` runs it alone (starting DynamoDB Local itself);
``--unbounded`` reads every night on every turn, as before the working set was
bounded, for the comparison.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench.capacity import CapacityMeter, Units, metered
from skill.app import SkillApp
from skill.config import Settings
from skill.conversation.checkin import PARTNERS, RATING, CheckInFlow
from skill.household import context as household_context
from skill.storage.base import HouseholdStore
from skill.storage.sqlite import SqliteStore
from skill.turn import household_id_for
from tests.support.fake_alexa_api import FakeAlexaApi
from tests.support.talk import Talk

JsonDict = dict[str, Any]
FIRST_EVENING = datetime.fromisoformat("2025-11-26T20:30:00-05:00")
PROBE_NIGHTS = (1, 30, 365)
USER_ID = "amzn1.ask.account.BENCH-A-YEAR-OF-NIGHTS"
#: Kinds probed on a probe night besides the check-in, each a new session: what is said.
PROBES = (
    ("launch", None),
    ("progress", "ask heart talks how are we doing"),
    ("date idea", "ask heart talks to suggest a date night"),
    ("practice", "ask heart talks to teach us about empathy"),
)
#: A month of use, as the cost model counts it: sessions of each kind.
MONTH = {"check-in": 25, "date idea": 6, "practice": 4, "progress": 3}


@dataclass
class Turned:
    """One measured turn: its CPU time and, on DynamoDB, the units it consumed; ``step`` tells
    apart turns of one kind that do different work (a check-in's answers)."""

    cpu_ns: int
    units: Units
    step: str = ""


@dataclass
class Night:
    """What one probe night measured, by kind."""

    turns: dict[str, list[Turned]] = field(default_factory=dict)

    def add(self, kind: str, turned: Turned) -> None:
        self.turns.setdefault(kind, []).append(turned)

    def figures(self) -> dict[str, Any]:
        return {
            kind: {
                "n": len(turns),
                "cpu_median_ms": round(_median_of_steps(turns) / 1e6, 3),
                "rcu_mean": round(statistics.fmean(t.units.read for t in turns), 2),
                "wcu_mean": round(statistics.fmean(t.units.write for t in turns), 2),
            }
            for kind, turns in sorted(self.turns.items())
        }


def _median_of_steps(turns: list[Turned]) -> float:
    """The mean of each step's median CPU time.

    A check-in's answers mix light steps (who is here, the rating) with a heavy one (the last
    answer, which saves the night): a plain median over all of them fell now in one cluster,
    now in the other, and the same commit measured night 365 at 0.76× and 1.48× night 30 in
    two runs. Each step's median is steady; their mean weighs each step once.
    """
    by_step: dict[str, list[int]] = {}
    for turn in turns:
        by_step.setdefault(turn.step, []).append(turn.cpu_ns)
    return statistics.fmean(statistics.median(times) for times in by_step.values())


class Household:
    """The household's conversation, each turn's CPU and units kept as the last measurement."""

    def __init__(
        self, app: SkillApp, api_endpoint: str, meter: CapacityMeter | None, user_id: str
    ) -> None:
        self.meter = meter
        self.last = Turned(0, Units())
        self.talk = Talk(
            app, start=FIRST_EVENING, handle=self._timed(app), user_id=user_id,
            api_endpoint=api_endpoint,
        )  # fmt: skip

    def _timed(self, app: SkillApp) -> Callable[[JsonDict], JsonDict]:
        def handle(event: JsonDict) -> JsonDict:
            before = self.meter.units() if self.meter else Units()
            started = time.thread_time_ns()
            answer = app.handle(event)
            cpu = time.thread_time_ns() - started
            after = self.meter.units() if self.meter else Units()
            self.last = Turned(cpu, after - before)
            return answer

        return handle

    def evening(self, night: int) -> None:
        """Move the clock to 20:30 on the evening of ``night`` (1 is the first)."""
        self.talk.end_session()
        self.talk.now = FIRST_EVENING + timedelta(days=night - 1)

    def say(self, text: str | None) -> Turned:
        """One turn (None: open the skill); the session it opens is left open."""
        if text is None:
            self.talk.launch()
        else:
            self.talk(text)
        return self.last

    def check_in(self) -> list[tuple[str, Turned]]:
        """Tonight's check-in, answered step by step, then no to the practice offered.

        Checked in already tonight (every probe after the first), the skill offers a fresh one
        in its place: taken (untimed), so every probe times the answers too.
        """
        measured = [("check-in start", self.say("ask heart talks to start a check in"))]
        if (self.talk.session_attributes.get("state") or {}).get("mode") == "offer":
            self.say("yes")
        number = 0
        while (step := self._step()) is not None:
            said = {PARTNERS: "just me", RATING: "a four"}.get(step, "the walk after dinner")
            number += 1
            turned = self.say(said)
            measured.append(("check-in answer", replace(turned, step=f"{number}:{step}")))
        self.say("no")
        self.talk.end_session()
        return measured

    def _step(self) -> str | None:
        """The kind of step the check-in waits on (None: it is over)."""
        state = dict(self.talk.session_attributes.get("state") or {})
        if state.pop("mode", None) != "checkin":
            return None
        state.pop("names", None)
        step = CheckInFlow.from_dict(state).step
        return None if step is None else step.kind


def year_of_nights(
    store: HouseholdStore,
    api_endpoint: str,
    probes: int,
    meter: CapacityMeter | None,
    ages: tuple[int, ...] = PROBE_NIGHTS,
) -> dict[str, Any]:
    """Households on ``store`` as many nights old on the same evening as ``ages`` says (1, 30
    and 365); their probe turns interleaved, so a burst of load on this shared machine hits
    every age alike."""
    app = SkillApp(Settings(store_url="bench://"), store)
    last = ages[-1]
    households: dict[int, Household] = {}
    started = time.monotonic()
    for age in ages:
        household = Household(app, api_endpoint, meter, f"{USER_ID}-{age}")
        for night in range(last - age + 1, last):
            household.evening(night)
            household.check_in()
        household.evening(last)
        households[age] = household
    replay_seconds = time.monotonic() - started
    # Sizes after the year, and a month's units, before the probes add their extra entries to
    # tonight's night: thirty-one check-ins in one evening made a night item no household has,
    # read by every later turn, and the cost model followed the probe count.
    sizes = item_sizes(store, households[last].talk.user_id)
    units = month_units(households[last]) if meter else None
    probed = {age: Night() for age in ages}
    for _ in range(probes):
        # Tonight's check-in (again, after the first: each is one more entry of tonight's night).
        for age, household in households.items():
            for kind, turned in household.check_in():
                probed[age].add(kind, turned)
        for kind, said in PROBES:
            for age, household in households.items():
                household.talk.end_session()
                probed[age].add(kind, household.say(said))
    return {
        "nights": {str(age): night.figures() for age, night in probed.items()},
        "month_units": units,
        "sizes": sizes,
        "replay_seconds": round(replay_seconds, 1),
    }


def month_units(household: Household) -> dict[str, Any]:
    """Read and write units of each session kind a month is made of, measured once each."""
    sessions: dict[str, list[Turned]] = {
        "check-in": [turned for _, turned in household.check_in()],
        "date idea": [household.say("ask heart talks to suggest a date night")],
        "practice": [household.say("ask heart talks to teach us about empathy")],
        "progress": [household.say("ask heart talks how are we doing")],
    }
    household.talk.end_session()
    per_session = {
        kind: {
            "turns": len(turns),
            "rcu": sum(t.units.read for t in turns),
            "wcu": sum(t.units.write for t in turns),
        }
        for kind, turns in sessions.items()
    }
    month = {
        "rcu": sum(per_session[kind]["rcu"] * count for kind, count in MONTH.items()),
        "wcu": sum(per_session[kind]["wcu"] * count for kind, count in MONTH.items()),
    }
    return {"per_session": per_session, "sessions_per_month": MONTH, "month": month}


def item_sizes(store: HouseholdStore, user_id: str) -> dict[str, int]:
    """Bytes of the profile and of the largest night after the year, as compact JSON (about
    DynamoDB's own measure: attribute names and values)."""
    record = store.load(household_id_for(user_id))
    if record is None:
        return {}

    def size(doc: JsonDict) -> int:
        return len(json.dumps(doc, separators=(",", ":")).encode())

    nights = sorted(size(doc) for doc in record.nights.values()) or [0]
    return {
        "profile_bytes": size(record.profile),
        "largest_night_bytes": nights[-1],
        "typical_night_bytes": nights[len(nights) // 2],
        "nights_kept": len(record.nights),
    }


@contextmanager
def unbounded(enabled: bool) -> Iterator[None]:
    """Every turn reads every night, as before the working set was bounded."""
    if not enabled:
        yield
        return
    kept = household_context.RECENT_NIGHTS
    household_context.RECENT_NIGHTS = 10**6
    try:
        yield
    finally:
        household_context.RECENT_NIGHTS = kept


def ratios(
    result: dict[str, Any], month_night: str = "30", year_night: str = "365"
) -> dict[str, float]:
    """Night 365's CPU median over night 30's, by kind."""
    month, year = result["nights"][month_night], result["nights"][year_night]
    return {
        kind: round(year[kind]["cpu_median_ms"] / month[kind]["cpu_median_ms"], 2)
        for kind in year
        if kind in month and month[kind]["cpu_median_ms"]
    }


def measure_history(
    workdir: Path, api_endpoint: str, probes: int, dynamodb: bool, whole: bool = False
) -> dict[str, Any]:
    """The year on SQLite and, when DynamoDB Local runs, on it (a fresh table)."""
    results: dict[str, Any] = {"probes": probes, "unbounded": whole}
    with unbounded(whole):
        sqlite = SqliteStore(workdir / f"history-{uuid.uuid4().hex[:6]}.db")
        results["sqlite"] = year_of_nights(sqlite, api_endpoint, probes, None)
        sqlite.close()
        if dynamodb:
            from skill.storage.dynamodb import DynamoDbStore, create_table

            table = f"history-{uuid.uuid4().hex[:8]}"
            create_table(table)
            store = DynamoDbStore(table)
            with metered(store.client) as meter:
                results["dynamodb"] = year_of_nights(store, api_endpoint, probes, meter)
    for name in ("sqlite", "dynamodb"):
        if name in results:
            results[name]["night_365_over_night_30"] = ratios(results[name])
    return results


def print_history(history: dict[str, Any]) -> None:
    """One table per store: CPU median (and units on DynamoDB) by kind at nights 1, 30, 365."""
    for name, label in (("sqlite", "SQLite"), ("dynamodb", "DynamoDB Local")):
        result = history.get(name)
        if not result:
            continue
        print(f"\nA year of nights on {label}: CPU ms median (RCU / WCU) per turn")
        nights = result["nights"]
        for kind in nights["365"]:
            cells = []
            for night in ("1", "30", "365"):
                figures = nights[night].get(kind)
                if figures is None:
                    cells.append("-")
                    continue
                cell = f"{figures['cpu_median_ms']:.2f}"
                if name == "dynamodb":
                    cell += f" ({figures['rcu_mean']:g} / {figures['wcu_mean']:g})"
                cells.append(cell)
            ratio = result["night_365_over_night_30"].get(kind, 0.0)
            print(f"  {kind:<16} " + "  ".join(f"{c:<18}" for c in cells) + f"  {ratio:.2f}×")


def main() -> None:
    from bench.run import dynamodb_local

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--probes", type=int, default=31)
    parser.add_argument("--unbounded", action="store_true", help="read every night, as before")
    parser.add_argument("--no-dynamodb", action="store_true")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hth-history-") as temp, FakeAlexaApi() as alexa:
        workdir = Path(temp)
        local = nullcontext() if args.no_dynamodb else dynamodb_local(workdir)
        with local:
            history = measure_history(
                workdir, alexa.url, args.probes, not args.no_dynamodb, args.unbounded
            )
    print_history(history)
    if args.output:
        args.output.write_text(json.dumps(history, indent=2) + "\n")


if __name__ == "__main__":
    main()
