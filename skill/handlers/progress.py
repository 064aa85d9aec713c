"""'How are we doing?' and 'what's our streak?': the household's progress, read aloud.

Asked in the middle of a check-in, the report is given and the check-in goes
on where it was; otherwise it ends by offering tonight's check-in when there
has not been one yet.
"""

from __future__ import annotations

from datetime import datetime

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from skill.content.dates import date_catalogue
from skill.content.practices import practice_library
from skill.content.questions import question_bank
from skill.conversation.checkin_changes import checked_in, profile_streak
from skill.conversation.checkin_speech import question_text
from skill.conversation.dialog import IDLE, CheckingIn, CheckInOffer, Offering
from skill.conversation.progress import (
    last_time,
    last_time_speech,
    progress_report,
    progress_speech,
)
from skill.screens.choose import ProgressScreen
from skill.speech import Speech
from skill.turn import ask, current_turn


def report_progress(handler_input: HandlerInput) -> Response:
    """The streak, this week's check-ins, connection and its trend, practices tried."""
    turn = current_turn(handler_input)
    household = turn.household.household
    profile = household.profile
    evening = turn.tonight()
    total = len(practice_library(turn.settings.locale).practices)
    report = progress_report(
        profile_streak(profile),
        household.nights,
        profile.heard_practices,
        total,
        evening,
        profile.practices_read,
    )
    speech = progress_speech(report, turn.prompts)
    turn.show(ProgressScreen(evening))
    return _then_the_check_in(handler_input, speech)


def _then_the_check_in(handler_input: HandlerInput, speech: Speech) -> Response:
    """``speech``, then the check-in's question again when one is under way, else tonight's
    check-in offered when there has been none yet (else the usual question)."""
    turn = current_turn(handler_input)
    if isinstance(turn.state, CheckingIn):
        flow = turn.state.flow
        step = flow.step
        if step is not None:
            bank = question_bank(turn.settings.locale)
            question = question_text(step, flow, bank, turn.prompts)
            speech.say(turn.prompts.say("checkin.resume"), question)
            return ask(handler_input, speech, question)
    if checked_in(turn.household.household, turn.tonight().isoformat()):
        turn.set_state(IDLE)
        question = turn.prompts.say("reprompt.idle")
    else:
        turn.set_state(Offering(CheckInOffer()))
        question = turn.prompts.say("progress.offer_checkin")
    return ask(handler_input, speech.say(question), question)


def report_last_time(handler_input: HandlerInput) -> Response:
    """ "What did we do last time?": the last check-in, practice and date idea the profile
    keeps, in a few words; then tonight's check-in offered when there has been none yet."""
    turn = current_turn(handler_input)
    household = turn.household.household
    profile = household.profile
    evening = turn.tonight()
    library = practice_library(turn.settings.locale)
    catalogue = date_catalogue(turn.settings.locale)

    def practice_name(practice_id: str) -> str | None:
        return library.practice(practice_id).name if library.has(practice_id) else None

    def idea_title(idea_id: str) -> str | None:
        idea = catalogue.get(idea_id)
        return idea.title if idea is not None else None

    left = profile.practice_paused
    paused = None
    if left is not None and left.at:
        try:
            stopped = datetime.fromisoformat(left.at).astimezone(turn.timezone()).date()
        except ValueError:
            stopped = None
        paused = (left.practice, stopped) if stopped is not None else None
    kept = last_time(
        profile.streak_last,
        profile.heard_practices,
        profile.practices_read,
        paused,
        profile.dates.seen,
        profile.dates.saved,
    )
    speech = last_time_speech(kept, evening, turn.prompts, practice_name, idea_title)
    return _then_the_check_in(handler_input, speech)


class ProgressHandler(AbstractRequestHandler):
    """The streak, this week's check-ins, connection and its trend, practices tried."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("ProgressIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return report_progress(handler_input)
