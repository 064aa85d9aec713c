"""The store budget, counted on the wire: at most one read and one write per Alexa request.

Every golden dialog (whatever files tests/dialogs/golden/ holds today) is replayed on
DynamoDB Local while botocore's own events count the calls each request makes
(:mod:`skill.storage.call_counter`). A request may make at most one read
(Query/GetItem…) and at most one write (PutItem/TransactWriteItems…), and a
request that leaves the stored household as it was must write nothing.

The one documented exception is erasure (``delete_household``): it deletes
in batches of 25, so it may make several writes, but only BatchWriteItem and
one DeleteItem, never a save, and the household must be gone afterwards. Its
one read is the Query for the keys (a keys-only page holds far more items
than a household ever has): the request that erases reads nothing else, so
"yes, delete it all" carries what it needs from the question in the session.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from skill.app import SkillApp
from skill.storage.base import HouseholdRecord
from skill.storage.call_counter import CallTally, count_calls
from skill.storage.dynamodb import BATCH_LIMIT, DynamoDbStore
from skill.turn import household_id_for
from tests.support.dynamodb_local import store_at
from tests.support.golden import DIALOG_FILES, run_dialog
from tests.support.loopback_proxy import Fault, LoopbackProxy
from tests.support.talk import app_on

pytestmark = pytest.mark.dynamodb

#: What erasure may use; any of these in a request marks it as an erasure.
ERASURE_WRITES = frozenset({"BatchWriteItem", "DeleteItem"})
#: The writes of a save; an erasure must not make any.
SAVE_WRITES = frozenset({"PutItem", "UpdateItem", "TransactWriteItems"})


@dataclass(frozen=True)
class RequestCost:
    """What one Alexa request cost in DynamoDB calls, and whether it changed the household."""

    dialog: str
    request: str
    spent: CallTally
    changed: bool
    erased: bool
    left_behind: bool


def _describe(event: dict[str, Any]) -> str:
    request = event["request"]
    intent = request.get("intent") or {}
    return f"{request['type']}:{intent['name']}" if intent else str(request["type"])


def _content(record: HouseholdRecord | None) -> tuple[Any, Any] | None:
    # The version moves on every write; what the household holds is the profile and the nights.
    return None if record is None else (record.profile, record.nights)


@pytest.fixture(scope="module")
def ledger(request: pytest.FixtureRequest) -> Iterator[list[RequestCost]]:
    """Every request's cost across the module, summarised on the terminal at the end."""
    costs: list[RequestCost] = []
    yield costs
    if not costs:
        return
    turns = [c for c in costs if not c.erased]
    reads = [c.spent.reads for c in turns]
    writes = [c.spent.writes for c in turns]
    retries = sum(c.spent.retries for c in costs)
    dialogs = len({c.dialog for c in costs})
    erasures = [dict(c.spent.operations) for c in costs if c.erased]
    summary = (
        f"DynamoDB calls per Alexa request ({len(turns)} requests, {dialogs} dialogs):"
        f" reads max {max(reads)} mean {statistics.fmean(reads):.2f};"
        f" writes max {max(writes)} mean {statistics.fmean(writes):.2f};"
        f" botocore retries {retries}; erasures {erasures}"
    )
    # Shown even when output is captured: the numbers are the point of running this module.
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\n{summary}")


def play_counted(
    path: Path, store: DynamoDbStore, monkeypatch: pytest.MonkeyPatch
) -> list[RequestCost]:
    """Replay one dialog, counting the DynamoDB calls of each request separately."""
    # A second store with its own client looks at the table after each write, uncounted. Only
    # this dialog writes its households, so what it saw last is what the next request starts from.
    observer = DynamoDbStore(store.table_name)
    last_seen: dict[str, tuple[Any, Any] | None] = {}
    costs: list[RequestCost] = []
    original = SkillApp.handle

    def counted(app: SkillApp, event: dict[str, Any]) -> dict[str, Any]:
        household = household_id_for(event["context"]["System"]["user"]["userId"])
        if household not in last_seen:
            last_seen[household] = _content(observer.load(household))
        before_state = last_seen[household]
        before = counter.tally()
        answer = original(app, event)
        spent = counter.tally() - before
        if spent.writes:
            last_seen[household] = _content(observer.load(household))
        costs.append(
            RequestCost(
                dialog=path.stem,
                request=_describe(event),
                spent=spent,
                changed=before_state != last_seen[household],
                erased=bool(ERASURE_WRITES & set(spent.operations)),
                left_behind=last_seen[household] is not None,
            )
        )
        return answer

    monkeypatch.setattr(SkillApp, "handle", counted)
    with count_calls(store.client) as counter:
        # Whether the dialog says the right things is test_golden_dialogs' job; this counts calls.
        run_dialog(path, app_on(store))
    return costs


def budget_breaches(cost: RequestCost) -> list[str]:
    """Every way one request broke the store budget."""
    spent, where = cost.spent, f"{cost.dialog}: {cost.request} made {dict(cost.spent.operations)}"
    if cost.erased:
        breaches = []
        if SAVE_WRITES & set(spent.operations):
            breaches.append(f"{where}: an erasure must not also save")
        if spent.reads > 1:
            breaches.append(f"{where}: an erasure must read only the keys it deletes, once")
        if cost.left_behind:
            breaches.append(f"{where}: the erased household is still there")
        return breaches
    breaches = []
    if spent.reads > 1:
        breaches.append(f"{where}: more than one read")
    if spent.writes > 1:
        breaches.append(f"{where}: more than one write")
    if spent.writes and not cost.changed:
        breaches.append(f"{where}: wrote although nothing changed")
    return breaches


@pytest.mark.parametrize("path", DIALOG_FILES, ids=[p.stem for p in DIALOG_FILES])
def test_each_request_reads_once_and_writes_once_at_most(
    path: Path,
    dynamodb_store: DynamoDbStore,
    monkeypatch: pytest.MonkeyPatch,
    ledger: list[RequestCost],
) -> None:
    costs = play_counted(path, dynamodb_store, monkeypatch)
    ledger.extend(costs)
    assert costs, "the dialog sent no request"
    breaches = [b for cost in costs for b in budget_breaches(cost)]
    assert not breaches, "\n".join(breaches)
    # The golden dialogs talk to a healthy table: a retry here would mean a real problem.
    assert sum(cost.spent.retries for cost in costs) == 0


def test_the_budget_check_sees_extra_and_needless_writes(dynamodb_store: DynamoDbStore) -> None:
    """The checker itself: a second write, and a write that changed nothing, are both caught."""
    record = HouseholdRecord("h1", profile={"visits": 1})
    with count_calls(dynamodb_store.client) as counter:
        dynamodb_store.save(record, None)
        record.version = 1
        dynamodb_store.save(record, record.copy())
        spent = counter.tally()
    cost = RequestCost(
        "synthetic", "LaunchRequest", spent, changed=False, erased=False, left_behind=True
    )
    assert budget_breaches(cost) == [
        "synthetic: LaunchRequest made {'PutItem': 2}: more than one write",
        "synthetic: LaunchRequest made {'PutItem': 2}: wrote although nothing changed",
    ]


def test_the_budget_check_sees_an_erasure_that_also_loads(dynamodb_store: DynamoDbStore) -> None:
    """The checker itself: an erasure preceded by the turn's own load is two reads, a breach."""
    dynamodb_store.save(HouseholdRecord("h1", profile={"visits": 1}), None)
    with count_calls(dynamodb_store.client) as counter:
        dynamodb_store.load("h1")
        dynamodb_store.delete_household("h1")
        spent = counter.tally()
    cost = RequestCost(
        "synthetic", "IntentRequest:AMAZON.YesIntent", spent, True, erased=True, left_behind=False
    )
    assert budget_breaches(cost) == [
        "synthetic: IntentRequest:AMAZON.YesIntent made {'Query': 2, 'DeleteItem': 1}:"
        " an erasure must read only the keys it deletes, once"
    ]


def test_erasure_is_the_documented_exception_and_leaves_nothing(
    dynamodb_store: DynamoDbStore,
) -> None:
    """Erasing a household with many nights: one Query page, batches of 25, one DeleteItem."""
    nights = {f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}": {"rating": 4} for day in range(60)}
    for start in range(0, len(nights), 50):
        # Saves carry at most 99 nights each; two saves build up the history.
        days = dict(list(nights.items())[: start + 50])
        current = dynamodb_store.load("h1")
        record = HouseholdRecord("h1", current.version if current else 0, {"visits": 1}, days)
        dynamodb_store.save(record, current)
    with count_calls(dynamodb_store.client) as counter:
        dynamodb_store.delete_household("h1")
        spent = counter.tally()
    assert spent.operations == {
        "Query": 1,
        "BatchWriteItem": math.ceil(len(nights) / BATCH_LIMIT),
        "DeleteItem": 1,
    }
    cost = RequestCost(
        "synthetic", "SkillDisabled", spent, changed=True, erased=True, left_behind=False
    )
    assert budget_breaches(cost) == []
    assert dynamodb_store.load("h1") is None
    left = dynamodb_store.client.query(
        TableName=dynamodb_store.table_name,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": "HOUSEHOLD#h1"}},
        Select="COUNT",
    )
    assert left["Count"] == 0


def test_counting_separates_calls_from_retries(
    dynamodb_table: str, dynamodb_endpoint: str, dynamodb_client_kind: str
) -> None:
    """A throttled first attempt is one call and one retry, not two calls (either client)."""
    with LoopbackProxy(dynamodb_endpoint) as proxy:
        store = store_at(proxy.endpoint, dynamodb_table, dynamodb_client_kind)
        proxy.fail(Fault.THROTTLE, operations=["Query"], times=1, error_code="ThrottlingException")
        with count_calls(store.client) as counter:
            assert store.load("h1") is None
            spent = counter.tally()
    assert (spent.calls, spent.reads, spent.attempts, spent.retries) == (1, 1, 2, 1)
    assert proxy.operations_seen(Fault.THROTTLE) == ["Query"]
