"""The benchmark's tables, printed from the same figures that go into bench.json."""

from __future__ import annotations

from typing import Any

from bench.dialogs import PRIMARY_KINDS
from bench.history import print_history

STORES = (("memory", "in-memory"), ("sqlite", "SQLite"), ("dynamodb", "DynamoDB Local"))


def _pair(figures: dict[str, Any] | None, measure: str) -> str:
    """``p50 / p99`` of one measure (wall or cpu), or a dash when not measured."""
    if not figures:
        return "-"
    return f"{figures[f'{measure}_p50_ms']:.2f} / {figures[f'{measure}_p99_ms']:.2f}"


def _table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    line = "  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True))
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def _kinds(results: dict[str, Any]) -> list[str]:
    """The issue's kinds first (missing ones too), then every other kind the dialogs hold."""
    seen = results["dialogs"]["turns_per_replay"]
    return [*PRIMARY_KINDS, *sorted(kind for kind in seen if kind not in PRIMARY_KINDS)]


def print_turns(results: dict[str, Any]) -> None:
    turns = results["turns"]
    missing = results["dialogs"]["missing_kinds"]
    print("\nPer-turn latency, wall ms p50 / p99 (in-process: deserialize, invoke, serialize)")
    rows = []
    for kind in _kinds(results):
        if kind in missing:
            rows.append([kind, "missing", missing[kind], "", "", ""])
            continue
        row = [kind, str(turns["memory"]["kinds"][kind]["n"])]
        row.append(_pair(turns["baseline"]["kinds"].get(kind), "wall"))
        row += [_pair(turns[store]["kinds"].get(kind), "wall") for store, _ in STORES]
        rows.append(row)
    row = ["all turns", str(turns["memory"]["all turns"]["n"])]
    row.append(_pair(turns["baseline"]["all turns"], "wall"))
    rows.append(row + [_pair(turns[store]["all turns"], "wall") for store, _ in STORES])
    _table(["kind", "n", "baseline", *(label for _, label in STORES)], rows)

    print("\nPer-turn CPU ms p50 / p99, store round trips excluded (in-memory store)")
    rows = []
    for kind in _kinds(results):
        if kind in missing:
            continue
        ours = turns["memory"]["kinds"][kind]
        base = turns["baseline"]["kinds"].get(kind) or turns["baseline"]["all turns"]
        ratio = ours["cpu_p99_ms"] / base["cpu_p99_ms"] if base["cpu_p99_ms"] else 0.0
        quiet_base = base.get("cpu_p99_ms_without_api_calls") or 0.0
        quiet = ours.get("cpu_p99_ms_without_api_calls", 0.0) / quiet_base if quiet_base else 0.0
        rows.append(
            [
                kind,
                _pair(base, "cpu"),
                _pair(ours, "cpu"),
                f"{ratio:.2f}×",
                f"{ours.get('api_calls', 0)}/{ours['n']}",
                f"{quiet:.2f}×",
            ]
        )
    _table(["kind", "baseline", "ours", "p99 ratio", "API calls", "p99 ratio without them"], rows)
    counts = {store: turns[store]["all turns"]["n"] for store, _ in STORES}
    mismatches = sum(len(turns[store]["replay_mismatches"]) for store, _ in STORES)
    print(f"samples per store: {counts}; replayed answers unlike the recording: {mismatches}")


def print_calls(calls: dict[str, Any]) -> None:
    print("\nDynamoDB calls per turn (botocore events), one replay of every golden dialog")
    rows = [
        [
            kind,
            str(figures["turns"]),
            f"{figures['max_reads']} / {figures['mean_reads']:.2f}",
            f"{figures['max_writes']} / {figures['mean_writes']:.2f}",
            str(figures["retries"]),
        ]
        for kind, figures in calls.items()
    ]
    _table(["kind", "turns", "reads max / mean", "writes max / mean", "retries"], rows)


def print_cold(cold: dict[str, Any]) -> None:
    print("\nCold start: import the entry point + answer a first LaunchRequest (median ms)")
    rows = [
        [
            name,
            str(figures["runs"]),
            f"{figures['median_import_ms']:.0f}",
            f"{figures['median_first_answer_ms']:.0f}",
            f"{figures['median_total_ms']:.0f}",
            f"{figures['median_cpu_ms']:.0f}",
            f"{figures['median_process_wall_ms']:.0f}",
            f"{figures['aws_clients_after_import']} / {figures['aws_clients_after_answer']}",
            ", ".join(figures["web_modules_loaded"]) or "none",
        ]
        for name, figures in cold.items()
    ]
    _table(
        ["configuration", "runs", "import", "answer", "total", "CPU", "process", "clients", "web"],
        rows,
    )
    print(
        "(total = import + answer; CPU = its CPU time; process = the whole interpreter, start-up"
        " included; clients = AWS clients at import / after the answer; web = web modules loaded)"
    )


def print_web(web: dict[str, Any]) -> None:
    print("\nWeb endpoint under load (bench/web_load.py, signed LaunchRequests, SQLite)")
    if not web.get("measured"):
        print(f"not measured: {web.get('why')}")
        return
    rows = [
        [
            mode["mode"],
            str(mode["requests"]),
            str(mode["errors"]),
            f"{mode['requests_per_second']:.0f}",
            f"{mode['p50_ms']:.1f} / {mode['p99_ms']:.1f}",
            f"{mode['rss_peak_mb']:.0f}",
        ]
        for mode in web["results"]
    ]
    _table(["mode", "requests", "errors", "req/s", "p50 / p99 ms", "RSS MB"], rows)
    print(
        f"{web['settings']['seconds']:g} s per mode, {web['settings']['connections']} connections;"
        f" verification cost: {web['verification_cost']}"
    )


def print_targets(targets: list[dict[str, Any]]) -> None:
    print("\nTargets")
    verdicts = {True: "held", False: "MISSED", None: "not measured"}
    rows = [
        [t["name"], t["limit"], t["measured"], t["margin"], verdicts[t["held"]]] for t in targets
    ]
    _table(["target", "limit", "measured", "margin", "verdict"], rows)
    for target in targets:
        if target["detail"]:
            print(f"{target['name']}: {target['detail']}")


def print_cost(cost: dict[str, Any] | None) -> None:
    """Units per session and per household-month, and dollars per 10,000 households."""
    if not cost:
        return
    prices = cost["prices"]
    print(
        f"\nCost model (DynamoDB on-demand, us-east-1 prices as of {prices['as_of']}:"
        f" ${prices['usd_per_million_read_units']}/M reads,"
        f" ${prices['usd_per_million_write_units']}/M writes)"
    )
    rows = [
        [kind, str(count), f"{cost['per_session'][kind]['rcu']:g}",
         f"{cost['per_session'][kind]['wcu']:g}"]
        for kind, count in cost["sessions_per_month"].items()
    ]  # fmt: skip
    month = cost["household_month"]
    rows.append(["household-month", "", f"{month['rcu']:g}", f"{month['wcu']:g}"])
    _table(["session", "per month", "RCU", "WCU"], rows)
    dollars = cost["per_10000_households_usd"]
    print(
        f"per 10,000 households a month: reads ${dollars['reads']}, writes ${dollars['writes']},"
        f" storage and backups ${dollars['storage_and_backups']}; total ${dollars['total']}"
    )


def print_report(results: dict[str, Any]) -> None:
    """Every table of the run."""
    machine = results["machine"]
    print(
        f"\n== Heart to Heart benchmark, {results['date']}, {machine['cpus']} CPUs,"
        f" Python {machine['python']}, load {machine['load_average_1min']} =="
    )
    print_turns(results)
    print_calls(results["store_calls"])
    print_cold(results["cold_start"])
    history = results.get("history") or {}
    print_history(history)
    print_cost(history.get("cost"))
    print_web(results["web"])
    print_targets(results["targets"])
