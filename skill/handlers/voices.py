"""Voices: "who's this, Sam or Alex?", asked once per Alexa voice profile, and its answer.

When a request carries a voice profile (``context.System.person``) the skill
has not met, and the household gave two names, the welcome or the start of a
check-in asks once who is speaking. The answer is kept (see
:mod:`skill.conversation.voices`); then the skill carries on with what it was
about to do: the welcome's own question, or the check-in, which starts with
whoever is speaking. "Skip" or "no" is kept too, so that voice is not asked
again. Without a voice profile, or without two names, nothing is asked.
"""

from __future__ import annotations

from collections.abc import Sequence

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response
from ask_sdk_model.ui import SsmlOutputSpeech

from skill.conversation.dialog import (
    IDLE,
    AskingWhoIsSpeaking,
    Offer,
    Offering,
    StartCheckInOffer,
    WelcomeQuestion,
)
from skill.conversation.names import partner_names
from skill.conversation.personal_changes import VoiceLearned
from skill.conversation.voices import NOT_TOLD, match_speaker, should_ask_voice, voice_key
from skill.handlers.offers import Offers
from skill.request import slots_of
from skill.speech import Speech
from skill.turn import Turn, ask, current_turn

#: Welcomes that may ask (the very first visit has no names yet).
_ASKING_WELCOMES = frozenset({"back", "evening", "resume"})
#: "Not saying": the voice is left unknown and not asked about again.
_DECLINE_INTENTS = (
    "AMAZON.NoIntent",
    "AMAZON.NextIntent",
    "AMAZON.CancelIntent",
    "SkipIntent",
)
#: Requests that may carry a name: "it's Sam", "my name is Sam", or a bare "Sam" heard as a topic
#: or an answer. Anything else (a new request) leaves the question unanswered, to be asked again.
_ANSWER_INTENTS = (
    "SpeakerIntent",
    "NamesIntent",
    "PracticeIntent",
    "AnswerIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.YesIntent",
)


def _ask_who(
    handler_input: HandlerInput, lead: Speech, then: WelcomeQuestion | StartCheckInOffer
) -> Response:
    turn = current_turn(handler_input)
    first, second = partner_names(turn.household.household.profile)
    question = turn.prompts.say("voice.question", first=first, second=second)
    turn.set_state(AskingWhoIsSpeaking(then))
    return ask(handler_input, lead.say(question), question)


def ask_who_at_welcome(
    handler_input: HandlerInput, kind: str, greeting: str, question: str
) -> Response | None:
    """The welcome asks whose voice this is, when due; None otherwise.

    Call after the welcome set its offer state: a "yes" after the answer
    still accepts it, and the welcome's ``question`` is asked then.
    """
    turn = current_turn(handler_input)
    profile = turn.household.household.profile
    if kind not in _ASKING_WELCOMES or not should_ask_voice(profile, turn.person_id):
        return None
    lead = Speech().say(greeting, turn.prompts.say("voice.lead"))
    offer = turn.state.offer if isinstance(turn.state, Offering) else None
    return _ask_who(handler_input, lead, WelcomeQuestion(question, offer))


def ask_who_before_checkin(handler_input: HandlerInput, kind: str) -> Response | None:
    """Before a check-in starts, ask whose voice this is when due (None otherwise).

    The answer starts the check-in of ``kind`` through a
    :class:`~skill.conversation.dialog.StartCheckInOffer`.
    """
    turn = current_turn(handler_input)
    if not should_ask_voice(turn.household.household.profile, turn.person_id):
        return None
    lead = Speech().say(turn.prompts.say("voice.lead_checkin"))
    return _ask_who(handler_input, lead, StartCheckInOffer(kind))


def _spoken_values(handler_input: HandlerInput) -> list[str]:
    """Every slot value of the request, as heard."""
    return [slot.value for slot in slots_of(handler_input).values() if slot.value]


def _prefaced(response: Response, sentence: str) -> Response:
    """``response`` with ``sentence`` said first (the answer is acknowledged, then we go on)."""
    speech = response.output_speech
    if isinstance(speech, SsmlOutputSpeech) and speech.ssml:
        speech.ssml = speech.ssml.replace("<speak>", f"<speak>{Speech().say(sentence).ssml()} ", 1)
    return response


def _carry_on(handler_input: HandlerInput, offers: Offers, said: str) -> Response:
    """Do what the question interrupted: the welcome's question, or the check-in."""
    turn = current_turn(handler_input)
    state = turn.state
    then = state.then if isinstance(state, AskingWhoIsSpeaking) else None
    if isinstance(then, StartCheckInOffer):
        turn.set_state(Offering(then))
        return _prefaced(offers.accept(handler_input, then), said)
    offer: Offer | None = then.offer if then is not None else None
    turn.set_state(Offering(offer) if offer is not None else IDLE)
    question = then.question if then is not None else turn.prompts.say("reprompt.idle")
    return ask(handler_input, Speech().say(said, question), question)


def _learn(turn: Turn, index: int) -> None:
    if turn.person_id:
        turn.household.apply(VoiceLearned(voice=voice_key(turn.person_id), index=index))


class VoiceAnswerHandler(AbstractRequestHandler):
    """The answer to "who's this, Sam or Alex?": a name, or skip."""

    def __init__(self, offers: Offers) -> None:
        self._offers = offers

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not isinstance(current_turn(handler_input).state, AskingWhoIsSpeaking):
            return False
        return any(
            is_intent_name(name)(handler_input) for name in (*_ANSWER_INTENTS, *_DECLINE_INTENTS)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        if any(is_intent_name(name)(handler_input) for name in _DECLINE_INTENTS):
            _learn(turn, NOT_TOLD)
            return _carry_on(handler_input, self._offers, turn.prompts.say("voice.skipped"))
        names = partner_names(turn.household.household.profile)
        heard = (match_speaker(names, value) for value in _spoken_values(handler_input))
        matches = {index for index in heard if index is not None}
        if len(matches) == 1:
            index = matches.pop()
            _learn(turn, index)
            learned = turn.prompts.say("voice.learned", name=names[index])
            return _carry_on(handler_input, self._offers, learned)
        state = turn.state
        if not isinstance(state, AskingWhoIsSpeaking) or state.retry or len(names) < 2:
            # Asked twice without a clear name: let it be, and do not ask this voice again.
            _learn(turn, NOT_TOLD)
            return _carry_on(handler_input, self._offers, turn.prompts.say("voice.skipped"))
        turn.set_state(AskingWhoIsSpeaking(state.then, retry=True))
        question = turn.prompts.say("voice.question", first=names[0], second=names[1])
        retry = turn.prompts.say("voice.retry", first=names[0], second=names[1])
        return ask(handler_input, Speech().say(retry, question), question)


class SpeakerHandler(AbstractRequestHandler):
    """ "This is Sam speaking" at any other moment: learn, or correct, whose voice this is."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("SpeakerIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return identify_speaker(handler_input, _spoken_values(handler_input))


def identify_speaker(handler_input: HandlerInput, said: Sequence[str]) -> Response:
    """ "This is Sam speaking": learn, or correct, whose voice this is."""
    turn = current_turn(handler_input)
    names = partner_names(turn.household.household.profile)
    heard = {match_speaker(names, value) for value in said} - {None}
    index = heard.pop() if len(heard) == 1 else None
    turn.set_state(IDLE)
    question = turn.prompts.say("reprompt.idle")
    if index is None or not turn.person_id:
        return ask(
            handler_input,
            Speech().say(turn.prompts.say("voice.cannot_learn"), question),
            question,
        )
    _learn(turn, index)
    said = turn.prompts.say("voice.learned", name=names[index])
    return ask(handler_input, Speech().say(said, question), question)
