"""The answer to "Shall I try saving again?", asked when a closing turn could not be saved.

The response interceptor asks it instead of ending the session (see
:mod:`skill.interceptors`), so the unsaved changes, carried in the session,
get one more chance. "Yes" tries now and says honestly how it went. "No",
"stop" or "cancel" let the changes go and end the session: a store that is
down must never keep the couple from leaving.
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from skill.conversation.dialog import IDLE, AskingToRetrySave
from skill.handlers.slots import intent_in
from skill.household.context import CommitResult
from skill.turn import current_turn, tell

_LET_GO = ("AMAZON.NoIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent")


class SaveRetryHandler(AbstractRequestHandler):
    """Yes, no, stop or cancel while the skill waits to hear whether to try the save again."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not isinstance(current_turn(handler_input).state, AskingToRetrySave):
            return False
        return intent_in(handler_input, ("AMAZON.YesIntent", *_LET_GO))

    def handle(self, handler_input: HandlerInput) -> Response:
        return retry_or_let_go(handler_input, is_intent_name("AMAZON.YesIntent")(handler_input))


def retry_or_let_go(handler_input: HandlerInput, yes: bool) -> Response:
    """Yes tries the save again now and says how it went; anything else lets it go."""
    turn = current_turn(handler_input)
    turn.set_state(IDLE)
    if yes:
        # Saved here rather than by the interceptor, to say how it went.
        if turn.household.commit() is not CommitResult.FAILED:
            return tell(handler_input, turn.prompts.say("store.retry_saved"))
        turn.household.discard_changes()
        return tell(handler_input, turn.prompts.say("store.retry_failed"))
    turn.household.discard_changes()
    return tell(handler_input, turn.prompts.say("store.retry_declined"))
