"""Builders of real Alexa request envelopes, as plain JSON-compatible dicts.

The simulator, the tests and the benchmarks all drive the skill through the
same entry point Lambda uses, so they need requests shaped exactly like the
ones Alexa sends: session, ``context.System``, entity-resolution blocks on
custom slots, ISO timestamps. Keeping the shapes in one place means a change
in Alexa's format is fixed once. Everything here is pure: ids and timestamps
are parameters, so a replayed conversation is byte-for-byte reproducible.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

JsonDict = dict[str, Any]

DEFAULT_USER_ID = "amzn1.ask.account.SIMULATED-HOUSEHOLD"
DEFAULT_SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
DEFAULT_DEVICE_ID = "amzn1.ask.device.SIMULATED-SPEAKER"
DEFAULT_SESSION_ID = "amzn1.echo-api.session.simulated-0001"
DEFAULT_REQUEST_ID = "amzn1.echo-api.request.simulated-0001"
DEFAULT_API_ENDPOINT = "https://api.amazonalexa.com"
DEFAULT_API_ACCESS_TOKEN = "simulated-api-access-token"

#: What an Echo Show lists in ``supportedInterfaces``: APL, and the newest runtime it renders.
SCREEN_INTERFACES: Mapping[str, Any] = {
    "Alexa.Presentation.APL": {"runtime": {"maxVersion": "2024.2"}}
}

#: Why Alexa ended a session (``SessionEndedRequest.reason``).
SESSION_END_REASONS = frozenset({"USER_INITIATED", "ERROR", "EXCEEDED_MAX_REPROMPTS"})


@dataclass(frozen=True)
class Caller:
    """Who is speaking, to which skill, through which device.

    These are the parts of an envelope that stay the same from turn to turn.
    ``person_id`` is set when Alexa recognised a voice profile; ``consent_token``
    when the household granted a permission (for example reminders).
    """

    user_id: str = DEFAULT_USER_ID
    skill_id: str = DEFAULT_SKILL_ID
    locale: str = "en-US"
    device_id: str = DEFAULT_DEVICE_ID
    person_id: str | None = None
    api_endpoint: str = DEFAULT_API_ENDPOINT
    api_access_token: str = DEFAULT_API_ACCESS_TOKEN
    consent_token: str | None = None
    supported_interfaces: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Session:
    """The session block: whether it is new, its id, and the attributes carried so far."""

    session_id: str = DEFAULT_SESSION_ID
    new: bool = True
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SlotValue:
    """One filled slot as Alexa reports it.

    ``value`` is what the user said. For a custom slot type, ``type_name`` is
    set and Alexa adds entity resolution: ``canonical`` and ``value_id`` when
    the words matched a value or synonym (``ER_SUCCESS_MATCH``), both ``None``
    when they did not (``ER_SUCCESS_NO_MATCH``). Built-in types
    (``AMAZON.NUMBER``…) carry no resolution, so ``type_name`` stays ``None``.
    """

    value: str
    type_name: str | None = None
    canonical: str | None = None
    value_id: str | None = None


SlotInput = SlotValue | str | None


def timestamp_text(moment: datetime | None) -> str:
    """Alexa's timestamp format (``2024-05-01T19:30:00Z``); now when ``moment`` is None.

    A naive datetime is taken to be UTC already, as Alexa's timestamps always are.
    """
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def launch_request(
    *,
    caller: Caller | None = None,
    session: Session | None = None,
    request_id: str = DEFAULT_REQUEST_ID,
    timestamp: datetime | None = None,
) -> JsonDict:
    """ "Alexa, open heart talks": a LaunchRequest, always in a new session by default."""
    caller = caller or Caller()
    request = _request_base("LaunchRequest", caller, request_id, timestamp)
    request["shouldLinkResultBeReturned"] = False
    return _envelope(caller, session or Session(), request)


def intent_request(
    intent_name: str,
    slots: Mapping[str, SlotInput] | None = None,
    *,
    caller: Caller | None = None,
    session: Session | None = None,
    request_id: str = DEFAULT_REQUEST_ID,
    timestamp: datetime | None = None,
    dialog_state: str | None = None,
    confirmation_status: str = "NONE",
) -> JsonDict:
    """An IntentRequest.

    ``slots`` should name every slot the intent declares: Alexa sends the
    unfilled ones too, without a value (pass ``None``). A plain string is a
    built-in slot's value, with no entity resolution.
    """
    caller = caller or Caller()
    request = _request_base("IntentRequest", caller, request_id, timestamp)
    if dialog_state is not None:
        request["dialogState"] = dialog_state
    request["intent"] = {
        "name": intent_name,
        "confirmationStatus": confirmation_status,
        "slots": {
            name: _slot(name, value, caller.skill_id) for name, value in (slots or {}).items()
        },
    }
    return _envelope(caller, session or Session(), request)


def session_ended_request(
    reason: str = "USER_INITIATED",
    *,
    caller: Caller | None = None,
    session: Session | None = None,
    request_id: str = DEFAULT_REQUEST_ID,
    timestamp: datetime | None = None,
    error: Mapping[str, str] | None = None,
) -> JsonDict:
    """A SessionEndedRequest: the user left, did not answer, or something failed.

    ``error`` is Alexa's ``{"type": ..., "message": ...}`` block, sent with ``ERROR``.
    """
    if reason not in SESSION_END_REASONS:
        raise ValueError(f"unknown session end reason {reason!r}")
    caller = caller or Caller()
    request = _request_base("SessionEndedRequest", caller, request_id, timestamp)
    request["reason"] = reason
    if error is not None:
        request["error"] = dict(error)
    return _envelope(caller, session or Session(new=False), request)


def connections_response(
    name: str,
    token: str,
    payload: Mapping[str, Any],
    *,
    status_code: str = "200",
    status_message: str = "OK",
    caller: Caller | None = None,
    session: Session | None = None,
    request_id: str = DEFAULT_REQUEST_ID,
    timestamp: datetime | None = None,
) -> JsonDict:
    """``Connections.Response``: Alexa's answer to the skill's ``Connections.SendRequest``.

    ``name`` is the request's (``AskFor`` for a voice permission request), ``token`` the one
    the skill sent with it, ``payload`` what Alexa reports (for ``AskFor``: the permission
    scopes and the household's answer). A code other than 200 means the request failed.
    """
    caller = caller or Caller()
    request = _request_base("Connections.Response", caller, request_id, timestamp)
    request["name"] = name
    request["status"] = {"code": status_code, "message": status_message}
    request["token"] = token
    request["payload"] = dict(payload)
    return _envelope(caller, session or Session(), request)


def user_event(
    arguments: list[Any],
    *,
    token: str = "",
    caller: Caller | None = None,
    session: Session | None = None,
    request_id: str = DEFAULT_REQUEST_ID,
    timestamp: datetime | None = None,
) -> JsonDict:
    """``Alexa.Presentation.APL.UserEvent``: a touch on the screen whose ``SendEvent`` sent
    ``arguments``, on the document shown with ``token``."""
    caller = caller or Caller()
    request = _request_base("Alexa.Presentation.APL.UserEvent", caller, request_id, timestamp)
    request["token"] = token
    request["arguments"] = list(arguments)
    request["source"] = {"type": "TouchWrapper", "handler": "Press", "id": ""}
    return _envelope(caller, session or Session(new=False), request)


def skill_disabled_event(
    *,
    caller: Caller | None = None,
    request_id: str = DEFAULT_REQUEST_ID,
    timestamp: datetime | None = None,
) -> JsonDict:
    """``AlexaSkillEvent.SkillDisabled``: the household removed the skill (no session)."""
    return skill_event(
        "AlexaSkillEvent.SkillDisabled",
        {"userInformationPersistenceStatus": "NOT_PERSISTED"},
        caller=caller,
        request_id=request_id,
        timestamp=timestamp,
    )


def skill_event(
    event_type: str,
    body: JsonDict | None = None,
    *,
    caller: Caller | None = None,
    request_id: str = DEFAULT_REQUEST_ID,
    timestamp: datetime | None = None,
) -> JsonDict:
    """An ``AlexaSkillEvent.*`` request as Alexa sends it: outside any session, with a body."""
    caller = caller or Caller()
    request = _request_base(event_type, caller, request_id, timestamp)
    request["eventCreationTime"] = request["timestamp"]
    request["eventPublishingTime"] = request["timestamp"]
    if body is not None:
        request["body"] = dict(body)
    return {"version": "1.0", "context": _context(caller), "request": request}


def exception_encountered(
    error_type: str,
    *,
    caller: Caller | None = None,
    request_id: str = DEFAULT_REQUEST_ID,
    timestamp: datetime | None = None,
) -> JsonDict:
    """``System.ExceptionEncountered``: Alexa could not use the skill's last response."""
    caller = caller or Caller()
    request = _request_base("System.ExceptionEncountered", caller, request_id, timestamp)
    request["error"] = {"type": error_type, "message": "The response could not be used."}
    request["cause"] = {"requestId": "amzn1.echo-api.request.the-answer-that-failed"}
    return {"version": "1.0", "context": _context(caller), "request": request}


def _request_base(
    request_type: str, caller: Caller, request_id: str, timestamp: datetime | None
) -> JsonDict:
    return {
        "type": request_type,
        "requestId": request_id,
        "timestamp": timestamp_text(timestamp),
        "locale": caller.locale,
    }


def _envelope(caller: Caller, session: Session, request: JsonDict) -> JsonDict:
    session_block: JsonDict = {
        "new": session.new,
        "sessionId": session.session_id,
        "application": {"applicationId": caller.skill_id},
        "user": _user(caller),
    }
    # Alexa leaves the key out when nothing has been carried yet.
    if session.attributes:
        session_block["attributes"] = dict(session.attributes)
    return {
        "version": "1.0",
        "session": session_block,
        "context": _context(caller),
        "request": request,
    }


def _user(caller: Caller) -> JsonDict:
    user: JsonDict = {"userId": caller.user_id}
    if caller.consent_token is not None:
        user["permissions"] = {"consentToken": caller.consent_token}
    return user


def _context(caller: Caller) -> JsonDict:
    system: JsonDict = {
        "application": {"applicationId": caller.skill_id},
        "user": _user(caller),
        "device": {
            "deviceId": caller.device_id,
            "supportedInterfaces": dict(caller.supported_interfaces),
        },
        "apiEndpoint": caller.api_endpoint,
        "apiAccessToken": caller.api_access_token,
    }
    if caller.person_id is not None:
        system["person"] = {"personId": caller.person_id}
    return {"System": system}


def _slot(name: str, value: SlotInput, skill_id: str) -> JsonDict:
    slot: JsonDict = {"name": name, "confirmationStatus": "NONE"}
    if value is None:
        return slot
    if isinstance(value, str):
        value = SlotValue(value)
    slot["value"] = value.value
    slot["source"] = "USER"
    simple: JsonDict = {"type": "Simple", "value": value.value}
    if value.type_name is not None:
        resolutions = {"resolutionsPerAuthority": [_authority(value, skill_id)]}
        slot["resolutions"] = resolutions
        simple["resolutions"] = resolutions
    slot["slotValue"] = simple
    return slot


def _authority(value: SlotValue, skill_id: str) -> JsonDict:
    authority: JsonDict = {
        "authority": f"amzn1.er-authority.echo-sdk.{skill_id}.{value.type_name}",
    }
    if value.canonical is None:
        authority["status"] = {"code": "ER_SUCCESS_NO_MATCH"}
        return authority
    authority["status"] = {"code": "ER_SUCCESS_MATCH"}
    resolved: JsonDict = {"name": value.canonical}
    if value.value_id is not None:
        resolved["id"] = value.value_id
    authority["values"] = [{"value": resolved}]
    return authority
