"""The progress screen's datasource: the streak as a calendar, and ratings as a chart.

Both cover the last four weeks up to tonight. An evening counts when someone
answered something in a check-in (the rule of the streak and of "how are we
doing"); its rating on the chart is the mean of the ratings given that evening.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from skill.content.screens import ScreenWords
from skill.conversation.progress import progress_report
from skill.conversation.spoken import one_decimal
from skill.conversation.streak import Streak, status
from skill.household.model import Night
from skill.screens.chart import dots_path, grid_path, line_path
from skill.screens.touch import Tap, Touch, button

WEEKS = 4
DAYS = WEEKS * 7


def _answered(night: Night | None) -> list[int]:
    """The ratings given on an evening, by those who answered something ([] when none)."""
    entries = [e for e in night.entries.values() if e.answered] if night else []
    return [r for e in entries for r in e.ratings if r is not None]


def _counts(night: Night | None) -> bool:
    return night is not None and any(e.answered for e in night.entries.values())


def evenings(today: date) -> list[date]:
    """The last four weeks of evenings, oldest first, tonight last."""
    return [today - timedelta(days=DAYS - 1 - n) for n in range(DAYS)]


def nightly_ratings(nights: Mapping[str, Night], today: date) -> list[float | None]:
    """Each evening's mean rating over the last four weeks (None: no rating that evening)."""
    means: list[float | None] = []
    for day in evenings(today):
        ratings = _answered(nights.get(day.isoformat()))
        means.append(sum(ratings) / len(ratings) if ratings else None)
    return means


def calendar_days(streak: Streak, nights: Mapping[str, Night], today: date) -> list[dict[str, str]]:
    """Each evening as the calendar draws it: ``done``, ``forgiven``, ``today`` or ``missed``."""
    forgiven = streak.forgiven_evening()
    days = []
    for day in evenings(today):
        if _counts(nights.get(day.isoformat())):
            kind = "done"
        elif day == forgiven:
            kind = "forgiven"
        elif day == today:
            kind = "today"
        else:
            kind = "missed"
        days.append({"kind": kind, "label": str(day.day)})
    return days


def _weekdays(words: ScreenWords, first: date) -> list[str]:
    letters = words.text("progress.weekdays").split()
    return [letters[(first.weekday() + n) % 7] for n in range(7)]


def progress_data(
    words: ScreenWords,
    streak: Streak,
    nights: Mapping[str, Night],
    today: date,
    *,
    offer_checkin: bool,
) -> dict[str, Any]:
    """The streak, the calendar and the chart as of the evening ``today``."""
    count = status(streak, today).count
    label = "progress.streak.none" if count == 0 else "progress.streak.one"
    if count > 1:
        label = "progress.streak.many"
    # The same average "how are we doing" says aloud, so screen and speech agree.
    average = progress_report(streak, nights, (), 0, today).average_this_week
    ratings = nightly_ratings(nights, today)
    days = calendar_days(streak, nights, today)
    has_ratings = any(r is not None for r in ratings)
    return {
        "title": words.text("progress.title"),
        "week": ""
        if average is None
        else words.text("progress.week", average=one_decimal(average)),
        "streak": {"count": count, "label": words.text(label)},
        "calendar": {
            "title": words.text("progress.calendar"),
            "weekdays": _weekdays(words, evenings(today)[0]),
            "weeks": [days[w * 7 : w * 7 + 7] for w in range(WEEKS)],
        },
        "chart": {
            "title": words.text("progress.chart"),
            "grid": grid_path(),
            "line": line_path(ratings),
            "dots": dots_path(ratings),
            "start": words.text("progress.chart.start"),
            "end": words.text("progress.chart.end"),
            "empty": "" if has_ratings else words.text("progress.chart.empty"),
        },
        "buttons": [button(words.text("progress.checkin"), Tap(Touch.CHECK_IN), primary=True)]
        if offer_checkin
        else [],
    }
