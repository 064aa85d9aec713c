"""The opt-in journal: "keep our answers", "stop keeping our answers", "what did we say?".

Off by default: a check-in's open answers are acknowledged in the moment and
never stored. "Keep our answers" turns the journal on; "stop keeping our
answers" turns it off and deletes every answer kept. Reading back works only
while it is on; otherwise the couple hears that answers are not kept and how
to change that. The logic is in :mod:`skill.conversation.journal`.
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from skill.content.questions import question_bank
from skill.conversation.dialog import IDLE, JournalOffer, Offering
from skill.conversation.evening import PartOfDay, part_of_day
from skill.conversation.journal import has_answers, latest_kept, read_back, when_said
from skill.conversation.names import partner_names
from skill.conversation.privacy_changes import JournalSwitched
from skill.household.model import Household
from skill.speech import Speech
from skill.turn import ask, current_turn


def _carry_on(handler_input: HandlerInput, speech: Speech) -> Response:
    turn = current_turn(handler_input)
    turn.set_state(IDLE)
    question = turn.prompts.say("reprompt.idle")
    return ask(handler_input, speech.say(question), question)


def _kept_anything(household: Household) -> bool:
    return any(
        has_answers(entry)
        for night in household.nights.values()
        for entry in night.entries.values()
    )


def keep_answers(handler_input: HandlerInput) -> Response:
    """ "Keep our answers": the journal on, from the next answer."""
    turn = current_turn(handler_input)
    if turn.household.household.profile.keep_answers:
        return _carry_on(handler_input, Speech().say(turn.prompts.say("journal.already_on")))
    turn.household.apply(JournalSwitched(keep=True))
    return _carry_on(handler_input, Speech().say(turn.prompts.say("journal.on")))


def explain_keeping(handler_input: HandlerInput) -> Response:
    """ "If we wanted you to remember what we say, how does that work?": how keeping answers
    works, then whether to start; a question is never consent (yes switches it on)."""
    turn = current_turn(handler_input)
    if turn.household.household.profile.keep_answers:
        return _carry_on(handler_input, Speech().say(turn.prompts.say("journal.already_on")))
    turn.set_state(Offering(JournalOffer()))
    question = turn.prompts.say("journal.offer")
    return ask(handler_input, Speech().say(turn.prompts.say("journal.explain"), question), question)


def accept_journal_offer(handler_input: HandlerInput, offer: JournalOffer) -> Response:
    """Yes, after how keeping answers works was explained: the journal on."""
    return keep_answers(handler_input)


def decline_journal_offer(handler_input: HandlerInput, offer: JournalOffer) -> Response:
    """No: nothing kept, said so, and what they would like."""
    turn = current_turn(handler_input)
    return _carry_on(handler_input, Speech().say(turn.prompts.say("journal.not_started")))


class KeepAnswersHandler(AbstractRequestHandler):
    """ "Keep our answers": the journal on, from the next answer."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("KeepAnswersIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return keep_answers(handler_input)


def stop_keeping_answers(handler_input: HandlerInput) -> Response:
    """ "Stop keeping our answers": the journal off, and every kept answer deleted."""
    turn = current_turn(handler_input)
    # Every night kept, not only the latest: old answers go too, and this turn reads once.
    turn.household.reach_every_night()
    household = turn.household.household
    was_kept = household.profile.keep_answers or _kept_anything(household)
    # Applied either way: idempotent, and a household with nothing to delete costs no write.
    turn.household.apply(JournalSwitched(keep=False))
    key = "journal.off" if was_kept else "journal.already_off"
    return _carry_on(handler_input, Speech().say(turn.prompts.say(key)))


class StopKeepingAnswersHandler(AbstractRequestHandler):
    """ "Stop keeping our answers": the journal off, and every kept answer deleted."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("StopKeepingAnswersIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return stop_keeping_answers(handler_input)


def read_answers(handler_input: HandlerInput) -> Response:
    """ "What did we say last night?": the latest kept answers, who said what."""
    turn = current_turn(handler_input)
    household = turn.household.household
    if not household.profile.keep_answers:
        return _carry_on(handler_input, Speech().say(turn.prompts.say("journal.not_kept")))
    today = turn.tonight()
    evening = latest_kept(household.nights, today)
    if evening is None:
        return _carry_on(handler_input, Speech().say(turn.prompts.say("journal.nothing_yet")))
    in_the_evening = part_of_day(turn.local_now()) is PartOfDay.EVENING
    when = when_said(evening.night, today, in_the_evening)
    names = partner_names(household.profile)
    questions = question_bank(turn.settings.locale)
    return _carry_on(handler_input, read_back(evening, names, when, turn.prompts, questions))


class ReadAnswersHandler(AbstractRequestHandler):
    """ "What did we say last night?": the latest kept answers, who said what."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("ReadAnswersIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return read_answers(handler_input)
