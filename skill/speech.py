"""Building speech for the ear: SSML assembly, escaping, pauses and plain-text cards.

Content is stored as plain text; SSML is added only here, so every string that
reaches Alexa is escaped exactly once and uses only tags Alexa supports.
"""

from __future__ import annotations

import re
from html import escape, unescape

#: Alexa's maximum for a single <break>; longer pauses are a run of these.
MAX_BREAK_SECONDS = 10

_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r'<break time="(\d+)(m?s)"\s*/>')
_SPACES = re.compile(r"\s+")


def escape_text(text: str) -> str:
    """Escape the characters SSML reserves (``&``, ``<``, ``>``).

    ``html.escape`` rather than ``xml.sax.saxutils.escape``: the same three
    replacements, without pulling ``urllib.request`` and ``email`` into every
    cold start.
    """
    return escape(text, quote=False)


def pause(seconds: int) -> str:
    """A pause of ``seconds`` as a run of Alexa-sized breaks."""
    if seconds <= 0:
        return ""
    full, rest = divmod(seconds, MAX_BREAK_SECONDS)
    breaks = [f'<break time="{MAX_BREAK_SECONDS}s"/>'] * full
    if rest:
        breaks.append(f'<break time="{rest}s"/>')
    return "".join(breaks)


class Speech:
    """Accumulates sentences and pauses into one SSML body (without ``<speak>``)."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def say(self, *sentences: str) -> Speech:
        """Add plain sentences; empty ones are skipped."""
        self._parts.extend(escape_text(s.strip()) for s in sentences if s and s.strip())
        return self

    def pause(self, seconds: int) -> Speech:
        """Add a pause long enough for the couple to do something."""
        if seconds > 0:
            self._parts.append(pause(seconds))
        return self

    def extend(self, other: Speech) -> Speech:
        """Append another speech's parts."""
        self._parts.extend(other._parts)
        return self

    def ssml(self) -> str:
        """The SSML body: sentences separated by spaces, pauses inline."""
        return " ".join(self._parts)

    def __bool__(self) -> bool:
        return bool(self._parts)


def ssml_to_text(ssml: str, *, show_pauses: bool = False) -> str:
    """Plain text of an SSML string, for cards, logs and the simulator.

    With ``show_pauses`` a run of breaks becomes ``[pause 60s]`` so a reader of
    the simulator sees where the couple is given time.
    """
    text = ssml
    if show_pauses:
        text = _collapse_breaks(text)
    text = _TAG.sub(" ", text)
    return _SPACES.sub(" ", unescape(text)).strip()


def _collapse_breaks(ssml: str) -> str:
    def seconds(match: re.Match[str]) -> float:
        value = int(match.group(1))
        return value / 1000 if match.group(2) == "ms" else value

    out: list[str] = []
    pos = 0
    total = 0.0
    for match in _BREAK.finditer(ssml):
        gap = ssml[pos : match.start()]
        if gap.strip():
            if total:
                out.append(f" [pause {total:g}s] ")
                total = 0.0
            out.append(gap)
        total += seconds(match)
        pos = match.end()
    if total:
        out.append(f" [pause {total:g}s] ")
    out.append(ssml[pos:])
    return "".join(out)
