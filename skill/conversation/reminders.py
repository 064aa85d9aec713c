"""The nightly check-in reminder: what time was meant, how to say it, what consent came back.

Pure helpers for :mod:`skill.handlers.reminders`. A reminder is for the
evening check-in, so a bare hour ("at nine") means the evening; the time is
always said back in the confirmation question, so a household that meant the
morning can say no.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from typing import Any

#: When the household asks for a reminder without saying a time.
DEFAULT_TIME = time(21, 0)
#: Alexa's AMAZON.TIME values for parts of the day, as reminder times.
_PARTS_OF_DAY = {"MO": time(8, 0), "AF": time(15, 0), "EV": time(19, 0), "NI": time(21, 0)}
#: The token carried through the voice-permission request and back in Connections.Response.
_TOKEN_PREFIX = "nightly-reminder@"

ACCEPTED = "ACCEPTED"


def evening_time(value: str | None) -> time | None:
    """The reminder time an AMAZON.TIME value means, or None when it is not a time.

    "21:30" is kept; "09:00" (a bare "nine") becomes 21:00, since the reminder is
    for the evening check-in; parts of the day ("NI") become a typical hour.
    """
    if not value:
        return None
    if value in _PARTS_OF_DAY:
        return _PARTS_OF_DAY[value]
    try:
        parsed = time.fromisoformat(value)
    except ValueError:
        return None
    hour = parsed.hour + 12 if 1 <= parsed.hour <= 11 else parsed.hour
    return time(hour, parsed.minute)


def clock_text(at: time) -> str:
    """ "21:00": how a reminder time is kept in the profile and in state."""
    return at.strftime("%H:%M")


def from_clock_text(text: object) -> time | None:
    """The time kept as ``clock_text``, or None when the value is not one."""
    try:
        return time.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def spoken_time(at: time) -> str:
    """A time the way people say it: "9 PM", "8:30 PM", "noon", "midnight"."""
    if at.minute == 0 and at.hour in (0, 12):
        return "midnight" if at.hour == 0 else "noon"
    hour = at.hour % 12 or 12
    minutes = f":{at.minute:02d}" if at.minute else ""
    return f"{hour}{minutes} {'AM' if at.hour < 12 else 'PM'}"


def consent_token(at: time) -> str:
    """The token sent with the permission request: it carries the agreed time back to us."""
    return _TOKEN_PREFIX + clock_text(at)


def time_from_consent_token(token: str | None) -> time | None:
    """The agreed time a Connections.Response token carries, or None for another token."""
    if not token or not token.startswith(_TOKEN_PREFIX):
        return None
    return from_clock_text(token[len(_TOKEN_PREFIX) :])


def consent_status(payload: Mapping[str, Any] | None) -> str:
    """ACCEPTED, DENIED or NOT_ANSWERED from an AskFor Connections.Response payload.

    Version 1 answers put ``status`` beside ``permissionScope``; version 2 lists
    ``permissionScopes`` and may carry the status on the scope entry.
    """
    if not payload:
        return "NOT_ANSWERED"
    if payload.get("status"):
        return str(payload["status"])
    for scope in payload.get("permissionScopes") or []:
        if isinstance(scope, Mapping) and scope.get("status"):
            return str(scope["status"])
    return "NOT_ANSWERED"


def reminders_granted(consent: str | None, scopes: Mapping[str, str] | None, scope: str) -> bool:
    """Whether the request says the household granted ``scope``.

    ``scopes`` maps scope names to their status ("GRANTED", "DENIED") when Alexa
    sends them; otherwise a consent token means the (only) permission asked for
    was granted.
    """
    if scopes and scope in scopes:
        return scopes[scope] == "GRANTED"
    return bool(consent)
