"""``make bench``: the skill's speed against an ASK SDK baseline measured in the same run.

Steps, each beside the baseline where one applies:

0. build the Lambda zip (scripts/package_lambda.py) if it is missing or
   older than its sources, so its figures are never for yesterday's code;
1. record the golden dialogs (tests/dialogs/golden) and replay them, timing every
   turn by kind: on an in-memory store (CPU time that is the skill's own), on
   SQLite and on DynamoDB Local (started here, in memory, stopped at the end);
2. count DynamoDB calls per turn over one replay of every dialog;
3. time cold starts of the Lambda entry point in fresh interpreters, from
   this checkout and from the zip (on python3.13, the function's Python,
   when this machine has it);
3b. replay a year of nightly check-ins (bench/history.py): CPU and DynamoDB
   capacity units per turn at nights 1, 30 and 365, and the cost model;
4. run bench/web_load.py against the served endpoint (verification on, off);
5. check the targets and print the margins.

The table is printed and everything is written to bench/results/bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.api_stand_in import ApiStandIn
from bench.baseline import BaselineSkill
from bench.cold_start import configs, measure_cold_starts
from bench.cost import cost_model
from bench.dialogs import (
    PRIMARY_KINDS,
    Dialog,
    kinds_in_model,
    model_intents,
    record_all,
)
from bench.figures import baseline_figures, run_figures
from bench.history import measure_history
from bench.lambda_zip import fresh_package, is_stale, target_python
from bench.report import print_report
from bench.store_calls import calls_figures, count_per_turn
from bench.targets import check_targets
from bench.turns import Households, StoreRun, measure
from skill.app import SkillApp
from skill.config import Settings
from skill.local.envelope import Caller, launch_request
from skill.storage.base import HouseholdStore
from skill.storage.sqlite import SqliteStore
from tests.support.dynamodb_local import install_dir, start_dynamodb_local, stop
from tests.support.memory_store import MemoryStore

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
WEB_RESULTS = RESULTS / "web.json"
#: The zone the stand-in settings API reports: the golden dialogs' clocks are US Eastern.
TIMEZONE = "America/New_York"


def app_on(store: HouseholdStore) -> SkillApp:
    """The skill as the golden-dialog tests build it, on ``store``."""
    return SkillApp(Settings(store_url="bench://"), store)


@contextmanager
def dynamodb_local(workdir: Path) -> Iterator[str]:
    """DynamoDB Local in memory for the run, with boto3's environment pointing at it."""
    process, endpoint = start_dynamodb_local(install_dir(), workdir / "dynamodb-local.log")
    # DynamoDB Local accepts any credentials, but botocore refuses to sign without some;
    # fixed dummies, so whatever AWS settings the shell has never reach the benchmark.
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
        os.environ.pop(name, None)
    os.environ["AWS_DEFAULT_REGION"] = "us-east-1"
    os.environ["AWS_ACCESS_KEY_ID"] = "bench"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "bench"
    os.environ["AWS_ENDPOINT_URL_DYNAMODB"] = endpoint
    try:
        yield endpoint
    finally:
        stop(process)


def turn_runs(
    dialogs: list[Dialog],
    workdir: Path,
    api_endpoint: str,
    args: argparse.Namespace,
    lambda_zip: tuple[Path, str | None],
    api_calls: Callable[[], int],
) -> tuple[dict[str, StoreRun], dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Timed replays on the three stores, DynamoDB call counts, the cold starts, and a year of
    nights on SQLite and DynamoDB (bench/history.py)."""
    runs: dict[str, StoreRun] = {}
    memory = MemoryStore()
    print("timing turns on the in-memory store, beside the baseline…", flush=True)
    runs["memory"] = measure(
        app_on(memory).handle,
        Households("memory", memory),
        dialogs,
        args.quota,
        args.budget,
        baseline=BaselineSkill().handle,
        api_calls=api_calls,
    )
    sqlite = SqliteStore(workdir / "bench.db")
    print("timing turns on SQLite…", flush=True)
    runs["sqlite"] = measure(
        app_on(sqlite).handle, Households("sqlite", sqlite), dialogs, args.quota, args.budget
    )
    print("starting DynamoDB Local…", flush=True)
    with dynamodb_local(workdir) as endpoint:
        # Imported here: boto3 is only needed once DynamoDB Local runs.
        from skill.storage.dynamodb import DynamoDbStore, create_table

        table = f"bench-{uuid.uuid4().hex[:8]}"
        create_table(table)
        dynamodb = DynamoDbStore(table)
        app = app_on(dynamodb)
        print("counting DynamoDB calls per turn…", flush=True)
        calls = calls_figures(
            count_per_turn(app.handle, dynamodb, Households("calls", dynamodb), dialogs)
        )
        print("timing turns on DynamoDB Local…", flush=True)
        runs["dynamodb"] = measure(
            app.handle,
            Households("dynamodb", dynamodb),
            dialogs,
            args.dynamodb_quota,
            args.dynamodb_budget,
        )
        print(f"timing {args.cold_runs} cold starts of each configuration…", flush=True)
        cold = cold_starts(workdir, table, endpoint, api_endpoint, args.cold_runs, lambda_zip)
        history: dict[str, Any] = {"measured": False, "why": "skipped (--history-probes 0)"}
        if args.history_probes > 0:
            print("replaying a year of nightly check-ins on SQLite and DynamoDB Local…", flush=True)
            history = measure_history(workdir, api_endpoint, args.history_probes, dynamodb=True)
            history["cost"] = cost_model(history)
    return runs, calls, cold, history


def cold_starts(
    workdir: Path,
    table: str,
    endpoint: str,
    api_endpoint: str,
    runs: int,
    lambda_zip: tuple[Path, str | None],
) -> dict[str, Any]:
    """Every cold-start configuration, answering a returning household's LaunchRequest;
    ``lambda_zip`` is the zip and the function's Python to run it on (None if not found)."""
    aws = {
        "AWS_DEFAULT_REGION": os.environ["AWS_DEFAULT_REGION"],
        "AWS_ACCESS_KEY_ID": os.environ["AWS_ACCESS_KEY_ID"],
        "AWS_SECRET_ACCESS_KEY": os.environ["AWS_SECRET_ACCESS_KEY"],
        "AWS_ENDPOINT_URL_DYNAMODB": endpoint,
    }
    # Every run is the same household: the first, discarded round creates it.
    caller = Caller(user_id="amzn1.ask.account.BENCH-COLD-START", api_endpoint=api_endpoint)
    event = launch_request(caller=caller, timestamp=datetime.now(UTC))
    package, python = lambda_zip
    stock_table = create_stock_table()
    results = measure_cold_starts(
        configs(workdir, aws, table, package, python, stock_table), event, runs
    )
    return {name: result.summary() for name, result in results.items()}


def create_stock_table() -> str:
    """A table keyed as the stock persistence adapter keys it (``id``), for its cold start."""
    from skill.storage.dynamodb import default_client

    name = f"stock-{uuid.uuid4().hex[:8]}"
    client = default_client()
    client.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    client.get_waiter("table_exists").wait(TableName=name)
    return name


def web_figures(args: argparse.Namespace) -> dict[str, Any]:
    """Run bench/web_load.py for ``--web-seconds`` per mode and keep its figures."""
    if args.web_seconds <= 0:
        return {"measured": False, "why": "skipped (--web-seconds 0)"}
    command = [
        sys.executable,
        "-m",
        "bench.web_load",
        "--seconds",
        str(args.web_seconds),
        "--warmup",
        str(args.web_warmup),
        "--output",
        str(WEB_RESULTS),
    ]
    print(f"\nweb load: {args.web_seconds:g} s per mode (bench/web_load.py)…", flush=True)
    done = subprocess.run(command, cwd=REPO, check=False)
    if done.returncode != 0 or not WEB_RESULTS.is_file():
        return {"measured": False, "why": f"bench/web_load.py exited with {done.returncode}"}
    web: dict[str, Any] = json.loads(WEB_RESULTS.read_text())
    return {"measured": True, **web}


def package_size(package: Path) -> dict[str, Any]:
    """The Lambda zip's size, and whether the code changed during the run."""
    built = package.stat().st_mtime
    return {
        "path": str(package.relative_to(REPO)),
        "bytes": package.stat().st_size,
        "built": datetime.fromtimestamp(built, UTC).isoformat(timespec="seconds"),
        # Built fresh at the start; an edit since then means the figures mix two versions.
        "stale": is_stale(package),
    }


def dialog_figures(dialogs: list[Dialog]) -> dict[str, Any]:
    """Which dialogs were replayed, how many turns of each kind, and which kinds are missing."""
    counts: dict[str, int] = {}
    for dialog in dialogs:
        for turn in dialog.turns:
            counts[turn.kind] = counts.get(turn.kind, 0) + 1
    possible = kinds_in_model(model_intents())
    missing = {
        kind: "no turn in the golden dialogs"
        + ("" if kind in possible else " and no intent in the interaction model")
        for kind in PRIMARY_KINDS
        if kind not in counts
    }
    return {
        "files": [dialog.name for dialog in dialogs],
        "turns_per_replay": counts,
        "missing_kinds": missing,
    }


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quota", type=int, default=1000, help="samples per kind (in-process)")
    parser.add_argument("--budget", type=float, default=20, help="max seconds per store")
    parser.add_argument("--dynamodb-quota", type=int, default=300, help="samples per kind")
    parser.add_argument("--dynamodb-budget", type=float, default=45, help="max seconds")
    parser.add_argument("--cold-runs", type=int, default=7, help="cold starts per config")
    parser.add_argument(
        "--history-probes",
        type=int,
        default=31,
        help="turns of each kind per household age (31: medians of 15 swung by a third with load)",
    )
    parser.add_argument(
        "--web-seconds",
        type=float,
        default=float(os.environ.get("BENCH_WEB_SECONDS", "10")),
        help="web load per mode (0 skips it; env BENCH_WEB_SECONDS)",
    )
    parser.add_argument("--web-warmup", type=float, default=2, help="untimed web load first")
    parser.add_argument("--output", type=Path, default=RESULTS / "bench.json")
    args = parser.parse_args()
    if args.quota < 1 or args.dynamodb_quota < 1 or args.cold_runs < 1:
        parser.error("--quota, --dynamodb-quota and --cold-runs must be at least 1")
    return args


def main() -> None:
    args = parse_args()
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    python = target_python()
    package = fresh_package(python)
    with tempfile.TemporaryDirectory(prefix="hth-bench-") as temp:
        workdir = Path(temp)
        print("recording the golden dialogs…", flush=True)
        with ApiStandIn(timezone=TIMEZONE) as alexa:
            dialogs = record_all(lambda name: SqliteStore(workdir / f"record-{name}.db"), alexa.url)
            runs, calls, cold, history = turn_runs(
                dialogs, workdir, alexa.url, args, (package, python), alexa.requests_answered
            )
    web = web_figures(args)
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            # The function's Python the zip is compiled for and run on, if this machine has it.
            "lambda_python": python,
            # Other work on this shared machine skews wall times; the load average says how much.
            "load_average_1min": {"before": load_before, "after": os.getloadavg()[0]},
        },
        "settings": {key: str(value) for key, value in vars(args).items()},
        "dialogs": dialog_figures(dialogs),
        "turns": {
            "baseline": baseline_figures(runs["memory"]),
            **{store: run_figures(run) for store, run in runs.items()},
        },
        "store_calls": calls,
        "cold_start": cold,
        "history": history,
        "package": package_size(package),
        "web": web,
    }
    results["targets"] = check_targets(results)
    results["duration_s"] = round(time.monotonic() - started, 1)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print_report(results)
    print(f"\nwritten to {args.output.relative_to(REPO)} in {results['duration_s']:.0f} s")


if __name__ == "__main__":
    main()
