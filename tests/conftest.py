"""Shared fixtures: the stores (a fresh SQLite file, each backend in turn), DynamoDB Local for the
session, the skill on a store, a conversation with it, and a fake Alexa API.

Fixture names say which store a test gets: ``sqlite_store`` is always the embedded one;
``each_store`` runs the test once on SQLite and once on DynamoDB Local. ``app`` is the skill
on ``sqlite_store`` and ``each_app`` the skill on ``each_store``; ``talk`` is a household
talking to ``app`` (:class:`tests.support.talk.Talk`). A test that needs another clock,
voice or API endpoint builds its own ``Talk`` from ``app`` or ``each_app``. Fixture names
are unique across the suite: no module defines one of these again.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from skill.app import SkillApp
from skill.storage.base import HouseholdStore
from skill.storage.sqlite import SqliteStore
from tests.support.dynamodb_local import (
    dynamodb_client_kind,
    dynamodb_endpoint,
    dynamodb_store,
    dynamodb_store_with,
    dynamodb_table,
)
from tests.support.fake_alexa_api import FakeAlexaApi
from tests.support.talk import Talk, app_on

__all__ = [
    "app",
    "dynamodb_client_kind",
    "dynamodb_endpoint",
    "dynamodb_store",
    "dynamodb_table",
    "each_app",
    "each_store",
    "fake",
    "sqlite_store",
    "talk",
]


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SqliteStore]:
    """An empty embedded store of this test's own."""
    store = SqliteStore(tmp_path / "households.db")
    yield store
    store.close()


@pytest.fixture(params=["sqlite", pytest.param("dynamodb", marks=pytest.mark.dynamodb)])
def each_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[HouseholdStore]:
    """Each backend in turn, empty: the test runs on SQLite and on DynamoDB Local."""
    if request.param == "sqlite":
        store = SqliteStore(tmp_path / "households.db")
        yield store
        store.close()
    else:
        # The client Lambda uses; the store contract runs on botocore's as well.
        yield dynamodb_store_with(request.getfixturevalue("dynamodb_table"), "http")


@pytest.fixture
def app(sqlite_store: SqliteStore) -> SkillApp:
    """The skill on this test's own embedded store."""
    return app_on(sqlite_store)


@pytest.fixture
def each_app(each_store: HouseholdStore) -> SkillApp:
    """The skill on each backend in turn: the test runs on SQLite and on DynamoDB Local."""
    return app_on(each_store)


@pytest.fixture
def talk(app: SkillApp) -> Talk:
    """A household talking to ``app`` on a weekday evening, its Alexa APIs offline."""
    return Talk(app)


@pytest.fixture
def fake() -> Iterator[FakeAlexaApi]:
    """The Alexa settings and reminders APIs, played on loopback."""
    with FakeAlexaApi() as server:
        yield server
