"""The household's time zone: read through the settings API, cached, refreshed rarely, defaulted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from skill.conversation.timezones import needs_refresh, zone_or_none
from skill.household.model import Profile
from skill.storage.sqlite import SqliteStore
from tests.support.fake_alexa_api import SETTINGS_PREFIX, FakeAlexaApi
from tests.support.talk import API_TOKEN, Talk, app_on, says

#: 18:00 in New York (the default zone: evening), 15:00 in Los Angeles (the device: afternoon).
AFTERNOON_IN_LA = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def device(fake: FakeAlexaApi, sqlite_store: SqliteStore) -> Talk:
    """A device in Los Angeles in the afternoon, talking to a skill whose default is New York."""
    app = app_on(sqlite_store, default_timezone="America/New_York")
    return Talk(app, start=AFTERNOON_IN_LA, api_endpoint=fake.url)


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


def test_the_zone_is_read_once_and_cached(device: Talk, fake: FakeAlexaApi) -> None:
    device.launch()
    (call,) = fake.calls("GET", SETTINGS_PREFIX)
    assert call.token == API_TOKEN
    assert call.path.endswith("/settings/System.timeZone")
    assert device.stored().profile["timezone"] == "America/Los_Angeles"
    device.launch()
    device.advance(days=3)
    device.launch()
    assert settings_calls(fake) == 1
    device.advance(days=5)
    device.launch()
    assert settings_calls(fake) == 2


def test_tonight_follows_the_device_zone(device: Talk, fake: FakeAlexaApi) -> None:
    device.launch()
    # 3 PM in Los Angeles: a daytime welcome, though it is 6 PM in the default zone.
    assert says(device.launch(), "welcome.back.question")


@pytest.mark.parametrize("status", [401, 403, 429, 500])
def test_a_failed_read_falls_back_to_the_default_zone(
    device: Talk, fake: FakeAlexaApi, status: int
) -> None:
    fake.fail_next(status, path_prefix=SETTINGS_PREFIX)
    device.launch()
    # 6 PM in New York, the configured default: the evening welcome.
    assert says(device.launch(), "welcome.evening.question")
    stored = device.stored().profile
    assert stored["timezone"] == ""
    assert stored["timezone_checked_at"]
    # The failure is remembered: the next turns do not each wait for a broken API.
    assert settings_calls(fake) == 1
    device.advance(days=1, minutes=1)
    device.launch()
    assert settings_calls(fake) == 2
    assert device.stored().profile["timezone"] == "America/Los_Angeles"


def test_a_stalled_settings_api_falls_back_within_the_budget(
    device: Talk, fake: FakeAlexaApi
) -> None:
    fake.stall_seconds = 2.0
    started = datetime.now(UTC)
    device.launch()
    assert datetime.now(UTC) - started < timedelta(seconds=3)
    fake.stall_seconds = 0
    assert device.stored().profile["timezone"] == ""


def test_an_unknown_zone_name_is_not_kept(device: Talk, fake: FakeAlexaApi) -> None:
    fake.timezone = "Mars/Olympus_Mons"
    device.launch()
    assert device.stored().profile["timezone"] == ""
    assert says(device.launch(), "welcome.evening.question")


def test_a_turn_that_reads_no_household_calls_no_api(device: Talk, fake: FakeAlexaApi) -> None:
    device.intent("AMAZON.HelpIntent")
    assert fake.requests == []
    assert device.record() is None
