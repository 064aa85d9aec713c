"""The date idea screen's datasource: title, facts, pitch, steps, and another or save."""

from __future__ import annotations

from typing import Any

from skill.content.dates import DateIdea
from skill.content.screens import ScreenWords
from skill.conversation.date_speech import card_title
from skill.screens.touch import Tap, Touch, button

#: Up to this many minutes an idea's time is told in minutes, beyond it in hours.
MINUTES_SHOWN_UP_TO = 75


def time_words(words: ScreenWords, minutes: int) -> str:
    """ "About 45 minutes", "About an hour", "About 3 hours" (to the nearest hour past 75)."""
    if minutes == 60:
        return words.text("date.time.hour")
    if minutes <= MINUTES_SHOWN_UP_TO:
        return words.text("date.time.minutes", count=minutes)
    return words.text("date.time.hours", count=max(2, round(minutes / 60)))


def date_data(words: ScreenWords, idea: DateIdea, *, saved: bool) -> dict[str, Any]:
    """The whole idea; "save it" becomes a quiet "saved" once it is among the favourites."""
    save = (
        button(words.text("date.saved"), Tap(Touch.SAVE_DATE), disabled=True)
        if saved
        else button(words.text("date.save"), Tap(Touch.SAVE_DATE), primary=True)
    )
    return {
        "title": card_title(idea),
        "facts": [
            words.text(f"date.cost.{idea.cost}"),
            time_words(words, idea.minutes),
            words.text(f"date.setting.{idea.setting}"),
        ],
        "pitch": idea.pitch,
        "stepsHeading": words.text("date.steps"),
        "steps": list(idea.steps),
        "buttons": [
            button(words.text("date.another"), Tap(Touch.ANOTHER_DATE)),
            save,
        ],
    }
