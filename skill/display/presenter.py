"""Draws the turn's screen on a device that has one: the APL half of every response.

A response interceptor, run after the turn is saved: it reads what the turn
ended as (the screen a handler chose, else the dialog state), asks the pure
:func:`skill.screens.choose.choose` for a document and datasource, and adds
one ``Alexa.Presentation.APL.RenderDocument`` directive. Speech, reprompt,
card and session are left exactly as they were, so a device without a screen
hears, and a device with one hears, the very same words. It never reads the
store: a household is only used when the turn already read it.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from ask_sdk_core.dispatch_components import AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard, SsmlOutputSpeech

from skill.conversation.timezones import zone_or_none
from skill.request import supports_apl
from skill.screens.choose import Moment, Said, choose
from skill.screens.documents import APL_VERSION
from skill.speech import ssml_to_text
from skill.turn import Turn, current_turn


def _said(response: Response) -> Said:
    reprompt = response.reprompt.output_speech if response.reprompt else None
    ssml = reprompt.ssml if isinstance(reprompt, SsmlOutputSpeech) and reprompt.ssml else ""
    card = response.card if isinstance(response.card, SimpleCard) else None
    return Said(
        ssml_to_text(ssml),
        card.title if card is not None else None,
        card.content if card is not None else None,
    )


def _local_now(turn: Turn) -> datetime:
    """The household's local time as far as known without a read or an API call."""
    zone = None
    if turn.household.loaded and not turn.household.erased:
        zone = zone_or_none(turn.household.household.profile.timezone)
    return turn.now.astimezone(zone or ZoneInfo(turn.settings.default_timezone))


class ScreenPresenter(AbstractResponseInterceptor):
    """Adds the screen for the turn to every response that keeps the session open."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        if response is None or response.should_end_session is not False:
            return
        if not supports_apl(handler_input.request_envelope, APL_VERSION):
            return
        turn = current_turn(handler_input)
        loaded = turn.household.loaded and not turn.household.erased
        rendering = choose(
            Moment(
                shown=turn.screen,
                state=turn.state,
                said=_said(response),
                household=turn.household.household if loaded else None,
                local=_local_now(turn),
                locale=turn.settings.locale,
            )
        )
        # Imported here: the APL model classes take some 40 ms to import, which a cold start
        # for a device without a screen need not pay.
        from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

        directive = RenderDocumentDirective(
            token=rendering.kind.value,
            document=rendering.document,
            datasources=rendering.datasources,
        )
        response.directives = [*(response.directives or []), directive]
