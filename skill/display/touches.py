"""A touch on the screen, answered as its spoken twin: the same intent, the same handlers.

Alexa sends a touch as an ``Alexa.Presentation.APL.UserEvent`` with the
arguments the document's ``SendEvent`` gave (:mod:`skill.screens.touch`). This
request interceptor, run after the turn is built and before any handler is
chosen, puts the intent the touch stands for in the request's place ("four",
"save it", "start a check-in"), so the touch reaches exactly the handler, the
dialog state and the store budget that saying it would. The turn is marked
as touched: Alexa takes no dialog directive in answer to a touch.
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import (
    DialogState,
    Intent,
    IntentConfirmationStatus,
    IntentRequest,
    Slot,
    SlotConfirmationStatus,
)
from ask_sdk_model.interfaces.alexa.presentation.apl import UserEvent
from ask_sdk_model.slu.entityresolution import (
    Resolution,
    Resolutions,
    Status,
    StatusCode,
    Value,
    ValueWrapper,
)

from skill.screens.touch import SlotFill, SpokenTwin, read_tap, spoken_twin
from skill.turn import current_turn

#: What a touch the skill does not offer (a stale or foreign document) stands for.
NOT_UNDERSTOOD = SpokenTwin("AMAZON.FallbackIntent")


def _slot(name: str, fill: SlotFill) -> Slot:
    resolutions = None
    if fill.type_name is not None:
        resolution = Resolution(
            authority=f"amzn1.er-authority.echo-sdk.touch.{fill.type_name}",
            status=Status(code=StatusCode.ER_SUCCESS_MATCH),
            values=[ValueWrapper(value=Value(name=fill.value, id=fill.id))],
        )
        resolutions = Resolutions(resolutions_per_authority=[resolution])
    return Slot(
        name=name,
        value=fill.value,
        confirmation_status=SlotConfirmationStatus.NONE,
        resolutions=resolutions,
    )


class TouchAsSpoken(AbstractRequestInterceptor):
    """Replaces a UserEvent by the IntentRequest its touch stands for."""

    def process(self, handler_input: HandlerInput) -> None:
        envelope = handler_input.request_envelope
        event = envelope.request
        if not isinstance(event, UserEvent):
            return
        tap = read_tap(event.arguments)
        twin = spoken_twin(tap) if tap is not None else NOT_UNDERSTOOD
        envelope.request = IntentRequest(
            request_id=event.request_id,
            timestamp=event.timestamp,
            locale=event.locale,
            dialog_state=DialogState.STARTED,
            intent=Intent(
                name=twin.intent,
                slots={name: _slot(name, fill) for name, fill in twin.slots.items()},
                confirmation_status=IntentConfirmationStatus.NONE,
            ),
        )
        current_turn(handler_input).touched = True
