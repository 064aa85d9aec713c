"""First names: invited once on a return visit, and said, changed or forgotten on request.

:func:`welcome_greeting` and :func:`names_invitation` are the welcome's hooks
(see :class:`skill.handlers.core.LaunchHandler`); the handlers below answer
"our names are Sam and Alex", "call me Sam", "change our names", "forget our
names", and the yes, no or skip after "what shall I call you?".
"""

from __future__ import annotations

from collections.abc import Sequence

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from skill.conversation.dialog import IDLE, AskingNames
from skill.conversation.evening import part_of_day
from skill.conversation.names import (
    MAX_NAMES,
    clean_names,
    names_phrase,
    partner_names,
    should_ask_names,
    without_pronouns,
)
from skill.conversation.personal_changes import NamesAsked, NamesGiven
from skill.conversation.time_words import welcome_key
from skill.conversation.voices import speaker_name
from skill.handlers.slots import intent_in, slot_value
from skill.speech import Speech
from skill.turn import Turn, ask, current_turn

#: Welcomes that may carry the names invitation (not the first visit, not a check-in to resume).
_ASKING_WELCOMES = frozenset({"back", "evening"})
_SKIP_INTENTS = ("AMAZON.NoIntent", "AMAZON.NextIntent", "AMAZON.CancelIntent", "SkipIntent")


def welcome_greeting(turn: Turn, kind: str) -> str:
    """The welcome's greeting for ``kind``: the speaker's name when their voice is known,
    else both names when the household gave them."""
    profile = turn.household.household.profile
    key = welcome_key(kind, part_of_day(turn.local_now()))
    speaker = speaker_name(profile, turn.person_id)
    if speaker and turn.prompts.has(f"{key}.speaker"):
        return turn.prompts.say(f"{key}.speaker", name=speaker)
    names = names_phrase(partner_names(profile))
    if names and turn.prompts.has(f"{key}.named"):
        return turn.prompts.say(f"{key}.named", names=names)
    return turn.prompts.say(key)


def names_invitation(turn: Turn, kind: str) -> str:
    """A light invitation to tell us your first names, once, on a return visit ("" otherwise).

    It sits between the greeting and the welcome's question, which stays last
    and keeps its offer: answering with names is welcome, ignoring it is fine.
    Call after the visit is counted.
    """
    if kind not in _ASKING_WELCOMES or not should_ask_names(turn.household.household.profile):
        return ""
    turn.household.apply(NamesAsked())
    return turn.prompts.say("names.invite")


def _carry_on(handler_input: HandlerInput, *sentences: str) -> Response:
    turn = current_turn(handler_input)
    turn.set_state(IDLE)
    question = turn.prompts.say("reprompt.idle")
    return ask(handler_input, Speech().say(*sentences, question), question)


def _ask_again(handler_input: HandlerInput, lead: str) -> Response:
    turn = current_turn(handler_input)
    turn.set_state(AskingNames())
    question = turn.prompts.say("names.question")
    return ask(handler_input, Speech().say(lead, question), question)


class NamesHandler(AbstractRequestHandler):
    """ "Our names are Sam and Alex", "call me Sam"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("NamesIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        said = [slot_value(handler_input, slot) for slot in ("first", "second")]
        return take_names(handler_input, [value.spoken for value in said if value])


def keep_names(turn: Turn, spoken: Sequence[str]) -> tuple[list[str], str] | None:
    """Keep the first names said, and what to say about it; None when none was clear.

    One name ("call me Sam") joins the one already known; two known names need "change"
    (then nothing changes, and the sentence says which names are kept)."""
    heard = clean_names(*spoken)
    if not heard:
        return None
    known = partner_names(turn.household.household.profile)
    if len(heard) == 1 and not isinstance(turn.state, AskingNames):
        if any(name.casefold() == heard[0].casefold() for name in known):
            heard = known
        elif len(known) >= MAX_NAMES:
            return known, turn.prompts.say("names.full", names=names_phrase(known))
        else:
            heard = [*known, *heard]
    turn.household.apply(NamesGiven(tuple(heard)))
    return heard, turn.prompts.say("names.saved", names=names_phrase(heard))


def take_names(handler_input: HandlerInput, spoken: Sequence[str]) -> Response:
    """Keep the first names said (see :func:`keep_names`), then what would they like."""
    turn = current_turn(handler_input)
    kept = keep_names(turn, spoken)
    if kept is None:
        return _ask_again(handler_input, turn.prompts.say("names.unclear"))
    return _carry_on(handler_input, kept[1])


def correct_name(handler_input: HandlerInput, name: str, wrong: str) -> Response:
    """ "His name is Tom, not He": sorry, and the name kept wrong is put right; when no name
    kept is ``wrong``, ``name`` is taken as any name said is (see :func:`take_names`)."""
    turn = current_turn(handler_input)
    # Every name kept, a pronoun kept by an older version too: it is the one they heard wrong.
    known = clean_names(*turn.household.household.profile.names)
    right = clean_names(name)
    at = next((i for i, kept in enumerate(known) if kept.casefold() == wrong.casefold()), None)
    if at is None or not right:
        return take_names(handler_input, [name])
    names = without_pronouns([*known[:at], right[0], *known[at + 1 :]])
    turn.household.apply(NamesGiven(tuple(names)))
    return _carry_on(handler_input, turn.prompts.say("names.corrected", names=names_phrase(names)))


def say_names_known(handler_input: HandlerInput) -> Response:
    """ "What are our names?": the names kept, or how to give them."""
    turn = current_turn(handler_input)
    known = partner_names(turn.household.household.profile)
    if not known:
        return _carry_on(handler_input, turn.prompts.say("names.unknown"))
    return _carry_on(handler_input, turn.prompts.say("names.known", names=names_phrase(known)))


def ask_for_names(handler_input: HandlerInput) -> Response:
    """ "Change our names": ask for the names to use instead."""
    return _ask_again(handler_input, current_turn(handler_input).prompts.say("names.change"))


class ChangeNamesHandler(AbstractRequestHandler):
    """ "Change our names": ask for the names to use instead."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("ChangeNamesIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return ask_for_names(handler_input)


def forget_names(handler_input: HandlerInput) -> Response:
    """ "Forget our names": drop them, and never ask again unless told."""
    turn = current_turn(handler_input)
    if not partner_names(turn.household.household.profile):
        turn.household.apply(NamesAsked())
        return _carry_on(handler_input, turn.prompts.say("names.none_to_forget"))
    turn.household.apply(NamesGiven(()))
    return _carry_on(handler_input, turn.prompts.say("names.forgotten"))


class ForgetNamesHandler(AbstractRequestHandler):
    """ "Forget our names": drop them, and never ask again unless told."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("ForgetNamesIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return forget_names(handler_input)


class NamesAnswerHandler(AbstractRequestHandler):
    """Yes, no or skip right after "what are your first names?"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not isinstance(current_turn(handler_input).state, AskingNames):
            return False
        return is_intent_name("AMAZON.YesIntent")(handler_input) or intent_in(
            handler_input, _SKIP_INTENTS
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        if is_intent_name("AMAZON.YesIntent")(handler_input):
            return go_ahead(handler_input)
        return keep_names_as_they_are(handler_input)


def go_ahead(handler_input: HandlerInput) -> Response:
    """ "Yes" to the names question: ask for them."""
    return _ask_again(handler_input, current_turn(handler_input).prompts.say("names.go_ahead"))


def keep_names_as_they_are(handler_input: HandlerInput) -> Response:
    """No names after all: keep what was known (nothing, or the names given before)."""
    turn = current_turn(handler_input)
    known = names_phrase(partner_names(turn.household.household.profile))
    if known:
        return _carry_on(handler_input, turn.prompts.say("names.kept", names=known))
    return _carry_on(handler_input, turn.prompts.say("names.skipped"))
