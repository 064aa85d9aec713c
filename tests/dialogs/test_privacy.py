"""Erasure: "delete our data" (after a yes) and SkillDisabled leave nothing of the household."""

from __future__ import annotations

import sqlite3

import pytest

from skill.app import SkillApp
from skill.conversation.care import detect_crisis, hears_crisis, may_speak_of_crisis, second_ear
from skill.conversation.requests import read_date_follow_up, read_request
from skill.conversation.understanding import normalise
from skill.household.changes import PracticeHeard, Visit
from skill.household.context import CommitResult, HouseholdContext
from skill.storage.base import HouseholdRecord, HouseholdStore
from skill.storage.sqlite import SqliteStore
from skill.turn import PENDING, household_id_for
from tests.support.fake_alexa_api import FakeAlexaApi
from tests.support.store_dump import dynamodb_items
from tests.support.talk import CONSENT_TOKEN, Talk, app_on, says


def conversation(app: SkillApp, fake: FakeAlexaApi) -> Talk:
    """A household that granted reminders, its Alexa APIs played by ``fake``."""
    return Talk(app, api_endpoint=fake.url, consent_token=CONSENT_TOKEN)


def seed(store: HouseholdStore, talk: Talk, user_id: str | None = None) -> str:
    """A household with a profile and two evenings of check-ins, as after a few weeks of use."""
    household_id = household_id_for(user_id or talk.user_id)
    record = HouseholdRecord(
        household_id,
        profile={"visits": 4, "names": ["Sam", "Alex"], "streak_count": 2},
        nights={"2026-11-23": {"entries": {"a": {"complete": True}}}, "2026-11-24": {"x": 1}},
    )
    store.save(record, None)
    return household_id


def sqlite_rows(store: SqliteStore, household_id: str) -> int:
    """Every row of the household in every table of the SQLite file, read directly."""
    with sqlite3.connect(store.path) as conn:
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return sum(
            conn.execute(
                f"SELECT count(*) FROM {table} WHERE household_id = ?", (household_id,)
            ).fetchone()[0]
            for table in tables
        )


# --- the context: an erasure is never undone by the end-of-turn save ----------------------


def test_erase_deletes_and_the_commit_writes_nothing(sqlite_store: SqliteStore) -> None:
    sqlite_store.save(HouseholdRecord("h1", profile={"visits": 3}, nights={"2026-11-24": {}}), None)
    context = HouseholdContext(sqlite_store, "h1", pending=[Visit(at="earlier")])
    context.apply(PracticeHeard("empathy"))
    context.erase()
    assert context.erased and context.household.is_new
    # A change applied later in the same turn must not bring the household back.
    context.apply(PracticeHeard("validation"))
    assert context.commit() is CommitResult.NOTHING_TO_SAVE
    assert context.changes == []
    assert sqlite_store.load("h1") is None
    assert sqlite_rows(sqlite_store, "h1") == 0


def test_erasing_an_unknown_household_is_fine(sqlite_store: SqliteStore) -> None:
    context = HouseholdContext(sqlite_store, "nobody")
    context.erase()
    assert context.commit() is CommitResult.NOTHING_TO_SAVE
    assert sqlite_store.load("nobody") is None


# --- "delete our data" ------------------------------------------------------------------


def test_yes_erases_everything(
    app: SkillApp, sqlite_store: SqliteStore, fake: FakeAlexaApi
) -> None:
    talk = conversation(app, fake)
    household_id = seed(sqlite_store, talk)
    talk.launch()
    ask = talk.intent("DeleteDataIntent")
    assert says(ask, "erase.confirm") and says(ask, "erase.question")
    assert sqlite_store.load(household_id) is not None
    done = talk.intent("AMAZON.YesIntent")
    assert says(done, "erase.done")
    assert done.response["response"]["shouldEndSession"] is True
    assert sqlite_store.load(household_id) is None
    assert sqlite_rows(sqlite_store, household_id) == 0


@pytest.mark.parametrize(
    "answer", ["AMAZON.NoIntent", "AMAZON.CancelIntent", "AMAZON.FallbackIntent", "SkipIntent"]
)
def test_anything_but_yes_keeps_the_data(
    app: SkillApp, sqlite_store: SqliteStore, fake: FakeAlexaApi, answer: str
) -> None:
    talk = conversation(app, fake)
    household_id = seed(sqlite_store, talk)
    talk.intent("DeleteDataIntent")
    kept = talk.intent(answer)
    assert says(kept, "erase.kept")
    assert kept.response["response"]["shouldEndSession"] is False
    # The question is over: a later yes does not erase.
    talk.intent("AMAZON.YesIntent")
    assert sqlite_rows(sqlite_store, household_id) == 3


def test_another_request_instead_of_an_answer_keeps_the_data(
    app: SkillApp, sqlite_store: SqliteStore, fake: FakeAlexaApi
) -> None:
    talk = conversation(app, fake)
    household_id = seed(sqlite_store, talk)
    talk.intent("DeleteDataIntent")
    assert "practice" in talk.intent("PracticeMenuIntent").speech.lower()
    talk.intent("AMAZON.YesIntent")
    assert sqlite_store.load(household_id) is not None


def test_changes_waiting_from_a_failed_save_do_not_outlive_the_erasure(
    app: SkillApp, sqlite_store: SqliteStore, fake: FakeAlexaApi
) -> None:
    talk = conversation(app, fake)
    household_id = seed(sqlite_store, talk)
    talk.intent("DeleteDataIntent")
    assert talk.session_open
    pending = [{"kind": "heard_practice", "payload": {"practice": "empathy"}}]
    talk.session_attributes = {**talk.session_attributes, PENDING: pending}
    talk.intent("AMAZON.YesIntent")
    assert sqlite_rows(sqlite_store, household_id) == 0


def test_the_nightly_reminder_goes_with_the_data(
    app: SkillApp, sqlite_store: SqliteStore, fake: FakeAlexaApi
) -> None:
    talk = conversation(app, fake)
    household_id = household_id_for(talk.user_id)
    talk.intent("ReminderIntent", {"time": "21:00"})
    talk.intent("AMAZON.YesIntent")
    assert len(fake.reminders) == 1
    talk.intent("DeleteDataIntent")
    done = talk.intent("AMAZON.YesIntent")
    assert fake.reminders == {}
    assert not says(done, "reminder.erase_left")
    assert sqlite_rows(sqlite_store, household_id) == 0


def test_a_reminder_that_cannot_be_reached_is_mentioned_and_the_data_still_goes(
    app: SkillApp, sqlite_store: SqliteStore, fake: FakeAlexaApi
) -> None:
    talk = conversation(app, fake)
    household_id = household_id_for(talk.user_id)
    talk.intent("ReminderIntent", {"time": "21:00"})
    talk.intent("AMAZON.YesIntent")
    talk.intent("DeleteDataIntent")
    fake.fail_next(503, path_prefix="/v1/alerts/reminders")
    done = talk.intent("AMAZON.YesIntent")
    assert says(done, "reminder.erase_left") and says(done, "erase.done")
    assert sqlite_rows(sqlite_store, household_id) == 0


# --- SkillDisabled ------------------------------------------------------------------------


def test_disabling_the_skill_erases_silently(
    app: SkillApp, sqlite_store: SqliteStore, fake: FakeAlexaApi
) -> None:
    talk = conversation(app, fake)
    household_id = seed(sqlite_store, talk)
    talk.launch()
    answer = talk.disable()
    assert "outputSpeech" not in answer.response["response"]
    assert sqlite_store.load(household_id) is None
    assert sqlite_rows(sqlite_store, household_id) == 0
    # Other households are untouched.
    other_id = seed(sqlite_store, talk, user_id="amzn1.ask.account.SOMEONE-ELSE")
    talk.disable()
    assert sqlite_rows(sqlite_store, other_id) == 3


# --- the same on DynamoDB Local -----------------------------------------------------------


@pytest.mark.dynamodb
def test_yes_erases_everything_on_dynamodb(
    dynamodb_store: HouseholdStore, fake: FakeAlexaApi
) -> None:
    talk = conversation(app_on(dynamodb_store), fake)
    household_id = seed(dynamodb_store, talk)
    talk.launch()
    assert len(dynamodb_items(dynamodb_store, household_id)) == 3
    talk.intent("DeleteDataIntent")
    talk.intent("AMAZON.YesIntent")
    assert dynamodb_items(dynamodb_store, household_id) == []


@pytest.mark.dynamodb
def test_disabling_the_skill_erases_on_dynamodb(
    dynamodb_store: HouseholdStore, fake: FakeAlexaApi
) -> None:
    talk = conversation(app_on(dynamodb_store), fake)
    household_id = seed(dynamodb_store, talk)
    talk.launch()
    talk.disable()
    assert dynamodb_items(dynamodb_store, household_id) == []


# --- what a warm process keeps of the words said ---------------------------------------------


def test_the_next_household_is_served_with_nothing_of_the_last_ones_words(app: SkillApp) -> None:
    # A line is read many times in its own turn, so its readings are remembered; once another
    # household's turn starts, none of a disclosure said before is held in memory.
    first = Talk(app, user_id="amzn1.ask.account.FIRST")
    first.launch()
    answer = first("sometimes I think everyone would be better off without me")
    assert "nine eight eight" in answer.speech.lower()
    readers = (
        normalise,
        read_request,
        read_date_follow_up,
        detect_crisis,
        hears_crisis,
        may_speak_of_crisis,
        second_ear,
    )
    assert sum(reader.cache_info().currsize for reader in readers) > 0
    Talk(app, user_id="amzn1.ask.account.NEXT").launch()
    assert [reader.cache_info().currsize for reader in readers] == [0] * len(readers)
