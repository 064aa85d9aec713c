"""Reading what a request says: which intent, and slot values the way Alexa resolves them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.slu.entityresolution import StatusCode

from skill.request import intent_of, slots_of


@dataclass(frozen=True)
class SlotValue:
    """What the user said, and the canonical value and id when entity resolution matched."""

    spoken: str
    canonical: str | None = None
    id: str | None = None


def slot_value(handler_input: HandlerInput, name: str) -> SlotValue | None:
    """The slot's value, or None when the slot is absent or empty."""
    slot = slots_of(handler_input).get(name)
    if slot is None or not slot.value:
        return None
    resolutions = slot.resolutions.resolutions_per_authority if slot.resolutions else None
    for authority in resolutions or []:
        matched = authority.status and authority.status.code == StatusCode.ER_SUCCESS_MATCH
        value = authority.values[0].value if matched and authority.values else None
        if value is not None:
            return SlotValue(spoken=slot.value, canonical=value.name, id=value.id)
    return SlotValue(spoken=slot.value)


def intent_name(handler_input: HandlerInput) -> str | None:
    """The intent's name, or None for a request that is not an IntentRequest."""
    intent = intent_of(handler_input)
    return intent.name if intent is not None else None


def intent_in(handler_input: HandlerInput, names: Iterable[str]) -> bool:
    """Whether the request is an IntentRequest for one of ``names``."""
    return intent_name(handler_input) in set(names)
