"""The conversation driver itself: checked answers, the clock, who speaks, the session."""

from __future__ import annotations

from datetime import time

import pytest

from skill.app import SkillApp
from skill.local.envelope import JsonDict
from tests.support.talk import API_TOKEN, CONSENT_TOKEN, EVENING, BrokenResponse, Talk


def test_an_answer_that_breaks_the_invariants_fails_the_turn_and_is_kept(app: SkillApp) -> None:
    def without_reprompt(event: JsonDict) -> JsonDict:
        answer = app.handle(event)
        answer["response"].pop("reprompt", None)
        return answer

    talk = Talk(app, handle=without_reprompt)
    with pytest.raises(BrokenResponse) as broken:
        talk.launch()
    assert broken.value.problems == ["session stays open without a reprompt"]
    assert broken.value.turn is talk.last
    assert broken.value.turn.request_type == "LaunchRequest"


def test_the_clock_stands_during_a_turn_and_moves_five_seconds_after(talk: Talk) -> None:
    stamps = [talk.launch(), talk("help")]
    talk.advance(days=1, minutes=1)
    stamps.append(talk("help"))
    talk.next_day(at=time(9, 15))
    stamps.append(talk.launch())
    assert [t.request["request"]["timestamp"] for t in stamps] == [
        "2026-11-26T01:30:00Z",
        "2026-11-26T01:30:05Z",
        "2026-11-27T01:31:10Z",
        "2026-11-27T14:15:00Z",
    ]
    assert talk.now == EVENING.replace(day=27, hour=9, minute=15, second=5)


def test_who_speaks_reaches_every_request(app: SkillApp) -> None:
    talk = Talk(app, user_id="amzn1.ask.account.OTHER", api_endpoint="http://127.0.0.1:9")
    first = talk.launch().request["context"]["System"]
    talk.speak_as("amzn1.ask.person.ALEX")
    talk.grant_reminders()
    second = talk("help").request["context"]["System"]
    assert first["user"] == {"userId": "amzn1.ask.account.OTHER"}
    assert (first["apiEndpoint"], first["apiAccessToken"]) == ("http://127.0.0.1:9", API_TOKEN)
    assert "person" not in first
    assert second["person"] == {"personId": "amzn1.ask.person.ALEX"}
    assert second["user"]["permissions"] == {"consentToken": CONSENT_TOKEN}
    assert talk.user_id == "amzn1.ask.account.OTHER"


def test_the_session_its_end_and_what_is_stored(talk: Talk) -> None:
    assert talk.end_session() is None and talk.record() is None
    welcome = talk.launch()
    assert talk.session_open and talk.last is welcome
    assert talk.session_attributes == welcome.response["sessionAttributes"]
    ended = talk.end_session("EXCEEDED_MAX_REPROMPTS")
    assert ended is not None and ended.request["request"]["reason"] == "EXCEEDED_MAX_REPROMPTS"
    assert not talk.session_open and talk.session_attributes == {}
    assert talk.profile().visits == 1
    assert talk.disable().request_type == "AlexaSkillEvent.SkillDisabled"
    assert talk.record() is None
