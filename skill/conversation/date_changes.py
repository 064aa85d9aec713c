"""How the date-night feature changes the household: suggestions, loves, saves, dislikes.

Each change updates ``Profile.dates`` through
:class:`~skill.household.date_memory.DateMemory`, whose updates give the same
result when replayed: the store replays a change after a lost race, and on a
later turn when a save failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from skill.household.model import Household


@dataclass(frozen=True)
class DateSuggested:
    """An idea was suggested on ``on`` (an ISO date): not repeated for a while."""

    KIND: ClassVar[str] = "date_suggested"
    idea: str
    on: str

    def apply(self, household: Household) -> None:
        memory = household.profile.dates
        household.profile.dates = memory.suggested(self.idea, date.fromisoformat(self.on))


@dataclass(frozen=True)
class DateLoved:
    """ "We love it": liked and saved."""

    KIND: ClassVar[str] = "date_loved"
    idea: str

    def apply(self, household: Household) -> None:
        household.profile.dates = household.profile.dates.loved_it(self.idea)


@dataclass(frozen=True)
class DateSaved:
    """ "Save it": into the favourites."""

    KIND: ClassVar[str] = "date_saved"
    idea: str

    def apply(self, household: Household) -> None:
        household.profile.dates = household.profile.dates.saved_it(self.idea)


@dataclass(frozen=True)
class DateDisliked:
    """ "Not for us": never suggested again."""

    KIND: ClassVar[str] = "date_disliked"
    idea: str

    def apply(self, household: Household) -> None:
        household.profile.dates = household.profile.dates.disliked_it(self.idea)
