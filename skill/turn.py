"""Everything one Alexa request needs, gathered once by the request interceptor.

Handlers call :func:`current_turn` instead of digging through the request
envelope, and build responses with :func:`ask` and :func:`tell`, which enforce
the speech rules (a question as reprompt whenever the session stays open).
"""

from __future__ import annotations

import hashlib
import logging
import random
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import (
    Intent,
    IntentConfirmationStatus,
    IntentRequest,
    LaunchRequest,
    Response,
    Slot,
    SlotConfirmationStatus,
)
from ask_sdk_model.dialog import ElicitSlotDirective
from ask_sdk_model.ui import SimpleCard

from skill.alexa_api import AlexaApi, AlexaApiError
from skill.config import Settings
from skill.content.prompts import Prompts, prompt_bank
from skill.content.understanding import Vocabulary, vocabulary
from skill.conversation.dialog import IDLE, DialogState, encode_state
from skill.conversation.evening import PartOfDay, evening_of, part_of_day
from skill.conversation.personal_changes import TimezoneRead
from skill.conversation.timezones import needs_refresh, zone_or_none
from skill.household.context import HouseholdContext
from skill.request import session_attributes_of
from skill.screens.choose import Shown
from skill.speech import Speech

logger = logging.getLogger(__name__)

TURN_KEY = "turn"
#: Session attribute names owned by the core; features keep theirs under ``state``.
STATE = "state"
VARIANTS = "variants"
LAST_RESPONSE = "last"
PENDING = "pending"
#: Turns not understood in a row, while the session lasts.
MISSES = "misses"
#: The kind of crisis a gentle word was said for in this session (said once a session).
GENTLE_WORD = "gentle"
#: The date filters last asked for in this session ("at home and free"), so that "another date
#: idea" after a check-in keeps to them as "another one" does while browsing.
DATE_FILTERS = "date_filters"
#: The care answer or the help lines were said in this session (so no failure note follows).
CARE_GIVEN = "cared"
#: Someone said in this session that they are on their own ("it's just me though"), or was
#: read a practice's one-person form: every practice read later in it is in that form.
ALONE = "alone"
#: No card goes to the Alexa app for the rest of this session: a partner may read the app (said
#: after a disclosure of violence or control, or of a phone or messages watched). Kept in the
#: session only: nothing of a disclosure is stored in the household.
NO_CARDS = "no_cards"
#: The titles of the cards sent to the Alexa app in this session, for "does any of this show
#: up in the app?".
CARDS_SENT = "cards_sent"
MAX_MISSES = 10
#: The title of the card with the self-harm help lines (the one card care may send).
HELP_CARD_TITLE = "Help is available"
#: The most card titles a session remembers (it reads them back, and they come from outside).
MAX_CARDS_REMEMBERED = 8


def cards_sent(session: dict[str, Any]) -> list[str]:
    """The titles of the cards sent to the Alexa app in this session, oldest first, as the
    session carries them (checked: the session comes from outside)."""
    sent = session.get(CARDS_SENT)
    if not isinstance(sent, list):
        return []
    return [title for title in sent if isinstance(title, str)][-MAX_CARDS_REMEMBERED:]


def remember_card(session: dict[str, Any], title: str) -> None:
    """Note that a card called ``title`` went to the Alexa app in this session."""
    sent = [said for said in cards_sent(session) if said != title]
    session[CARDS_SENT] = [*sent, title][-MAX_CARDS_REMEMBERED:]


@dataclass
class Turn:
    """One request's context: who, when, where in the dialog, and the household."""

    settings: Settings
    household: HouseholdContext
    prompts: Prompts
    rng: random.Random
    now: datetime
    session: dict[str, Any]
    #: Where the dialog is now (see :mod:`skill.conversation.dialog`).
    state: DialogState = IDLE
    #: The dialog state as the request found it, so leaving it can be noticed.
    entry_state: DialogState = IDLE
    person_id: str | None = None
    #: The Alexa APIs (settings, reminders) for this request; None when Alexa sent no token.
    alexa: AlexaApi | None = None
    #: The screen a handler chose outright; None lets the dialog state decide (see
    #: :mod:`skill.screens.choose`). Only drawn on a device with a screen.
    screen: Shown | None = None
    #: The request was a touch on the screen, answered as its spoken twin
    #: (:mod:`skill.display.touches`).
    touched: bool = False
    #: This turn was not understood (see :meth:`misunderstood`); any other turn clears the count.
    missed: bool = False
    #: How many first names this line gave as who is here ("bestie we're Zoe and Marcus… check
    #: in"): two say both are here, so a check-in begun by it need not ask.
    named_here: int = 0

    def misunderstood(self) -> int:
        """Count this turn as not understood: how many in a row, this one included (the count
        lives in the session and is read back bounded, as the session comes from outside)."""
        before = self.session.get(MISSES)
        count = before + 1 if isinstance(before, int) and 0 <= before < MAX_MISSES else 1
        self.session[MISSES] = count
        self.missed = True
        return count

    def __post_init__(self) -> None:
        # Phrasings that say "tonight" ask the hour; it is the household's once it is read.
        self.prompts.daytime = self.is_daytime

    def is_daytime(self) -> bool:
        """Whether it is before the evening where the household is (the configured zone until
        the household is read: asking costs no read)."""
        return part_of_day(self.local_now()) is not PartOfDay.EVENING

    @property
    def vocabulary(self) -> Vocabulary:
        """The words the skill listens for in free speech (this locale's content)."""
        return vocabulary(self.settings.locale)

    @property
    def mode(self) -> str:
        """The state's name, for prompt keys: ``""`` (idle), ``practice``, ``checkin``…"""
        return self.state.MODE

    def show(self, screen: Shown) -> None:
        """Draw ``screen`` on a device with one, whatever the dialog state."""
        self.screen = screen

    def set_state(self, state: DialogState = IDLE) -> None:
        """Move the dialog to ``state``; ``set_state()`` returns to idle."""
        self.state = state
        self.session[STATE] = encode_state(state)

    def timezone(self) -> tzinfo:
        """The household's time zone, from the settings API and cached in the profile.

        Only once the turn has read the household (a turn that needs nothing
        stored costs no read for this): load it before asking what "tonight" is.
        Until then, and whenever the zone is unknown, the configured default.
        """
        if self.household.loaded:
            zone = zone_or_none(self.device_zone_name())
            if zone is not None:
                return zone
        return ZoneInfo(self.settings.default_timezone)

    def device_zone_name(self) -> str | None:
        """The IANA name of the household's zone as the device reported it, or None while unknown.

        Read through the Alexa settings API only when the zone cached in the
        profile is missing or stale (see :mod:`skill.conversation.timezones`);
        a failure falls back to the zone known so far and is remembered, so the
        next turns do not each wait for a broken API.
        """
        profile = self.household.household.profile
        if needs_refresh(profile, self.now) and self.alexa is not None:
            zone = ""
            try:
                read = self.alexa.timezone()
                if zone_or_none(read) is not None:
                    zone = read
                else:
                    logger.warning("settings API named an unknown time zone; keeping the default")
            except AlexaApiError as exc:
                logger.warning("time zone not read: %s", exc)
            self.household.apply(TimezoneRead(zone=zone, checked_at=self.now.isoformat()))
        return profile.timezone if zone_or_none(profile.timezone) is not None else None

    def local_now(self) -> datetime:
        """Now, in the household's time zone: what "tonight" means."""
        return self.now.astimezone(self.timezone())

    def tonight(self) -> date:
        """The evening this request belongs to, in the household's time zone (reads it)."""
        # The household's time zone is kept in its profile, so read the household first.
        self.household.household  # noqa: B018
        return evening_of(self.local_now())


def household_id_for(user_id: str) -> str:
    """A stable, non-reversible household id: raw Alexa user ids never reach storage or logs."""
    return hashlib.sha256(user_id.encode("utf-8")).hexdigest()[:32]


def seeded_rng(request_id: str) -> random.Random:
    """Randomness seeded by the request id, so a replayed dialog says the same things."""
    return random.Random(int.from_bytes(hashlib.sha256(request_id.encode()).digest()[:8], "big"))


def new_prompts(locale: str, rng: random.Random, memory: dict[str, list[int]]) -> Prompts:
    """Prompt chooser for ``locale`` remembering choices in ``memory``."""
    return Prompts(prompt_bank(locale), rng, memory)


def current_turn(handler_input: HandlerInput) -> Turn:
    """The turn the request interceptor prepared."""
    turn = handler_input.attributes_manager.request_attributes[TURN_KEY]
    if not isinstance(turn, Turn):
        raise TypeError("no turn was prepared for this request")
    return turn


def _as_speech(speech: Speech | str) -> str:
    return speech.ssml() if isinstance(speech, Speech) else Speech().say(speech).ssml()


#: The intent and slot every question is asked with: the answer comes back as the words said.
ANSWER_INTENT = "AnswerIntent"
ANSWER_SLOT = "answer"
#: Session attribute: the household asked for slower speech ("slow down").
SLOW = "slow"
#: How much slower, once asked: clearly slower, still natural.
SLOW_RATE = "85%"


def _paced(handler_input: HandlerInput, ssml: str) -> str:
    """``ssml`` spoken more slowly when the household asked for it."""
    if session_attributes_of(handler_input).get(SLOW) is not True:
        return ssml
    return f'<prosody rate="{SLOW_RATE}">{ssml}</prosody>'


def elicit_answer(handler_input: HandlerInput) -> None:
    """Ask for the next words as said, with ``Dialog.ElicitSlot`` on the answer slot.

    Alexa then hears whatever comes next as the answer to the question just
    asked ("pretty good, like a four", "my wife and me") instead of matching it
    to another intent; only its own built-in intents (stop, help, yes…) still
    interrupt. Alexa accepts dialog directives in answer to a LaunchRequest or
    an IntentRequest only, so other requests (a permission answer, a touch on
    the screen) leave the next words to ordinary intent matching.
    """
    if not isinstance(handler_input.request_envelope.request, IntentRequest | LaunchRequest):
        return
    turn = handler_input.attributes_manager.request_attributes.get(TURN_KEY)
    if isinstance(turn, Turn) and turn.touched:
        # A touch arrives as a UserEvent; it only reads as an intent inside the skill.
        return
    handler_input.response_builder.add_directive(_ELICIT_ANSWER)


#: The one directive :func:`elicit_answer` adds, built once: nearly every answer carries it,
#: and the SDK's models cost more to build than to serialize. Nothing edits a directive once
#: it is added; the response is serialized from it and then let go.
_ELICIT_ANSWER = ElicitSlotDirective(
    updated_intent=Intent(
        name=ANSWER_INTENT,
        confirmation_status=IntentConfirmationStatus.NONE,
        slots={
            ANSWER_SLOT: Slot(name=ANSWER_SLOT, confirmation_status=SlotConfirmationStatus.NONE)
        },
    ),
    slot_to_elicit=ANSWER_SLOT,
)


def ask(
    handler_input: HandlerInput,
    speech: Speech | str,
    reprompt: str,
    card: tuple[str, str] | None = None,
) -> Response:
    """Speak, keep the session open and hear the answer as said; the reprompt must hand the
    turn back as a question."""
    if not reprompt.rstrip().endswith("?"):
        raise ValueError(f"reprompt must be a question: {reprompt!r}")
    return ask_ssml(
        handler_input,
        _as_speech(speech),
        _as_speech(reprompt),
        card=card,
    )


def ask_ssml(
    handler_input: HandlerInput,
    speech_ssml: str,
    reprompt_ssml: str,
    card: tuple[str, str] | None = None,
    *,
    paced: bool = True,
) -> Response:
    """:func:`ask` for speech already in SSML; ``paced=False`` for a response said again as it
    was (it carries its pace already)."""
    if paced:
        speech_ssml, reprompt_ssml = (
            _paced(handler_input, speech_ssml),
            _paced(handler_input, reprompt_ssml),
        )
    builder = handler_input.response_builder
    builder.speak(speech_ssml).ask(reprompt_ssml)
    if card:
        builder.set_card(SimpleCard(title=card[0], content=card[1]))
    elicit_answer(handler_input)
    return builder.response


def tell(
    handler_input: HandlerInput, speech: Speech | str, card: tuple[str, str] | None = None
) -> Response:
    """Speak and end the session."""
    builder = handler_input.response_builder.speak(_paced(handler_input, _as_speech(speech)))
    builder.set_should_end_session(True)
    if card:
        builder.set_card(SimpleCard(title=card[0], content=card[1]))
    return builder.response
