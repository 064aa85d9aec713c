"""The home screen's datasource: a greeting and the three choices, each a touch target."""

from __future__ import annotations

from typing import Any

from skill.content.screens import ScreenWords
from skill.screens.touch import Touch

#: The three things a couple can do, in the order the welcome names them.
CHOICES = (
    (Touch.CHECK_IN, "home.checkin"),
    (Touch.PRACTICE, "home.practice"),
    (Touch.DATE_IDEA, "home.date"),
)


def home_data(words: ScreenWords, *, evening: bool) -> dict[str, Any]:
    """Greeting, question and choices; "good evening" only in the evening."""
    return {
        "greeting": words.text("home.greeting.evening" if evening else "home.greeting.day"),
        "question": words.text("home.question"),
        "choices": [
            {"label": words.text(key), "hint": words.text(f"{key}.hint"), "event": touch.value}
            for touch, key in CHOICES
        ],
    }
