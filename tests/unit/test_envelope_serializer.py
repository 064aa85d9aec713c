"""The skill's envelope reader builds exactly what the SDK's serializer builds, without the JSON
round trip and with a direct ISO 8601 timestamp parser."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope, ResponseEnvelope

from skill.local.envelope import (
    Caller,
    JsonDict,
    Session,
    SlotValue,
    connections_response,
    exception_encountered,
    intent_request,
    launch_request,
    session_ended_request,
    skill_disabled_event,
    skill_event,
)
from skill.request import EnvelopeSerializer
from tests.support.fresh_interpreter import loaded_after
from tests.support.golden import DIALOG_FILES, play_dialog
from tests.support.memory_store import MemoryStore
from tests.support.talk import app_on

CALLER = Caller(consent_token="token", person_id="amzn1.ask.person.someone")
AT = datetime(2026, 11, 25, 20, 30, 5, tzinfo=UTC)
TOPIC = {"topic": SlotValue("empathy", "PracticeTopic", "empathy", "empathy")}

ENVELOPES: dict[str, JsonDict] = {
    "launch": launch_request(caller=CALLER, timestamp=AT),
    "intent with slots, in a session": intent_request(
        "PracticeIntent",
        TOPIC,
        caller=CALLER,
        session=Session(new=False, attributes={"state": {"mode": "practice"}}),
        timestamp=AT,
    ),
    "session ended": session_ended_request("ERROR", caller=CALLER, timestamp=AT),
    "skill disabled": skill_disabled_event(caller=CALLER, timestamp=AT),
    "permission changed": skill_event(
        "AlexaSkillEvent.SkillPermissionChanged",
        {"acceptedPermissions": [{"scope": "alexa::alerts:reminders:skill:readwrite"}]},
        caller=CALLER,
        timestamp=AT,
    ),
    "exception encountered": exception_encountered("INVALID_RESPONSE", timestamp=AT),
    "connections response": connections_response(
        "AskFor", "token", {"status": "ACCEPTED"}, caller=CALLER, timestamp=AT
    ),
}


def with_timestamp(envelope: JsonDict, stamp: str) -> JsonDict:
    return dict(envelope, request=dict(envelope["request"], timestamp=stamp))


@pytest.mark.parametrize("name", sorted(ENVELOPES))
def test_the_envelope_equals_the_sdks(name: str) -> None:
    event = ENVELOPES[name]
    sdk = DefaultSerializer().deserialize(json.dumps(event), RequestEnvelope)
    assert EnvelopeSerializer().envelope(event) == sdk


@pytest.mark.parametrize(
    "stamp", ["2026-11-25T20:30:05Z", "2026-11-25T20:30:05.123Z", "2026-11-25T15:30:05-05:00"]
)
def test_timestamps_read_as_the_sdk_reads_them(stamp: str) -> None:
    event = with_timestamp(ENVELOPES["launch"], stamp)
    ours = EnvelopeSerializer().envelope(event).request.timestamp
    sdk = DefaultSerializer().deserialize(json.dumps(event), RequestEnvelope).request.timestamp
    assert ours == sdk and ours.utcoffset() == sdk.utcoffset()


def test_a_timestamp_iso_does_not_cover_falls_back_to_the_sdks_parser() -> None:
    event = with_timestamp(ENVELOPES["launch"], "Wed, 25 Nov 2026 20:30:05 GMT")
    ours = EnvelopeSerializer().envelope(event).request.timestamp
    assert ours == AT


@pytest.fixture(scope="module")
def golden_traffic() -> list[tuple[JsonDict, ResponseEnvelope]]:
    """Every request of the golden dialogs, on a device with a screen and without, and the
    response object the skill made for it (before it was written as JSON)."""
    traffic: list[tuple[JsonDict, ResponseEnvelope]] = []
    app = app_on(MemoryStore())
    invoke = app.skill.invoke

    def recording(request_envelope: RequestEnvelope, context: Any) -> ResponseEnvelope:
        response = invoke(request_envelope=request_envelope, context=context)
        traffic.append((recorded[-1], response))
        return response

    recorded: list[JsonDict] = []

    def handle(event: JsonDict) -> JsonDict:
        recorded.append(event)
        return app.handle(event)

    app.skill.invoke = recording  # type: ignore[method-assign]
    for screen in (False, True):
        for path in DIALOG_FILES:
            play_dialog(path, app, screen=screen, handle=handle)
    return traffic


def test_every_golden_request_reads_as_the_sdk_reads_it(
    golden_traffic: list[tuple[JsonDict, ResponseEnvelope]],
) -> None:
    assert len(golden_traffic) > 500
    ours = EnvelopeSerializer()
    for event, _ in golden_traffic:
        assert ours.envelope(event) == DefaultSerializer().deserialize(
            json.dumps(event), RequestEnvelope
        )


def test_every_golden_response_is_written_as_the_sdk_writes_it(
    golden_traffic: list[tuple[JsonDict, ResponseEnvelope]],
) -> None:
    ours = EnvelopeSerializer()
    for _, response in golden_traffic:
        assert ours.serialize(response) == DefaultSerializer().serialize(response)


def test_answering_an_event_leaves_it_as_it_was() -> None:
    """The SDK's protective copy of the session attributes is skipped, so the envelope's own
    copy must be deep: a benchmark or a test may send the same event again."""
    import copy

    app = app_on(MemoryStore())
    sent: list[tuple[JsonDict, JsonDict]] = []

    def handle(event: JsonDict) -> JsonDict:
        sent.append((event, copy.deepcopy(event)))
        return app.handle(event)

    for path in DIALOG_FILES[:8]:
        play_dialog(path, app, handle=handle)
    assert len(sent) > 50
    assert all(event == before for event, before in sent)


def test_reading_a_launch_imports_no_class_of_a_field_it_does_not_carry() -> None:
    """A cold start's first request pays for every module it imports: the classes of fields
    never sent (audio players, screens of other kinds) are looked up only when one arrives."""
    code = (
        "from skill.request import EnvelopeSerializer\n"
        "from skill.local.envelope import launch_request\n"
        "EnvelopeSerializer().envelope(launch_request())"
    )
    unsent = (
        "ask_sdk_model.interfaces.audioplayer",
        "ask_sdk_model.interfaces.alexa.presentation.aplt",
        "ask_sdk_model.interfaces.alexa.presentation.html",
    )
    assert loaded_after(code, unsent) == []


def test_session_attributes_are_copied_deep_even_holding_what_marshal_cannot_write() -> None:
    """The quick copy writes JSON types only; anything else is walked, and still copied deep."""
    from skill.request import _json_copy

    class Opaque:
        pass

    thing = Opaque()
    value = {"state": {"mode": "checkin", "ratings": [3, None]}, "odd": [thing]}
    copied = _json_copy(value)
    assert copied == value
    assert copied["state"] is not value["state"] and copied["odd"] is not value["odd"]
    assert copied["odd"][0] is thing
    plain = {"state": {"mode": "checkin", "ratings": [3, None]}}
    again = _json_copy(plain)
    assert again == plain and again["state"]["ratings"] is not plain["state"]["ratings"]
