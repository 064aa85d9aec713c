"""Erasing the household: "delete our data" (confirmed by voice) and the SkillDisabled event.

Only a clear "yes" right after the warning erases; anything else keeps the
data. Disabling the skill erases without a word: Alexa gives the household a
new user id if it enables the skill again, so data left behind would only be
orphaned. Erasure goes through :meth:`HouseholdContext.erase`, which also makes
sure the save at the end of the request cannot bring the household back.
"""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response

from skill.handlers.reminders import delete_known_reminder
from skill.speech import Speech
from skill.turn import ask, current_turn, tell

logger = logging.getLogger(__name__)

ERASE_MODE = "erase"
#: Answers to "shall I delete it all?" that keep the data (any other request keeps it too).
_KEEPING_INTENTS = (
    "AMAZON.NoIntent",
    "AMAZON.CancelIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.NextIntent",
    "SkipIntent",
)


class DeleteDataHandler(AbstractRequestHandler):
    """ "Delete our data": say what would go, and wait for a yes."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("DeleteDataIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        turn.set_state(ERASE_MODE)
        question = turn.prompts.say("erase.question")
        speech = Speech().say(turn.prompts.say("erase.confirm"), question)
        return ask(handler_input, speech, question)


class EraseAnswerHandler(AbstractRequestHandler):
    """The answer to the erase question: yes erases it all; no, or anything unclear, keeps it."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if current_turn(handler_input).mode != ERASE_MODE:
            return False
        return is_intent_name("AMAZON.YesIntent")(handler_input) or any(
            is_intent_name(name)(handler_input) for name in _KEEPING_INTENTS
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        turn.set_state()
        if not is_intent_name("AMAZON.YesIntent")(handler_input):
            question = turn.prompts.say("reprompt.idle")
            speech = Speech().say(turn.prompts.say("erase.kept"), question)
            return ask(handler_input, speech, question)
        reminder_gone = delete_known_reminder(turn)
        turn.household.erase()
        logger.info("household erased on request")
        speech = Speech()
        if not reminder_gone:
            speech.say(turn.prompts.say("reminder.erase_left"))
        return tell(handler_input, speech.say(turn.prompts.say("erase.done")))


class SkillDisabledHandler(AbstractRequestHandler):
    """``AlexaSkillEvent.SkillDisabled``: erase the household, say nothing."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("AlexaSkillEvent.SkillDisabled")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        current_turn(handler_input).household.erase()
        logger.info("household erased: the skill was disabled")
        return handler_input.response_builder.response
