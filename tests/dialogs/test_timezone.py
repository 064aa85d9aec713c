"""The household's time zone: read through the settings API, cached, refreshed rarely, defaulted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from skill.app import SkillApp
from skill.config import Settings
from skill.conversation.timezones import needs_refresh, zone_or_none
from skill.household.model import Profile
from skill.storage.sqlite import SqliteStore
from skill.turn import household_id_for
from tests.support.api_conversation import API_TOKEN, Conversation, says
from tests.support.fake_alexa_api import SETTINGS_PREFIX, FakeAlexaApi

#: 18:00 in New York (the default zone: evening), 15:00 in Los Angeles (the device: afternoon).
AFTERNOON_IN_LA = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def talk(fake: FakeAlexaApi, sqlite_store: SqliteStore) -> Conversation:
    app = SkillApp(Settings(store_url="test://", default_timezone="America/New_York"), sqlite_store)
    return Conversation(app, fake.url, AFTERNOON_IN_LA)


def profile(store: SqliteStore, talk: Conversation) -> dict:
    record = store.load(household_id_for(talk.caller.user_id))
    assert record is not None
    return record.profile


def settings_calls(fake: FakeAlexaApi) -> int:
    return len(fake.calls("GET", SETTINGS_PREFIX))


# --- pure rules ---------------------------------------------------------------------------


def test_a_zone_never_read_is_read() -> None:
    assert needs_refresh(Profile(), NOW)


def read_days_ago(days: int) -> Profile:
    checked = NOW - timedelta(days=days)
    return Profile(timezone="Europe/Paris", timezone_checked_at=checked.isoformat())


def test_a_zone_read_this_week_is_trusted() -> None:
    assert not needs_refresh(read_days_ago(6), NOW)
    assert needs_refresh(read_days_ago(7), NOW)


def test_a_failed_read_is_retried_after_a_day() -> None:
    failed = Profile(timezone_checked_at=(NOW - timedelta(hours=23)).isoformat())
    assert not needs_refresh(failed, NOW)
    assert needs_refresh(Profile(timezone_checked_at=(NOW - timedelta(days=1)).isoformat()), NOW)


def test_a_broken_or_future_stamp_means_read_again() -> None:
    assert needs_refresh(Profile(timezone_checked_at="yesterday"), NOW)
    assert needs_refresh(Profile(timezone_checked_at="2026-11-25T10:00:00"), NOW)
    assert needs_refresh(Profile(timezone_checked_at=(NOW + timedelta(days=3)).isoformat()), NOW)


def test_only_real_zone_names_are_zones() -> None:
    assert zone_or_none("America/Los_Angeles") is not None
    assert zone_or_none("Mars/Olympus_Mons") is None
    assert zone_or_none("../../etc/passwd") is None
    assert zone_or_none("") is None


# --- through the skill --------------------------------------------------------------------


def test_the_zone_is_read_once_and_cached(
    talk: Conversation, fake: FakeAlexaApi, sqlite_store: SqliteStore
) -> None:
    talk.launch()
    (call,) = fake.calls("GET", SETTINGS_PREFIX)
    assert call.token == API_TOKEN
    assert call.path.endswith("/settings/System.timeZone")
    assert profile(sqlite_store, talk)["timezone"] == "America/Los_Angeles"
    talk.launch()
    talk.clock += timedelta(days=3)
    talk.launch()
    assert settings_calls(fake) == 1
    talk.clock += timedelta(days=5)
    talk.launch()
    assert settings_calls(fake) == 2


def test_tonight_follows_the_device_zone(talk: Conversation, fake: FakeAlexaApi) -> None:
    talk.launch()
    # 3 PM in Los Angeles: a daytime welcome, though it is 6 PM in the default zone.
    assert says(talk.launch(), "welcome.back.question")


@pytest.mark.parametrize("status", [401, 403, 429, 500])
def test_a_failed_read_falls_back_to_the_default_zone(
    talk: Conversation, fake: FakeAlexaApi, sqlite_store: SqliteStore, status: int
) -> None:
    fake.fail_next(status, path_prefix=SETTINGS_PREFIX)
    talk.launch()
    # 6 PM in New York, the configured default: the evening welcome.
    assert says(talk.launch(), "welcome.evening.question")
    stored = profile(sqlite_store, talk)
    assert stored["timezone"] == ""
    assert stored["timezone_checked_at"]
    # The failure is remembered: the next turns do not each wait for a broken API.
    assert settings_calls(fake) == 1
    talk.clock += timedelta(days=1, minutes=1)
    talk.launch()
    assert settings_calls(fake) == 2
    assert profile(sqlite_store, talk)["timezone"] == "America/Los_Angeles"


def test_a_stalled_settings_api_falls_back_within_the_budget(
    talk: Conversation, fake: FakeAlexaApi, sqlite_store: SqliteStore
) -> None:
    fake.stall_seconds = 2.0
    started = datetime.now(UTC)
    talk.launch()
    assert datetime.now(UTC) - started < timedelta(seconds=3)
    fake.stall_seconds = 0
    assert profile(sqlite_store, talk)["timezone"] == ""


def test_an_unknown_zone_name_is_not_kept(
    talk: Conversation, fake: FakeAlexaApi, sqlite_store: SqliteStore
) -> None:
    fake.timezone = "Mars/Olympus_Mons"
    talk.launch()
    assert profile(sqlite_store, talk)["timezone"] == ""
    assert says(talk.launch(), "welcome.evening.question")


def test_a_turn_that_reads_no_household_calls_no_api(
    talk: Conversation, fake: FakeAlexaApi, sqlite_store: SqliteStore
) -> None:
    talk.say("AMAZON.HelpIntent")
    assert fake.requests == []
    assert sqlite_store.load(household_id_for(talk.caller.user_id)) is None
