"""How the personal touches change the household: names, voices, time zone, the reminder.

Each change sets values rather than adding to them, so replaying it (after a
lost race, or on the turn after a failed save) leaves the household as
applying it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from skill.conversation.names import clean_names
from skill.conversation.timezones import zone_or_none
from skill.conversation.voices import NOT_TOLD, remember_voice, voices_after_renaming
from skill.household.model import Household

#: The longest Reminders API id kept (real ones are well under this).
MAX_REMINDER_ID = 200


@dataclass(frozen=True)
class NamesGiven:
    """The partners' first names (empty: forget them); asking for them is over either way."""

    KIND: ClassVar[str] = "names"
    names: tuple[str, ...]

    def apply(self, household: Household) -> None:
        # Cleaned again here: a change replayed from session attributes is not trusted blindly.
        names = clean_names(*self.names)
        profile = household.profile
        # A voice stays matched only while the same person is at its index.
        profile.voices = voices_after_renaming(profile.voices, profile.names, names)
        profile.names = names
        profile.names_asked = True


@dataclass(frozen=True)
class NamesAsked:
    """The names invitation was given (or declined): it is not given again."""

    KIND: ClassVar[str] = "names_asked"

    def apply(self, household: Household) -> None:
        household.profile.names_asked = True


@dataclass(frozen=True)
class VoiceLearned:
    """A voice profile's hashed key is this partner (``index`` in the names, or NOT_TOLD)."""

    KIND: ClassVar[str] = "voice"
    voice: str
    index: int

    def apply(self, household: Household) -> None:
        if self.index != NOT_TOLD and not 0 <= self.index < len(household.profile.names):
            return
        household.profile.voices = remember_voice(
            household.profile.voices, self.voice[:16], self.index
        )


@dataclass(frozen=True)
class TimezoneRead:
    """The settings API was asked for the time zone (``zone`` empty when the read failed)."""

    KIND: ClassVar[str] = "timezone"
    zone: str
    checked_at: str

    def apply(self, household: Household) -> None:
        # A failed read stamps the attempt but keeps the zone known so far.
        if zone_or_none(self.zone) is not None:
            household.profile.timezone = self.zone
        household.profile.timezone_checked_at = self.checked_at


@dataclass(frozen=True)
class ReminderSet:
    """The nightly reminder this skill made: its Reminders API id and its time ("21:00")."""

    KIND: ClassVar[str] = "reminder_set"
    id: str
    at: str

    def apply(self, household: Household) -> None:
        household.profile.reminder_id = self.id[:MAX_REMINDER_ID]
        household.profile.reminder_at = self.at[:5]


@dataclass(frozen=True)
class ReminderCleared:
    """The nightly reminder is gone."""

    KIND: ClassVar[str] = "reminder_cleared"

    def apply(self, household: Household) -> None:
        household.profile.reminder_id = ""
        household.profile.reminder_at = ""
