"""Bounds around the work a request starts: turn deadlines, the store probe, clock sanity.

* :class:`TurnPool` runs each turn on a small, fixed set of threads and waits
  for it only until a deadline. A turn that overruns is answered with a spoken
  apology; its thread keeps its slot until it ends, so stuck turns can never
  pile up past the pool's size, and a turn stuck past the hard limit is
  reported once so the server can recycle the process (Python cannot stop a
  thread, but a process can end).
* :class:`StoreProbe` runs the store's health check with a timeout, one at a
  time, and remembers the answer briefly, so ``/healthz`` answers quickly even
  when the store hangs, and a flood of health checks never floods the store.
* :class:`ClockWatch` notices when most recent genuine requests fail the
  timestamp check: the server's clock, not the callers', is then wrong.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any, TypeVar

logger = logging.getLogger(__name__)

Monotonic = Callable[[], float]
Result = TypeVar("Result")

#: How long a request waits for a free turn thread before it is refused with 503.
ADMIT_WAIT_SECONDS = 1.0
#: The store's health check: time allowed, and how long an answer is reused.
STORE_CHECK_TIMEOUT_SECONDS = 1.0
STORE_CHECK_TTL_SECONDS = 1.0
#: Clock sanity: of the last ``CLOCK_WINDOW`` genuine requests within ``CLOCK_HORIZON_SECONDS``,
#: at least ``CLOCK_MIN_FAILURES`` and more than half failed the timestamp check.
CLOCK_WINDOW = 20
CLOCK_MIN_FAILURES = 5
CLOCK_HORIZON_SECONDS = 600.0


class TurnRefused(Exception):
    """Every turn thread is busy (or stuck): the request is refused rather than queued."""


class TurnOverran(Exception):
    """The turn did not finish within its deadline; it may still be running."""


_Job = tuple[Callable[[], Any], "Future[Any]"]


class TurnPool:
    """A bounded pool of daemon threads that runs turns under a deadline.

    ``size`` threads at most, ever: a request is admitted only when a thread
    is free (waiting at most :data:`ADMIT_WAIT_SECONDS`), so no queue builds
    up behind a stuck turn. Threads are daemons, so a stuck one never holds up
    the process's exit, and they start on first use, after the server forks.
    """

    def __init__(
        self,
        size: int,
        deadline: float,
        hard_limit: float,
        *,
        clock: Monotonic = time.monotonic,
        admit_wait: float = ADMIT_WAIT_SECONDS,
    ) -> None:
        self.size = size
        self.deadline = deadline
        self.hard_limit = hard_limit
        self._clock = clock
        self._admit_wait = admit_wait
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self._pid = os.getpid()
        self._slots = threading.BoundedSemaphore(self.size)
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._running: dict[int, float] = {}
        self._reported: set[int] = set()
        self._next_id = 0

    def _start_threads(self) -> None:
        """Start the threads in this process (a fork copies none of its parent's)."""
        with self._lock:
            if self._pid != os.getpid():
                self._reset()
            while len(self._threads) < self.size:
                thread = threading.Thread(
                    target=self._serve, name=f"turn-{len(self._threads)}", daemon=True
                )
                thread.start()
                self._threads.append(thread)

    def _serve(self) -> None:
        while True:
            work, future = self._jobs.get()
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(work())
                except BaseException as error:  # handed to the waiting request
                    future.set_exception(error)

    def run(self, work: Callable[[], Result]) -> Result:
        """Run ``work`` on a turn thread and return its result, or raise.

        :class:`TurnRefused` when no thread frees up in time, :class:`TurnOverran`
        at the deadline; an exception raised by ``work`` is raised here.
        """
        if len(self._threads) < self.size or self._pid != os.getpid():
            self._start_threads()
        if not self._slots.acquire(timeout=self._admit_wait):
            raise TurnRefused()
        with self._lock:
            turn = self._next_id
            self._next_id += 1
            self._running[turn] = self._clock()

        def tracked() -> Result:
            try:
                return work()
            finally:
                with self._lock:
                    self._running.pop(turn, None)
                    self._reported.discard(turn)
                self._slots.release()

        future: Future[Result] = Future()
        self._jobs.put((tracked, future))
        try:
            return future.result(timeout=self.deadline)
        except FutureTimeout:
            raise TurnOverran() from None

    def busy(self) -> int:
        """How many turns are running now."""
        with self._lock:
            return len(self._running)

    def stuck(self) -> bool:
        """Whether a turn has run past the hard limit; each such turn is logged once."""
        since = self._clock() - self.hard_limit
        with self._lock:
            late = [turn for turn, started in self._running.items() if started < since]
            new = [turn for turn in late if turn not in self._reported]
            self._reported.update(new)
        if new:
            logger.error(
                "turn stuck past the %g s hard limit (%d stuck of %d threads): "
                "this process should be recycled",
                self.hard_limit,
                len(late),
                self.size,
            )
        return bool(late)


class StoreProbe:
    """The store's health check, bounded in time and frequency.

    One check runs at a time, on its own daemon thread; the caller waits at
    most ``timeout``. A check still running after that counts as the store
    being down, and no second check starts while it hangs. An answer is
    reused for ``ttl`` seconds.
    """

    def __init__(
        self,
        check: Callable[[], None],
        *,
        timeout: float = STORE_CHECK_TIMEOUT_SECONDS,
        ttl: float = STORE_CHECK_TTL_SECONDS,
        clock: Monotonic = time.monotonic,
    ) -> None:
        self._check = check
        self._timeout = timeout
        self._ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._answer: tuple[float, bool] | None = None
        self._pending: Future[bool] | None = None

    def healthy(self) -> bool:
        """Whether the store answered its check (recently, and in time)."""
        with self._lock:
            if self._answer is not None and self._clock() - self._answer[0] < self._ttl:
                return self._answer[1]
            if self._pending is not None and not self._pending.done():
                self._answer = (self._clock(), False)  # the last check still hangs
                return False
            pending = self._pending = Future()
            threading.Thread(target=self._run, args=(pending,), daemon=True).start()
        try:
            healthy = pending.result(timeout=self._timeout)
        except FutureTimeout:
            logger.warning("health check failed: store check timed out")
            healthy = False
        with self._lock:
            self._answer = (self._clock(), healthy)
        return healthy

    def _run(self, pending: Future[bool]) -> None:
        try:
            self._check()
        except Exception as error:
            logger.warning("health check failed: store unreachable (%s)", type(error).__name__)
            pending.set_result(False)
        else:
            pending.set_result(True)


class ClockWatch:
    """Remembers whether recent genuine requests passed the timestamp check.

    Only requests whose signature was verified count, so nobody can push the
    server into the degraded state by sending stale junk. The record lives in
    shared memory made before the server forks, so all worker processes fill
    one window and every worker's ``/healthz`` tells the same story.
    """

    def __init__(
        self,
        *,
        window: int = CLOCK_WINDOW,
        min_failures: int = CLOCK_MIN_FAILURES,
        horizon: float = CLOCK_HORIZON_SECONDS,
        clock: Monotonic = time.monotonic,
    ) -> None:
        self._window = window
        self._min_failures = min_failures
        self._horizon = horizon
        self._clock = clock
        self._times = multiprocessing.RawArray(ctypes.c_double, window)
        self._skewed = multiprocessing.RawArray(ctypes.c_bool, window)
        self._recorded = multiprocessing.RawValue(ctypes.c_long, 0)
        self._lock = multiprocessing.Lock()

    def record(self, skewed: bool) -> None:
        """Note one genuine request: ``skewed`` when its timestamp was outside tolerance."""
        with self._lock:
            slot = self._recorded.value % self._window
            self._times[slot] = self._clock()
            self._skewed[slot] = skewed
            self._recorded.value += 1

    def degraded(self) -> bool:
        """Whether most recent genuine requests (and at least a few) were out of tolerance."""
        cutoff = self._clock() - self._horizon
        with self._lock:
            filled = min(self._recorded.value, self._window)
            recent = [self._skewed[n] for n in range(filled) if self._times[n] >= cutoff]
        failures = sum(recent)
        return failures >= self._min_failures and 2 * failures > len(recent)


@dataclass(frozen=True)
class EndpointGuards:
    """The guards of one web app, for its routes and for the server that runs it.

    ``read_deadline`` is for the server: the seconds a whole request may take to arrive.
    """

    turns: TurnPool
    store: StoreProbe
    clock: ClockWatch
    read_deadline: float
