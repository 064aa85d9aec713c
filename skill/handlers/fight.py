"""A fight: met calmly, with a pause offered and a way back when they are ready.

"We had a fight", "we argued all evening and I'm still upset": no cheerful
menu, no judgement of who was right. The skill acknowledges it, says a pause
is fine when feelings still run high, and offers a short repair conversation
(:attr:`skill.content.practices.PracticeLibrary.repair`). "Not now" closes
warmly, pointing to the forgiveness and validation practices for later.
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from skill.content.practices import practice_library
from skill.conversation.dialog import Offering, RepairOffer
from skill.handlers.checkin import FOUGHT
from skill.handlers.practices import read_practice
from skill.speech import Speech
from skill.turn import ask, current_turn, tell


def meet_a_fight(handler_input: HandlerInput) -> Response:
    """Acknowledge the fight without judging, allow a pause, offer the repair conversation."""
    turn = current_turn(handler_input)
    turn.session[FOUGHT] = True
    turn.set_state(Offering(RepairOffer()))
    question = turn.prompts.say("fight.question")
    speech = Speech().say(
        turn.prompts.say("fight.heard"), turn.prompts.say("fight.pause"), question
    )
    return ask(handler_input, speech, question)


def apology_heard(handler_input: HandlerInput) -> Response:
    """ "He says he's sorry he raised his voice. I'm sorry I brought up his mother", said outside
    a practice: met as the good step it is (the words a practice meets it with), and the
    repair conversation offered for when they are ready."""
    turn = current_turn(handler_input)
    turn.set_state(Offering(RepairOffer()))
    question = turn.prompts.say("fight.question")
    said = Speech().say(turn.prompts.say("practice.apology"), question)
    return ask(handler_input, said, question)


def accept_repair_offer(handler_input: HandlerInput, offer: RepairOffer) -> Response:
    """Yes to the repair conversation: read it, paced like a practice."""
    library = practice_library(current_turn(handler_input).settings.locale)
    return read_practice(handler_input, library.repair)


def decline_repair_offer(handler_input: HandlerInput, offer: RepairOffer) -> Response:
    """Not now: close warmly, and say where the way back is when they want it."""
    turn = current_turn(handler_input)
    turn.set_state()
    return tell(handler_input, turn.prompts.say("fight.later"))


class FightHandler(AbstractRequestHandler):
    """ "We had a fight", "we keep arguing"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("FightIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return meet_a_fight(handler_input)
