"""The connection rating's range: what "how connected did you feel, one to five" accepts.

Reading a rating from what was said ("like a four", "three and a half",
"pretty good") is :func:`skill.conversation.understanding.read_rating`; whether
the number is in range is the check-in's decision, made here.
"""

from __future__ import annotations

#: Lowest and highest connection rating.
RATING_RANGE = range(1, 6)


def in_range(value: int | None) -> bool:
    """Whether ``value`` is a rating the check-in accepts."""
    return value is not None and value in RATING_RANGE
