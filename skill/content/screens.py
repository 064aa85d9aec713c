"""The words shown on an Echo Show's screen: headings, button labels, small captions.

Loaded from ``screens.json`` and checked like spoken content (plain text, only
known placeholders), so a bad edit fails in the tests rather than on a screen.
They are written for the eye, to sit beside what Alexa says, never instead of it:
everything a screen offers can also be said.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from skill.content import ContentError, load_json, require_text

#: The values a screen word may have filled in.
PLACEHOLDERS = frozenset({"number", "total", "count", "name", "average"})
#: Long enough for a caption, short enough to read at a glance across a room.
MAX_CHARS = 80


@dataclass(frozen=True)
class ScreenWords:
    """Every screen word of a locale, by key (``home.question``, ``date.save``…)."""

    words: dict[str, str]

    def text(self, key: str, **values: object) -> str:
        """The words of ``key`` with ``values`` filled in; KeyError for an unknown key."""
        return self.words[key].format(**values) if values else self.words[key]


def parse_screen_words(raw: Any, where: str = "screens") -> ScreenWords:
    """Validate the file: an object of short, plain texts."""
    if not isinstance(raw, dict) or not raw:
        raise ContentError(f"{where}: must be an object of texts")
    words = {}
    for key, value in raw.items():
        text = require_text(f"{where}.{key}", value, allow_placeholders=PLACEHOLDERS)
        if len(text) > MAX_CHARS:
            raise ContentError(f"{where}.{key}: over {MAX_CHARS} characters, too long to glance at")
        words[key] = text
    return ScreenWords(words)


@cache
def screen_words(locale: str) -> ScreenWords:
    """The screen words of ``locale`` (validated once per process)."""
    return parse_screen_words(load_json(locale, "screens"), f"{locale}/screens.json")
