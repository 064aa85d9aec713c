"""The skill object end to end: storage failures, unexpected errors, the skill id check."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from ask_sdk_core.exceptions import AskSdkException

from skill.app import SkillApp
from skill.config import Settings
from skill.handlers import practices
from skill.local.envelope import (
    DEFAULT_USER_ID,
    Caller,
    Session,
    SlotValue,
    intent_request,
    launch_request,
)
from skill.storage.base import HouseholdRecord, StoreError
from skill.storage.sqlite import SqliteStore
from skill.turn import household_id_for
from tests.support.fakes import UnreachableStore
from tests.support.invariants import check_response


class SavesFailStore(SqliteStore):
    """Reads work, saves fail: DynamoDB throttling writes, for example."""

    def save(self, record: HouseholdRecord, previous: HouseholdRecord | None) -> int:
        raise StoreError("throttled")


def speech(answer: dict) -> str:
    return str(answer["response"]["outputSpeech"]["ssml"])


def test_an_unreachable_store_gets_a_spoken_apology_and_one_log_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = SkillApp(Settings(store_url="test://"), UnreachableStore())
    with caplog.at_level(logging.INFO):
        answer = app.handle(launch_request(caller=Caller(user_id="amzn1.ask.account.SECRET")))
    assert "can't reach our notes" in speech(answer)
    assert answer["response"]["shouldEndSession"] is False
    assert check_response(answer) == []
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert "SECRET" not in caplog.text
    # A practice needs no store: "yes" reads one even while the store is down.
    attributes = answer["sessionAttributes"]
    practice = app.handle(
        intent_request("AMAZON.YesIntent", session=Session(new=False, attributes=attributes))
    )
    assert "Shall we" in speech(practice) or "?" in speech(practice)
    assert practice["response"].get("card", {}).get("title")


def test_an_unexpected_error_is_apologised_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom with private words")

    monkeypatch.setattr(practices, "menu_speech", explode)
    app = SkillApp(Settings(store_url="test://"), SqliteStore(tmp_path / "h.db"))
    answer = app.handle(intent_request("PracticeMenuIntent"))
    assert "something went wrong" in speech(answer)
    assert check_response(answer) == []


def test_a_failed_save_is_told_and_retried_on_the_next_turn(tmp_path: Path) -> None:
    settings = Settings(store_url="test://")
    empathy = SlotValue("empathy", "PracticeTopic", "empathy", "empathy")
    first = SkillApp(settings, SavesFailStore(tmp_path / "h.db")).handle(
        intent_request("PracticeIntent", {"topic": empathy})
    )
    assert "couldn't save" in speech(first) or "aren't saving" in speech(first)
    kept = first["sessionAttributes"]
    assert kept["pending"]
    # The store recovers: the same session's next turn saves what was kept.
    working = SqliteStore(tmp_path / "h.db")
    second = SkillApp(settings, working).handle(
        intent_request("AMAZON.NextIntent", session=Session(new=False, attributes=kept))
    )
    assert "pending" not in second["sessionAttributes"]
    stored = working.load(household_id_for(DEFAULT_USER_ID))
    assert stored is not None and stored.profile["heard_practices"] == ["empathy"]


def test_a_closing_turn_whose_save_fails_stays_open_to_retry(tmp_path: Path) -> None:
    app = SkillApp(Settings(store_url="test://"), SavesFailStore(tmp_path / "h.db"))
    answer = app.handle(launch_request())
    assert answer["response"]["shouldEndSession"] is False
    assert check_response(answer) == []


def test_requests_for_another_skill_are_refused(tmp_path: Path) -> None:
    settings = Settings(store_url="test://", skill_id="amzn1.ask.skill.ours")
    app = SkillApp(settings, SqliteStore(tmp_path / "h.db"))
    with pytest.raises(AskSdkException):
        app.handle(launch_request(caller=Caller(skill_id="amzn1.ask.skill.someone-else")))
    ours = app.handle(launch_request(caller=Caller(skill_id="amzn1.ask.skill.ours")))
    assert check_response(ours) == []


def test_a_turn_that_needs_nothing_stored_reads_nothing(tmp_path: Path) -> None:
    app = SkillApp(Settings(store_url="test://"), UnreachableStore())
    answer = app.handle(intent_request("AMAZON.HelpIntent"))
    assert "check-in" in speech(answer)
