"""DynamoDB calls per turn over the golden dialogs, counted on the wire by botocore's events.

The design promises at most one read and one write per request. Counting
with :mod:`skill.storage.call_counter` checks what the store really sends
(every page of a Query, every retry) rather than what the code means to do.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from bench.dialogs import Dialog
from bench.turns import Handle, Households
from skill.storage.call_counter import count_calls
from skill.storage.dynamodb import DynamoDbStore


@dataclass
class KindCalls:
    """Reads, writes and retries of each turn of one kind."""

    reads: list[int] = field(default_factory=list)
    writes: list[int] = field(default_factory=list)
    retries: list[int] = field(default_factory=list)
    #: The labels (intent names) of the turns with the most calls, for finding a culprit.
    heaviest: set[str] = field(default_factory=set)


def count_per_turn(
    handle: Handle, store: DynamoDbStore, households: Households, dialogs: list[Dialog]
) -> dict[str, KindCalls]:
    """One replay of every dialog, each turn's DynamoDB calls filed under its kind."""
    calls: dict[str, KindCalls] = {}
    with count_calls(store.client) as counter:
        for dialog in dialogs:
            for turn, request in households.requests(dialog):
                before = counter.tally()
                handle(request)
                spent = counter.tally() - before
                kind = calls.setdefault(turn.kind, KindCalls())
                kind.reads.append(spent.reads)
                kind.writes.append(spent.writes)
                kind.retries.append(spent.retries)
                if spent.reads > 1 or spent.writes > 1:
                    kind.heaviest.add(f"{turn.dialog}: {turn.label}")
    return calls


def _figures(reads: list[int], writes: list[int], retries: list[int]) -> dict[str, Any]:
    return {
        "turns": len(reads),
        "max_reads": max(reads, default=0),
        "mean_reads": round(statistics.fmean(reads), 3) if reads else 0.0,
        "max_writes": max(writes, default=0),
        "mean_writes": round(statistics.fmean(writes), 3) if writes else 0.0,
        "retries": sum(retries),
    }


def calls_figures(calls: dict[str, KindCalls]) -> dict[str, Any]:
    """Per kind and over every turn: max and mean reads and writes, botocore retries."""
    figures: dict[str, Any] = {
        kind: _figures(kind_calls.reads, kind_calls.writes, kind_calls.retries)
        for kind, kind_calls in sorted(calls.items())
    }
    every = KindCalls()
    for kind_calls in calls.values():
        every.reads.extend(kind_calls.reads)
        every.writes.extend(kind_calls.writes)
        every.retries.extend(kind_calls.retries)
        every.heaviest.update(kind_calls.heaviest)
    figures["all turns"] = _figures(every.reads, every.writes, every.retries) | {
        "over_limit": sorted(every.heaviest)
    }
    return figures
