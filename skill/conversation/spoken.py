"""Small things said aloud in English: weekday names, ratings as words, averages, lists.

Kept out of ``strftime`` (which follows the process locale, unknown on Lambda)
so the skill says "Tuesday" wherever it runs. The content is en-US only; a new
language would give this module a sibling.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBERS = ("zero", "one", "two", "three", "four", "five")


def weekday(day: date) -> str:
    """ "Tuesday"."""
    return _WEEKDAYS[day.weekday()]


def rating_word(rating: int) -> str:
    """A rating from one to five as a word ("four")."""
    return _NUMBERS[rating]


def spoken_number(value: float) -> str:
    """A small number as said: "four", "three and a half", "2.3" beyond that."""
    whole = int(value)
    if value == whole and 0 <= whole < len(_NUMBERS):
        return _NUMBERS[whole]
    if value - whole == 0.5 and 0 <= whole < len(_NUMBERS):
        return f"{_NUMBERS[whole]} and a half"
    return one_decimal(value)


def rounded_rating(value: float) -> int:
    """A mean rating rounded half up, as people round ("three and a half" is "about a four")."""
    return int(value + 0.5)


def one_decimal(value: float) -> str:
    """ "3.8", or "4" for a whole number: how an average is read aloud."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def spoken_list(items: Sequence[str]) -> str:
    """ "a, b and c", as a person would say it."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
