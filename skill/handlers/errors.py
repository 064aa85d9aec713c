"""The one exception handler: an apology by voice, never a crash, never personal data in logs."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.storage.base import StoreError

logger = logging.getLogger(__name__)

# Fixed text: this handler must work even when content or the turn failed to load.
_SORRY = "I'm sorry, something went wrong on my side."
_STORE_SORRY = "I'm sorry, I can't reach our notes right now."
_QUESTION = "Would you like to try that again, or do something else?"


class SpokenApologyHandler(AbstractExceptionHandler):
    """Catches everything a handler raises and answers with a spoken apology and a reprompt."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        request_type = "unknown"
        try:
            request = handler_input.request_envelope.request
            request_type = getattr(request, "object_type", None) or type(request).__name__
            intent = getattr(request, "intent", None)
            if intent is not None:
                request_type = f"{request_type}:{intent.name}"
        except Exception:
            pass
        # One line: the exception type and where, never its message (it may carry user data).
        logger.error("request failed: %s in %s", type(exception).__name__, request_type)
        sorry = _STORE_SORRY if isinstance(exception, StoreError) else _SORRY
        return handler_input.response_builder.speak(f"{sorry} {_QUESTION}").ask(_QUESTION).response
