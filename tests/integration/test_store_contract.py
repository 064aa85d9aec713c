"""The household store contract: every backend must pass the same tests.

The ``each_backend`` fixture runs each contract test on SQLite (a temporary file) and
on DynamoDB Local (a fresh table per test) through each of the store's two
clients: its own small one and botocore's.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from skill.storage import default_sqlite_path, open_store
from skill.storage.base import (
    HouseholdRecord,
    HouseholdStore,
    StoreConfigError,
    StoreError,
    VersionConflict,
)
from skill.storage.sqlite import SqliteStore
from tests.support.dynamodb_local import CLIENTS, dynamodb_store_with

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(
    params=["sqlite", *(pytest.param(client, marks=pytest.mark.dynamodb) for client in CLIENTS)],
    ids=["sqlite", *(f"dynamodb-{client}-client" for client in CLIENTS)],
)
def each_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[HouseholdStore]:
    """Each backend in turn, empty; DynamoDB through each client (the dialog tiers use the
    default one only)."""
    if request.param == "sqlite":
        store = SqliteStore(tmp_path / "households.db")
        yield store
        store.close()
    else:
        yield dynamodb_store_with(request.getfixturevalue("dynamodb_table"), request.param)


#: A profile that exercises every JSON type a feature may store.
PROFILE = {
    "names": ["Ana", "Zoë"],
    "first_visit": False,
    "streak": {"current": 3, "best": 12, "ratio": 0.75, "big": 2**53 + 1},
    "heard": ["validation", "bids"],
    "time_zone": "Europe/Lisbon",
    "greeting": "olá, 你好 💛",
    "empty_list": [],
    "empty_map": {},
    "nothing": None,
    "negative": -4.5,
    "nested": [{"a": [1, 2.5, {"b": None}]}, True],
}
NIGHT = {"mood": 4, "words": ["calm", "close"], "note": "a good night", "score": 7.25}


def household_id() -> str:
    """A unique household id, shaped like the hash the skill derives from an Alexa userId."""
    return uuid.uuid4().hex


def saved(store: HouseholdStore, record: HouseholdRecord) -> HouseholdRecord:
    """Save a new record and return what the store now holds."""
    store.save(record, None)
    loaded = store.load(record.household_id)
    assert loaded is not None
    return loaded


def test_unknown_household_loads_as_none(each_backend: HouseholdStore) -> None:
    assert each_backend.load(household_id()) is None


def test_new_household_round_trips_profile_and_nights(each_backend: HouseholdStore) -> None:
    hid = household_id()
    record = HouseholdRecord(hid, 0, PROFILE, {"2099-01-02": NIGHT, "2099-01-03": {"mood": 1}})

    assert each_backend.save(record, None) == 1

    loaded = each_backend.load(hid)
    assert loaded == HouseholdRecord(hid, 1, PROFILE, record.nights)
    assert type(loaded.profile["streak"]["current"]) is int
    assert type(loaded.profile["streak"]["ratio"]) is float
    assert loaded.profile["streak"]["big"] == 2**53 + 1


def test_each_save_increments_the_version(each_backend: HouseholdStore) -> None:
    current = saved(each_backend, HouseholdRecord(household_id(), 0, {"n": 0}))
    for expected in (2, 3, 4):
        previous = current.copy()
        current.profile["n"] += 1
        assert each_backend.save(current, previous) == expected
        current = each_backend.load(current.household_id)
        assert current.version == expected
    assert current.profile == {"n": 3}


def test_stale_version_conflicts_and_writes_nothing(each_backend: HouseholdStore) -> None:
    first = saved(each_backend, HouseholdRecord(household_id(), 0, {"n": 1}, {"2099-05-01": NIGHT}))
    stale = first.copy()
    winner = first.copy()
    winner.profile["n"] = 2
    each_backend.save(winner, first)

    stale.profile["n"] = 99
    stale.nights["2099-05-02"] = {"mood": 5}
    del stale.nights["2099-05-01"]
    with pytest.raises(VersionConflict):
        each_backend.save(stale, first)

    assert each_backend.load(first.household_id) == HouseholdRecord(
        first.household_id, 2, {"n": 2}, {"2099-05-01": NIGHT}
    )


def test_creating_a_household_twice_conflicts(each_backend: HouseholdStore) -> None:
    hid = household_id()
    each_backend.save(HouseholdRecord(hid, 0, {"who": "first"}), None)
    with pytest.raises(VersionConflict):
        each_backend.save(HouseholdRecord(hid, 0, {"who": "second"}, {"2099-01-01": NIGHT}), None)
    assert each_backend.load(hid) == HouseholdRecord(hid, 1, {"who": "first"}, {})


def test_saving_an_unsaved_version_conflicts(each_backend: HouseholdStore) -> None:
    """A record claiming version 3 of a household that was never saved must not create it."""
    with pytest.raises(VersionConflict):
        each_backend.save(HouseholdRecord(household_id(), 3, {"n": 1}), None)


def test_nights_are_added_changed_and_deleted_by_diff(each_backend: HouseholdStore) -> None:
    first = saved(
        each_backend,
        HouseholdRecord(household_id(), 0, {}, {"2099-01-01": {"mood": 1}, "2099-01-02": NIGHT}),
    )
    second = first.copy()
    del second.nights["2099-01-01"]
    second.nights["2099-01-03"] = {"mood": 3}
    second.nights["2099-01-02"]["mood"] = 5
    each_backend.save(second, first)

    loaded = each_backend.load(first.household_id)
    assert loaded.nights == {"2099-01-02": {**NIGHT, "mood": 5}, "2099-01-03": {"mood": 3}}
    assert loaded.version == 2


def test_profile_only_save_keeps_nights(each_backend: HouseholdStore) -> None:
    first = saved(each_backend, HouseholdRecord(household_id(), 0, {"n": 1}, {"2099-03-03": NIGHT}))
    second = first.copy()
    second.profile["n"] = 2
    each_backend.save(second, first)
    assert each_backend.load(first.household_id).nights == {"2099-03-03": NIGHT}


def test_delete_household_erases_everything_and_is_idempotent(each_backend: HouseholdStore) -> None:
    hid = household_id()
    other = saved(
        each_backend, HouseholdRecord(household_id(), 0, {"keep": True}, {"2099-01-01": NIGHT})
    )
    saved(
        each_backend, HouseholdRecord(hid, 0, {"n": 1}, {"2099-01-01": NIGHT, "2099-01-02": NIGHT})
    )

    each_backend.delete_household(hid)
    assert each_backend.load(hid) is None
    each_backend.delete_household(hid)
    each_backend.delete_household(household_id())

    # Erased means gone: starting again begins at version 1 with no old nights.
    assert each_backend.save(HouseholdRecord(hid, 0, {"n": 1}), None) == 1
    assert each_backend.load(hid).nights == {}
    assert each_backend.load(other.household_id) == other


def test_expired_nights_are_ignored_on_load(each_backend: HouseholdStore) -> None:
    hid = household_id()
    # 2020-01-01 plus the retention period is long past; 2099 is far ahead.
    each_backend.save(HouseholdRecord(hid, 0, {}, {"2020-01-01": NIGHT, "2099-01-01": NIGHT}), None)
    assert each_backend.load(hid).nights == {"2099-01-01": NIGHT}


def test_concurrent_writers_lose_no_update(each_backend: HouseholdStore) -> None:
    """Two devices of one household saving at once must both be recorded."""
    hid = household_id()
    each_backend.save(HouseholdRecord(hid, 0, {"count": 0}), None)
    threads, increments = 8, 10
    conflicts: list[int] = []
    errors: list[BaseException] = []

    def writer(worker: int) -> None:
        try:
            for step in range(increments):
                while True:
                    loaded = each_backend.load(hid)
                    changed = loaded.copy()
                    changed.profile["count"] += 1
                    changed.nights[f"2099-{worker + 1:02d}-{step + 1:02d}"] = {"by": worker}
                    try:
                        each_backend.save(changed, loaded)
                        break
                    except VersionConflict:
                        conflicts.append(worker)
        except BaseException as exc:  # surfaced in the main thread below
            errors.append(exc)

    pool = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()

    assert errors == []
    final = each_backend.load(hid)
    assert final.profile["count"] == threads * increments
    assert len(final.nights) == threads * increments
    assert final.version == 1 + threads * increments
    assert conflicts, "the threads never overlapped, so the test proved nothing"


def test_unstorable_numbers_are_refused_before_writing(each_backend: HouseholdStore) -> None:
    hid = household_id()
    with pytest.raises(ValueError):
        each_backend.save(HouseholdRecord(hid, 0, {"ratio": float("nan")}), None)
    assert each_backend.load(hid) is None


def test_whole_floats_load_as_equal_numbers(each_backend: HouseholdStore) -> None:
    """DynamoDB may respell 2.0 as 2: callers may rely on equality, not on the float type."""
    hid = household_id()
    each_backend.save(HouseholdRecord(hid, 0, {"whole": 2.0, "tiny": 1e-9, "big": 1.5e100}), None)
    assert each_backend.load(hid).profile == {"whole": 2, "tiny": 1e-9, "big": 1.5e100}


def test_ping_succeeds_on_a_reachable_store(each_backend: HouseholdStore) -> None:
    each_backend.ping()


# --- SQLite only -----------------------------------------------------------------------------


def test_sqlite_corrupt_file_is_a_config_error_naming_the_path(tmp_path: Path) -> None:
    path = tmp_path / "households.db"
    path.write_bytes(b"this is not a database, just some text that got here " * 100)
    with pytest.raises(StoreConfigError) as caught:
        SqliteStore(path)
    message = str(caught.value)
    assert str(path) in message
    assert "not a SQLite database" in message
    assert "\n" not in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_sqlite_directory_path_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(StoreConfigError, match="is a directory"):
        SqliteStore(tmp_path)


def test_sqlite_unwritable_folder_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    path = blocker / "sub" / "households.db"
    with pytest.raises(StoreConfigError) as caught:
        SqliteStore(path)
    assert str(path) in str(caught.value)


def test_sqlite_creates_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "households.db"
    store = SqliteStore(path)
    store.save(HouseholdRecord("h", 0, {"n": 1}), None)
    store.close()
    reopened = SqliteStore(path)
    assert reopened.load("h").profile == {"n": 1}
    reopened.close()


def test_sqlite_runtime_failure_is_a_store_error_without_data(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "households.db")
    store.close()
    with pytest.raises(StoreError) as caught:
        store.load("secret-household-id")
    assert "secret-household-id" not in str(caught.value)
    assert not isinstance(caught.value, VersionConflict)


def test_sqlite_expired_nights_are_purged_on_save(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "households.db"
    store = SqliteStore(path)
    store.save(HouseholdRecord("h", 0, {}, {"2020-01-01": NIGHT, "2099-01-01": NIGHT}), None)
    store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT day FROM nights").fetchall() == [("2099-01-01",)]


_PROCESS_WRITER = """
import sys
from pathlib import Path
from skill.storage.base import VersionConflict
from skill.storage.sqlite import SqliteStore
from tests.support.dynamodb_local import CLIENTS, dynamodb_store_with

store = SqliteStore(Path(sys.argv[1]))
for _ in range(int(sys.argv[2])):
    while True:
        loaded = store.load("h")
        changed = loaded.copy()
        changed.profile["count"] += 1
        try:
            store.save(changed, loaded)
            break
        except VersionConflict:
            pass
"""


def test_sqlite_concurrent_processes_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "households.db"
    store = SqliteStore(path)
    store.save(HouseholdRecord("h", 0, {"count": 0}), None)
    procs = [
        subprocess.Popen([sys.executable, "-c", _PROCESS_WRITER, str(path), "25"], cwd=REPO)
        for _ in range(3)
    ]
    assert [proc.wait(timeout=60) for proc in procs] == [0, 0, 0]
    assert store.load("h").profile["count"] == 75
    store.close()


# --- Opening by URL --------------------------------------------------------------------------


def test_open_store_sqlite_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    absolute = open_store(f"sqlite://{tmp_path}/abs.db")
    assert isinstance(absolute, SqliteStore) and absolute.path == tmp_path / "abs.db"
    absolute.close()

    monkeypatch.chdir(tmp_path)
    relative = open_store("sqlite://rel/h.db")
    assert isinstance(relative, SqliteStore) and relative.path == tmp_path / "rel" / "h.db"
    relative.close()


@pytest.mark.parametrize("url", ["", "sqlite://", "postgres://x", "dynamodb://a", "households.db"])
def test_open_store_rejects_bad_urls(url: str) -> None:
    with pytest.raises(StoreConfigError, match="HTH_STORE"):
        open_store(url)


def test_default_sqlite_path_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_sqlite_path() == tmp_path / "heart-to-heart" / "households.db"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    expected = tmp_path / "home" / ".local" / "share" / "heart-to-heart" / "households.db"
    assert default_sqlite_path() == expected


# --- DynamoDB only ---------------------------------------------------------------------------


def _partition(table: str, hid: str) -> list[dict]:
    """Every item of a household's partition, read by a Scan rather than through the store."""
    from skill.storage.dynamodb import default_client

    client = default_client()
    request = {
        "TableName": table,
        "FilterExpression": "pk = :pk",
        "ExpressionAttributeValues": {":pk": {"S": f"HOUSEHOLD#{hid}"}},
        "ConsistentRead": True,
    }
    items: list[dict] = []
    while True:
        page = client.scan(**request)
        items += page["Items"]
        if "LastEvaluatedKey" not in page:
            return items
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


@pytest.mark.dynamodb
def test_dynamodb_create_table_is_idempotent_and_enables_ttl(dynamodb_table: str) -> None:
    from skill.storage.dynamodb import TABLE_DEFINITION, create_table, default_client

    client = default_client()
    assert create_table(dynamodb_table, client) is False
    table = client.describe_table(TableName=dynamodb_table)["Table"]
    assert table["TableStatus"] == "ACTIVE"
    assert table["KeySchema"] == TABLE_DEFINITION["KeySchema"]
    assert sorted(table["AttributeDefinitions"], key=str) == sorted(
        TABLE_DEFINITION["AttributeDefinitions"], key=str
    )
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    ttl = client.describe_time_to_live(TableName=dynamodb_table)["TimeToLiveDescription"]
    assert (ttl["TimeToLiveStatus"], ttl["AttributeName"]) == ("ENABLED", "expires_at")


@pytest.mark.dynamodb
def test_dynamodb_numbers_are_stored_as_numbers(dynamodb_store, dynamodb_table: str) -> None:
    hid = household_id()
    dynamodb_store.save(HouseholdRecord(hid, 0, {"ratio": 0.1, "n": 7}), None)
    [item] = _partition(dynamodb_table, hid)
    assert item["version"] == {"N": "1"}
    assert item["profile"]["M"] == {"ratio": {"N": "0.1"}, "n": {"N": "7"}}


@pytest.mark.dynamodb
def test_dynamodb_large_household_loads_and_erases_across_pages(
    dynamodb_store, dynamodb_table: str
) -> None:
    """60 nights of ~20 KB make the partition span pages (1 MB each) for Query and erase."""
    hid = household_id()
    other = household_id()
    nights = {f"2099-{m:02d}-{d:02d}": {"text": "x" * 20_000} for m in (1, 3) for d in range(1, 31)}
    dynamodb_store.save(HouseholdRecord(hid, 0, {"n": 1}, nights), None)
    dynamodb_store.save(HouseholdRecord(other, 0, {"n": 2}, {"2099-01-01": NIGHT}), None)
    assert len(_partition(dynamodb_table, hid)) == 61

    queries: list[str] = []
    dynamodb_store.client.meta.events.register(
        "before-call.dynamodb.Query", lambda **_: queries.append("Query")
    )
    assert dynamodb_store.load(hid).nights == nights
    assert len(queries) >= 2, "the partition fitted one page, so paging was not exercised"
    dynamodb_store.delete_household(hid)

    assert _partition(dynamodb_table, hid) == []
    assert dynamodb_store.load(hid) is None
    assert dynamodb_store.load(other).nights == {"2099-01-01": NIGHT}


@pytest.mark.dynamodb
def test_dynamodb_night_past_its_ttl_is_ignored_before_the_sweep(dynamodb_endpoint: str) -> None:
    """DynamoDB deletes expired items up to two days late; the store must not show them.

    The table has no TTL enabled, so no sweeper (DynamoDB Local runs one too) can remove the
    expired item before the load: it is still there, as it may be on AWS for two days.
    """
    import time

    from skill.storage.dynamodb import TABLE_DEFINITION, DynamoDbStore, default_client

    client = default_client()
    table = f"households-nottl-{uuid.uuid4().hex[:8]}"
    client.create_table(TableName=table, **TABLE_DEFINITION)
    try:
        store = DynamoDbStore(table)
        hid = household_id()
        store.save(HouseholdRecord(hid, 0, {}, {"2099-01-01": NIGHT}), None)
        client.put_item(
            TableName=table,
            Item={
                "pk": {"S": f"HOUSEHOLD#{hid}"},
                "sk": {"S": "NIGHT#2099-01-02"},
                "doc": {"M": {"mood": {"N": "1"}}},
                "expires_at": {"N": str(int(time.time()) - 60)},
            },
        )
        assert len(_partition(table, hid)) == 3
        assert store.load(hid).nights == {"2099-01-01": NIGHT}
    finally:
        client.delete_table(TableName=table)


def _lose_first_response(store, operation: str) -> list[str]:
    """Make the first ``operation`` land in the table but fail on the way back, like a timeout.

    botocore then retries the very same request, as it would after a real lost answer.
    """
    import urllib.request

    from botocore.exceptions import ReadTimeoutError

    calls: list[str] = []

    def deliver_then_time_out(request, **_: object) -> None:
        calls.append(operation)
        if len(calls) == 1:
            sent = urllib.request.Request(
                request.url, data=request.body, headers=dict(request.headers), method="POST"
            )
            urllib.request.urlopen(sent, timeout=5).close()
            raise ReadTimeoutError(endpoint_url=request.url)

    store.client.meta.events.register(f"before-send.dynamodb.{operation}", deliver_then_time_out)
    return calls


@pytest.mark.dynamodb
@pytest.mark.parametrize(
    ("nights", "operation"), [({}, "PutItem"), ({"2099-01-01": NIGHT}, "TransactWriteItems")]
)
def test_dynamodb_retried_save_is_not_a_false_conflict(
    dynamodb_store, nights: dict, operation: str
) -> None:
    first = saved(dynamodb_store, HouseholdRecord(household_id(), 0, {"count": 0}))
    changed = first.copy()
    changed.profile["count"] = 1
    changed.nights = nights
    calls = _lose_first_response(dynamodb_store, operation)

    assert dynamodb_store.save(changed, first) == 2

    assert calls == [operation, operation]
    assert dynamodb_store.load(first.household_id) == HouseholdRecord(
        first.household_id, 2, {"count": 1}, nights
    )


def test_dynamodb_unreachable_table_is_a_quick_store_error() -> None:
    import time

    import boto3

    from skill.storage.dynamodb import DynamoDbStore, botocore_config

    def closed_port_client():
        return boto3.client(
            "dynamodb",
            endpoint_url=f"http://127.0.0.1:{_closed_port()}",
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            config=botocore_config(),
        )

    store = DynamoDbStore("households", closed_port_client)
    attempts: list[str] = []
    store.client.meta.events.register("before-send.dynamodb", lambda **_: attempts.append("try"))
    for call in (lambda: store.load("secret-hid"), store.ping):
        attempts.clear()
        started = time.monotonic()
        with pytest.raises(StoreError) as caught:
            call()
        assert len(attempts) == 3
        assert time.monotonic() - started < 2
        assert "secret-hid" not in str(caught.value)
        assert not isinstance(caught.value, VersionConflict)


@pytest.mark.dynamodb
def test_dynamodb_missing_table_says_how_to_create_it(dynamodb_endpoint: str) -> None:
    from skill.storage.dynamodb import DynamoDbStore

    with pytest.raises(StoreError, match="create-table"):
        DynamoDbStore("no-such-table").load(household_id())


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_isolated(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run Python code in a fresh interpreter with no AWS settings at all."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(HOME=str(tmp_path), AWS_CONFIG_FILE=str(tmp_path / "none"))
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )


def test_dynamodb_module_imports_and_opens_without_aws_settings(tmp_path: Path) -> None:
    """No client (and so no region) is needed until the first request."""
    result = _run_isolated(
        "from skill.storage import open_store\n"
        "from skill.storage.base import StoreConfigError\n"
        "store = open_store('dynamodb://households')\n"
        "try:\n"
        "    store.load('h')\n"
        "except StoreConfigError as exc:\n"
        "    print(exc)\n",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "AWS_DEFAULT_REGION" in result.stdout


def test_sqlite_store_never_imports_boto3(tmp_path: Path) -> None:
    result = _run_isolated(
        "import sys\n"
        "from skill.storage import open_store\n"
        f"open_store('sqlite://{tmp_path}/h.db').ping()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore')))\n",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_sqlite_reads_and_purges_without_reading_every_night(tmp_path: Path) -> None:
    """The bounded load walks the household's key backwards and stops; the purge on save finds
    only expired nights: neither grows with a household's age (a year of nights on SQLite)."""
    import sqlite3

    SqliteStore(tmp_path / "h.db").close()
    conn = sqlite3.connect(tmp_path / "h.db")
    load = conn.execute(
        "EXPLAIN QUERY PLAN SELECT day, doc FROM nights WHERE household_id = ? AND +expires_at > ?"
        " ORDER BY day DESC LIMIT ?",
        ("h", 0, 17),
    ).fetchall()
    purge = conn.execute(
        "EXPLAIN QUERY PLAN DELETE FROM nights WHERE household_id = ? AND expires_at <= ?",
        ("h", 0),
    ).fetchall()
    source = (REPO / "skill" / "storage" / "sqlite.py").read_text(encoding="utf-8")
    assert "household_id = ? AND +expires_at > ?" in source  # the query planned here is the store's
    assert not any("TEMP B-TREE" in row[3] for row in load), load
    assert any("nights_by_household_expiry" in row[3] for row in purge), purge
