"""'How are we doing': the numbers from a pinned clock, and how they are said."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from skill.content.prompts import Prompts, prompt_bank
from skill.conversation.progress import ProgressReport, progress_report, progress_speech
from skill.conversation.streak import Streak, StreakStatus
from skill.household.documents import from_doc
from skill.household.model import Night
from tests.support.talk import Talk

SUNDAY = date(2026, 11, 29)


def entry(*ratings: int | None, taken: str | None = None, answered: int = 1) -> dict[str, Any]:
    doc: dict[str, Any] = {"ratings": list(ratings), "answered": answered, "complete": True}
    if taken:
        doc["practice"] = {"id": taken, "taken": True}
    return doc


def nights(**by_day: list[dict[str, Any]]) -> dict[str, Night]:
    """Nights keyed by day of November 2026 ("d23" is the 23rd)."""
    return {
        f"2026-11-{day[1:]}": from_doc(
            Night, {"entries": {f"c{i}": e for i, e in enumerate(found)}}
        )
        for day, found in by_day.items()
    }


def say(report: ProgressReport) -> str:
    return progress_speech(report, Prompts(prompt_bank("en-US"), random.Random(0), {})).ssml()


def test_this_week_against_last_week() -> None:
    history = nights(
        d16=[entry(2, 3)],
        d20=[entry(2)],
        d23=[entry(4, 4, taken="empathy")],
        d25=[entry(4), entry(3, taken="empathy")],  # two devices on one evening
        d27=[entry(5, None, taken="validation")],
        d29=[entry(None, answered=1)],
        d22=[entry(answered=0)],  # opened but nothing answered: does not count
    )
    streak = Streak(count=4, last="2026-11-29", forgiven="2026-11-28")
    report = progress_report(streak, history, ["empathy", "validation", "empathy"], 11, SUNDAY)
    assert report.checkins_this_week == 4  # the 23rd, 25th, 27th and 29th
    assert report.average_this_week == 4.0  # 4, 4, 4, 3, 5
    assert report.average_last_week == 7 / 3  # 2, 3 and 2, from the 16th to the 22nd
    assert report.practices_this_week == 2
    assert report.practices_explored == 2
    assert report.streak == StreakStatus(4, True, False, date(2026, 11, 28))


def test_the_week_is_the_last_seven_evenings_including_tonight() -> None:
    history = nights(d22=[entry(1)], d23=[entry(5)])
    report = progress_report(Streak(), history, [], 11, SUNDAY)
    assert report.checkins_this_week == 1
    assert report.average_this_week == 5 and report.average_last_week == 1


def test_spoken_progress_is_short_plain_and_honest() -> None:
    report = ProgressReport(
        streak=StreakStatus(9, True, False, date(2026, 11, 24)),
        checkins_this_week=6,
        average_this_week=4.0,
        average_last_week=2.0,
        practices_this_week=1,
        practices_explored=3,
        practices_total=11,
    )
    said = say(report)
    assert "9 evenings" in said
    assert "Tuesday" in said and "safe" in said
    assert "6" in said
    assert "4 out of five" in said and "2" in said
    assert len(said.split()) < 80


def test_a_lower_week_is_said_gently_and_a_new_household_is_encouraged() -> None:
    lower = ProgressReport(StreakStatus(2, False, False, None), 2, 2.5, 3.5, 0, 0, 11)
    said = say(lower)
    assert "2.5" in said and "3.5" in said and ("down" in said or "lower" in said)
    empty = ProgressReport(StreakStatus(0, False, False, None), 0, None, None, 0, 0, 11)
    said = say(empty)
    assert "streak" in said and "average" not in said


def test_a_streak_that_needs_tonight_says_so() -> None:
    report = ProgressReport(StreakStatus(4, False, True, None), 4, 3.0, None, 0, 2, 11)
    said = say(report)
    assert "tonight" in said and "2 of the 11 practices" in said


def test_asked_mid_check_in_the_check_in_carries_on(talk: Talk) -> None:
    talk("ask heart talks to start a check in")
    talk("just me")
    # Asked for a number, a request is a request: the report, then the question again.
    turn = talk("how are we doing")
    assert "streak" in turn.speech and turn.speech.endswith(str(turn.reprompt))
    assert "one to five" in str(turn.reprompt)
    talk("a four")
    assert "four" in talk.session_attributes["last"]["speech"]
