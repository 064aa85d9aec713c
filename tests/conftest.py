"""Shared fixtures: the stores (a fresh SQLite file, each backend in turn), DynamoDB Local for the
session, and a fake Alexa API.

Fixture names say which store a test gets: ``sqlite_store`` is always the embedded one;
``each_store`` runs the test once on SQLite and once on DynamoDB Local.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from skill.storage.base import HouseholdStore
from skill.storage.sqlite import SqliteStore
from tests.support.dynamodb_local import dynamodb_endpoint, dynamodb_store, dynamodb_table
from tests.support.fake_alexa_api import FakeAlexaApi

__all__ = [
    "dynamodb_endpoint",
    "dynamodb_store",
    "dynamodb_table",
    "each_store",
    "fake",
    "sqlite_store",
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
        yield request.getfixturevalue("dynamodb_store")


@pytest.fixture
def fake() -> Iterator[FakeAlexaApi]:
    """The Alexa settings and reminders APIs, played on loopback."""
    with FakeAlexaApi() as server:
        yield server
