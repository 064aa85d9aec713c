"""Request envelopes: shaped like Alexa's, and accepted as such by the ASK SDK."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import IntentRequest, LaunchRequest, RequestEnvelope, SessionEndedRequest
from ask_sdk_model.events.skillevents import SkillDisabledRequest
from ask_sdk_model.interfaces.connections import ConnectionsResponse
from ask_sdk_model.slu.entityresolution import StatusCode

from skill.local.envelope import (
    Caller,
    JsonDict,
    Session,
    SlotValue,
    connections_response,
    intent_request,
    launch_request,
    session_ended_request,
    skill_disabled_event,
    timestamp_text,
)

EVENING = datetime(2026, 11, 25, 19, 30, tzinfo=UTC)
CALLER = Caller(
    user_id="amzn1.ask.account.HOUSEHOLD",
    skill_id="amzn1.ask.skill.heart",
    locale="en-GB",
    person_id="amzn1.ask.person.ALEX",
    api_endpoint="https://api.eu.amazonalexa.com",
)


def parsed(envelope: JsonDict) -> RequestEnvelope:
    """The envelope as the ASK SDK reads it: proof that its shape is Alexa's."""
    return DefaultSerializer().deserialize(json.dumps(envelope), RequestEnvelope)


def test_launch_request_carries_session_context_and_caller() -> None:
    envelope = launch_request(caller=CALLER, request_id="req-1", timestamp=EVENING)
    assert envelope["version"] == "1.0"
    assert envelope["request"] == {
        "type": "LaunchRequest",
        "requestId": "req-1",
        "timestamp": "2026-11-25T19:30:00Z",
        "locale": "en-GB",
        "shouldLinkResultBeReturned": False,
    }
    read = parsed(envelope)
    assert isinstance(read.request, LaunchRequest)
    assert read.session.new is True
    assert read.session.application.application_id == "amzn1.ask.skill.heart"
    assert read.session.user.user_id == "amzn1.ask.account.HOUSEHOLD"
    system = read.context.system
    assert system.user.user_id == "amzn1.ask.account.HOUSEHOLD"
    assert system.person.person_id == "amzn1.ask.person.ALEX"
    assert system.api_endpoint == "https://api.eu.amazonalexa.com"
    assert system.api_access_token
    assert system.device.device_id


def test_intent_request_resolves_custom_slots_like_alexa() -> None:
    envelope = intent_request(
        "PracticeIntent",
        {
            "topic": SlotValue(
                "listening", "PracticeTopic", "active listening", "active_listening"
            ),
            "other": SlotValue("juggling", "PracticeTopic"),
            "count": "3",
            "unused": None,
        },
        caller=CALLER,
        session=Session("session-7", new=False, attributes={"step": 2}),
        timestamp=EVENING,
    )
    read = parsed(envelope)
    assert isinstance(read.request, IntentRequest)
    assert read.session.new is False
    assert read.session.session_id == "session-7"
    assert read.session.attributes == {"step": 2}
    slots = read.request.intent.slots
    matched = slots["topic"].resolutions.resolutions_per_authority[0]
    assert slots["topic"].value == "listening"
    assert matched.status.code == StatusCode.ER_SUCCESS_MATCH
    assert matched.authority == "amzn1.er-authority.echo-sdk.amzn1.ask.skill.heart.PracticeTopic"
    assert (matched.values[0].value.name, matched.values[0].value.id) == (
        "active listening",
        "active_listening",
    )
    unmatched = slots["other"].resolutions.resolutions_per_authority[0]
    assert unmatched.status.code == StatusCode.ER_SUCCESS_NO_MATCH
    assert not unmatched.values
    assert slots["count"].value == "3"
    assert slots["count"].resolutions is None
    assert slots["unused"].value is None


def test_new_session_without_attributes_leaves_the_key_out_as_alexa_does() -> None:
    envelope = intent_request("AMAZON.HelpIntent")
    assert envelope["session"]["new"] is True
    assert "attributes" not in envelope["session"]


def test_session_ended_request_names_the_reason_and_error() -> None:
    envelope = session_ended_request(
        "ERROR",
        session=Session("s", new=False, attributes={"a": 1}),
        error={"type": "INVALID_RESPONSE", "message": "bad SSML"},
    )
    read = parsed(envelope)
    assert isinstance(read.request, SessionEndedRequest)
    assert read.request.reason.value == "ERROR"
    assert read.request.error.message == "bad SSML"
    assert read.session.attributes == {"a": 1}


def test_unknown_session_end_reason_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown session end reason"):
        session_ended_request("BORED")


def test_skill_disabled_event_has_no_session() -> None:
    envelope = skill_disabled_event(caller=CALLER, timestamp=EVENING)
    assert "session" not in envelope
    read = parsed(envelope)
    assert isinstance(read.request, SkillDisabledRequest)
    assert read.context.system.user.user_id == "amzn1.ask.account.HOUSEHOLD"


def test_connections_response_is_read_as_alexa_sends_it() -> None:
    payload = {"permissionScopes": [{"permissionScope": "scope", "consentLevel": "ACCOUNT"}]}
    envelope = connections_response(
        "AskFor",
        "the-token",
        {**payload, "status": "ACCEPTED"},
        caller=CALLER,
        session=Session(new=False, attributes={"a": 1}),
        timestamp=EVENING,
    )
    read = parsed(envelope)
    assert isinstance(read.request, ConnectionsResponse)
    assert (read.request.name, read.request.token) == ("AskFor", "the-token")
    assert (read.request.status.code, read.request.status.message) == ("200", "OK")
    assert read.request.payload["status"] == "ACCEPTED"
    assert read.session.attributes == {"a": 1}
    assert envelope["request"]["locale"] == "en-GB"


def test_timestamps_are_utc_with_a_z() -> None:
    paris = timezone(timedelta(hours=1))
    assert timestamp_text(datetime(2026, 11, 25, 20, 30, 15, 999, tzinfo=paris)) == (
        "2026-11-25T19:30:15Z"
    )
    assert timestamp_text(datetime(2026, 11, 25, 19, 30)) == "2026-11-25T19:30:00Z"
    assert timestamp_text(None).endswith("Z")
