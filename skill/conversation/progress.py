"""'How are we doing?': the streak, this week's check-ins, connection and its trend, practices.

"This week" is the last seven evenings including tonight, and "last week" the
seven before, so the numbers mean the same on a Monday as on a Sunday. An
evening counts when someone answered something in a check-in (the same rule
as the streak). The report is computed from the household alone, with
``today`` passed in, so tests pin the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from skill.content.prompts import Prompts
from skill.conversation.spoken import one_decimal, weekday
from skill.conversation.streak import Streak, StreakStatus, status
from skill.household.model import Night
from skill.speech import Speech

WEEK = 7
#: A change in average smaller than this is "about the same".
STEADY = 0.25
#: Check-ins in a week that deserve a word of recognition.
STEADY_RHYTHM = 4


@dataclass(frozen=True)
class ProgressReport:
    """Everything "how are we doing" says, as numbers."""

    streak: StreakStatus
    checkins_this_week: int
    average_this_week: float | None
    average_last_week: float | None
    practices_this_week: int
    practices_explored: int
    practices_total: int


def _evenings(end: date, count: int) -> list[str]:
    return [(end - timedelta(days=offset)).isoformat() for offset in range(count)]


def _week(
    nights: Mapping[str, Night], end: date, read: Mapping[str, str] | None = None
) -> tuple[int, list[int], set[str]]:
    """Check-in evenings, ratings and practices read in the seven evenings up to ``end``
    (``read``: practice → the last evening it was read; entries marked taken before that
    was kept still count)."""
    evenings = 0
    ratings: list[int] = []
    week = _evenings(end, WEEK)
    practices = {p for p, evening in (read or {}).items() if evening in week}
    for day in week:
        night = nights.get(day)
        counted = [e for e in night.entries.values() if e.answered] if night else []
        evenings += bool(counted)
        for entry in counted:
            ratings += [r for r in entry.ratings if r is not None]
            if entry.practice is not None and entry.practice.taken:
                practices.add(entry.practice.id)
    return evenings, ratings, practices


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def progress_report(
    streak: Streak,
    nights: Mapping[str, Night],
    heard: Sequence[str],
    practices_total: int,
    today: date,
    read: Mapping[str, str] | None = None,
) -> ProgressReport:
    """The household's progress as of the evening ``today``, out of ``practices_total``;
    ``read`` maps each practice to the last evening it was read."""
    count, ratings, practices = _week(nights, today, read)
    _, earlier, _ = _week(nights, today - timedelta(days=WEEK))
    return ProgressReport(
        streak=status(streak, today),
        checkins_this_week=count,
        average_this_week=_mean(ratings),
        average_last_week=_mean(earlier),
        practices_this_week=len(practices),
        practices_explored=len(set(heard)),
        practices_total=practices_total,
    )


def _streak_sentences(report: ProgressReport, prompts: Prompts) -> list[str]:
    streak = report.streak
    if streak.count == 0:
        return [prompts.say("progress.streak.none")]
    key = "progress.streak.one" if streak.count == 1 else "progress.streak"
    said = [prompts.say(key, count=streak.count)]
    if streak.needs_tonight:
        said.append(prompts.say("progress.streak.needs_tonight"))
    elif streak.missed is not None:
        said.append(prompts.say("progress.streak.missed", day=weekday(streak.missed)))
    return said


def _week_sentences(report: ProgressReport, prompts: Prompts) -> list[str]:
    count = report.checkins_this_week
    if count == 0:
        return [prompts.say("progress.week.none")]
    said = [prompts.say("progress.week.one" if count == 1 else "progress.week", count=count)]
    if count >= STEADY_RHYTHM:
        said.append(prompts.say("progress.week.steady"))
    if report.average_this_week is not None:
        said.append(_average_sentence(report.average_this_week, report.average_last_week, prompts))
    return said


def _average_sentence(now: float, before: float | None, prompts: Prompts) -> str:
    if before is None:
        return prompts.say("progress.average.new", average=one_decimal(now))
    if abs(now - before) < STEADY:
        return prompts.say("progress.average.same", average=one_decimal(now))
    key = "progress.average.up" if now > before else "progress.average.down"
    return prompts.say(key, average=one_decimal(now), previous=one_decimal(before))


def _practice_sentences(report: ProgressReport, prompts: Prompts) -> list[str]:
    if report.practices_this_week:
        key = "progress.practices.one" if report.practices_this_week == 1 else "progress.practices"
        return [prompts.say(key, count=report.practices_this_week)]
    if report.practices_explored:
        return [
            prompts.say(
                "progress.practices.explored",
                count=report.practices_explored,
                total=report.practices_total,
            )
        ]
    return []


def progress_speech(report: ProgressReport, prompts: Prompts) -> Speech:
    """The report, short and plain: streak, the week, connection, practices."""
    sentences = (
        _streak_sentences(report, prompts)
        + _week_sentences(report, prompts)
        + _practice_sentences(report, prompts)
    )
    return Speech().say(*sentences)


# --- "what did we do last time?" --------------------------------------------------------------


@dataclass(frozen=True)
class LastTime:
    """What the profile keeps of the household's last evenings, newest of each kind; never a
    history (the profile keeps only the last check-in evening, the practices heard in order,
    the evening each was last finished, the one left part-way, and the bounded date memory)."""

    checkin: date | None = None
    #: The practice heard most recently, and the evening when it is known.
    practice: tuple[str, date | None] | None = None
    #: Whether that practice was left part-way (and can be finished).
    unfinished: bool = False
    #: The date idea suggested most recently, and the day.
    idea: tuple[str, date] | None = None
    #: The idea saved most recently (saves keep no day).
    saved: str | None = None

    @property
    def nothing(self) -> bool:
        """Whether nothing was done yet: a first visit."""
        return self.checkin is None and self.practice is None and self.idea is None


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


def last_time(
    checkin_last: str,
    heard: Sequence[str],
    practices_read: Mapping[str, str],
    paused: tuple[str, date] | None,
    ideas_seen: Sequence[tuple[str, str]],
    ideas_saved: Sequence[str],
) -> LastTime:
    """The last check-in evening (``checkin_last``, ISO, "" for none); the practice heard most
    recently (``heard`` is oldest first), with the evening it was finished (``practices_read``)
    or left part-way (``paused``: practice and evening) when known; the date idea suggested most
    recently and the last one saved."""
    practice: tuple[str, date | None] | None = None
    unfinished = False
    if heard:
        latest = heard[-1]
        finished = _day(practices_read.get(latest, ""))
        if (
            paused is not None
            and paused[0] == latest
            and (finished is None or paused[1] > finished)
        ):
            practice, unfinished = (latest, paused[1]), True
        else:
            practice = (latest, finished)
    seen = [(i, day) for i, iso in ideas_seen if (day := _day(iso)) is not None]
    return LastTime(
        checkin=_day(checkin_last) if checkin_last else None,
        practice=practice,
        unfinished=unfinished,
        idea=seen[-1] if seen else None,  # kept in day order, most recent last
        saved=ideas_saved[-1] if ideas_saved else None,
    )


def when_last(day: date, today: date) -> str:
    """ "earlier today", "yesterday", "on Thursday", "over a week ago": when it was."""
    days = (today - day).days
    if days <= 0:
        return "earlier today"
    if days == 1:
        return "yesterday"
    if days < WEEK:
        return f"on {weekday(day)}"
    return "over a week ago"


def last_time_speech(
    last: LastTime,
    today: date,
    prompts: Prompts,
    practice_name: Callable[[str], str | None],
    idea_title: Callable[[str], str | None],
) -> Speech:
    """What they did last time, in a few short sentences: the last check-in, the last practice
    heard, the last date idea heard and the last one saved (each only when kept and still
    known by name)."""
    if last.nothing:
        return Speech().say(prompts.say("last_time.none"))
    said: list[str] = []
    if last.checkin is not None:
        said.append(prompts.say("last_time.checkin", when=when_last(last.checkin, today)))
    else:
        said.append(prompts.say("last_time.checkin.none"))
    if last.practice is not None and (name := practice_name(last.practice[0])):
        day = last.practice[1]
        if day is None:
            said.append(prompts.say("last_time.practice.sometime", practice=name))
        else:
            when = when_last(day, today)
            said.append(prompts.say("last_time.practice", practice=name, when=when))
        if last.unfinished:
            said.append(prompts.say("last_time.practice.unfinished"))
    saved = idea_title(last.saved) if last.saved is not None else None
    if last.idea is not None and (title := idea_title(last.idea[0])):
        when = when_last(last.idea[1], today)
        if last.idea[0] == last.saved:
            said.append(prompts.say("last_time.idea.saved", title=title, when=when))
            saved = None
        else:
            said.append(prompts.say("last_time.idea", title=title, when=when))
    if saved:
        said.append(prompts.say("last_time.saved", title=saved))
    return Speech().say(*said)
