"""The backstop for abandoned households, and erasures that leave no words behind.

Every item of a household expires INACTIVE_HOUSEHOLD_MONTHS after its last save, on both
stores (DynamoDB's TTL attribute on every item, moved on by each save; SQLite's sweep); a
household past it reads as none and starts afresh. On SQLite, erased names and journal
words are not left readable in the database file or its ``-wal`` file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from skill.storage.base import INACTIVE_HOUSEHOLD_MONTHS, HouseholdRecord, HouseholdStore
from skill.storage.expiry import household_expires_at, months_later, night_expires_at
from skill.storage.sqlite import SWEEP_INTERVAL_SECONDS, SqliteStore

SAVED = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)
#: The moment the household expires, INACTIVE_HOUSEHOLD_MONTHS after its last save.
EXPIRES = months_later(SAVED, INACTIVE_HOUSEHOLD_MONTHS)
NAMES = ["Zebedee", "Philomena"]
ANSWER = "quokkas dancing at dawn"


class Clock:
    """Now, in epoch seconds, moved on by the test."""

    def __init__(self, moment: datetime) -> None:
        self.now = moment.timestamp()

    def __call__(self) -> float:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment.timestamp()


def household(household_id: str = "h1") -> HouseholdRecord:
    """A household with names and a night holding a kept journal answer."""
    return HouseholdRecord(
        household_id,
        profile={"visits": 3, "names": NAMES, "keep_answers": True},
        nights={
            "2026-11-25": {
                "entries": {"c1": {"complete": True, "answers": [{"step": "q", "text": ANSWER}]}}
            }
        },
    )


@pytest.fixture(params=["sqlite", pytest.param("dynamodb", marks=pytest.mark.dynamodb)])
def clocked(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[HouseholdStore, Clock]]:
    """Each store, on a clock the test moves."""
    clock = Clock(SAVED)
    if request.param == "sqlite":
        store = SqliteStore(tmp_path / "households.db", clock=clock)
        yield store, clock
        store.close()
    else:
        from skill.storage.dynamodb import DynamoDbStore

        yield DynamoDbStore(request.getfixturevalue("dynamodb_table"), clock=clock), clock


def test_a_household_expires_months_after_its_last_save_and_starts_afresh(
    clocked: tuple[HouseholdStore, Clock],
) -> None:
    store, clock = clocked
    store.save(household(), None)
    clock.set(datetime(2027, 12, 24, tzinfo=UTC))  # a day before: still kept
    kept = store.load("h1")
    assert kept is not None and kept.profile["names"] == NAMES
    clock.set(EXPIRES)
    assert store.load("h1") is None
    # The same account coming back is a new household: nothing of the old one shows.
    fresh = HouseholdRecord("h1", profile={"visits": 1})
    assert store.save(fresh, None) == 1
    loaded = store.load("h1")
    assert loaded is not None
    assert (loaded.version, loaded.profile, loaded.nights) == (1, {"visits": 1}, {})


def test_every_save_moves_the_expiry_on(clocked: tuple[HouseholdStore, Clock]) -> None:
    store, clock = clocked
    store.save(household(), None)
    clock.set(datetime(2027, 6, 1, tzinfo=UTC))
    record = store.load("h1")
    assert record is not None
    record.profile["visits"] = 4
    store.save(record, record.copy())
    clock.set(EXPIRES)  # past the first save's expiry, not the second's
    assert store.load("h1") is not None


@pytest.mark.dynamodb
def test_dynamodb_items_all_carry_their_expiry(dynamodb_table: str) -> None:
    from skill.storage.dynamodb import TTL_ATTRIBUTE, DynamoDbStore

    store = DynamoDbStore(dynamodb_table, clock=Clock(SAVED))
    store.save(household(), None)
    items = store.client.query(
        TableName=dynamodb_table,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": "HOUSEHOLD#h1"}},
    )["Items"]
    expiry = {item["sk"]["S"]: int(item[TTL_ATTRIBUTE]["N"]) for item in items}
    assert expiry == {
        "PROFILE": household_expires_at(SAVED.timestamp()),
        "NIGHT#2026-11-25": night_expires_at("2026-11-25", SAVED.timestamp()),
    }
    # No item outlives the household's own expiry.
    assert max(expiry.values()) == int(EXPIRES.timestamp())


def rows(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as conn:
        households = conn.execute("SELECT count(*) FROM households").fetchone()[0]
        nights = conn.execute("SELECT count(*) FROM nights").fetchone()[0]
    return households, nights


def test_sqlite_sweeps_expired_households_on_open_and_from_saves(tmp_path: Path) -> None:
    path = tmp_path / "households.db"
    clock = Clock(SAVED)
    store = SqliteStore(path, clock=clock)
    store.save(household("old"), None)
    store.close()
    assert rows(path) == (1, 1)
    # Opened after the expiry: swept at once.
    clock.set(EXPIRES)
    SqliteStore(path, clock=clock).close()
    assert rows(path) == (0, 0)
    # A process that runs for months sweeps from its saves, at most every interval.
    clock.set(SAVED)
    store = SqliteStore(path, clock=clock)
    store.save(household("old"), None)
    clock.set(EXPIRES)
    store.save(HouseholdRecord("new", profile={"visits": 1}), None)
    assert rows(path) == (1, 0)
    clock.now += SWEEP_INTERVAL_SECONDS / 2
    store.save(household("other"), None)
    assert rows(path) == (2, 1)
    store.close()


def test_sqlite_files_from_before_expiry_are_migrated(tmp_path: Path) -> None:
    path = tmp_path / "households.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE TABLE households (household_id TEXT PRIMARY KEY, version INTEGER NOT NULL,"
            " profile TEXT NOT NULL);"
            "CREATE TABLE nights (household_id TEXT NOT NULL, day TEXT NOT NULL,"
            " doc TEXT NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (household_id, day));"
            "INSERT INTO households VALUES ('h1', 7, '{\"visits\": 7}');"
        )
    clock = Clock(SAVED)
    store = SqliteStore(path, clock=clock)
    loaded = store.load("h1")
    assert loaded is not None and (loaded.version, loaded.profile) == (7, {"visits": 7})
    # The backstop counts from the migration, the last visit being unknown.
    clock.set(EXPIRES)
    assert store.load("h1") is None
    store.close()


def stored_bytes(path: Path) -> bytes:
    """The database file and its WAL, as bytes on disk."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_sqlite_erasure_leaves_no_words_in_the_db_or_wal_files(tmp_path: Path) -> None:
    path = tmp_path / "households.db"
    store = SqliteStore(path)
    store.save(household(), None)
    other = HouseholdRecord("h2", profile={"names": ["Ottoline"]})
    store.save(other, None)
    before = stored_bytes(path)
    assert all(word.encode() in before for word in [*NAMES, ANSWER])
    store.delete_household("h1")
    after = stored_bytes(path)
    assert not [word for word in [*NAMES, ANSWER] if word.encode() in after]
    # Only the erased household: the other one is still there.
    assert b"Ottoline" in after and store.load("h2") is not None
    store.close()
