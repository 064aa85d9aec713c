"""Alexa's built-in moments: the welcome, help, stop, fallback, home, repeat, session end.

Feature handlers that care about a dialog mode come earlier in the handler
list; these are the defaults when no feature claims the request.
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response

from skill.conversation.dialog import IDLE, Offering
from skill.conversation.welcome import welcome_kind, welcome_offer
from skill.handlers.names import names_invitation, welcome_greeting
from skill.handlers.offers import Offers
from skill.handlers.voices import ask_who_at_welcome
from skill.household.changes import VariantsRemembered, Visit
from skill.speech import Speech
from skill.turn import LAST_RESPONSE, ask, current_turn, tell


class LaunchHandler(AbstractRequestHandler):
    """The welcome: different for a first visit, an evening, and a returning household."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        household = turn.household.household
        kind = welcome_kind(household, turn.local_now())
        # Greetings rotate across sessions too, so their memory lives in the profile.
        turn.prompts.memory.update(household.profile.recent_variants)
        greeting = welcome_greeting(turn, kind)
        question = turn.prompts.say(f"welcome.{kind}.question")
        turn.household.apply(Visit(at=turn.now.isoformat()))
        turn.household.apply(
            VariantsRemembered(
                {k: v for k, v in turn.prompts.memory.items() if k.startswith("welcome.")}
            )
        )
        offer = welcome_offer(kind, household, turn.local_now())
        turn.set_state(Offering(offer) if offer else IDLE)
        invitation = names_invitation(turn, kind)
        who = ask_who_at_welcome(handler_input, kind, greeting, question)
        if who is not None:
            return who
        return ask(handler_input, Speech().say(greeting, invitation, question), question)


class HelpHandler(AbstractRequestHandler):
    """Help that fits where the couple is in the dialog; the dialog state is kept."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.HelpIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        mode = turn.mode if turn.prompts.has(f"help.{turn.mode}") else "idle"
        question = turn.prompts.say(f"reprompt.{mode}")
        return ask(
            handler_input, Speech().say(turn.prompts.say(f"help.{mode}"), question), question
        )


class StopHandler(AbstractRequestHandler):
    """Stop and Cancel end the session warmly."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.StopIntent")(handler_input) or is_intent_name(
            "AMAZON.CancelIntent"
        )(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        turn.set_state()
        return tell(handler_input, turn.prompts.say("goodbye"))


class FallbackHandler(AbstractRequestHandler):
    """Anything unrecognised: say so kindly and steer back to what the skill can do."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.FallbackIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        mode = turn.mode if turn.prompts.has(f"fallback.{turn.mode}") else "idle"
        question = turn.prompts.say(
            f"reprompt.{mode}" if turn.prompts.has(f"reprompt.{mode}") else "reprompt.idle"
        )
        speech = Speech().say(turn.prompts.say(f"fallback.{mode}"), question)
        return ask(handler_input, speech, question)


class UnexpectedIntentHandler(FallbackHandler):
    """An intent that makes no sense right now ("go back" with nothing to go back to).

    Last in the list: answered like the fallback, so no intent ever reaches the
    exception handler just because no feature claimed it.
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("IntentRequest")(handler_input)


class NavigateHomeHandler(AbstractRequestHandler):
    """Back to the start: leave whatever the couple was doing and offer the menu."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.NavigateHomeIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        turn.set_state()
        question = turn.prompts.say("reprompt.idle")
        return ask(handler_input, Speech().say(turn.prompts.say("home"), question), question)


class RepeatHandler(AbstractRequestHandler):
    """Repeat the last response exactly, as remembered by the response interceptor."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.RepeatIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        last = turn.session.get(LAST_RESPONSE)
        builder = handler_input.response_builder
        if not last or last.get("ends") or not last.get("reprompt"):
            question = turn.prompts.say("reprompt.idle")
            return ask(
                handler_input, Speech().say(turn.prompts.say("repeat.nothing"), question), question
            )
        return builder.speak(last["speech"]).ask(last["reprompt"]).response


class YesToOfferHandler(AbstractRequestHandler):
    """ "Yes" to whatever the skill just offered (a practice, a check-in…)."""

    def __init__(self, offers: Offers) -> None:
        self._offers = offers

    def can_handle(self, handler_input: HandlerInput) -> bool:
        state = current_turn(handler_input).state
        return (
            is_intent_name("AMAZON.YesIntent")(handler_input)
            and isinstance(state, Offering)
            and self._offers.knows(state.offer)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        state = current_turn(handler_input).state
        if not isinstance(state, Offering):
            raise TypeError("YesToOfferHandler needs an offer")
        return self._offers.accept(handler_input, state.offer)


class NoOrStrayYesHandler(AbstractRequestHandler):
    """ "No" to an offer, or a yes/no with nothing to answer: offer the menu instead."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.NoIntent")(handler_input) or is_intent_name(
            "AMAZON.YesIntent"
        )(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        turn.set_state()
        question = turn.prompts.say("reprompt.idle")
        return ask(
            handler_input, Speech().say(turn.prompts.say("offer.declined"), question), question
        )


class SessionEndedHandler(AbstractRequestHandler):
    """The session closed (timeout, error, user left): nothing to say, changes still saved."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.response
