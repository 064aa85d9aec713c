"""The one exception handler: an apology by voice, never a crash, never personal data in logs."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.conversation.dialog import Offering, PracticeOffer, encode_state
from skill.household.context import ErasureFailed
from skill.request import session_attributes_of
from skill.storage.base import StoreError
from skill.turn import STATE, elicit_answer

logger = logging.getLogger(__name__)

# Fixed text: this handler must work even when content or the turn failed to load.
_SORRY = "I'm sorry, something went wrong on my side."
_QUESTION = "Would you like to try that again, or do something else?"
# When the store is down, practices still work: say so rather than leave the couple stuck.
_STORE_SORRY = (
    "I'm sorry, I can't reach our notes right now, so I can't save anything for a little while."
)
_STORE_QUESTION = "We can still do a practice together. Would you like one?"


class SpokenApologyHandler(AbstractExceptionHandler):
    """Catches everything a handler raises and answers with a spoken apology and a reprompt.

    Everything but :class:`ErasureFailed`: an erasure nobody asked for by voice
    (the skill was disabled) that did not happen must fail the request, so Alexa
    can deliver the event again; the SDK raises what no exception handler takes.
    """

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return not isinstance(exception, ErasureFailed)

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        # One line: the exception type and where, never its message (it may carry user data).
        logger.error(
            "request failed: %s in %s", type(exception).__name__, _request_kind(handler_input)
        )
        if isinstance(exception, StoreError):
            _offer_a_practice(handler_input)
            sorry, question = _STORE_SORRY, _STORE_QUESTION
        else:
            sorry, question = _SORRY, _QUESTION
        handler_input.response_builder.speak(f"{sorry} {question}").ask(question)
        elicit_answer(handler_input)
        return handler_input.response_builder.response


def _request_kind(handler_input: HandlerInput) -> str:
    """ "IntentRequest:PracticeIntent", for the log line; best effort, never raises."""
    try:
        request = handler_input.request_envelope.request
        kind = getattr(request, "object_type", None) or type(request).__name__
        intent = getattr(request, "intent", None)
        return f"{kind}:{intent.name}" if intent is not None else str(kind)
    except Exception:
        return "unknown"


def _offer_a_practice(handler_input: HandlerInput) -> None:
    """Make "yes" read a practice, which needs no store."""
    if handler_input.request_envelope.session is not None:
        session_attributes_of(handler_input)[STATE] = encode_state(Offering(PracticeOffer()))
