"""The benchmark's own logic: turn kinds, replays, the in-memory store, figures and targets.

A benchmark that files turns under the wrong kind, replays a dialog that
answers differently, or computes a margin with the wrong sign reports
numbers nobody should trust, so those parts are checked here; the cold-start
child runs for real, which also proves the Lambda path loads no web module, and
so does the zip trio, on the function's Python from bytecode compiled alike.
"""

from __future__ import annotations

import os
import socket
import sys
import zipfile
from datetime import UTC, datetime, time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.api_stand_in import ApiStandIn
from bench.baseline import SENTENCE, BaselineSkill
from bench.baseline_dynamodb import KEY
from bench.cold_start import (
    REPO,
    ZIP,
    ZIP_SOURCE,
    Config,
    Trio,
    child_env,
    configs,
    run_child,
    top_imports,
)
from bench.cost import cost_model
from bench.dialogs import classify, for_user, record
from bench.figures import percentile_ms, summarise
from bench.history import ratios, year_of_nights
from bench.lambda_zip import baseline_folder, is_stale, packager, target_python
from bench.targets import calls_targets, cold_start_target, cpu_target, package_target
from bench.turns import Households, measure
from skill.alexa_api import AlexaApi, NotFound, PermissionMissing, daily_reminder_body
from skill.app import SkillApp
from skill.config import Settings
from skill.local.envelope import (
    Caller,
    Session,
    intent_request,
    launch_request,
    session_ended_request,
)
from skill.storage.base import HouseholdRecord, VersionConflict
from skill.storage.sqlite import SqliteStore
from skill.turn import household_id_for
from tests.support.fake_alexa_api import FakeAlexaApi
from tests.support.golden import DIALOGS
from tests.support.memory_store import MemoryStore


def in_mode(intent: str, mode: str) -> dict:
    return intent_request(intent, session=Session(new=False, attributes={"state": {"mode": mode}}))


@pytest.mark.parametrize(
    ("request_", "kind"),
    [
        (launch_request(), "launch"),
        (intent_request("PracticeIntent"), "practice"),
        (in_mode("AMAZON.NextIntent", "practice"), "practice"),
        (intent_request("DateIdeaIntent"), "date idea"),
        (intent_request("DateAnotherIntent"), "date idea"),
        (intent_request("DateSaveIntent"), "date follow-up"),
        (intent_request("StartCheckInIntent"), "check-in start"),
        (in_mode("RatingIntent", "checkin"), "check-in answer"),
        (in_mode("PracticeIntent", "checkin"), "check-in answer"),
        (in_mode("AMAZON.HelpIntent", "checkin"), "built-ins"),
        (intent_request("ProgressIntent"), "progress"),
        (intent_request("AMAZON.StopIntent"), "built-ins"),
        (session_ended_request(), "session end"),
    ],
)
def test_turns_are_filed_under_their_kind(request_: dict, kind: str) -> None:
    assert classify(request_) == kind


def test_a_request_moves_to_another_household_without_touching_the_recording() -> None:
    original = launch_request(caller=Caller(user_id="amzn1.ask.account.A"))
    moved = for_user(original, "amzn1.ask.account.B")
    assert moved["session"]["user"]["userId"] == "amzn1.ask.account.B"
    assert moved["context"]["System"]["user"]["userId"] == "amzn1.ask.account.B"
    assert original["session"]["user"]["userId"] == "amzn1.ask.account.A"
    assert original["context"]["System"]["user"]["userId"] == "amzn1.ask.account.A"
    assert moved["request"] == original["request"]


def test_the_memory_store_copies_and_refuses_stale_versions() -> None:
    store = MemoryStore()
    record_ = HouseholdRecord("h", profile={"names": ["Sam"]})
    assert store.save(record_, None) == 1
    loaded = store.load("h")
    assert loaded is not None and loaded.version == 1
    loaded.profile["names"].append("Alex")
    assert store.load("h").profile == {"names": ["Sam"]}  # type: ignore[union-attr]
    with pytest.raises(VersionConflict):
        store.save(HouseholdRecord("h", version=0), None)
    store.delete_household("h")
    assert store.load("h") is None


def test_replays_answer_as_recorded_and_are_timed_beside_the_baseline() -> None:
    store = MemoryStore()
    with FakeAlexaApi(timezone="America/New_York") as alexa:
        dialog = record(DIALOGS / "builtins.dialog", MemoryStore(), alexa.url)
        run = measure(
            SkillApp(Settings(store_url="bench://"), store).handle,
            Households("test", store),
            [dialog],
            quota=5,
            budget_seconds=5,
            baseline=BaselineSkill().handle,
        )
    assert run.mismatches == []
    assert set(run.samples) == dialog.kinds()
    assert all(len(samples.wall) >= 5 for samples in run.samples.values())
    assert set(run.baseline) == {turn.kind for turn in dialog.turns}
    # Every replay (the warm-up one included) was a new household, erased once it was over.
    users = [f"amzn1.ask.account.BENCH-test-{n:07d}" for n in range(1, run.replays + 2)]
    assert all(store.load(household_id_for(user)) is None for user in users)


def test_turns_that_read_the_time_zone_are_told_apart() -> None:
    store = MemoryStore()
    with ApiStandIn(timezone="America/New_York") as alexa:
        dialog = record(DIALOGS / "checkin_week.dialog", MemoryStore(), alexa.url)
        run = measure(
            SkillApp(Settings(store_url="bench://"), store).handle,
            Households("test", store),
            [dialog],
            quota=3,
            budget_seconds=5,
            baseline=BaselineSkill().handle,
            api_calls=alexa.requests_answered,
        )
    assert run.mismatches == []
    called = {kind: sum(s.called_api) for kind, s in run.samples.items()}
    # Each replay is a new household: its first turn that needs the hour reads the zone, and the
    # dialog's week later reads it again (it is refreshed weekly); its other turns read nothing.
    assert sum(called.values()) == called["check-in start"] >= run.replays
    start = run.samples["check-in start"]
    assert 0 < called["check-in start"] < len(start.cpu)
    quiet = start.without_api_calls()
    assert len(quiet.cpu) == len(start.cpu) - called["check-in start"]
    assert run.baseline["check-in start"].called_api == start.called_api
    assert summarise(start)["api_calls"] == called["check-in start"]


def test_the_api_stand_in_answers_as_the_fake_does_from_its_own_process() -> None:
    reminder = daily_reminder_body(
        time(21, 30), "Europe/Dublin", datetime(2026, 12, 1, 20, 0), "en-IE", "Time to talk."
    )
    with ApiStandIn(timezone="Europe/Dublin") as alexa:
        api = AlexaApi(alexa.url, "a-token", "a-device")
        assert api.timezone() == "Europe/Dublin"
        token = api.create_reminder(reminder)
        assert [r["alertToken"] for r in api.reminders()] == [token]
        api.delete_reminder(token)
        assert api.reminders() == []
        with pytest.raises(PermissionMissing):
            AlexaApi(alexa.url, "", "a-device").timezone()
        with pytest.raises(NotFound):
            api.delete_reminder(token)
        assert alexa.requests_answered() == 7
        # A request in pieces is answered once it is whole; the connection stays open for more.
        where = urlsplit(alexa.url)
        with socket.create_connection((where.hostname, where.port)) as raw:
            head = b"GET /v2/devices/d/settings/System.timeZone HTTP/1.1\r\nAuthorization: Bearer t"
            raw.sendall(head)
            raw.sendall(b"\r\nHost: x\r\n\r\n" + head + b"\r\n\r\n")
            answers = b""
            while answers.count(b'"Europe/Dublin"') < 2:
                answers += raw.recv(4096)
        assert answers.startswith(b"HTTP/1.1 200 OK\r\n")
        assert alexa.requests_answered() == 9


def test_percentiles_are_nearest_rank_in_milliseconds() -> None:
    values = [n * 1_000_000 for n in range(1, 101)]
    assert percentile_ms(values, 0.50) == 50.0
    assert percentile_ms(values, 0.99) == 99.0
    assert percentile_ms([], 0.99) == 0.0


def test_importtime_output_keeps_the_costliest_outermost_imports() -> None:
    stderr = "\n".join(
        [
            "import time: self [us] | cumulative | imported package",
            "import time:       100 |        100 |   json.decoder",
            "import time:       200 |       1500 | json",
            "import time:      3000 |      42000 | boto3",
        ]
    )
    assert top_imports(stderr) == [("boto3", 42.0), ("json", 1.5)]


def test_margins_are_room_left_or_overshoot() -> None:
    memory = {"kinds": {"launch": {"cpu_p99_ms": 2.0}, "practice": {"cpu_p99_ms": 6.0}}}
    baseline = {"kinds": {"launch": {"cpu_p99_ms": 1.0}}, "all turns": {"cpu_p99_ms": 1.0}}
    cpu = cpu_target(memory, baseline)
    assert (cpu.held, cpu.margin) == (False, "-4.00×")  # 6× against a limit of 2×
    reads, writes = calls_targets(
        {
            "all turns": {
                "turns": 3,
                "max_reads": 2,
                "mean_reads": 1.0,
                "max_writes": 1,
                "mean_writes": 0.5,
                "over_limit": ["privacy: AMAZON.YesIntent"],
            }
        }
    )
    assert (reads.held, reads.margin, writes.held) == (False, "-1", True)
    cold = {
        "ours": {"all_total_ms": [120, 130, 500], "median_total_ms": 130, "median_cpu_ms": 110},
        "base": {"all_total_ms": [100, 100, 100], "median_total_ms": 100, "median_cpu_ms": 100},
        "ref": {"all_total_ms": [110, 100, 125], "median_total_ms": 110, "median_cpu_ms": 105},
    }
    start = cold_start_target(cold, Trio("ours", "base", "ref"))
    assert start.held is True and start.margin == "+0.00×"
    assert "is 1.10× the baseline; ours is 1.30× it" in start.detail
    package = package_target({"bytes": 10_500_000, "path": "build/x.zip", "stale": False})
    assert (package.held, package.margin) == (False, "-0.50 MB")


def test_the_lambda_path_loads_no_web_module_and_no_client(tmp_path: Path) -> None:
    env = child_env(HTH_STORE=f"sqlite:///{tmp_path}/cold.db", PYTHONDONTWRITEBYTECODE="1")
    event = launch_request(caller=Caller(api_endpoint="http://127.0.0.1:9"))
    event["request"]["timestamp"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    ours, _ = run_child(Config("ours", "lambda_function", REPO / "lambda", env), event)
    assert ours["web_modules_loaded"] == []
    assert ours["aws_clients_after_answer"] == 0
    assert not ours["boto3_imported_by_answer"]
    assert "welcome" in ours["speech"].lower()
    base, _ = run_child(Config("base", "bench.baseline", REPO, dict(os.environ)), event)
    assert SENTENCE in base["speech"] and base["boto3_imported_by_import"]


@pytest.mark.dynamodb
def test_the_reference_skill_reads_and_writes_once(dynamodb_table: str) -> None:
    from skill.storage.dynamodb import default_client

    env = child_env(TABLE_NAME=dynamodb_table)
    event = launch_request(caller=Caller(api_endpoint="http://127.0.0.1:9"))
    report, _ = run_child(Config("ref", "bench.baseline_dynamodb", REPO, env), event)
    assert SENTENCE in report["speech"]
    assert (report["aws_clients_after_import"], report["aws_clients_after_answer"]) == (0, 1)
    item = default_client().get_item(TableName=dynamodb_table, Key=KEY)
    assert item["Item"] == KEY


def test_a_zip_older_than_what_it_packs_is_stale(tmp_path: Path) -> None:
    package = tmp_path / "lambda.zip"
    package.write_bytes(b"")
    os.utime(package, (0, 0))
    assert is_stale(package)
    future = datetime.now(UTC).timestamp() + 3600
    os.utime(package, (future, future))
    assert not is_stale(package)


def fake_task(folder: Path) -> Path:
    """An unpacked zip in miniature: the entry point, the skill, one dependency with data."""
    for name in ("lambda_function.py", "skill/__init__.py", "dep/__init__.py"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("VALUE = 1\n")
    (folder / "dep" / "data.json").write_text("{}")
    (folder / "dep" / "__pycache__").mkdir()
    (folder / "dep" / "__pycache__" / "__init__.cpython-313.pyc").write_bytes(b"shipped")
    return folder


def test_without_the_functions_python_the_baseline_folder_holds_no_bytecode(
    tmp_path: Path,
) -> None:
    folder = baseline_folder(fake_task(tmp_path / "task"), tmp_path / "base", None)
    files = {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}
    expected = {"bench/baseline.py", "bench/baseline_dynamodb.py", "dep/__init__.py"}
    assert files == expected | {"dep/data.json"}


def test_the_baseline_folder_is_compiled_as_the_zip_is(tmp_path: Path) -> None:
    python = target_python()
    if python is None:
        pytest.skip("no python3.13 on this machine")
    folder = baseline_folder(fake_task(tmp_path / "task"), tmp_path / "base", python)
    tag = packager().TARGET_CACHE_TAG
    assert not (folder / "skill").exists() and not (folder / "lambda_function.py").exists()
    assert (folder / "dep" / "data.json").is_symlink()
    for module in ("dep/__init__", "bench/baseline", "bench/baseline_dynamodb"):
        directory, _, name = module.rpartition("/")
        pyc = folder / directory / "__pycache__" / f"{name}.{tag}.pyc"
        # Compiled here, not the copy the zip shipped, hash-based and unchecked as the zip's.
        assert int.from_bytes(pyc.read_bytes()[4:8], "little") == 0b01, module


def zip_trio(found: list[Config], trio: Trio) -> list[Config]:
    names = [trio.ours, trio.baseline, trio.reference]
    chosen = [config for config in found if config.name in names]
    assert [config.name for config in chosen] == names
    return chosen


@pytest.mark.slow
@pytest.mark.parametrize("found", [True, False], ids=["python3.13", "no python3.13"])
def test_the_zip_trio_runs_on_the_functions_python_from_bytecode(
    found: bool, tmp_path: Path
) -> None:
    python = target_python() if found else None
    if found and python is None:
        pytest.skip("no python3.13 on this machine")
    package = tmp_path / "lambda.zip"
    packager().build(package, python)
    trio = zip_trio(configs(tmp_path, {}, "table", package, python), ZIP if python else ZIP_SOURCE)
    assert {config.python for config in trio} == {python or sys.executable}
    assert all(config.env["PYTHONDONTWRITEBYTECODE"] == "1" for config in trio)
    if python is not None:
        tag = packager().TARGET_CACHE_TAG
        runtime = Path(trio[0].env["PYTHONPATH"])
        assert (runtime / "botocore" / "__pycache__" / f"__init__.{tag}.pyc").is_file()
        with zipfile.ZipFile(package) as archive:
            assert f"skill/__pycache__/app.{tag}.pyc" in archive.namelist()
    event = launch_request(caller=Caller(api_endpoint="http://127.0.0.1:9"))
    event["request"]["timestamp"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    ours, baseline, _ = trio
    sqlite = {**ours.env, "HTH_STORE": f"sqlite:///{tmp_path}/cold.db"}
    del sqlite["TABLE_NAME"], sqlite["AWS_LAMBDA_FUNCTION_NAME"]
    answer, _ = run_child(
        Config(ours.name, ours.module, ours.directory, sqlite, ours.python), event
    )
    assert "welcome" in answer["speech"].lower()
    assert answer["module_file"] == str(tmp_path / "var-task" / "lambda_function.py")
    answer, _ = run_child(baseline, event)
    assert SENTENCE in answer["speech"] and answer["boto3_imported_by_import"]
    assert answer["module_file"] == str(tmp_path / "baseline-task" / "bench" / "baseline.py")


@pytest.mark.slow
def test_the_history_replay_measures_every_age_alike(tmp_path: Path) -> None:
    """A short version of the year (ages 1, 3 and 6 nights) on SQLite: every kind is probed at
    every age, and the oldest household really holds its nights."""
    store = SqliteStore(tmp_path / "history.db")
    with FakeAlexaApi() as alexa:
        result = year_of_nights(store, alexa.url, probes=2, meter=None, ages=(1, 3, 6))
    kinds = {"launch", "progress", "date idea", "practice", "check-in start", "check-in answer"}
    for age in ("1", "3", "6"):
        assert set(result["nights"][age]) == kinds
        assert result["nights"][age]["launch"]["n"] == 2
        # Every probe's check-in is answered, not only the first of the evening.
        assert result["nights"][age]["check-in answer"]["n"] >= 2 * 2
    assert result["sizes"]["nights_kept"] == 5  # the sixth evening is the probed one
    assert result["month_units"] is None  # no units without DynamoDB
    assert set(ratios(result, "3", "6")) == kinds


def test_the_cost_model_prices_the_measured_units() -> None:
    history = {
        "dynamodb": {
            "month_units": {
                "per_session": {"check-in": {"turns": 3, "rcu": 6.0, "wcu": 8.0}},
                "sessions_per_month": {"check-in": 25},
                "month": {"rcu": 150.0, "wcu": 200.0},
            },
            "sizes": {"profile_bytes": 2000, "typical_night_bytes": 500, "nights_kept": 366},
        }
    }
    cost = cost_model(history)
    assert cost is not None
    dollars = cost["per_10000_households_usd"]
    # 1.5 M reads at 0.125 $/M, 2 M writes at 0.625 $/M, 1.85 GB at 0.45 $/GB-month.
    assert (dollars["reads"], dollars["writes"]) == (0.19, 1.25)
    assert dollars["storage_and_backups"] == pytest.approx(0.83, abs=0.01)
    assert cost["household_month"]["stored_bytes"] == 2000 + 366 * 500
