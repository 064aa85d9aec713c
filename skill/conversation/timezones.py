"""When to re-read the household's time zone, and how to turn a stored name into a zone.

The settings API is asked rarely: when the zone has never been read, once a
week after that (a household may move or change the device's setting), and
after a day when the last attempt failed. Everything here is pure; the call
itself lives in :meth:`skill.turn.Turn.device_zone_name`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from skill.household.model import Profile

#: How long a time zone read from the settings API is trusted.
REFRESH_AFTER = timedelta(days=7)
#: How long to wait before trying again when the last read failed.
RETRY_AFTER = timedelta(days=1)


def zone_or_none(name: str | None) -> ZoneInfo | None:
    """The zone named ``name`` ("America/Los_Angeles"), or None when it is not a known zone."""
    if not name or len(name) > 64:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def needs_refresh(profile: Profile, now: datetime) -> bool:
    """Whether the household's zone should be read from the settings API on this turn."""
    try:
        checked = datetime.fromisoformat(profile.timezone_checked_at)
    except ValueError:
        return True
    if checked.tzinfo is None or checked > now:
        return True
    return now - checked >= (REFRESH_AFTER if profile.timezone else RETRY_AFTER)
