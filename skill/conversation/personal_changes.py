"""How the personal touches change the household: names, voices, time zone, the reminder.

Each applier sets values rather than adding to them, so replaying a change
(after a lost race, or on the turn after a failed save) leaves the household
as applying it once.
"""

from __future__ import annotations

from skill.conversation.names import clean_names
from skill.conversation.timezones import zone_or_none
from skill.conversation.voices import NOT_TOLD, remember_voice, voices_after_renaming
from skill.household.model import Household, applier
from skill.storage.base import JsonDict


@applier("names")
def _names(household: Household, payload: JsonDict) -> None:
    # Cleaned again here: a change replayed from session attributes is not trusted blindly.
    names = clean_names(*[str(n) for n in payload.get("names") or []])
    profile = household.profile
    # A voice stays matched only while the same person is at its index.
    profile.voices = voices_after_renaming(profile.voices, profile.names, names)
    profile.names = names
    profile.names_asked = True


@applier("voice")
def _voice(household: Household, payload: JsonDict) -> None:
    index = int(payload["index"])
    if index != NOT_TOLD and not 0 <= index < len(household.profile.names):
        return
    household.profile.voices = remember_voice(
        household.profile.voices, str(payload["voice"])[:16], index
    )


@applier("names_asked")
def _names_asked(household: Household, payload: JsonDict) -> None:
    household.profile.names_asked = True


@applier("timezone")
def _timezone(household: Household, payload: JsonDict) -> None:
    # A failed read stamps the attempt but keeps the zone known so far.
    zone = str(payload.get("zone") or "")
    if zone_or_none(zone) is not None:
        household.profile.timezone = zone
    household.profile.timezone_checked_at = str(payload["checked_at"])


@applier("reminder_set")
def _reminder_set(household: Household, payload: JsonDict) -> None:
    household.profile.reminder_id = str(payload["id"])[:200]
    household.profile.reminder_at = str(payload["at"])[:5]


@applier("reminder_cleared")
def _reminder_cleared(household: Household, payload: JsonDict) -> None:
    household.profile.reminder_id = ""
    household.profile.reminder_at = ""
