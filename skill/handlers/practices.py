"""Practices read aloud: by name or pillar, any practice, the menu, and moving through a reading."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from skill.content.practices import Pillar, Practice, PracticeLibrary, practice_library
from skill.conversation.dialog import (
    IDLE,
    ChoosingPractice,
    Offering,
    PracticeOffer,
    ReadingPractice,
)
from skill.conversation.practices import (
    card_text,
    choose_practice,
    menu_speech,
    part_count,
    reading_part,
)
from skill.handlers.slots import intent_in, slot_value
from skill.household.changes import PracticeHeard
from skill.speech import Speech
from skill.storage.base import StoreError
from skill.turn import Turn, ask, current_turn, tell


def _heard(turn: Turn) -> list[str]:
    """Practices the household heard; none known when the store is down (practices still work)."""
    try:
        return turn.household.household.profile.heard_practices
    except StoreError:
        return []


def _library(turn: Turn) -> PracticeLibrary:
    return practice_library(turn.settings.locale)


def read_practice(
    handler_input: HandlerInput, practice: Practice, intro: Speech | None = None
) -> Response:
    """Start reading ``practice`` from its first part and note that the household heard it."""
    turn = current_turn(handler_input)
    turn.household.apply(PracticeHeard(practice.id))
    return _speak_part(handler_input, practice, 0, intro)


def _speak_part(
    handler_input: HandlerInput, practice: Practice, index: int, intro: Speech | None = None
) -> Response:
    turn = current_turn(handler_input)
    part = reading_part(practice, index, turn.prompts)
    turn.set_state(ReadingPractice(practice.id, index))
    speech = (intro or Speech()).extend(part.speech)
    card = (practice.name.capitalize(), card_text(practice)) if index == 0 else None
    return ask(handler_input, speech, part.reprompt, card)


def accept_practice_offer(handler_input: HandlerInput, offer: PracticeOffer) -> Response:
    """Yes to a practice: the one offered, or one the household has not heard."""
    turn = current_turn(handler_input)
    library = _library(turn)
    if offer.practice is not None and library.has(offer.practice):
        practice = library.practice(offer.practice)
    else:
        practice = choose_practice(library, _heard(turn), turn.rng)
    return read_practice(handler_input, practice)


class PracticeByNameHandler(AbstractRequestHandler):
    """ "Teach us about validation", "give us something on trust"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("PracticeIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        library = _library(turn)
        slot = slot_value(handler_input, "topic")
        found = library.find(slot.id or slot.spoken) if slot else None
        if isinstance(found, Practice):
            return read_practice(handler_input, found)
        if isinstance(found, Pillar):
            return _introduce_pillar(handler_input, found)
        speech, question = menu_speech(library, turn.prompts)
        turn.set_state(ChoosingPractice())
        return ask(
            handler_input,
            Speech().say(turn.prompts.say("practice.unknown")).extend(speech),
            question,
        )


def _introduce_pillar(handler_input: HandlerInput, pillar: Pillar) -> Response:
    turn = current_turn(handler_input)
    library = _library(turn)
    heard = _heard(turn)
    practice = choose_practice(library, heard, turn.rng, pillar=pillar)
    question = turn.prompts.say("practice.pillar_offer", practice=practice.name)
    turn.set_state(Offering(PracticeOffer(practice=practice.id)))
    return ask(handler_input, Speech().say(pillar.intro, question), question)


class AnyPracticeHandler(AbstractRequestHandler):
    """ "Read me a practice": one this household has not heard yet, when there is one."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AnyPracticeIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        heard = _heard(turn)
        current = turn.state.practice if isinstance(turn.state, ReadingPractice) else None
        practice = choose_practice(_library(turn), heard, turn.rng, exclude=current)
        return read_practice(handler_input, practice)


class PracticeMenuHandler(AbstractRequestHandler):
    """ "What can you teach us": the three pillars and their practices."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("PracticeMenuIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return _menu(handler_input)


def _menu(handler_input: HandlerInput) -> Response:
    turn = current_turn(handler_input)
    speech, question = menu_speech(_library(turn), turn.prompts)
    turn.set_state(ChoosingPractice())
    return ask(handler_input, speech, question)


class PracticeNavigationHandler(AbstractRequestHandler):
    """Next, go back, yes and no while a practice is being read."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return isinstance(current_turn(handler_input).state, ReadingPractice) and intent_in(
            handler_input,
            (
                "AMAZON.NextIntent",
                "AMAZON.PreviousIntent",
                "AMAZON.YesIntent",
                "AMAZON.NoIntent",
                "AMAZON.StartOverIntent",
            ),
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        state = turn.state
        if not isinstance(state, ReadingPractice):
            raise TypeError("PracticeNavigationHandler needs a practice being read")
        library = _library(turn)
        if not library.has(state.practice):
            turn.set_state()
            return _menu(handler_input)
        practice = library.practice(state.practice)
        index = min(state.part, part_count(practice) - 1)
        last = part_count(practice) - 1
        if is_intent_name("AMAZON.PreviousIntent")(handler_input):
            return _speak_part(handler_input, practice, max(index - 1, 0))
        if is_intent_name("AMAZON.StartOverIntent")(handler_input):
            return _speak_part(handler_input, practice, 0)
        if is_intent_name("AMAZON.NoIntent")(handler_input):
            turn.set_state(IDLE)
            if index == last:
                return tell(handler_input, turn.prompts.say("goodbye"))
            question = turn.prompts.say("reprompt.idle")
            return ask(
                handler_input, Speech().say(turn.prompts.say("practice.paused"), question), question
            )
        if index < last:
            return _speak_part(handler_input, practice, index + 1)
        heard = _heard(turn)
        following = choose_practice(library, heard, turn.rng, exclude=practice.id)
        return read_practice(handler_input, following)
