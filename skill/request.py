"""Typed reading of the request envelope: every field the ASK model leaves optional, in one place.

The ASK SDK's model types mark almost every field ``Optional``: a request
envelope may lack a session (skill events), a context, an intent's slots, a
locale. Handlers read those fields through these functions instead of
reaching through the envelope, so each "may be None" is decided once, with
the fallback that makes sense for it, and the type checker can follow it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import Intent, IntentRequest, Request, RequestEnvelope, Slot
from ask_sdk_model.interfaces.system import SystemState


def request_of(handler_input: HandlerInput) -> Request:
    """The request itself (Alexa always sends one; its absence is a malformed envelope)."""
    request = handler_input.request_envelope.request
    if request is None:
        raise ValueError("the envelope carries no request")
    return request


def system_of(envelope: RequestEnvelope) -> SystemState | None:
    """``context.System``: who, which device, which Alexa APIs (None when not sent)."""
    return envelope.context.system if envelope.context is not None else None


def user_id_of(envelope: RequestEnvelope) -> str:
    """The Alexa account's user id, from the context or else the session ("" when neither)."""
    system = system_of(envelope)
    if system is not None and system.user is not None and system.user.user_id:
        return str(system.user.user_id)
    session = envelope.session
    if session is not None and session.user is not None and session.user.user_id:
        return str(session.user.user_id)
    return ""


def person_id_of(envelope: RequestEnvelope) -> str | None:
    """The recognised voice profile's person id, when Alexa sent one."""
    system = system_of(envelope)
    person = system.person if system is not None else None
    return str(person.person_id) if person is not None and person.person_id else None


def request_id_of(handler_input: HandlerInput) -> str:
    """The request id ("" when missing)."""
    return str(request_of(handler_input).request_id or "")


def timestamp_of(handler_input: HandlerInput) -> datetime:
    """When Alexa stamped the request, as an aware datetime (now when missing)."""
    moment = request_of(handler_input).timestamp or datetime.now(UTC)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def locale_of(handler_input: HandlerInput, default: str) -> str:
    """The request's locale ("en-GB"), or ``default`` when Alexa sent none."""
    return str(request_of(handler_input).locale or default)


def session_id_of(handler_input: HandlerInput) -> str:
    """The session id ("" for requests outside a session, such as skill events)."""
    session = handler_input.request_envelope.session
    return str(session.session_id or "") if session is not None else ""


def session_attributes_of(handler_input: HandlerInput) -> dict[str, Any]:
    """The session attributes to read and write ({} and not kept outside a session)."""
    if handler_input.request_envelope.session is None:
        return {}
    attributes = handler_input.attributes_manager.session_attributes
    if attributes is None:
        attributes = {}
        handler_input.attributes_manager.session_attributes = attributes
    return attributes


def intent_of(handler_input: HandlerInput) -> Intent | None:
    """The intent of an IntentRequest, or None for any other request."""
    request = handler_input.request_envelope.request
    return request.intent if isinstance(request, IntentRequest) else None


def slots_of(handler_input: HandlerInput) -> dict[str, Slot]:
    """The intent's slots by name ({} outside an IntentRequest or when it has none)."""
    intent = intent_of(handler_input)
    if intent is None or not intent.slots:
        return {}
    return {name: slot for name, slot in intent.slots.items() if slot is not None}


#: The interface a device with an APL screen lists in ``supportedInterfaces``.
APL_INTERFACE = "Alexa.Presentation.APL"


def _version(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split("."))
    except ValueError:
        return ()


def supports_apl(envelope: RequestEnvelope, minimum: str) -> bool:
    """Whether the device has a screen that renders APL documents of version ``minimum``.

    Read from the raw ``supportedInterfaces``: a device that names the
    interface but not its runtime is taken at its word.
    """
    system = system_of(envelope)
    device = system.device if system is not None else None
    interfaces = device.supported_interfaces if device is not None else None
    apl = interfaces.alexa_presentation_apl if interfaces is not None else None
    if apl is None:
        return False
    runtime = apl.runtime
    newest = runtime.max_version if runtime is not None else None
    return not newest or _version(str(newest)) >= _version(minimum)


class EnvelopeSerializer(DefaultSerializer):
    """The SDK's serializer, without the work it does twice or slowly for a request envelope.

    ``DefaultSerializer.deserialize`` takes JSON text, so an envelope that
    arrives as a dict (Lambda's event, the web endpoint's parsed body) would be
    dumped to JSON only to be parsed again; and it reads every timestamp with
    ``dateutil``'s general parser, where Alexa's ISO 8601 stamps need only
    :meth:`datetime.fromisoformat`. Together about a quarter of the SDK's own
    cost of a turn. The model objects built are the same (a test compares them
    with the SDK's on every kind of request the skill gets).
    """

    def envelope(self, event: dict[str, Any]) -> RequestEnvelope:
        """The request envelope of ``event``, as the SDK would build it from its JSON."""
        envelope: RequestEnvelope = self._DefaultSerializer__deserialize(  # type: ignore[attr-defined]
            event, RequestEnvelope
        )
        return envelope

    def _DefaultSerializer__deserialize_datetime(self, payload: str, obj_type: Any) -> Any:
        """ISO 8601 directly; anything else as the SDK reads it."""
        try:
            parsed = datetime.fromisoformat(payload)
        except (TypeError, ValueError):
            return super()._DefaultSerializer__deserialize_datetime(  # type: ignore[misc]
                payload, obj_type
            )
        return parsed.date() if obj_type is date else parsed
