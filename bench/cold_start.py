"""Cold start: import the Lambda entry point and answer a first LaunchRequest, fresh each time.

Each measurement is a new interpreter (bench/cold_child.py) so nothing is
cached in memory; the runs of our skill and of the baseline alternate, so a
burst of load on this shared machine hits both. The first round is thrown
away: it only fills the operating system's file cache. The figure compared is
the time spent inside the interpreter (import plus first answer); the whole
process's wall time, interpreter start-up included, is reported beside it.

One extra run per configuration with ``python -X importtime`` lists the
imports that cost the most, for finding what to trim.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.lambda_zip import baseline_folder, runtime_folder, unpack

REPO = Path(__file__).resolve().parents[1]
OURS = "ours: Lambda, DynamoDB Local"
OURS_SQLITE = "ours: SQLite"
BASELINE = "baseline: ask-sdk-core + boto3, no store"
REFERENCE = "reference: baseline + botocore client, Query, PutItem"
#: The skill a Python author would otherwise write (bench/baseline_stock.py).
STOCK = "stock: ask-sdk-core + its DynamoDB persistence adapter, GetItem and PutItem"
#: The zip trio on the function's Python (python3.13), each from bytecode that Python compiled.
OURS_ZIP = "ours: Lambda zip on 3.13, its .pyc, DynamoDB Local"
BASELINE_ZIP = "baseline: the zip's deps on 3.13, .pyc compiled alike"
REFERENCE_ZIP = "reference: the zip's deps on 3.13, .pyc compiled alike"
#: The zip trio when no python3.13 is found: this Python compiles every module at each start.
OURS_ZIP_SOURCE = "ours: Lambda zip on 3.11 (no 3.13 found), from source, DynamoDB Local"
BASELINE_ZIP_SOURCE = "baseline: the zip's deps on 3.11 (no 3.13 found), from source"
REFERENCE_ZIP_SOURCE = "reference: the zip's deps on 3.11 (no 3.13 found), from source"


@dataclass(frozen=True)
class Trio:
    """Three cold starts run alike: ours, the baseline, and the reference (the baseline plus
    what any DynamoDB skill pays: a client, one Query, one PutItem; bench/baseline_dynamodb.py)."""

    ours: str
    baseline: str
    reference: str


#: From this checkout on this virtualenv's Python, with bytecode cached.
CHECKOUT = Trio(OURS, BASELINE, REFERENCE)
#: From the Lambda zip on python3.13, or on this Python from source when there is none.
ZIP = Trio(OURS_ZIP, BASELINE_ZIP, REFERENCE_ZIP)
ZIP_SOURCE = Trio(OURS_ZIP_SOURCE, BASELINE_ZIP_SOURCE, REFERENCE_ZIP_SOURCE)
#: Settings of the skill, of Python's bytecode handling and of its module path,
#: which each configuration sets itself.
_DROPPED = frozenset(
    {
        "HTH_STORE",
        "AWS_LAMBDA_FUNCTION_NAME",
        "TABLE_NAME",
        "PYTHONPROFILEIMPORTTIME",
        "PYTHONDONTWRITEBYTECODE",
        "PYTHONPYCACHEPREFIX",
        "PYTHONPATH",
    }
)
CHILD = REPO / "bench" / "cold_child.py"
#: Seconds one cold start may take before the benchmark gives up on it.
CHILD_TIMEOUT = 60
#: How many of the costliest top-level imports to keep from ``-X importtime``.
TOP_IMPORTS = 10


@dataclass(frozen=True)
class Config:
    """One cold start to measure: the entry module, the folder it runs from, the environment,
    and the interpreter that runs it."""

    name: str
    module: str
    directory: Path
    env: dict[str, str]
    python: str = sys.executable


@dataclass
class ColdResult:
    """The runs of one configuration and what the last one loaded."""

    name: str
    python: str
    runs: list[dict[str, Any]] = field(default_factory=list)
    process_wall_s: list[float] = field(default_factory=list)
    top_imports_ms: list[tuple[str, float]] = field(default_factory=list)

    def median(self, key: str) -> float:
        return statistics.median(run[key] for run in self.runs)

    def summary(self) -> dict[str, Any]:
        last = self.runs[-1]
        return {
            "runs": len(self.runs),
            "python": self.python,
            "median_import_ms": round(self.median("import_s") * 1000, 1),
            "median_first_answer_ms": round(self.median("first_answer_s") * 1000, 1),
            "median_total_ms": round(self.median("total_s") * 1000, 1),
            "median_cpu_ms": round(self.median("cpu_s") * 1000, 1),
            "median_process_wall_ms": round(statistics.median(self.process_wall_s) * 1000, 1),
            "all_total_ms": [round(run["total_s"] * 1000, 1) for run in self.runs],
            "all_cpu_ms": [round(run["cpu_s"] * 1000, 1) for run in self.runs],
            "first_speech": last["speech"],
            "module_file": last["module_file"],
            "boto3_imported_by_import": last["boto3_imported_by_import"],
            "boto3_imported_by_answer": last["boto3_imported_by_answer"],
            "aws_clients_after_import": last["aws_clients_after_import"],
            "aws_clients_after_answer": last["aws_clients_after_answer"],
            "web_modules_loaded": last["web_modules_loaded"],
            "modules_loaded": last["modules_loaded"],
            "top_imports_ms": self.top_imports_ms,
        }


def run_child(config: Config, event: dict[str, Any], *flags: str) -> tuple[dict[str, Any], str]:
    """One fresh interpreter: its report and its stderr (where ``-X importtime`` writes)."""
    done = subprocess.run(
        [config.python, *flags, str(CHILD), config.module, str(config.directory)],
        input=json.dumps(event),
        capture_output=True,
        text=True,
        cwd=REPO,
        env=config.env,
        timeout=CHILD_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"cold start {config.name!r} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def top_imports(importtime: str) -> list[tuple[str, float]]:
    """The costliest top-level imports (cumulative ms) from ``-X importtime`` output."""
    costs: list[tuple[str, float]] = []
    for line in importtime.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        # Nested imports are indented under their importer; keep the outermost ones.
        if cumulative.strip().isdigit() and not name.startswith("  "):
            costs.append((name.strip(), round(int(cumulative) / 1000, 1)))
    return sorted(costs, key=lambda cost: -cost[1])[:TOP_IMPORTS]


def measure_cold_starts(
    configs: list[Config], event: dict[str, Any], runs: int
) -> dict[str, ColdResult]:
    """``runs`` cold starts of each configuration, interleaved, after one discarded round."""
    results = {config.name: ColdResult(config.name, config.python) for config in configs}
    for round_number in range(runs + 1):
        for config in configs:
            started = time.perf_counter()
            report, _ = run_child(config, event)
            wall = time.perf_counter() - started
            if round_number:
                results[config.name].runs.append(report)
                results[config.name].process_wall_s.append(wall)
    for config in configs:
        _, stderr = run_child(config, event, "-X", "importtime")
        results[config.name].top_imports_ms = top_imports(stderr)
    return results


def child_env(**values: str) -> dict[str, str]:
    """This process's environment minus the skill's and bytecode settings, plus ``values``."""
    env = {key: value for key, value in os.environ.items() if key not in _DROPPED}
    return env | values


def configs(
    workdir: Path,
    aws: dict[str, str],
    table: str,
    package: Path,
    python: str | None,
    stock_table: str | None = None,
) -> list[Config]:
    """Ours as Lambda runs it (DynamoDB) and on SQLite, the baseline and the reference, then
    ours, the baseline and the reference again from the zip.

    The first four run from this checkout on this virtualenv's Python with a
    bytecode cache for every module (filled by the discarded first round), so
    they compare the code's own work. The zip trio runs as Lambda does, from
    folders where nothing is written (/var/task is read-only): ours from the
    zip, the baseline and the reference from a copy of the zip's dependencies
    without the skill. With ``python`` (the function's python3.13) all three
    run on it from bytecode it compiled: ours from the zip's shipped .pyc, the
    copy compiled alike, and boto3 precompiled behind them on the path, as the
    runtime provides it. Without it, they run on this Python, which compiles
    every module of those folders at each start (the zip then holds no .pyc).
    """
    lambda_env = {**aws, "AWS_LAMBDA_FUNCTION_NAME": "heart-to-heart-bench", "TABLE_NAME": table}
    reference_env = {**aws, "TABLE_NAME": table}
    cached = {"PYTHONPYCACHEPREFIX": str(workdir / "pycache")}
    found = [
        Config(OURS, "lambda_function", REPO / "lambda", child_env(**lambda_env, **cached)),
        Config(
            OURS_SQLITE,
            "lambda_function",
            REPO / "lambda",
            child_env(HTH_STORE=f"sqlite:///{workdir}/cold.db", **cached),
        ),
        Config(BASELINE, "bench.baseline", REPO, child_env(**aws, **cached)),
        Config(REFERENCE, "bench.baseline_dynamodb", REPO, child_env(**reference_env, **cached)),
    ]
    if stock_table is not None:
        stock_env = child_env(**aws, TABLE_NAME=stock_table, **cached)
        found.append(Config(STOCK, "bench.baseline_stock", REPO, stock_env))
    task = unpack(package, workdir / "var-task")
    baseline = baseline_folder(task, workdir / "baseline-task", python)
    unwritten = {"PYTHONDONTWRITEBYTECODE": "1"}
    trio, interpreter = ZIP_SOURCE, sys.executable
    if python is not None:
        # The runtime's folder comes after the function's on the path, as /var/runtime on Lambda.
        runtime = runtime_folder(workdir / "var-runtime", python)
        trio, interpreter = ZIP, python
        unwritten["PYTHONPATH"] = str(runtime)
    return [
        *found,
        Config(
            trio.ours, "lambda_function", task, child_env(**lambda_env, **unwritten), interpreter
        ),
        Config(
            trio.baseline, "bench.baseline", baseline, child_env(**aws, **unwritten), interpreter
        ),
        Config(
            trio.reference,
            "bench.baseline_dynamodb",
            baseline,
            child_env(**reference_env, **unwritten),
            interpreter,
        ),
    ]
