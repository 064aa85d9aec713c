"""The nightly check-in reminder through the Alexa Reminders API.

"Remind us to check in every night at nine" offers the reminder and waits for
a yes (Alexa's rules: a reminder only with the household's explicit
agreement, its time said back). A yes creates it when the reminders permission
is granted; otherwise the skill asks for the permission the Alexa way: a
consent card in the Alexa app plus the voice permission request
(``Connections.SendRequest`` "AskFor"), whose answer comes back as a
``Connections.Response`` carrying the agreed time in its token. "What
reminders do we have" and "stop the reminders" list and delete through the
same API. Every API failure is said in plain words; the API client's errors
never carry personal data, so they are logged as they are.
"""

from __future__ import annotations

import logging
from datetime import time

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response
from ask_sdk_model.interfaces.connections import ConnectionsResponse, SendRequestDirective
from ask_sdk_model.ui import AskForPermissionsConsentCard

from skill.alexa_api import (
    REMINDERS_SCOPE,
    AlexaApi,
    AlexaApiError,
    ApiTimeout,
    NotFound,
    PermissionMissing,
    Throttled,
    daily_reminder_body,
    reminder_time,
)
from skill.conversation.dialog import IDLE, AskingReminderTime, Offering, ReminderOffer
from skill.conversation.personal_changes import ReminderCleared, ReminderSet
from skill.conversation.reminders import (
    ACCEPTED,
    DEFAULT_TIME,
    clock_text,
    consent_status,
    consent_token,
    evening_time,
    from_clock_text,
    reminders_granted,
    spoken_time,
    time_from_consent_token,
)
from skill.handlers.slots import slot_value
from skill.request import locale_of, system_of
from skill.speech import Speech
from skill.turn import Turn, ask, current_turn

logger = logging.getLogger(__name__)

#: At most this many reminders are deleted by "stop the reminders" (each call costs time).
MAX_DELETES = 5


def _carry_on(handler_input: HandlerInput, *sentences: str) -> Response:
    turn = current_turn(handler_input)
    turn.set_state(IDLE)
    question = turn.prompts.say("reprompt.idle")
    return ask(handler_input, Speech().say(*sentences, question), question)


def _api(turn: Turn) -> AlexaApi:
    """This request's Alexa APIs; ApiTimeout (said as "couldn't reach") when Alexa sent none."""
    if turn.alexa is None:
        raise ApiTimeout("the request carries no Alexa API endpoint")
    return turn.alexa


def _reason(turn: Turn, exc: AlexaApiError) -> str:
    """Why an API call failed, in plain words."""
    if isinstance(exc, PermissionMissing):
        return turn.prompts.say("reminder.no_permission")
    if isinstance(exc, Throttled):
        return turn.prompts.say("alexa_api.busy")
    if isinstance(exc, ApiTimeout):
        return turn.prompts.say("alexa_api.unreachable")
    return turn.prompts.say("alexa_api.broken")


def _failed(handler_input: HandlerInput, lead_key: str, exc: AlexaApiError) -> Response:
    turn = current_turn(handler_input)
    logger.warning("reminders: %s", exc)
    return _carry_on(handler_input, turn.prompts.say(lead_key), _reason(turn, exc))


def _granted(handler_input: HandlerInput) -> bool:
    """Whether this request says the household has granted the reminders permission."""
    system = system_of(handler_input.request_envelope)
    permissions = system.user.permissions if system and system.user else None
    if permissions is None:
        return False
    scopes = {
        name: str(getattr(scope.status, "value", scope.status))
        for name, scope in (permissions.scopes or {}).items()
        if scope is not None
    }
    return reminders_granted(permissions.consent_token, scopes, REMINDERS_SCOPE)


def _ask_permission(handler_input: HandlerInput, at: time) -> Response:
    """The consent card and the voice permission request; the agreed time rides in the token."""
    turn = current_turn(handler_input)
    turn.set_state(IDLE)
    payload: dict[str, object] = {
        "@type": "AskForPermissionsConsentRequest",
        "@version": "2",
        "permissionScopes": [{"permissionScope": REMINDERS_SCOPE, "consentLevel": "ACCOUNT"}],
    }
    builder = handler_input.response_builder
    builder.speak(Speech().say(turn.prompts.say("reminder.permission")).ssml())
    builder.set_card(AskForPermissionsConsentCard(permissions=[REMINDERS_SCOPE]))
    builder.add_directive(
        SendRequestDirective(name="AskFor", payload=payload, token=consent_token(at))
    )
    return builder.response


def _create(handler_input: HandlerInput, at: time, may_ask: bool = True) -> Response:
    """Create the daily reminder at ``at``, replacing the one this skill made before."""
    turn = current_turn(handler_input)
    profile = turn.household.household.profile
    zone = turn.device_zone_name()
    locale = locale_of(handler_input, turn.settings.locale)
    body = daily_reminder_body(
        at, zone, turn.local_now(), locale, turn.prompts.say("reminder.label")
    )
    try:
        api = _api(turn)
        alert = api.create_reminder(body)
    except PermissionMissing as exc:
        if may_ask:
            return _ask_permission(handler_input, at)
        return _failed(handler_input, "reminder.failed_set", exc)
    except AlexaApiError as exc:
        return _failed(handler_input, "reminder.failed_set", exc)
    previous = profile.reminder_id
    if previous and previous != alert:
        try:
            api.delete_reminder(previous)
        except NotFound:
            pass
        except AlexaApiError as exc:
            logger.warning("reminders: the previous reminder stays: %s", exc)
    turn.household.apply(ReminderSet(id=alert, at=clock_text(at)))
    return _carry_on(handler_input, turn.prompts.say("reminder.set", time=spoken_time(at)))


def accept_reminder_offer(handler_input: HandlerInput, offer: ReminderOffer) -> Response:
    """Yes to the nightly reminder: create it, or ask for the permission first."""
    at = from_clock_text(offer.at) or DEFAULT_TIME
    if not _granted(handler_input):
        return _ask_permission(handler_input, at)
    return _create(handler_input, at)


def delete_known_reminder(turn: Turn, reminder_id: str | None = None) -> bool:
    """Delete the reminder the profile knows of; False when it may still exist.

    ``reminder_id`` is that reminder's id when the caller already knows it
    (None: read it from the profile, which costs the turn its store read).
    """
    if reminder_id is None:
        reminder_id = turn.household.household.profile.reminder_id
    if not reminder_id:
        return True
    if turn.alexa is None:
        return False
    try:
        turn.alexa.delete_reminder(reminder_id)
    except NotFound:
        return True
    except AlexaApiError as exc:
        logger.warning("reminders: %s", exc)
        return False
    return True


class ReminderHandler(AbstractRequestHandler):
    """ "Remind us to check in every night at nine": say the plan back and ask first."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("ReminderIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        said = slot_value(handler_input, "time")
        return offer_reminder(handler_input, evening_time(said.spoken if said else None))


def ask_for_reminder_time(handler_input: HandlerInput) -> Response:
    """ "What time shall I remind you?", when no time was said."""
    turn = current_turn(handler_input)
    turn.set_state(AskingReminderTime())
    question = turn.prompts.say("reminder.ask_time")
    return ask(handler_input, question, question)


def offer_reminder(handler_input: HandlerInput, at: time | None) -> Response:
    """Say the plan back and ask before setting it (a time is asked for first when none was
    said); a reminder already at that time is only confirmed."""
    if at is None:
        return ask_for_reminder_time(handler_input)
    turn = current_turn(handler_input)
    profile = turn.household.household.profile
    current = from_clock_text(profile.reminder_at) if profile.reminder_id else None
    if current == at:
        already = turn.prompts.say("reminder.already", time=spoken_time(at))
        return _carry_on(handler_input, already)
    if current is None:
        lead = turn.prompts.say("reminder.offer", time=spoken_time(at))
    else:
        lead = turn.prompts.say("reminder.move", old=spoken_time(current), time=spoken_time(at))
    question = turn.prompts.say("reminder.offer_question")
    turn.set_state(Offering(ReminderOffer(at=clock_text(at))))
    return ask(handler_input, Speech().say(lead, question), question)


class PermissionAnswerHandler(AbstractRequestHandler):
    """Alexa's answer to the voice permission request (``Connections.Response``, "AskFor")."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        request = handler_input.request_envelope.request
        return isinstance(request, ConnectionsResponse) and request.name == "AskFor"

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        request = handler_input.request_envelope.request
        if not isinstance(request, ConnectionsResponse):
            raise TypeError("PermissionAnswerHandler needs a Connections.Response")
        code = str(request.status.code) if request.status and request.status.code else "200"
        if code != "200":
            logger.warning("reminders: the permission request failed with %s", code)
            return _failed(handler_input, "reminder.failed_set", AlexaApiError("AskFor failed"))
        status = consent_status(request.payload)
        if status != ACCEPTED:
            key = "reminder.denied" if status == "DENIED" else "reminder.not_answered"
            return _carry_on(handler_input, turn.prompts.say(key))
        at = time_from_consent_token(request.token)
        if at is None:
            return _carry_on(handler_input, turn.prompts.say("reminder.allowed"))
        return _create(handler_input, at, may_ask=False)


def list_reminders(handler_input: HandlerInput) -> Response:
    """ "What reminders do we have", "did the reminder work?": ask the API, which knows of
    deletions in the Alexa app; without the permission none can be set, which is said."""
    turn = current_turn(handler_input)
    if not _granted(handler_input) and not turn.household.household.profile.reminder_id:
        # None can have been set: said so, and why ("did the reminder work?").
        none = turn.prompts.say("reminder.none")
        return _carry_on(handler_input, none, turn.prompts.say("reminder.not_allowed"))
    try:
        alerts = _api(turn).reminders()
    except AlexaApiError as exc:
        return _failed(handler_input, "reminder.failed_list", exc)
    profile = turn.household.household.profile
    if profile.reminder_id and profile.reminder_id not in {a.get("alertToken") for a in alerts}:
        turn.household.apply(ReminderCleared())
    active = [a for a in alerts if a.get("status") != "COMPLETED"]
    if not active:
        return _carry_on(handler_input, turn.prompts.say("reminder.none"))
    times = sorted({t for t in (reminder_time(a) for a in active) if t is not None})
    if not times:
        return _carry_on(handler_input, turn.prompts.say("reminder.listed_untimed"))
    spoken = " and ".join(spoken_time(t) for t in times)
    return _carry_on(handler_input, turn.prompts.say("reminder.listed", time=spoken))


class ListRemindersHandler(AbstractRequestHandler):
    """ "What reminders do we have": ask the API, which knows of deletions in the Alexa app."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("ListRemindersIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return list_reminders(handler_input)


def stop_reminders(handler_input: HandlerInput) -> Response:
    """ "Stop the reminders": delete every reminder this skill made for the household."""
    turn = current_turn(handler_input)
    try:
        api = _api(turn)
        alerts = api.reminders()
        tokens = [str(a["alertToken"]) for a in alerts if a.get("alertToken")][:MAX_DELETES]
        for token in tokens:
            try:
                api.delete_reminder(token)
            except NotFound:
                continue
    except AlexaApiError as exc:
        if not turn.household.household.profile.reminder_id:
            # Alexa could not be asked, but this skill set no reminder: there is none to stop,
            # and saying "the reminder is still on" would not be true.
            return _carry_on(handler_input, turn.prompts.say("reminders.none_to_stop"))
        return _failed(handler_input, "reminder.failed_stop", exc)
    if turn.household.household.profile.reminder_id:
        turn.household.apply(ReminderCleared())
    key = "reminder.stopped" if tokens else "reminder.nothing_to_stop"
    return _carry_on(handler_input, turn.prompts.say(key))


class StopRemindersHandler(AbstractRequestHandler):
    """ "Stop the reminders": delete every reminder this skill made for the household."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("StopRemindersIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return stop_reminders(handler_input)
