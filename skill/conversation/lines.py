"""What one turn's readers remember of its words, forgotten when the next turn starts.

A turn reads what was said several times over: the care handler, the answer
step, the date follow-up and the gentle word each ask for a control, a
request or a crisis, and each reading is a pure function of the words, so
each is remembered (``functools.lru_cache``). Remembered only for the turn:
a warm process answers one household after another, and the words of one
couple's evening, a disclosure among them, are not kept in memory while the
next is served.
"""

from __future__ import annotations

from skill.conversation import care, requests, understanding


def forget_lines() -> None:
    """Forget every line the readers remember (called as each turn starts)."""
    for reader in (
        understanding.normalise,
        requests.read_request,
        requests.read_date_follow_up,
        care.detect_crisis,
        care.hears_crisis,
        care.may_speak_of_crisis,
        care.second_ear,
    ):
        reader.cache_clear()
