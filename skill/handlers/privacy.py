"""Erasing: "delete our data" and "forget tonight" (both confirmed by voice), and SkillDisabled.

Only a clear "yes" right after the warning erases; anything else keeps the
data. Disabling the skill erases without a word: Alexa gives the household a
new user id if it enables the skill again, so data left behind would only be
orphaned. Erasure goes through :meth:`HouseholdContext.erase`, which also makes
sure the save at the end of the request cannot bring the household back.

The "yes" that erases everything reads nothing first: the question carried
what the erase needs (the nightly reminder's id) in the session, so that
request costs exactly the erase itself (the store's key query and deletes).
"Forget tonight" removes the evening's night document and its traces in the
profile (see :mod:`skill.conversation.privacy_changes`): one read, one write.
"""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response

from skill.conversation.dialog import IDLE, CheckingIn, ConfirmingErase, ConfirmingForget
from skill.conversation.privacy_changes import NightForgotten
from skill.handlers.reminders import delete_known_reminder
from skill.handlers.slots import intent_in
from skill.household.context import ErasureFailed
from skill.speech import Speech
from skill.storage.base import StoreError
from skill.turn import Turn, ask, current_turn, tell

logger = logging.getLogger(__name__)

#: Answers to "shall I delete it all?" that keep the data (any other request keeps it too).
_KEEPING_INTENTS = (
    "AMAZON.NoIntent",
    "AMAZON.CancelIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.NextIntent",
    "SkipIntent",
)


def ask_to_erase(handler_input: HandlerInput) -> Response:
    """ "Delete our data": say what would go, and wait for a yes."""
    turn = current_turn(handler_input)
    turn.set_state(ConfirmingErase(_reminder_to_delete(turn)))
    question = turn.prompts.say("erase.question")
    speech = Speech().say(turn.prompts.say("erase.confirm"), question)
    return ask(handler_input, speech, question)


class DeleteDataHandler(AbstractRequestHandler):
    """ "Delete our data": say what would go, and wait for a yes."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("DeleteDataIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return ask_to_erase(handler_input)


class EraseAnswerHandler(AbstractRequestHandler):
    """The answer to the erase question: yes erases it all; no, or anything unclear, keeps it."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not isinstance(current_turn(handler_input).state, ConfirmingErase):
            return False
        return is_intent_name("AMAZON.YesIntent")(handler_input) or intent_in(
            handler_input, _KEEPING_INTENTS
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        return erase_or_keep(handler_input, is_intent_name("AMAZON.YesIntent")(handler_input))


def erase_or_keep(handler_input: HandlerInput, yes: bool) -> Response:
    """The answer to "shall I delete it all?": yes erases everything; anything else keeps it."""
    turn = current_turn(handler_input)
    turn.set_state(IDLE)
    if not yes:
        question = turn.prompts.say("reprompt.idle")
        speech = Speech().say(turn.prompts.say("erase.kept"), question)
        return ask(handler_input, speech, question)
    # Carried from the question; when it could not be read then, the profile is read now.
    asked = turn.entry_state
    known = asked.reminder if isinstance(asked, ConfirmingErase) else None
    reminder_gone = delete_known_reminder(turn, known)
    try:
        turn.household.erase()
    except StoreError:
        # Nothing may be said to be erased that is not: say so, and offer to try again.
        logger.warning("household not erased on request: the store could not be reached")
        turn.set_state(ConfirmingErase("" if reminder_gone else known))
        question = turn.prompts.say("erase.retry_question")
        speech = Speech().say(turn.prompts.say("erase.failed"), question)
        return ask(handler_input, speech, question)
    logger.info("household erased on request")
    speech = Speech()
    if not reminder_gone:
        speech.say(turn.prompts.say("reminder.erase_left"))
    return tell(handler_input, speech.say(turn.prompts.say("erase.done")))


def _reminder_to_delete(turn: Turn) -> str | None:
    """The nightly reminder's id ("" for none), for the erase question to carry to its yes.

    None when the store cannot be read now: the yes then reads it itself.
    """
    try:
        return turn.household.household.profile.reminder_id
    except StoreError:
        return None


def explain_privacy(handler_input: HandlerInput) -> Response:
    """ "What do you know about us?", "do you record us?": what is kept, for how long, and how
    to erase it, said plainly."""
    turn = current_turn(handler_input)
    turn.set_state(IDLE)
    question = turn.prompts.say("reprompt.idle")
    return ask(
        handler_input, Speech().say(turn.prompts.say("privacy.explained"), question), question
    )


class PrivacyInfoHandler(AbstractRequestHandler):
    """ "What do you know about us?", "do you record us?"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("PrivacyInfoIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return explain_privacy(handler_input)


class SkillDisabledHandler(AbstractRequestHandler):
    """``AlexaSkillEvent.SkillDisabled``: erase the household, say nothing.

    An erase that cannot reach the store fails the event (:class:`ErasureFailed`)
    rather than answering it as handled.
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("AlexaSkillEvent.SkillDisabled")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        try:
            current_turn(handler_input).household.erase()
        except StoreError as exc:
            raise ErasureFailed("The household could not be erased: the store failed.") from exc
        logger.info("household erased: the skill was disabled")
        return handler_input.response_builder.response


def _carry_on(handler_input: HandlerInput, *sentences: str) -> Response:
    turn = current_turn(handler_input)
    turn.set_state(IDLE)
    question = turn.prompts.say("reprompt.idle")
    return ask(handler_input, Speech().say(*sentences, question), question)


def _tonight_has_something(turn: Turn, night: str) -> bool:
    """Whether tonight holds a check-in, counting one under way that leaving will keep."""
    if night in turn.household.household.nights:
        return True
    return isinstance(turn.state, CheckingIn) and turn.state.flow.answered_anything


def ask_to_forget_tonight(handler_input: HandlerInput) -> Response:
    """ "Forget tonight": say what would go, and wait for a yes."""
    turn = current_turn(handler_input)
    night = turn.tonight().isoformat()
    if not _tonight_has_something(turn, night):
        return _carry_on(handler_input, turn.prompts.say("forget.nothing"))
    # The evening is fixed now: a yes after four in the morning still forgets this one.
    turn.set_state(ConfirmingForget(night))
    question = turn.prompts.say("forget.question")
    return ask(handler_input, Speech().say(turn.prompts.say("forget.confirm"), question), question)


class ForgetTonightHandler(AbstractRequestHandler):
    """ "Forget tonight": say what would go, and wait for a yes."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("ForgetTonightIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return ask_to_forget_tonight(handler_input)


class ForgetTonightAnswerHandler(AbstractRequestHandler):
    """The answer to "shall I forget tonight?": yes deletes it; anything else keeps it."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not isinstance(current_turn(handler_input).state, ConfirmingForget):
            return False
        return is_intent_name("AMAZON.YesIntent")(handler_input) or intent_in(
            handler_input, _KEEPING_INTENTS
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        return forget_or_keep(handler_input, is_intent_name("AMAZON.YesIntent")(handler_input))


def forget_or_keep(handler_input: HandlerInput, yes: bool) -> Response:
    """The answer to "shall I forget tonight?": yes deletes it; anything else keeps it."""
    turn = current_turn(handler_input)
    state = turn.state
    if not yes or not isinstance(state, ConfirmingForget):
        return _carry_on(handler_input, turn.prompts.say("forget.kept"))
    turn.household.apply(NightForgotten(state.night))
    logger.info("one evening forgotten on request")
    return _carry_on(handler_input, turn.prompts.say("forget.done"))
