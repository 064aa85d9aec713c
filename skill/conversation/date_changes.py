"""The household changes of the date-night feature, registered with the household model.

Each applier turns a serialisable payload into an update of ``Profile.dates``
through :class:`~skill.conversation.date_memory.DateMemory`, whose updates give
the same result when replayed: the store replays a change after a lost race,
and on a later turn when a save failed.
"""

from __future__ import annotations

from datetime import date

from skill.conversation.date_memory import DateMemory
from skill.household.model import Household, applier
from skill.storage.base import JsonDict

SUGGESTED = "date_suggested"
LOVED = "date_loved"
SAVED = "date_saved"
DISLIKED = "date_disliked"


def date_memory(household: Household) -> DateMemory:
    """The household's date-night memory."""
    return DateMemory.from_doc(household.profile.dates)


def _store(household: Household, memory: DateMemory) -> None:
    household.profile.dates = memory.to_doc()


@applier(SUGGESTED)
def _suggested(household: Household, payload: JsonDict) -> None:
    day = date.fromisoformat(str(payload["on"]))
    _store(household, date_memory(household).suggested(str(payload["idea"]), day))


@applier(LOVED)
def _loved(household: Household, payload: JsonDict) -> None:
    _store(household, date_memory(household).loved_it(str(payload["idea"])))


@applier(SAVED)
def _saved(household: Household, payload: JsonDict) -> None:
    _store(household, date_memory(household).saved_it(str(payload["idea"])))


@applier(DISLIKED)
def _disliked(household: Household, payload: JsonDict) -> None:
    _store(household, date_memory(household).disliked_it(str(payload["idea"])))
