"""Per-turn latency and CPU time of the golden dialogs' turns, by kind, on one store.

Each replay sends one dialog's recorded requests, in order, as a new
household (a fresh user id), and times ``handle`` alone: wall time with
``perf_counter_ns`` and this thread's CPU time with ``thread_time_ns``. The
household is erased afterwards, outside the timing. Dialogs are replayed
round after round, only those holding a kind that still lacks samples, until
every kind has its quota or the time budget is spent.

When a baseline is given, each request is also sent to it right after ours,
so both are measured under the same momentary load of this shared machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bench.dialogs import Dialog, RecordedTurn, for_user
from skill.storage.base import HouseholdStore
from skill.turn import household_id_for

JsonDict = dict[str, Any]
Handle = Callable[[JsonDict], JsonDict]
#: Request types the baseline answers (it has no SessionEndedRequest handler).
BASELINE_TYPES = frozenset({"LaunchRequest", "IntentRequest"})


@dataclass
class Samples:
    """Nanosecond timings of one kind of turn."""

    wall: list[int] = field(default_factory=list)
    cpu: list[int] = field(default_factory=list)
    #: Whether our turn called the Alexa settings API (a household's first turn that needs the
    #: hour, then once a week), for the figures without it; a baseline sample gets our turn's.
    called_api: list[bool] = field(default_factory=list)

    def add(self, wall: int, cpu: int, called_api: bool = False) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)
        self.called_api.append(called_api)

    def without_api_calls(self) -> Samples:
        """The samples of turns that made no Alexa API call."""
        kept = [i for i, called in enumerate(self.called_api) if not called]
        return Samples(
            [self.wall[i] for i in kept], [self.cpu[i] for i in kept], [False] * len(kept)
        )


@dataclass
class StoreRun:
    """Everything measured on one store."""

    store: str
    samples: dict[str, Samples] = field(default_factory=dict)
    baseline: dict[str, Samples] = field(default_factory=dict)
    replays: int = 0
    seconds: float = 0.0
    #: Turns whose replayed answer differed from the recording (there should be none).
    mismatches: list[str] = field(default_factory=list)


def timed(handle: Handle, request: JsonDict) -> tuple[JsonDict, int, int]:
    """Answer one request; return the answer, wall and CPU nanoseconds."""
    cpu_start = time.thread_time_ns()
    wall_start = time.perf_counter_ns()
    response = handle(request)
    wall = time.perf_counter_ns() - wall_start
    return response, wall, time.thread_time_ns() - cpu_start


class Households:
    """Hands out a new household for every replay and erases it afterwards."""

    def __init__(self, name: str, store: HouseholdStore) -> None:
        self.name = name
        self.store = store
        self._count = 0

    def requests(self, dialog: Dialog) -> Iterator[tuple[RecordedTurn, JsonDict]]:
        """The dialog's requests from a new household; it is erased once they are consumed."""
        self._count += 1
        user_id = f"amzn1.ask.account.BENCH-{self.name}-{self._count:07d}"
        for turn in dialog.turns:
            yield turn, for_user(turn.request, user_id)
        self.store.delete_household(household_id_for(user_id))


def measure(
    handle: Handle,
    households: Households,
    dialogs: list[Dialog],
    quota: int,
    budget_seconds: float,
    baseline: Handle | None = None,
    api_calls: Callable[[], int] | None = None,
) -> StoreRun:
    """Time replays of ``dialogs`` until every kind has ``quota`` samples or the budget is spent.

    One untimed replay of every dialog comes first: it warms caches and checks
    that replayed answers equal the recorded ones, so the timings are of the
    conversations the golden tests hold and not of some error path.

    ``api_calls`` counts the requests the Alexa API stand-in has received: each
    sample then says whether its turn called the API (every replay is a new
    household, so its first turn that needs the hour reads the time zone; a
    household at home reads it once a week).
    """
    run = StoreRun(households.name)
    for dialog in dialogs:
        for turn, request in households.requests(dialog):
            if handle(request) != turn.response:
                run.mismatches.append(f"{turn.dialog}: {turn.label}")
            if baseline is not None and request["request"]["type"] in BASELINE_TYPES:
                baseline(request)
    kinds = {kind for dialog in dialogs for kind in dialog.kinds()}
    started = time.monotonic()
    while time.monotonic() - started < budget_seconds:
        full = {kind for kind, samples in run.samples.items() if len(samples.wall) >= quota}
        needy = kinds - full
        if not needy:
            break
        for dialog in dialogs:
            if not dialog.kinds() & needy:
                continue
            run.replays += 1
            for turn, request in households.requests(dialog):
                before = api_calls() if api_calls is not None else 0
                _, wall, cpu = timed(handle, request)
                called = api_calls is not None and api_calls() != before
                run.samples.setdefault(turn.kind, Samples()).add(wall, cpu, called)
                if baseline is not None and request["request"]["type"] in BASELINE_TYPES:
                    _, wall, cpu = timed(baseline, request)
                    run.baseline.setdefault(turn.kind, Samples()).add(wall, cpu, called)
    run.seconds = round(time.monotonic() - started, 2)
    return run
