"""How Alexa fills its built-in slot types, for the local simulator's NLU.

Each built-in type is a regular expression over normalised text (lowercase,
single spaces, no punctuation) plus a function that turns the matched words
into the value Alexa would send: ``AMAZON.NUMBER`` "twenty one" → "21",
``AMAZON.TIME`` "nine thirty pm" → "21:30", ``AMAZON.DURATION`` "half an hour"
→ "PT30M", ``AMAZON.DATE`` "tomorrow" → an ISO date relative to the request.
A resolver returns None to reject a match the pattern was too loose for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from skill.conversation.numbers import NUMBER_WORDS, TEN_WORDS, UNIT_WORDS, number_value

Resolver = Callable[[str, date], str | None]


@dataclass(frozen=True)
class BuiltinSlot:
    """A built-in slot type: what text it accepts and the value Alexa reports for it."""

    pattern: str
    resolve: Resolver


def _number(text: str, _today: date) -> str | None:
    value = number_value(text)
    return None if value is None else str(value)


def _first_name(text: str, _today: date) -> str | None:
    # Alexa's speech recognition writes names capitalised.
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def _verbatim(text: str, _today: date) -> str | None:
    return text


# --- AMAZON.TIME -------------------------------------------------------------------------

_PERIODS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_NAMED_TIMES = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}
_HOUR = rf"(?:\d{{1,2}}|{UNIT_WORDS})"
_MINUTE = rf"(?:\d{{2}}|oh (?:{UNIT_WORDS})|(?:{TEN_WORDS})(?: (?:{UNIT_WORDS}))?|{UNIT_WORDS})"
_AFTERNOON_WORDS = ("pm", "p m", "in the afternoon", "in the evening", "at night", "tonight")
_MORNING_WORDS = ("am", "a m", "in the morning")
_SUFFIX = "|".join(_AFTERNOON_WORDS + _MORNING_WORDS)
_CLOCK = (
    rf"(?:(?:half|quarter) past {_HOUR}|quarter to {_HOUR}"
    rf"|{_HOUR}(?: {_MINUTE})?(?: o'?clock)?)(?: (?:{_SUFFIX}))?"
)
TIME_PATTERN = rf"(?:{_CLOCK}|{'|'.join(_NAMED_TIMES)}|(?:this |in the )?(?:{'|'.join(_PERIODS)}))"


def time_value(text: str, _today: date | None = None) -> str | None:
    """Alexa's AMAZON.TIME value: "HH:MM", or MO/AF/EV/NI for a part of the day.

    Without "am"/"pm" the hour is reported as said ("nine" → "09:00"), as
    Alexa does; deciding that a reminder at nine means the evening is the
    skill's job, not the recogniser's.
    """
    words = text.split()
    if words and words[0] in ("this", "in"):
        words = words[2:] if words[0] == "in" else words[1:]
    if len(words) == 1 and words[0] in _PERIODS:
        return _PERIODS[words[0]]
    if len(words) == 1 and words[0] in _NAMED_TIMES:
        return _NAMED_TIMES[words[0]]
    phrase = " ".join(words)
    afternoon = phrase.endswith(_AFTERNOON_WORDS)
    morning = phrase.endswith(_MORNING_WORDS)
    for suffix in _AFTERNOON_WORDS + _MORNING_WORDS:
        if phrase.endswith(" " + suffix):
            phrase = phrase[: -len(suffix) - 1]
            break
    hour, minute = _clock(phrase.replace(" o'clock", "").replace(" oclock", ""))
    if hour is None or minute is None or not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    if (afternoon or morning) and not 1 <= hour <= 12:
        return None
    if afternoon and hour < 12:
        hour += 12
    if morning and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def _clock(phrase: str) -> tuple[int | None, int | None]:
    words = phrase.split()
    if words[:2] == ["half", "past"]:
        return number_value(" ".join(words[2:])), 30
    if words[:2] == ["quarter", "past"]:
        return number_value(" ".join(words[2:])), 15
    if words[:2] == ["quarter", "to"]:
        hour = number_value(" ".join(words[2:]))
        return (None if hour is None else (hour - 1) % 24), 45
    hour = number_value(words[0])
    rest = words[1:]
    if not rest:
        return hour, 0
    if rest[0] == "oh":
        rest = rest[1:]
    return hour, number_value(" ".join(rest))


# --- AMAZON.DURATION ---------------------------------------------------------------------

_UNIT_CODES = {
    "second": ("T", "S"),
    "minute": ("T", "M"),
    "hour": ("T", "H"),
    "day": ("", "D"),
    "week": ("", "W"),
    "month": ("", "M"),
    "year": ("", "Y"),
}
_AMOUNT = rf"(?:\d+|an?|{NUMBER_WORDS})"
_DURATION_UNIT = "|".join(_UNIT_CODES)
_PART = rf"{_AMOUNT} (?:{_DURATION_UNIT})s?"
DURATION_PATTERN = rf"(?:half an hour|an hour and a half|{_PART}(?:(?: and|,)? {_PART})*)"


def duration_value(text: str, _today: date | None = None) -> str | None:
    """Alexa's AMAZON.DURATION value in ISO 8601: "ten minutes" → "PT10M"."""
    if text == "half an hour":
        return "PT30M"
    if text == "an hour and a half":
        return "PT1H30M"
    words = [w for w in text.split() if w != "and"]
    amounts: dict[str, int] = {}
    amount_words: list[str] = []
    for word in words:
        unit = word[:-1] if word.endswith("s") and word[:-1] in _UNIT_CODES else word
        if unit not in _UNIT_CODES:
            amount_words.append(word)
            continue
        phrase = " ".join(amount_words)
        amount = 1 if phrase in ("a", "an") else number_value(phrase)
        if amount is None:
            return None
        amounts[unit] = amounts.get(unit, 0) + amount
        amount_words = []
    if amount_words or not amounts:
        return None
    date_part = "".join(
        f"{amounts[u]}{_UNIT_CODES[u][1]}" for u in ("year", "month", "week", "day") if u in amounts
    )
    time_part = "".join(
        f"{amounts[u]}{_UNIT_CODES[u][1]}" for u in ("hour", "minute", "second") if u in amounts
    )
    return "P" + date_part + ("T" + time_part if time_part else "")


# --- AMAZON.DATE -------------------------------------------------------------------------

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "this evening": 0,
    "tomorrow": 1,
    "tomorrow night": 1,
    "yesterday": -1,
    "last night": -1,
}
DATE_PATTERN = (
    rf"(?:{'|'.join(_DAY_OFFSETS)}|(?:this |next )?(?:{'|'.join(_WEEKDAYS)})"
    r"|(?:this|next) (?:week|weekend))"
)


def date_value(text: str, today: date) -> str | None:
    """Alexa's AMAZON.DATE value relative to the request's day.

    A day gives "2024-05-03"; a week "2024-W18"; a weekend "2024-W18-WE".
    A bare weekday is the next one on or after today, as Alexa resolves it.
    """
    if text in _DAY_OFFSETS:
        return (today + timedelta(days=_DAY_OFFSETS[text])).isoformat()
    words = text.split()
    if words[-1] in ("week", "weekend"):
        start = today + timedelta(days=7 if words[0] == "next" else 0)
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}" + ("-WE" if words[-1] == "weekend" else "")
    ahead = (_WEEKDAYS.index(words[-1]) - today.weekday()) % 7
    if words[0] == "next" and ahead == 0:
        ahead = 7
    return (today + timedelta(days=ahead)).isoformat()


#: Alexa's built-in types the simulator understands; any other AMAZON.* type takes 1–4 words.
BUILTIN_SLOTS: dict[str, BuiltinSlot] = {
    "AMAZON.NUMBER": BuiltinSlot(rf"(?:\d+|{NUMBER_WORDS})", _number),
    "AMAZON.FirstName": BuiltinSlot(r"[^\W\d_][\w']*(?: [^\W\d_][\w']*)?", _first_name),
    "AMAZON.SearchQuery": BuiltinSlot(r".+?", _verbatim),
    "AMAZON.TIME": BuiltinSlot(TIME_PATTERN, time_value),
    "AMAZON.DURATION": BuiltinSlot(DURATION_PATTERN, duration_value),
    "AMAZON.DATE": BuiltinSlot(DATE_PATTERN, date_value),
}
GENERIC_BUILTIN = BuiltinSlot(r"\S+(?: \S+){0,3}", _verbatim)


def builtin_slot(type_name: str) -> BuiltinSlot:
    """The matcher for a built-in type (a loose 1–4 word one for types not modelled here)."""
    return BUILTIN_SLOTS.get(type_name, GENERIC_BUILTIN)
