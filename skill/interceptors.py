"""Cross-cutting work around every handler: building the turn, saving, remembering.

Kept out of the handlers so each handler only translates one request into a
call of the pure logic underneath.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, TypeVar

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor, AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response
from ask_sdk_model.context import Context
from ask_sdk_model.ui import Reprompt, SsmlOutputSpeech

from skill.alexa_api import AlexaApi
from skill.config import Settings
from skill.content import CONTENT_ROOT
from skill.content.care import care_lines
from skill.conversation.care import (
    Crisis,
    hears_crisis,
    may_speak_of_crisis,
    speaks_of_being_watched,
)
from skill.conversation.dialog import AskingToRetrySave, DialogState, InCare, decode_state
from skill.conversation.lines import forget_lines
from skill.household.changes import ChangeKinds, VariantsRemembered
from skill.household.context import STORE_BUDGET_SECONDS, CommitResult, HouseholdContext
from skill.request import (
    locale_of,
    person_id_of,
    request_id_of,
    session_attributes_of,
    slots_of,
    timestamp_of,
    user_id_of,
)
from skill.storage.base import HouseholdStore
from skill.turn import (
    GENTLE_WORD,
    LAST_RESPONSE,
    MISSES,
    NO_CARDS,
    PENDING,
    STATE,
    TURN_KEY,
    VARIANTS,
    Turn,
    current_turn,
    household_id_for,
    new_prompts,
    remember_card,
    seeded_rng,
)

logger = logging.getLogger(__name__)


S = TypeVar("S", bound=DialogState)

#: The longest prompt memory a session may carry (keys are prompt names, a few hundred exist).
MAX_VARIANT_KEYS = 400
#: The most phrasings a prompt key may have (the memory of one is shorter than that).
MAX_VARIANTS = 40


@dataclass(frozen=True)
class ModeExit(Generic[S]):
    """What leaving a dialog state of ``state_type`` by any route does: ``run(turn, left)``.

    A check-in can be left by "stop", by a timeout, or by asking for something
    else half-way ("suggest a date night"). Rather than every handler knowing
    about every state, the state's owner gives one exit function, and the
    response interceptor calls it whenever a request began in that state and
    ends in another. Exit functions must be idempotent: the handler that left
    may already have done the same work.
    """

    state_type: type[S]
    run: Callable[[Turn, S], None]


class TurnStarter(AbstractRequestInterceptor):
    """Builds the :class:`~skill.turn.Turn` for the request (no I/O: the household loads lazily).

    Everything the session carries is read back checked: the dialog state
    (:func:`~skill.conversation.dialog.decode_state`), changes waiting for a
    save (:class:`~skill.household.changes.ChangeKinds`), the prompt memory.
    """

    def __init__(self, settings: Settings, store: HouseholdStore, changes: ChangeKinds) -> None:
        self._settings = settings
        self._store = store
        self._changes = changes

    def process(self, handler_input: HandlerInput) -> None:
        forget_lines()  # the last turn's words, read by another household's turn
        envelope = handler_input.request_envelope
        session = session_attributes_of(handler_input)
        pending = self._changes.decode_all(session.get(PENDING))
        rng = seeded_rng(request_id_of(handler_input))
        state = decode_state(session.get(STATE))
        if not state.MODE:
            session.pop(STATE, None)
        locale = locale_of(handler_input, self._settings.locale)
        handler_input.attributes_manager.request_attributes[TURN_KEY] = Turn(
            settings=self._settings,
            household=HouseholdContext(
                self._store,
                household_id_for(user_id_of(envelope)),
                pending,
                budget=STORE_BUDGET_SECONDS,
            ),
            prompts=new_prompts(_supported(locale), rng, _variant_memory(session)),
            rng=rng,
            now=timestamp_of(handler_input),
            session=session,
            person_id=person_id_of(envelope),
            alexa=_alexa_api(envelope.context),
            state=state,
            entry_state=state,
        )


def _variant_memory(session: dict[str, Any]) -> dict[str, list[int]]:
    """The session's memory of the phrasings said (prompt key → indexes), kept if well-formed."""
    memory = session.get(VARIANTS)
    if not (
        isinstance(memory, dict)
        and len(memory) <= MAX_VARIANT_KEYS
        and all(isinstance(k, str) and _indexes(v) for k, v in memory.items())
    ):
        memory = {}
    session[VARIANTS] = memory
    return memory


def _indexes(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) <= MAX_VARIANTS
        and all(type(i) is int and 0 <= i < MAX_VARIANTS for i in value)
    )


def _alexa_api(context: Context | None) -> AlexaApi | None:
    """The Alexa APIs for this request, when Alexa sent an endpoint and an access token."""
    system = context.system if context else None
    if system is None or not system.api_endpoint or not system.api_access_token:
        return None
    device_id = system.device.device_id if system.device else None
    return AlexaApi(system.api_endpoint, system.api_access_token, device_id)


@cache
def _supported(locale: str) -> str:
    """The content locale for ``locale``: looked up on disk once per locale, not per request."""
    # A locale without its own content folder (en-GB, en-AU…) speaks the en-US content.
    return locale if (CONTENT_ROOT / locale).is_dir() else "en-US"


class GentleWord(AbstractResponseInterceptor):
    """A short word naming where help is, when only the learned second ear hears crisis.

    The word families answer crisis with care and stop the evening
    (:class:`~skill.handlers.checkin.CareHandler`). What they miss, a learned
    model may still hear; it errs more, so the turn goes on as it would have,
    after one hedged sentence with the locale's number ("If any of that is
    weighing on you…"). Said once a session: after that, the couple has the
    number, and repeating it would turn a safety net into nagging.
    """

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        turn = current_turn(handler_input)
        speech = response.output_speech if response is not None else None
        if (
            response is None
            or not isinstance(speech, SsmlOutputSpeech)
            or not speech.ssml
            or isinstance(turn.state, InCare)
            or GENTLE_WORD in turn.session
        ):
            return
        # The content locale the handlers hear and answer care in, and the request's country.
        content_locale = turn.settings.locale
        for slot in slots_of(handler_input).values():
            crisis = may_speak_of_crisis(slot.value, content_locale)
            if crisis is not None:
                country = locale_of(handler_input, content_locale)
                word = care_lines(content_locale, country).say_gently(crisis.value)
                speech.ssml = speech.ssml.replace("<speak>", f"<speak>{word} ", 1)
                turn.session[GENTLE_WORD] = crisis.value
                if crisis is Crisis.VIOLENCE:
                    turn.session[NO_CARDS] = True
                _no_menu_after(turn, response)
                return


def _no_menu_after(turn: Turn, response: Response) -> None:
    """Never the cheerful three-way menu in the same breath as a help line: a question that
    ends on it ("Which would you like: a check-in, a date idea, or a practice?") becomes a
    quiet one ("Is there anything else you'd like tonight?"); "no" to it ends the evening."""
    reprompt = response.reprompt.output_speech if response.reprompt else None
    speech = response.output_speech
    if not isinstance(reprompt, SsmlOutputSpeech) or not isinstance(speech, SsmlOutputSpeech):
        return
    for menu in turn.prompts.phrasings("reprompt.idle"):
        if reprompt.ssml and menu in reprompt.ssml and speech.ssml and menu in speech.ssml:
            quiet = turn.prompts.say("care.numbers.question")
            speech.ssml = quiet.join(speech.ssml.rsplit(menu, 1))
            reprompt.ssml = reprompt.ssml.replace(menu, quiet)
            return


class QuietCards(AbstractResponseInterceptor):
    """No card to the Alexa app for the rest of a session once it may be read by the wrong
    person; and the cards sent, remembered for "does any of this show up in the app?".

    The Alexa app is read by anyone with the account's phone. Once someone has spoken of
    violence or control at home, or of a partner reading their phone or messages, no card
    goes there for the rest of the session, the self-harm card "Help is available" included
    (the numbers are said aloud, and asked for again by voice). Kept in the session only:
    nothing of a disclosure is stored in the household.
    """

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        turn = current_turn(handler_input)
        if NO_CARDS not in turn.session and _may_be_watched(turn, handler_input):
            turn.session[NO_CARDS] = True
        if response is None or response.card is None:
            return
        if turn.session.get(NO_CARDS):
            response.card = None
            return
        title = getattr(response.card, "title", None)
        if isinstance(title, str) and title:
            remember_card(turn.session, title)


def _may_be_watched(turn: Turn, handler_input: HandlerInput) -> bool:
    """Whether this request speaks of a partner reading one's phone or messages, or of violence
    or control at home."""
    content_locale = turn.settings.locale
    for slot in slots_of(handler_input).values():
        value = slot.value
        if value and (
            speaks_of_being_watched(value)
            or hears_crisis(value, content_locale) in (Crisis.VIOLENCE, Crisis.ABUSE)
        ):
            return True
    return False


class TurnFinisher(AbstractResponseInterceptor):
    """Runs the exit of a dialog state left, saves the turn's changes once, and remembers the
    response for "repeat that".

    A failed save keeps the changes in the session so the next turn retries
    them, and tells the couple honestly instead of pretending all is well.
    """

    def __init__(self, changes: ChangeKinds, exits: Sequence[ModeExit[Any]]) -> None:
        self._changes = changes
        self._exits = {exit_.state_type: exit_ for exit_ in exits}

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        turn = current_turn(handler_input)
        left = turn.entry_state
        exit_ = self._exits.get(type(left))
        if exit_ is not None and type(turn.state) is not type(left):
            exit_.run(turn, left)
        _remember_phrasings(turn)
        if not turn.missed:
            turn.session.pop(MISSES, None)
        result = turn.household.commit()
        if result is CommitResult.FAILED:
            turn.session[PENDING] = [self._changes.encode(c) for c in turn.household.changes]
            if response is not None and response.output_speech is not None:
                _apologise_for_save(turn, response)
        elif turn.session.get(PENDING):
            del turn.session[PENDING]
        if response is not None and not is_intent_name("AMAZON.RepeatIntent")(handler_input):
            _remember(turn, response)


def _remember_phrasings(turn: Turn) -> None:
    """Keep which phrasings were said, when the household is being saved anyway.

    The rounds of phrasings (:class:`~skill.content.prompts.Prompts`) then carry
    over to tomorrow night. Only with a save already due: a turn that saves
    nothing costs no write for this, and its session memory carries on.
    """
    household = turn.household
    if not (household.changes and household.loaded and not household.erased):
        return
    # Every round that moved during the session, not only this turn's: the check-in's questions
    # are asked on turns that save nothing, and their rounds must reach tomorrow too.
    stored = household.household.profile.said_recently
    memory = turn.prompts.memory
    moved = {key: list(memory[key]) for key in sorted(memory) if stored.get(key) != memory[key]}
    if moved:
        household.apply(VariantsRemembered(moved))


def _apologise_for_save(turn: Turn, response: Response) -> None:
    speech = response.output_speech
    if not isinstance(speech, SsmlOutputSpeech) or speech.ssml is None:
        return
    sorry = turn.prompts.say("store.save_failed")
    speech.ssml = speech.ssml.replace("<speak>", f"<speak>{sorry} ", 1)
    if response.should_end_session:
        # Keep the session open so the unsaved changes can still be saved on the next turn.
        response.should_end_session = False
        retry = turn.prompts.say("store.retry_question")
        speech.ssml = speech.ssml.replace("</speak>", f" {retry}</speak>")
        response.reprompt = _reprompt(retry)
        turn.set_state(AskingToRetrySave())


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
