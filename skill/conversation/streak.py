"""The forgiving streak: consecutive evenings with a check-in, where life is allowed to happen.

The rule, in one place:

* A streak is a run of evenings with a check-in. It counts the evenings the
  couple *did* check in, never the ones they missed.
* One missed evening in any seven is forgiven: the run goes on, and the skill
  says so honestly ("you missed Tuesday, but your streak is safe").
* Two missed evenings in a row, or a second miss within seven evenings of the
  last forgiven one, end the run; the next check-in starts a fresh one.

The state is three small values kept in the household profile (the nights
themselves expire), updated once per check-in evening by :func:`advance`,
which is idempotent: the same evening twice changes nothing, so two devices,
a resumed check-in or a replayed save never count an evening twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

#: Any window of this many consecutive evenings may contain one forgiven miss.
FORGIVENESS_WINDOW = 7


class Progress(Enum):
    """What a check-in evening did to the streak."""

    STARTED = "started"
    CONTINUED = "continued"
    FORGIVEN = "forgiven"
    RESTARTED = "restarted"
    SAME_EVENING = "same_evening"
    #: Another check-in the same day, after one that counted already (both of them, after one
    #: alone this morning; or one done again): the day was on the streak before.
    ANOTHER_TODAY = "another_today"


@dataclass(frozen=True)
class Streak:
    """The streak as stored: run length, last check-in evening, last forgiven miss."""

    count: int = 0
    last: str = ""
    forgiven: str = ""

    def last_evening(self) -> date | None:
        """The last check-in evening, if any."""
        return date.fromisoformat(self.last) if self.last else None

    def forgiven_evening(self) -> date | None:
        """The most recent forgiven miss of this run, if any."""
        return date.fromisoformat(self.forgiven) if self.forgiven else None


def _can_forgive(streak: Streak, missed: date) -> bool:
    previous = streak.forgiven_evening()
    return previous is None or (missed - previous).days >= FORGIVENESS_WINDOW


def advance(streak: Streak, evening: date) -> tuple[Streak, Progress]:
    """The streak after a check-in on ``evening``, and what happened to it.

    An evening earlier than the last one (a late save from another device)
    leaves the streak as it is: history is never rewritten backwards.
    """
    last = streak.last_evening()
    if last is None:
        return Streak(1, evening.isoformat()), Progress.STARTED
    gap = (evening - last).days
    if gap <= 0:
        return streak, Progress.SAME_EVENING
    if gap == 1:
        return Streak(streak.count + 1, evening.isoformat(), streak.forgiven), Progress.CONTINUED
    missed = last + timedelta(days=1)
    if gap == 2 and _can_forgive(streak, missed):
        return Streak(streak.count + 1, evening.isoformat(), missed.isoformat()), Progress.FORGIVEN
    return Streak(1, evening.isoformat()), Progress.RESTARTED


def describe(before: Streak, after: Streak) -> Progress:
    """What a recorded check-in did to the streak, read from the streak before and after it.

    The streak itself is advanced once, by the change that records the check-in
    (:func:`advance`); this only names the difference, for the words said.
    """
    if after == before:
        return Progress.SAME_EVENING
    if not before.last:
        return Progress.STARTED
    if after.count == 1:
        return Progress.RESTARTED
    if after.forgiven and after.forgiven != before.forgiven:
        return Progress.FORGIVEN
    return Progress.CONTINUED


@dataclass(frozen=True)
class StreakStatus:
    """The streak as seen on ``today``, before or after tonight's check-in.

    ``count`` is 0 when the run is over. ``checked_in_tonight`` tells whether
    tonight already counts; ``needs_tonight`` whether the run survives only if
    the couple checks in tonight (yesterday was missed and can be forgiven).
    ``missed`` is a forgiven evening within the last week, to be named honestly.
    """

    count: int
    checked_in_tonight: bool
    needs_tonight: bool
    missed: date | None


def status(streak: Streak, today: date) -> StreakStatus:
    """Where the streak stands on the evening ``today``."""
    last = streak.last_evening()
    if last is None:
        return StreakStatus(0, False, False, None)
    gap = (today - last).days
    forgiven = streak.forgiven_evening()
    recent_miss = (
        forgiven if forgiven is not None and (today - forgiven).days < FORGIVENESS_WINDOW else None
    )
    if gap <= 0:
        return StreakStatus(streak.count, True, False, recent_miss)
    if gap == 1:
        return StreakStatus(streak.count, False, False, recent_miss)
    if gap == 2 and _can_forgive(streak, last + timedelta(days=1)):
        return StreakStatus(streak.count, False, True, recent_miss)
    return StreakStatus(0, False, False, None)
