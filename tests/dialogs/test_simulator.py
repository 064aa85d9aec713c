"""The simulator keeps sessions as Alexa does and renders answers for a reader.

These tests drive it with a small fake skill, so they pin down the
simulator's own behaviour: the real skill is exercised by the golden dialogs.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from skill.local.envelope import JsonDict
from skill.local.nlu import Nlu
from skill.local.simulator import Simulator

MODEL = {
    "interactionModel": {
        "languageModel": {
            "invocationName": "heart talks",
            "intents": [
                {"name": "AMAZON.StopIntent", "samples": []},
                {"name": "AMAZON.HelpIntent", "samples": []},
                {"name": "AMAZON.FallbackIntent", "samples": []},
                {"name": "PlainIntent", "samples": ["say it plainly"]},
                {"name": "QuietIntent", "samples": ["leave it open"]},
                {
                    "name": "PlanIntent",
                    "slots": [{"name": "day", "type": "AMAZON.DATE"}],
                    "samples": ["plan something for {day}"],
                },
            ],
        }
    }
}


class FakeSkill:
    """Counts turns in a session attribute and answers with SSML, a reprompt and a card."""

    def __init__(self) -> None:
        self.requests: list[JsonDict] = []

    def __call__(self, event: JsonDict) -> JsonDict:
        self.requests.append(event)
        request = event["request"]
        attributes = dict(event.get("session", {}).get("attributes") or {})
        attributes["turns"] = attributes.get("turns", 0) + 1
        name = request.get("intent", {}).get("name", request["type"])
        response: dict[str, Any] = {
            "outputSpeech": {
                "type": "SSML",
                "ssml": f'<speak>Heard {name} &amp; more. <break time="10s"/>'
                '<break time="10s"/> Ready?</speak>',
            },
            "reprompt": {"outputSpeech": {"type": "SSML", "ssml": "<speak>Still there?</speak>"}},
            "card": {"type": "Simple", "title": "Practice", "content": "Listen & nod."},
            "shouldEndSession": False,
        }
        if name == "AMAZON.StopIntent":
            response = {"outputSpeech": {"type": "SSML", "ssml": "<speak>Bye.</speak>"}}
            response["shouldEndSession"] = True
        elif name == "PlainIntent":
            response = {"outputSpeech": {"type": "PlainText", "text": "Plain words."}}
        elif name == "QuietIntent":
            response["directives"] = [{"type": "Dialog.ElicitSlot", "slotToElicit": "x"}]
        return {"version": "1.0", "sessionAttributes": attributes, "response": response}


class Clock:
    """A settable clock: tests move it forward an evening at a time."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


EVENING = datetime(2026, 11, 23, 19, 30, tzinfo=UTC)


@pytest.fixture
def fake_skill() -> FakeSkill:
    return FakeSkill()


@pytest.fixture
def sim_clock() -> Clock:
    return Clock(EVENING)


@pytest.fixture
def sim(fake_skill: FakeSkill, sim_clock: Clock) -> Simulator:
    return Simulator(fake_skill, user_id="amzn1.ask.account.US", clock=sim_clock, nlu=Nlu(MODEL))


def test_session_attributes_ride_along_and_only_the_first_request_is_new(
    sim: Simulator, fake_skill: FakeSkill
) -> None:
    first = sim.send("open heart talks")
    second = sim.send("help")
    third = sim.send("something nobody models")
    sessions = [r["session"] for r in fake_skill.requests]
    assert [s["new"] for s in sessions] == [True, False, False]
    assert len({s["sessionId"] for s in sessions}) == 1
    assert "attributes" not in sessions[0]
    assert sessions[1]["attributes"] == {"turns": 1}
    assert sessions[2]["attributes"] == {"turns": 2}
    assert sim.session_attributes == {"turns": 3}
    assert (first.request_type, first.intent) == ("LaunchRequest", None)
    assert (second.intent, third.intent) == ("AMAZON.HelpIntent", "AMAZON.FallbackIntent")


def test_session_ends_when_the_skill_says_so(sim: Simulator) -> None:
    sim.send("open heart talks")
    turn = sim.send("stop")
    assert turn.ended
    assert not sim.session_open
    assert sim.session_attributes == {}


def test_after_the_session_ends_plain_text_is_a_one_shot_in_a_new_session(
    sim: Simulator, fake_skill: FakeSkill
) -> None:
    sim.send("open heart talks")
    sim.send("stop")
    turn = sim.send("help")
    assert turn.request["session"]["new"] is True
    assert "attributes" not in turn.request["session"]
    assert turn.request["session"]["sessionId"] != fake_skill.requests[0]["session"]["sessionId"]
    assert turn.intent == "AMAZON.HelpIntent"
    assert not turn.ended


def test_naming_the_skill_mid_session_starts_afresh(sim: Simulator, fake_skill: FakeSkill) -> None:
    sim.send("open heart talks")
    sim.send("help")
    turn = sim.send("ask heart talks for help")
    assert turn.request["session"]["new"] is True
    assert turn.intent == "AMAZON.HelpIntent"
    assert sim.session_attributes == {"turns": 1}


def test_unset_should_end_session_closes_the_session_on_a_speaker(sim: Simulator) -> None:
    sim.send("open heart talks")
    turn = sim.send("say it plainly")
    assert turn.ended
    assert turn.speech == "Plain words."
    assert turn.reprompt is None
    assert turn.card_title is None


def test_speech_is_rendered_without_ssml_and_with_pauses(sim: Simulator) -> None:
    turn = sim.send("open heart talks")
    assert turn.speech == "Heard LaunchRequest & more. [pause 20s] Ready?"
    assert turn.reprompt == "Still there?"
    assert (turn.card_title, turn.card_content) == ("Practice", "Listen & nod.")
    assert not turn.ended
    assert turn.understanding is not None
    assert turn.understanding.request_type == "LaunchRequest"


def test_directives_are_listed_by_type(sim: Simulator) -> None:
    assert sim.send("leave it open").directives == ("Dialog.ElicitSlot",)


def test_end_session_sends_the_reason_and_the_carried_attributes(
    sim: Simulator, fake_skill: FakeSkill
) -> None:
    assert sim.end_session() is None
    sim.send("open heart talks")
    turn = sim.end_session("EXCEEDED_MAX_REPROMPTS")
    assert turn is not None
    assert turn.request_type == "SessionEndedRequest"
    assert turn.request["request"]["reason"] == "EXCEEDED_MAX_REPROMPTS"
    assert turn.request["session"]["new"] is False
    assert turn.request["session"]["attributes"] == {"turns": 1}
    assert not sim.session_open
    assert len(fake_skill.requests) == 2


def test_start_session_is_a_launch(sim: Simulator) -> None:
    assert sim.start_session().request_type == "LaunchRequest"
    assert sim.session_open


def test_disabling_the_skill_sends_the_event_outside_any_session(
    sim: Simulator, fake_skill: FakeSkill
) -> None:
    sim.send("open heart talks")
    sim.disable_skill()
    event = fake_skill.requests[-1]
    assert event["request"]["type"] == "AlexaSkillEvent.SkillDisabled"
    assert "session" not in event
    assert not sim.session_open


def test_disabling_the_skill_answers_like_any_turn(sim: Simulator) -> None:
    turn = sim.disable_skill()
    assert turn.request_type == "AlexaSkillEvent.SkillDisabled"
    assert turn.ended and turn.intent is None


def test_an_intent_sent_without_words_goes_in_the_open_session(
    sim: Simulator, fake_skill: FakeSkill
) -> None:
    opened = sim.send("open heart talks")
    turn = sim.send_intent("PlanIntent", {"day": "2026-11-24"})
    assert turn.request["session"]["sessionId"] == opened.request["session"]["sessionId"]
    assert turn.request["session"]["attributes"] == {"turns": 1}
    assert turn.intent == "PlanIntent"
    assert turn.request["request"]["intent"]["slots"]["day"]["value"] == "2026-11-24"
    assert turn.understanding is None and turn.utterance == ""
    again = sim.send_intent("AMAZON.HelpIntent", new_session=True)
    assert again.request["session"]["new"] is True
    assert again.request["session"]["sessionId"] != opened.request["session"]["sessionId"]
    assert len(fake_skill.requests) == 3


def test_an_intent_sent_without_words_opens_a_session_when_none_is(sim: Simulator) -> None:
    turn = sim.send_intent("AMAZON.HelpIntent")
    assert turn.request["session"]["new"] is True
    assert sim.session_open


def test_a_connections_response_answers_in_the_open_session(sim: Simulator) -> None:
    sim.send("open heart talks")
    turn = sim.send_connections_response(
        "AskFor", "the-token", {"status": "DENIED"}, status_code="500", status_message="error"
    )
    request = turn.request["request"]
    assert request["type"] == "Connections.Response" == turn.request_type
    assert (request["name"], request["token"]) == ("AskFor", "the-token")
    assert request["status"] == {"code": "500", "message": "error"}
    assert request["payload"] == {"status": "DENIED"}
    assert turn.request["session"]["new"] is False
    assert turn.intent is None


def test_the_caller_can_change_between_requests(sim: Simulator) -> None:
    first = sim.send("open heart talks")
    sim.caller = replace(sim.caller, person_id="amzn1.ask.person.ALEX", consent_token="yes")
    second = sim.send("help")
    assert "person" not in first.request["context"]["System"]
    system = second.request["context"]["System"]
    assert system["person"] == {"personId": "amzn1.ask.person.ALEX"}
    assert system["user"]["permissions"] == {"consentToken": "yes"}
    assert second.request["session"]["user"]["userId"] == "amzn1.ask.account.US"


def test_the_open_session_can_be_given_other_attributes(sim: Simulator) -> None:
    with pytest.raises(RuntimeError, match="no session"):
        sim.session_attributes = {"turns": 7}
    sim.send("open heart talks")
    sim.session_attributes = {"turns": 7, "forged": True}
    turn = sim.send("help")
    assert turn.request["session"]["attributes"] == {"turns": 7, "forged": True}
    assert sim.session_attributes == {"turns": 8, "forged": True}


def test_caller_identity_reaches_every_request(fake_skill: FakeSkill, sim_clock: Clock) -> None:
    sim = Simulator(
        fake_skill,
        user_id="amzn1.ask.account.X",
        person_id="amzn1.ask.person.P",
        clock=sim_clock,
        nlu=Nlu(MODEL),
        locale="en-GB",
    )
    request = sim.send("open heart talks").request
    assert request["session"]["user"]["userId"] == "amzn1.ask.account.X"
    assert request["context"]["System"]["person"] == {"personId": "amzn1.ask.person.P"}
    assert request["request"]["locale"] == "en-GB"


def test_a_week_of_evenings_replays_identically(sim_clock: Clock) -> None:
    def week() -> list[JsonDict]:
        skill = FakeSkill()
        sim_clock.now = EVENING
        sim = Simulator(skill, clock=sim_clock, nlu=Nlu(MODEL))
        for _ in range(7):
            sim.send("open heart talks")
            sim.send("plan something for tomorrow")
            sim.send("stop")
            sim_clock.now += timedelta(days=1)
        return skill.requests

    first, second = week(), week()
    assert first == second
    ids = [r["request"]["requestId"] for r in first]
    assert len(set(ids)) == len(ids) == 21
    assert first[0]["request"]["timestamp"] == "2026-11-23T19:30:00Z"
    assert first[-1]["request"]["timestamp"] == "2026-11-29T19:30:00Z"
    planned = [r["request"]["intent"]["slots"]["day"]["value"] for r in first[1::3]]
    assert planned == [f"2026-11-{day}" for day in range(24, 31)]
