"""Typed reading of the request envelope: every field the ASK model leaves optional, in one place.

The ASK SDK's model types mark almost every field ``Optional``: a request
envelope may lack a session (skill events), a context, an intent's slots, a
locale. Handlers read those fields through these functions instead of
reaching through the envelope, so each "may be None" is decided once, with
the fallback that makes sense for it, and the type checker can follow it.
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from ask_sdk_core.exceptions import SerializationException
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


def opens_a_session(handler_input: HandlerInput) -> bool:
    """Whether this request starts its session (``session.new``): a one-shot ("ask … to …")
    or a launch, with nothing said to the skill before it."""
    session = handler_input.request_envelope.session
    return session is not None and bool(session.new)


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
    """The SDK's serializer, without the work it does twice or slowly on every turn.

    ``DefaultSerializer.deserialize`` takes JSON text, so an envelope that
    arrives as a dict (Lambda's event, the web endpoint's parsed body) would be
    dumped to JSON only to be parsed again; it reads every timestamp with
    ``dateutil``'s general parser, where Alexa's ISO 8601 stamps need only
    :meth:`datetime.fromisoformat`; and for every field of every object, on
    every request, it parses the field's type string again and imports its
    class by name. Here each type is worked out once, into a plan kept for the
    life of the process, and requests and responses are walked with those
    plans. The objects built and the JSON written are the same as the SDK's
    (tests compare both on every request and response of the golden dialogs).
    """

    def __init__(self) -> None:
        super().__init__()
        self._decoders: dict[Any, Callable[[Any], Any]] = {}
        self._readers: dict[type, Callable[[Any], Any]] = {}
        self._classes: dict[str, type] = {}
        self._fields: dict[type, tuple[tuple[str, str], ...]] = {}

    def envelope(self, event: dict[str, Any]) -> RequestEnvelope:
        """The request envelope of ``event``, as the SDK would build it from its JSON."""
        envelope: RequestEnvelope = self._decode(event, RequestEnvelope)
        session = envelope.session
        if session is not None and session.attributes is not None:
            # Already a deep copy (a ``dict(str, object)`` is read by ``_json_copy``).
            session.attributes = SessionAttributes(session.attributes)
        return envelope

    # Reading requests -----------------------------------------------------------------------

    def _DefaultSerializer__deserialize(self, payload: Any, obj_type: Any) -> Any:
        """The SDK's recursive reader, replaced so its own callers get the planned one too."""
        return self._decode(payload, obj_type)

    def _decode(self, payload: Any, obj_type: Any) -> Any:
        if payload is None:
            return None
        return self._decoder(obj_type)(payload)

    def _decoder(self, obj_type: Any) -> Callable[[Any], Any]:
        """The reader of ``obj_type`` (for a value that is not None), made once and kept."""
        decoder = self._decoders.get(obj_type)
        if decoder is None:
            decoder = self._decoders[obj_type] = self._decoder_for(obj_type)
        return decoder

    def _decoder_for(self, obj_type: Any) -> Callable[[Any], Any]:
        """How to read a value of ``obj_type`` (a class or one of the SDK's type strings),
        deciding once what the SDK decides on every value."""
        if isinstance(obj_type, str):
            if obj_type.startswith("list["):
                listed = re.match(r"list\[(.*)\]", obj_type)
                if listed is None:
                    return lambda payload: []
                types = [part.strip() for part in listed.group(1).split(",")]
                if len(types) > 1:
                    return lambda payload: [
                        self._decode(item, kind) for item, kind in zip(payload, types, strict=False)
                    ]
                return lambda payload: [self._decode(item, types[0]) for item in payload]
            if obj_type.startswith("dict("):
                mapped = re.match(r"dict\(([^,]*), (.*)\)", obj_type)
                if mapped is None:
                    return lambda payload: {}
                value_type = mapped.group(2)
                if value_type == "object":
                    # JSON values kept as they came (session attributes, event bodies): one
                    # deep copy, so no handler can change the event the caller passed in.
                    return _json_copy
                return lambda payload: {
                    key: self._decode(value, value_type) for key, value in payload.items()
                }
            native = self.NATIVE_TYPES_MAPPING.get(obj_type)
            obj_type = (
                native
                if native is not None
                else self._DefaultSerializer__load_class_from_name(obj_type)
            )
        if obj_type in self.PRIMITIVE_TYPES:
            primitive = obj_type

            def read_primitive(payload: Any) -> Any:
                # A value already of the exact type is what the SDK's cast would return.
                if type(payload) is primitive:
                    return payload
                return self._DefaultSerializer__deserialize_primitive(  # type: ignore[attr-defined]
                    payload, primitive
                )

            return read_primitive
        if obj_type is object:
            return lambda payload: payload
        if obj_type is date or obj_type is datetime:
            moment = obj_type
            return lambda payload: self._DefaultSerializer__deserialize_datetime(payload, moment)
        return self._model_decoder(obj_type)

    def _model_decoder(self, model_type: type) -> Callable[[Any], Any]:
        """A model class: an enum by value, a model field by field (a class with subtypes
        chosen by the payload's discriminator first), anything else as it came."""
        if issubclass(model_type, Enum):
            enum_type = model_type
            return lambda payload: _as_sdk_error(enum_type, payload)
        if not hasattr(model_type, "deserialized_types"):
            return lambda payload: payload
        if hasattr(model_type, "get_real_child_model"):
            parent = model_type

            def by_discriminator(payload: Any) -> Any:
                try:
                    child = self._DefaultSerializer__get_obj_by_discriminator(  # type: ignore[attr-defined]
                        payload, parent
                    )
                except Exception as exc:
                    raise SerializationException(str(exc)) from exc
                return self._model_reader(child)(payload)

            return by_discriminator
        return self._model_reader(model_type)

    def _model_reader(self, model_type: type) -> Callable[[Any], Any]:
        """How to read one model object: its known fields by their types, any other key kept
        raw. A field's reader is looked up the first time the field is present, not before: a
        model may hold its own kind, and most fields' classes (screens, audio players…) are
        never sent, so their modules need never be imported (a cold start's first request
        imported over a hundred of them when readers were made for every field at once)."""
        found = self._readers.get(model_type)
        if found is not None:
            return found
        fields = self._model_fields(model_type)
        types: dict[str, Any] = model_type.deserialized_types  # type: ignore[attr-defined]
        attribute_of = {key: attribute for attribute, key in fields}
        readers: dict[str, Callable[[Any], Any]] = {}
        # What the class's ``__init__`` leaves on a new object (every field None, a request's
        # type name…): copied into each new object at once, where running ``__init__`` assigned
        # each of its dozens of fields one by one, on every object of every request.
        defaults = dict(vars(model_type()))
        new = object.__new__

        def read(payload: Any) -> Any:
            try:
                values = defaults.copy()
                unknown: list[str] = []
                for key, value in payload.items():
                    attribute = attribute_of.get(key)
                    if attribute is None:
                        unknown.append(key)
                        continue
                    if value is not None:
                        decode = readers.get(attribute)
                        if decode is None:
                            decode = readers[attribute] = self._decoder(types[attribute])
                        value = decode(value)
                    values[attribute] = value
                for key in unknown:
                    values[key] = payload[key]
                model: Any = new(model_type)
                model.__dict__ = values
                return model
            except SerializationException:
                raise
            except Exception as exc:
                raise SerializationException(str(exc)) from exc

        self._readers[model_type] = read
        return read

    def _model_fields(self, model_type: type) -> tuple[tuple[str, str], ...]:
        """(attribute, JSON key) of each field, in the SDK's order: its ``attribute_map``, then
        any typed field the map leaves out (named as the attribute)."""
        fields = self._fields.get(model_type)
        if fields is None:
            names: dict[str, str] = dict(getattr(model_type, "attribute_map", {}))
            for attribute in model_type.deserialized_types:  # type: ignore[attr-defined]
                names.setdefault(attribute, attribute)
            fields = self._fields[model_type] = tuple(names.items())
        return fields

    def _DefaultSerializer__load_class_from_name(self, class_name: str) -> Any:
        """The SDK's class lookup by name (an import each time), done once per name."""
        found = self._classes.get(class_name)
        if found is None:
            found = self._classes[class_name] = super()._DefaultSerializer__load_class_from_name(  # type: ignore[misc]
                class_name
            )
        return found

    def _DefaultSerializer__deserialize_datetime(self, payload: str, obj_type: Any) -> Any:
        """ISO 8601 directly; anything else as the SDK reads it."""
        try:
            parsed = datetime.fromisoformat(payload)
        except (TypeError, ValueError):
            return super()._DefaultSerializer__deserialize_datetime(  # type: ignore[misc]
                payload, obj_type
            )
        return parsed.date() if obj_type is date else parsed

    # Writing responses ----------------------------------------------------------------------

    def serialize(self, obj: Any) -> Any:
        """The SDK's ``serialize``, with each model class's fields listed once."""
        if obj is None:
            return None
        if isinstance(obj, self.PRIMITIVE_TYPES):
            return obj
        if type(obj) is SessionAttributes:
            # This request's own copy, JSON throughout and held by nothing after this turn:
            # written as it is, where walking it cost about a third of writing the response.
            return obj
        if isinstance(obj, list):
            return [self.serialize(item) for item in obj]
        if isinstance(obj, dict):
            return {key: self.serialize(value) for key, value in obj.items()}
        if isinstance(obj, tuple | datetime | date | Enum | Decimal):
            return super().serialize(obj)
        written: dict[str, Any] = {}
        for attribute, key in self._model_fields(type(obj)):
            value = getattr(obj, attribute)
            if value is None:
                continue
            # Most fields are plain strings, numbers and flags: written as they are, no call.
            written[key] = value if type(value) in _SCALARS else self.serialize(value)
        return written


#: Values the SDK writes as they are (its primitive types), by exact type.
_SCALARS = frozenset({str, int, float, bool, bytes})


class SessionAttributes(dict[str, Any]):
    """Session attributes copied from this request's event, which nothing else holds.

    The SDK deep-copies the envelope's session attributes into its attributes
    manager, so handlers cannot change the event the caller passed in (a
    benchmark or a test may send the same one again). They are copied here
    already, by :func:`_json_copy`, which knows they are JSON and is several times
    quicker than ``copy.deepcopy``; so this dict gives itself to the SDK's copy.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> SessionAttributes:
        return self


def _json_copy(value: Any) -> Any:
    """A deep copy of JSON data (dicts, lists and scalars), without ``deepcopy``'s bookkeeping.

    ``marshal`` writes and reads exactly these types in C, in about half the time a Python
    walk takes over a session's attributes; anything it cannot write is walked instead.
    """
    try:
        return marshal.loads(marshal.dumps(value))
    except ValueError:
        return _walked_copy(value)


def _walked_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _walked_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_walked_copy(item) for item in value]
    return value


def _as_sdk_error(enum_type: type[Enum], payload: Any) -> Enum:
    """An enum member by value, failing as the SDK fails (with its exception type)."""
    try:
        return enum_type(payload)
    except Exception as exc:
        raise SerializationException(str(exc)) from exc
