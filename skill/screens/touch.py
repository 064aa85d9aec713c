"""What a touch on the screen means: the spoken request it stands for.

Every touch target sends ``SendEvent`` with two arguments, a :class:`Touch`
and a number (a rating, a partner count; 0 when it needs none). A touch is
then answered exactly as its spoken twin would be (:func:`spoken_twin`):
the same intent with the same slots, through the same handlers, so touch
and voice cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Touch(Enum):
    """Every touch target a screen can offer (the value is what ``SendEvent`` sends)."""

    CHECK_IN = "checkin"
    PRACTICE = "practice"
    DATE_IDEA = "date"
    NEXT_STEP = "next"
    ANOTHER_DATE = "another"
    SAVE_DATE = "save"
    RATING = "rating"
    PARTNERS = "partners"
    SKIP = "skip"


@dataclass(frozen=True)
class Tap:
    """One touch: what was touched, and its number (0 when it carries none)."""

    touch: Touch
    value: int = 0


@dataclass(frozen=True)
class SlotFill:
    """A slot as Alexa's entity resolution would fill it for the spoken twin."""

    value: str
    type_name: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class SpokenTwin:
    """The intent, and its slots, that says what a touch means."""

    intent: str
    slots: Mapping[str, SlotFill] = field(default_factory=dict)


#: Partner counts as the PartnerCount slot type resolves them.
_PARTNER_IDS = {1: "solo", 2: "both"}
_RATINGS = range(1, 6)


def read_tap(arguments: Sequence[Any] | None) -> Tap | None:
    """The tap a UserEvent's arguments describe, or None when they describe none we offer."""
    if not arguments or not isinstance(arguments[0], str):
        return None
    try:
        touch = Touch(arguments[0])
    except ValueError:
        return None
    raw = arguments[1] if len(arguments) > 1 else 0
    # APL sends numbers from data binding as numbers; a string of digits is read the same.
    value = int(raw) if isinstance(raw, int | float | str) and str(raw).strip().isdigit() else 0
    if touch is Touch.RATING and value not in _RATINGS:
        return None
    if touch is Touch.PARTNERS and value not in _PARTNER_IDS:
        return None
    return Tap(touch, value)


def spoken_twin(tap: Tap) -> SpokenTwin:
    """The spoken request a tap stands for ("start a check-in", "four", "save it"…)."""
    match tap.touch:
        case Touch.RATING:
            return SpokenTwin("RatingIntent", {"rating": SlotFill(str(tap.value))})
        case Touch.PARTNERS:
            partners = _PARTNER_IDS[tap.value]
            return SpokenTwin(
                "PartnersIntent", {"partners": SlotFill(partners, "PartnerCount", partners)}
            )
        case _:
            return SpokenTwin(_PLAIN_TWINS[tap.touch])


#: Touches whose twin is an intent without slots.
_PLAIN_TWINS = {
    Touch.CHECK_IN: "StartCheckInIntent",
    Touch.PRACTICE: "AnyPracticeIntent",
    Touch.DATE_IDEA: "DateIdeaIntent",
    Touch.NEXT_STEP: "AMAZON.NextIntent",
    Touch.ANOTHER_DATE: "DateAnotherIntent",
    Touch.SAVE_DATE: "DateSaveIntent",
    Touch.SKIP: "SkipIntent",
}


def button(
    label: str, tap: Tap, *, primary: bool = False, disabled: bool = False
) -> dict[str, Any]:
    """A touch target as the shared ``Buttons`` layout reads it from a datasource."""
    return {
        "label": label,
        "event": tap.touch.value,
        "value": tap.value,
        "primary": primary,
        "disabled": disabled,
    }
