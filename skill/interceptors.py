"""Cross-cutting work around every handler: building the turn, saving, remembering.

Kept out of the handlers so each handler only translates one request into a
call of the pure logic underneath.
"""

from __future__ import annotations

import copy
import logging
from datetime import UTC, datetime

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor, AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response
from ask_sdk_model.context import Context
from ask_sdk_model.ui import Reprompt, SsmlOutputSpeech

from skill.alexa_api import AlexaApi
from skill.config import Settings
from skill.content import CONTENT_ROOT
from skill.handlers.modes import run_mode_exit
from skill.handlers.save_retry import SAVE_RETRY_MODE
from skill.household.context import STORE_BUDGET_SECONDS, CommitResult, HouseholdContext
from skill.household.model import Change
from skill.storage.base import HouseholdStore
from skill.turn import (
    LAST_RESPONSE,
    PENDING,
    STATE,
    TURN_KEY,
    VARIANTS,
    Turn,
    household_id_for,
    new_prompts,
    seeded_rng,
)

logger = logging.getLogger(__name__)


class TurnStarter(AbstractRequestInterceptor):
    """Builds the :class:`~skill.turn.Turn` for the request (no I/O: the household loads lazily)."""

    def __init__(self, settings: Settings, store: HouseholdStore) -> None:
        self._settings = settings
        self._store = store

    def process(self, handler_input: HandlerInput) -> None:
        envelope = handler_input.request_envelope
        request = envelope.request
        system = envelope.context.system if envelope.context else None
        user_id = system.user.user_id if system and system.user else envelope.session.user.user_id
        session = handler_input.attributes_manager.session_attributes if envelope.session else {}
        pending = [Change.from_dict(doc) for doc in session.get(PENDING) or []]
        rng = seeded_rng(request.request_id or "")
        now = request.timestamp or datetime.now(UTC)
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        locale = request.locale or self._settings.locale
        person = system.person if system and system.person else None
        handler_input.attributes_manager.request_attributes[TURN_KEY] = Turn(
            settings=self._settings,
            household=HouseholdContext(
                self._store, household_id_for(user_id), pending, budget=STORE_BUDGET_SECONDS
            ),
            prompts=new_prompts(_supported(locale), rng, session.setdefault(VARIANTS, {})),
            rng=rng,
            now=now,
            session=session,
            person_id=person.person_id if person else None,
            alexa=_alexa_api(envelope.context),
            entry_state=copy.deepcopy(session.get(STATE) or {}),
        )


def _alexa_api(context: Context | None) -> AlexaApi | None:
    """The Alexa APIs for this request, when Alexa sent an endpoint and an access token."""
    system = context.system if context else None
    if system is None or not system.api_endpoint or not system.api_access_token:
        return None
    device_id = system.device.device_id if system.device else None
    return AlexaApi(system.api_endpoint, system.api_access_token, device_id)


def _supported(locale: str) -> str:
    # A locale without its own content folder (en-GB, en-AU…) speaks the en-US content.
    return locale if (CONTENT_ROOT / locale).is_dir() else "en-US"


class TurnFinisher(AbstractResponseInterceptor):
    """Saves the turn's changes once, and remembers the response for "repeat that".

    A failed save keeps the changes in the session so the next turn retries
    them, and tells the couple honestly instead of pretending all is well.
    """

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        turn: Turn = handler_input.attributes_manager.request_attributes[TURN_KEY]
        run_mode_exit(turn)
        result = turn.household.commit()
        if result is CommitResult.FAILED:
            turn.session[PENDING] = [c.to_dict() for c in turn.household.changes]
            if response is not None and response.output_speech is not None:
                _apologise_for_save(turn, response)
        elif turn.session.get(PENDING):
            del turn.session[PENDING]
        if response is not None and not is_intent_name("AMAZON.RepeatIntent")(handler_input):
            _remember(turn, response)


def _apologise_for_save(turn: Turn, response: Response) -> None:
    speech = response.output_speech
    if not isinstance(speech, SsmlOutputSpeech):
        return
    sorry = turn.prompts.say("store.save_failed")
    speech.ssml = speech.ssml.replace("<speak>", f"<speak>{sorry} ", 1)
    if response.should_end_session:
        # Keep the session open so the unsaved changes can still be saved on the next turn.
        response.should_end_session = False
        retry = turn.prompts.say("store.retry_question")
        speech.ssml = speech.ssml.replace("</speak>", f" {retry}</speak>")
        response.reprompt = _reprompt(retry)
        turn.set_state(SAVE_RETRY_MODE)


def _reprompt(text: str) -> Reprompt:
    return Reprompt(output_speech=SsmlOutputSpeech(ssml=f"<speak>{text}</speak>"))


def _remember(turn: Turn, response: Response) -> None:
    speech = response.output_speech
    if not isinstance(speech, SsmlOutputSpeech):
        return
    reprompt = response.reprompt.output_speech if response.reprompt else None
    turn.session[LAST_RESPONSE] = {
        "speech": speech.ssml,
        "reprompt": reprompt.ssml if isinstance(reprompt, SsmlOutputSpeech) else None,
        "ends": bool(response.should_end_session),
    }
