"""Words that must fit the household's hour: no "goodnight" at eleven in the morning.

The prompts keep a plain version of each greeting and goodbye that fits any
hour, and versions for the parts of the day that have their own words; these
functions pick the prompt key for the household's local time.
"""

from __future__ import annotations

from skill.conversation.evening import PartOfDay

#: Welcomes that greet by the part of the day (the others are said only in the evening or
#: carry no time words).
_WELCOMES_BY_HOUR = frozenset({"first", "back"})


def goodbye_key(part: PartOfDay) -> str:
    """The goodbye for ``part``: goodnight in the evening, a plain goodbye otherwise."""
    return "goodbye.evening" if part is PartOfDay.EVENING else "goodbye"


def welcome_key(kind: str, part: PartOfDay) -> str:
    """The greeting key of a welcome of ``kind`` at ``part`` of the day."""
    if kind in _WELCOMES_BY_HOUR and part is not PartOfDay.EVENING:
        return f"welcome.{kind}.{part.value}"
    return f"welcome.{kind}"
