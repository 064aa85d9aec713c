"""The skill object end to end: storage failures, unexpected errors, the skill id check."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from ask_sdk_core.exceptions import AskSdkException

from skill.handlers import practices
from skill.local.envelope import Caller, SlotValue, launch_request
from skill.storage.base import HouseholdRecord, StoreError
from skill.storage.sqlite import SqliteStore
from tests.support.fakes import UnreachableStore
from tests.support.invariants import check_response
from tests.support.talk import Talk, app_on, said


class SavesFailStore(SqliteStore):
    """Reads work, saves fail while ``failing``: DynamoDB throttling writes, for example."""

    failing = True

    def save(self, record: HouseholdRecord, previous: HouseholdRecord | None) -> int:
        if self.failing:
            raise StoreError("throttled")
        return super().save(record, previous)


def speech(answer: dict) -> str:
    return str(answer["response"]["outputSpeech"]["ssml"])


def test_an_unreachable_store_gets_a_spoken_apology_and_one_log_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    talk = Talk(app_on(UnreachableStore()), user_id="amzn1.ask.account.SECRET")
    with caplog.at_level(logging.INFO):
        answer = talk.launch()
    assert "can't reach our notes" in speech(answer.response)
    assert answer.response["response"]["shouldEndSession"] is False
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert "SECRET" not in caplog.text
    # A practice needs no store: "yes" reads one even while the store is down.
    practice = talk.intent("AMAZON.YesIntent")
    assert "Shall we" in speech(practice.response) or "?" in speech(practice.response)
    assert practice.card_title


def test_an_unexpected_error_is_apologised_for(talk: Talk, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom with private words")

    monkeypatch.setattr(practices, "menu_speech", explode)
    answer = talk.intent("PracticeMenuIntent")
    assert "something went wrong" in speech(answer.response)


def test_a_failed_save_is_told_and_retried_on_the_next_turn(tmp_path: Path) -> None:
    store = SavesFailStore(tmp_path / "h.db")
    talk = Talk(app_on(store))
    empathy = SlotValue("empathy", "PracticeTopic", "empathy", "empathy")
    first = talk.intent("PracticeIntent", {"topic": empathy})
    assert "couldn't save" in speech(first.response) or "aren't saving" in speech(first.response)
    assert first.response["sessionAttributes"]["pending"]
    # The store recovers: the same session's next turn saves what was kept.
    store.failing = False
    second = talk.intent("AMAZON.NextIntent")
    assert "pending" not in second.response["sessionAttributes"]
    assert talk.stored().profile["heard_practices"] == ["empathy"]


def test_a_closing_turn_whose_save_fails_stays_open_to_retry(tmp_path: Path) -> None:
    answer = Talk(app_on(SavesFailStore(tmp_path / "h.db"))).launch()
    assert answer.response["response"]["shouldEndSession"] is False


def test_requests_for_another_skill_are_refused(sqlite_store: SqliteStore) -> None:
    app = app_on(sqlite_store, skill_id="amzn1.ask.skill.ours")
    with pytest.raises(AskSdkException):
        app.handle(launch_request(caller=Caller(skill_id="amzn1.ask.skill.someone-else")))
    ours = app.handle(launch_request(caller=Caller(skill_id="amzn1.ask.skill.ours")))
    assert check_response(ours) == []


def test_a_turn_that_needs_nothing_stored_reads_nothing() -> None:
    answer = Talk(app_on(UnreachableStore())).intent("AMAZON.HelpIntent")
    assert "check-in" in speech(answer.response)


@pytest.mark.parametrize(
    "asked",
    ["are you a real therapist", "is this like therapy", "wait, are you a real person or what"],
)
def test_asked_whether_it_is_therapy_the_skill_says_plainly_it_is_not(
    talk: Talk, asked: str
) -> None:
    talk.launch()
    answer = talk(asked)
    assert said(answer.speech, "about.skill"), answer.speech
    assert "therap" in answer.speech.lower() and talk.session_open


def test_asked_mid_offer_what_it_is_the_menu_follows_not_the_offer(talk: Talk) -> None:
    talk.launch()
    talk.check_in("He made me laugh.", "She listened.")
    asked = talk("are you a therapist")
    assert said(asked.speech, "about.skill") and said(asked.reprompt, "reprompt.idle")


def test_asked_mid_check_in_what_it_is_the_check_in_goes_on(talk: Talk) -> None:
    talk.launch()
    talk("start a check-in")
    talk("both of us")
    asked = talk("are you a real therapist")
    assert said(asked.speech, "about.skill") and "one to five" in asked.reprompt.lower()
