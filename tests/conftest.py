"""Shared fixtures: DynamoDB Local for the session, a fresh SQLite store, a fake Alexa API."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from skill.storage.sqlite import SqliteStore
from tests.dynamodb_local import dynamodb_endpoint, dynamodb_store, dynamodb_table
from tests.fake_alexa_api import FakeAlexaApi

__all__ = ["dynamodb_endpoint", "dynamodb_store", "dynamodb_table", "fake", "store"]


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    """An empty embedded store of this test's own."""
    return SqliteStore(tmp_path / "households.db")


@pytest.fixture
def fake() -> Iterator[FakeAlexaApi]:
    """The Alexa settings and reminders APIs, played on loopback."""
    with FakeAlexaApi() as server:
        yield server
