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
from collections.abc import Callable, Iterator
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
from skill.storage.expiry import household_expires_at, night_expires_at

#: The longest one transaction waits for the process lock or another process's write lock (s),
#: when the request's deadline is further away (or there is none: tools, the health check).
BUSY_TIMEOUT_SECONDS = 1.0

#: How often (s) a long-running process sweeps households past their expiry, besides at start.
SWEEP_INTERVAL_SECONDS = 3600

_SCHEMA = """
CREATE TABLE IF NOT EXISTS households (
    household_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    profile TEXT NOT NULL,
    expires_at INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS nights (
    household_id TEXT NOT NULL,
    day TEXT NOT NULL,
    doc TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (household_id, day)
);
CREATE INDEX IF NOT EXISTS nights_by_expiry ON nights (expires_at);
CREATE INDEX IF NOT EXISTS nights_by_household_expiry ON nights (household_id, expires_at);
"""
#: Made after the migration below: a file from before it has no ``expires_at`` to index yet.
_HOUSEHOLD_EXPIRY_INDEX = (
    "CREATE INDEX IF NOT EXISTS households_by_expiry ON households (expires_at)"
)


def _dumps(doc: JsonDict) -> str:
    # NaN/Infinity are not JSON and DynamoDB refuses them too: fail the same way on both.
    return json.dumps(doc, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class SqliteStore:
    """A :class:`~skill.storage.base.HouseholdStore` on one SQLite file.

    The file, its directory and the schema are created here, so a bad path or a
    file that is not a database fails at start-up with :class:`StoreConfigError`
    rather than on the first spoken turn.
    """

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        """``clock``: now, in epoch seconds (tests move it on to see households expire)."""
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.Lock()
        self._conn = self._open()
        #: The busy timeout set on the connection now (ms), so it is only changed when it must be.
        self._busy_ms = -1
        self._swept_at = 0.0
        self.sweep_expired()

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
            # Deleted content is overwritten with zeros, not left readable in free pages.
            conn.execute("PRAGMA secure_delete = ON")
            conn.executescript(_SCHEMA)
            _add_household_expiry(conn, household_expires_at(self._clock()))
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

    def load(self, household_id: str, recent_nights: int | None = None) -> HouseholdRecord | None:
        """Read the profile and its unexpired nights (the latest ``recent_nights`` of them, or
        all) in one snapshot; an expired household, not swept yet, reads as none."""
        now = int(self._clock())
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT version, profile FROM households WHERE household_id = ? AND expires_at > ?",
                (household_id, now),
            ).fetchone()
            if row is None:
                return None
            nights = conn.execute(
                # "+expires_at" keeps the planner on the key (household, day), walked backwards
                # and stopped after the limit; by the expiry index it would sort every night.
                "SELECT day, doc FROM nights WHERE household_id = ? AND +expires_at > ?"
                " ORDER BY day DESC LIMIT ?",
                (household_id, now, -1 if recent_nights is None else recent_nights),
            ).fetchall()
        nights.reverse()
        return HouseholdRecord(
            household_id=household_id,
            version=row[0],
            profile=json.loads(row[1]),
            nights={day: json.loads(doc) for day, doc in nights},
        )

    def save(self, record: HouseholdRecord, previous: HouseholdRecord | None) -> int:
        """Write the profile (version + 1) and the changed nights, all or nothing."""
        to_write, to_delete = changed_nights(record, previous)
        now = self._clock()
        expires_at = household_expires_at(now)
        # Serialise before the transaction: a bad document must not leave a half-open write.
        profile = _dumps(record.profile)
        night_rows = [
            (record.household_id, day, _dumps(doc), night_expires_at(day, now))
            for day, doc in to_write.items()
        ]
        new_version = record.version + 1
        # IMMEDIATE takes the write lock up front, so the version check and the write are atomic
        # across processes too.
        with self._transaction("IMMEDIATE") as conn:
            if record.version == 0:
                # A household past its expiry that no sweep has reached yet is gone already.
                _delete_if_expired(conn, record.household_id, int(now))
                cursor = conn.execute(
                    "INSERT INTO households (household_id, version, profile, expires_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT (household_id) DO NOTHING",
                    (record.household_id, new_version, profile, expires_at),
                )
            else:
                cursor = conn.execute(
                    "UPDATE households SET version = ?, profile = ?, expires_at = ?"
                    " WHERE household_id = ? AND version = ?",
                    (new_version, profile, expires_at, record.household_id, record.version),
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
            # SQLite has no TTL sweeper: drop this household's expired nights under the write lock
            # (found by the household-and-expiry index, not by reading every night it keeps).
            conn.execute(
                "DELETE FROM nights WHERE household_id = ? AND expires_at <= ?",
                (record.household_id, int(now)),
            )
        if now - self._swept_at >= SWEEP_INTERVAL_SECONDS:
            self.sweep_expired()
        return new_version

    def delete_household(self, household_id: str) -> None:
        """Erase the profile and every night; erasing an unknown household does nothing.

        The deleted rows are overwritten with zeros (``secure_delete``) and the WAL
        is checkpointed and truncated, so no erased word stays readable in the
        database file or in its ``-wal`` file.
        """
        with self._transaction("IMMEDIATE") as conn:
            conn.execute("DELETE FROM nights WHERE household_id = ?", (household_id,))
            conn.execute("DELETE FROM households WHERE household_id = ?", (household_id,))
        self._truncate_wal()

    def sweep_expired(self) -> int:
        """Erase every household past its expiry (and every expired night); return how many.

        SQLite has no TTL sweeper of its own: this runs when the store opens and
        then at most every :data:`SWEEP_INTERVAL_SECONDS` from a save.
        """
        now = int(self._clock())
        self._swept_at = now
        with self._transaction("IMMEDIATE") as conn:
            conn.execute(
                "DELETE FROM nights WHERE expires_at <= ? OR household_id IN"
                " (SELECT household_id FROM households WHERE expires_at <= ?)",
                (now, now),
            )
            swept = conn.execute("DELETE FROM households WHERE expires_at <= ?", (now,)).rowcount
        if swept:
            self._truncate_wal()
        return int(swept)

    def _truncate_wal(self) -> None:
        """Copy the WAL into the database and empty it, so erased pages leave no copy behind.

        Best effort: a reader in another process can keep part of the WAL alive;
        the next erasure or sweep checkpoints again.
        """
        if not self._lock.acquire(timeout=_wait_seconds()):
            return
        try:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error as exc:
            raise _store_error(exc) from exc
        finally:
            self._lock.release()

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


def _add_household_expiry(conn: sqlite3.Connection, expires_at: int) -> None:
    """Migrate a file from before households expired: every household gets ``expires_at``
    (the full span from now, since its last visit is not known here)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(households)")}
    if "expires_at" not in columns:
        conn.execute("ALTER TABLE households ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0")
    conn.execute("UPDATE households SET expires_at = ? WHERE expires_at = 0", (expires_at,))
    conn.execute(_HOUSEHOLD_EXPIRY_INDEX)


def _delete_if_expired(conn: sqlite3.Connection, household_id: str, now: int) -> None:
    """Erase one household, within the caller's transaction, if it is past its expiry."""
    expired = conn.execute(
        "SELECT 1 FROM households WHERE household_id = ? AND expires_at <= ?", (household_id, now)
    ).fetchone()
    if expired:
        conn.execute("DELETE FROM nights WHERE household_id = ?", (household_id,))
        conn.execute("DELETE FROM households WHERE household_id = ?", (household_id,))


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
