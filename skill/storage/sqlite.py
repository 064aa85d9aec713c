"""The embedded household store: one SQLite file, for local chat and tests.

It keeps the same shape as the DynamoDB table (a profile row per household and
a row per night with an expiry), so both backends pass one contract suite.
WAL mode and a busy timeout let several processes share the file; within a
process one connection is shared under a lock, because SQLite serialises writers
anyway and a single connection keeps reads consistent with the last write.

Waiting is bounded by the request's store deadline (:mod:`skill.storage.deadline`),
as the DynamoDB store's attempts are: for the process lock (another request's
transaction may be waiting on a locked file) and for SQLite's own busy handler
(another process holds the write lock). A store that stays locked makes the turn
fail in time, with the spoken apology, instead of waiting it out.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from skill.storage.base import (
    HouseholdRecord,
    JsonDict,
    StoreConfigError,
    StoreError,
    VersionConflict,
    changed_nights,
)
from skill.storage.deadline import seconds_left
from skill.storage.expiry import night_expires_at

#: The longest one transaction waits for the process lock or another process's write lock (s),
#: when the request's deadline is further away (or there is none: tools, the health check).
BUSY_TIMEOUT_SECONDS = 1.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS households (
    household_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    profile TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS nights (
    household_id TEXT NOT NULL,
    day TEXT NOT NULL,
    doc TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (household_id, day)
);
"""


def _dumps(doc: JsonDict) -> str:
    # NaN/Infinity are not JSON and DynamoDB refuses them too: fail the same way on both.
    return json.dumps(doc, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class SqliteStore:
    """A :class:`~skill.storage.base.HouseholdStore` on one SQLite file.

    The file, its directory and the schema are created here, so a bad path or a
    file that is not a database fails at start-up with :class:`StoreConfigError`
    rather than on the first spoken turn.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn = self._open()
        #: The busy timeout set on the connection now (ms), so it is only changed when it must be.
        self._busy_ms = -1

    def _open(self) -> sqlite3.Connection:
        """Open (creating if needed) the database, or explain in one line why it is unusable."""
        where = f"household database {self.path}"
        if self.path.is_dir():
            raise StoreConfigError(f"The {where} is a directory, not a file.")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreConfigError(
                f"Cannot create the folder for the {where}: {exc.strerror or exc}."
            ) from None
        conn: sqlite3.Connection | None = None
        try:
            # Autocommit mode: transactions are opened explicitly, so a save is exactly one.
            conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_SECONDS,
                isolation_level=None,
                check_same_thread=False,
            )
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            raise StoreConfigError(_config_message(where, exc)) from None
        return conn

    @contextmanager
    def _transaction(self, mode: str = "DEFERRED") -> Iterator[sqlite3.Connection]:
        """One transaction under the process lock; any SQLite failure becomes a StoreError.

        Both waits (for the lock, then for the file) end by the request's deadline.
        """
        if not self._lock.acquire(timeout=_wait_seconds()):
            raise StoreError("The SQLite household store is busy (waited for another request).")
        try:
            self._set_busy_timeout(_wait_seconds())
            self._conn.execute(f"BEGIN {mode}")
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException as exc:
            # Roll back whatever failed (a conflict, a bad document, SQLite itself); a closed
            # or broken connection may refuse even that, and the original error matters more.
            with suppress(sqlite3.Error):
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise _store_error(exc) from exc
            raise
        finally:
            self._lock.release()

    def _set_busy_timeout(self, seconds: float) -> None:
        """How long SQLite retries a locked file before answering SQLITE_BUSY."""
        busy_ms = max(1, int(seconds * 1000))
        if busy_ms != self._busy_ms:
            self._conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
            self._busy_ms = busy_ms

    def load(self, household_id: str) -> HouseholdRecord | None:
        """Read the profile and its unexpired nights in one snapshot."""
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT version, profile FROM households WHERE household_id = ?",
                (household_id,),
            ).fetchone()
            if row is None:
                return None
            nights = conn.execute(
                "SELECT day, doc FROM nights WHERE household_id = ? AND expires_at > ?"
                " ORDER BY day",
                (household_id, int(time.time())),
            ).fetchall()
        return HouseholdRecord(
            household_id=household_id,
            version=row[0],
            profile=json.loads(row[1]),
            nights={day: json.loads(doc) for day, doc in nights},
        )

    def save(self, record: HouseholdRecord, previous: HouseholdRecord | None) -> int:
        """Write the profile (version + 1) and the changed nights, all or nothing."""
        to_write, to_delete = changed_nights(record, previous)
        # Serialise before the transaction: a bad document must not leave a half-open write.
        profile = _dumps(record.profile)
        night_rows = [
            (record.household_id, day, _dumps(doc), night_expires_at(day))
            for day, doc in to_write.items()
        ]
        new_version = record.version + 1
        # IMMEDIATE takes the write lock up front, so the version check and the write are atomic
        # across processes too.
        with self._transaction("IMMEDIATE") as conn:
            if record.version == 0:
                cursor = conn.execute(
                    "INSERT INTO households (household_id, version, profile) VALUES (?, ?, ?)"
                    " ON CONFLICT (household_id) DO NOTHING",
                    (record.household_id, new_version, profile),
                )
            else:
                cursor = conn.execute(
                    "UPDATE households SET version = ?, profile = ?"
                    " WHERE household_id = ? AND version = ?",
                    (new_version, profile, record.household_id, record.version),
                )
            if cursor.rowcount != 1:
                raise VersionConflict(
                    "The household changed since it was loaded.",
                    _stored_profile(conn, record.household_id),
                )
            conn.executemany(
                "INSERT OR REPLACE INTO nights (household_id, day, doc, expires_at)"
                " VALUES (?, ?, ?, ?)",
                night_rows,
            )
            conn.executemany(
                "DELETE FROM nights WHERE household_id = ? AND day = ?",
                [(record.household_id, day) for day in to_delete],
            )
            # SQLite has no TTL sweeper: drop this household's expired nights under the write lock.
            conn.execute(
                "DELETE FROM nights WHERE household_id = ? AND expires_at <= ?",
                (record.household_id, int(time.time())),
            )
        return new_version

    def delete_household(self, household_id: str) -> None:
        """Erase the profile and every night; erasing an unknown household does nothing."""
        with self._transaction("IMMEDIATE") as conn:
            conn.execute("DELETE FROM nights WHERE household_id = ?", (household_id,))
            conn.execute("DELETE FROM households WHERE household_id = ?", (household_id,))

    def ping(self) -> None:
        """Take the write lock and touch the schema: fails if the file was removed or damaged, or
        if another process has held the write lock for longer than the busy timeout (reads would
        still work then, but no turn could save)."""
        with self._transaction("IMMEDIATE") as conn:
            conn.execute("SELECT count(*) FROM households WHERE household_id = ''").fetchone()

    def close(self) -> None:
        """Close the connection (tests and short-lived commands; a long-running skill keeps it)."""
        with self._lock:
            self._conn.close()


def _stored_profile(conn: sqlite3.Connection, household_id: str) -> HouseholdRecord | None:
    """The profile as stored now (no nights), read under the write lock a conflict holds."""
    row = conn.execute(
        "SELECT version, profile FROM households WHERE household_id = ?", (household_id,)
    ).fetchone()
    return None if row is None else HouseholdRecord(household_id, row[0], json.loads(row[1]))


def _wait_seconds() -> float:
    """How long the next wait may last: the busy timeout, or less when the deadline is nearer.

    Never less than a millisecond, so a request already past its deadline still
    gets an uncontended store (which answers at once) but never waits for one.
    """
    left = seconds_left()
    return BUSY_TIMEOUT_SECONDS if left is None else max(0.001, min(BUSY_TIMEOUT_SECONDS, left))


def _store_error(exc: sqlite3.Error) -> StoreError:
    """A StoreError safe to log: SQLite's error code only, never a statement or its values."""
    name = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
    return StoreError(f"The SQLite household store failed ({name}).")


def _config_message(where: str, exc: sqlite3.DatabaseError) -> str:
    """Say in plain words why a database file cannot be used."""
    text = str(exc)
    if "not a database" in text or getattr(exc, "sqlite_errorname", "") == "SQLITE_CORRUPT":
        return f"The {where} is not a SQLite database (damaged or another kind of file)."
    if "readonly" in text or "unable to open" in text:
        return f"Cannot open the {where} for writing: check the path and its permissions."
    return f"Cannot use the {where}: {text}."
