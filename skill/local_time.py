"""The household's time zone: read once through the Alexa settings API, cached in the profile.

:meth:`skill.turn.Turn.timezone` calls :func:`household_timezone` once the
household is loaded, so "tonight", the streak and weekly progress all follow
the device's zone. The API is asked only when the cached zone is missing or
stale (see :mod:`skill.conversation.timezones`); any failure falls back to the
zone known so far, or to the configured default, and is remembered so the
next turns do not each wait for a broken API.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import skill.conversation.personal_changes  # noqa: F401  (registers the "timezone" change)
from skill.alexa_api import AlexaApiError
from skill.conversation.timezones import needs_refresh, zone_or_none

if TYPE_CHECKING:
    from skill.turn import Turn

logger = logging.getLogger(__name__)


def device_zone_name(turn: Turn) -> str | None:
    """The IANA name of the household's zone as the device reported it (refreshed first when
    due), or None while it is unknown."""
    profile = turn.household.household.profile
    if needs_refresh(profile, turn.now) and turn.alexa is not None:
        zone = ""
        try:
            read = turn.alexa.timezone()
            if zone_or_none(read) is not None:
                zone = read
            else:
                logger.warning("settings API named an unknown time zone; keeping the default")
        except AlexaApiError as exc:
            logger.warning("time zone not read: %s", exc)
        turn.household.apply("timezone", zone=zone, checked_at=turn.now.isoformat())
    return profile.timezone if zone_or_none(profile.timezone) is not None else None


def household_timezone(turn: Turn) -> ZoneInfo:
    """The household's zone as a tzinfo (the configured default until one is known)."""
    zone = zone_or_none(device_zone_name(turn))
    return zone or ZoneInfo(turn.settings.default_timezone)
