"""Events Alexa sends outside any conversation, acknowledged on purpose and quietly.

Skill events (the skill enabled, a permission granted or changed, an account
linked, a proactive subscription changed) and ``System.ExceptionEncountered``
are not spoken to anyone: Alexa ignores speech in answer to a skill event and
refuses it in answer to ``System.ExceptionEncountered``. So each is answered
with an empty response and one log line at INFO (or WARNING when Alexa could
not use one of our answers), never at ERROR: none of them is a failure of
ours to investigate, and an unhandled one would otherwise reach the exception
handler, which speaks an apology and logs an error.

None of them reads or writes the household: the household is made on its
first visit, the reminders permission is checked when a reminder is set, and
``SkillDisabled`` (which erases) lives with the other erasures in
:mod:`skill.handlers.privacy`.
"""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response
from ask_sdk_model.events.skillevents import PermissionAcceptedRequest, PermissionChangedRequest
from ask_sdk_model.interfaces.system import ExceptionEncounteredRequest

from skill.alexa_api import REMINDERS_SCOPE

logger = logging.getLogger(__name__)


def _acknowledged(handler_input: HandlerInput) -> Response:
    """An empty response: the event is taken, and nothing is said."""
    return handler_input.response_builder.response


class SkillEnabledHandler(AbstractRequestHandler):
    """``AlexaSkillEvent.SkillEnabled``: nothing to keep yet (the first visit makes the
    household)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("AlexaSkillEvent.SkillEnabled")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        logger.info("skill event: the skill was enabled")
        return _acknowledged(handler_input)


def _reminders_granted(handler_input: HandlerInput) -> bool:
    """Whether the event's accepted permissions include the reminders scope."""
    request = handler_input.request_envelope.request
    body = getattr(request, "body", None)
    accepted = getattr(body, "accepted_permissions", None) or []
    return any(getattr(permission, "scope", None) == REMINDERS_SCOPE for permission in accepted)


class PermissionEventHandler(AbstractRequestHandler):
    """``SkillPermissionAccepted`` and ``SkillPermissionChanged``: the reminders permission.

    Only logged: the permission is read from each request when a reminder is
    set or listed (see :mod:`skill.handlers.reminders`), so nothing stored
    depends on this event arriving.
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        request = handler_input.request_envelope.request
        return isinstance(request, PermissionAcceptedRequest | PermissionChangedRequest)

    def handle(self, handler_input: HandlerInput) -> Response:
        changed = isinstance(handler_input.request_envelope.request, PermissionChangedRequest)
        logger.info(
            "skill event: permissions %s; reminders %s",
            "changed" if changed else "accepted",
            "granted" if _reminders_granted(handler_input) else "not granted",
        )
        return _acknowledged(handler_input)


class AccountLinkedHandler(AbstractRequestHandler):
    """``AlexaSkillEvent.SkillAccountLinked``: this skill links no account, so there is nothing
    to do (the access token it carries is never logged)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("AlexaSkillEvent.SkillAccountLinked")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        logger.info("skill event: an account was linked; this skill links none, nothing to do")
        return _acknowledged(handler_input)


class ProactiveSubscriptionHandler(AbstractRequestHandler):
    """``AlexaSkillEvent.ProactiveSubscriptionChanged``: the skill sends no proactive events."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("AlexaSkillEvent.ProactiveSubscriptionChanged")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        logger.info("skill event: proactive subscriptions changed; this skill sends none")
        return _acknowledged(handler_input)


class ExceptionEncounteredHandler(AbstractRequestHandler):
    """``System.ExceptionEncountered``: Alexa could not use our previous answer.

    A WARNING with Alexa's error type (``INVALID_RESPONSE``…), the thing to
    look at; never its message, which may quote the answer, and no speech,
    which Alexa does not allow here.
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return isinstance(handler_input.request_envelope.request, ExceptionEncounteredRequest)

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        error = getattr(request, "error", None)
        kind = getattr(getattr(error, "object_type", None), "value", None) or "unknown"
        logger.warning("Alexa could not use a response of ours: %s", kind)
        return _acknowledged(handler_input)
