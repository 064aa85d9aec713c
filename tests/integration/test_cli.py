"""The ``heart-to-heart`` command, run the way a person or a script runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import skill.storage.dynamodb
import skill.web.server
from skill.cli import main, merge_breaks
from skill.local.nlu import models_dir

SCRIPT = Path(sys.executable).with_name("heart-to-heart")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A private household store, so runs never touch the developer's own."""
    return {
        **os.environ,
        "HTH_STORE": f"sqlite:///{tmp_path / 'households.db'}",
        "XDG_DATA_HOME": str(tmp_path),
    }


def run(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args], input=stdin, env=env, capture_output=True, text=True, timeout=60
    )


def test_say_runs_one_turn_and_prints_the_speech(env: dict[str, str]) -> None:
    done = run("say", "ask heart talks what can you teach us", env=env)
    assert done.returncode == 0, done.stderr
    for pillar in ("communication", "quality time", "trust"):
        assert pillar in done.stdout.lower()
    assert "<speak>" not in done.stdout


def test_say_and_chat_load_neither_flask_nor_boto3(env: dict[str, str]) -> None:
    probe = (
        "import sys; from skill.cli import main; main(['say', 'open heart talks']);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'boto3')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_chat_prints_speech_reprompt_card_and_session_end(env: dict[str, str]) -> None:
    script = "open heart talks\n\nteach us about forgiveness\nstop\n"
    done = run("chat", "--user", "amzn1.ask.account.CHAT", env=env, stdin=script)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert sum("Alexa: " in line for line in lines) == 3
    assert any("(reprompt: " in line for line in lines)
    assert any("[card: " in line for line in lines)
    assert lines[-2].endswith("[session ended]")


def test_voice_without_espeak_says_so_and_carries_on(env: dict[str, str]) -> None:
    done = run("chat", "--voice", env={**env, "PATH": "/nonexistent"}, stdin="help\n")
    assert done.returncode == 0, done.stderr
    assert "--voice needs espeak-ng" in done.stderr
    assert "Alexa: " in done.stdout


def test_a_bad_store_is_one_clear_line_and_exit_2(env: dict[str, str]) -> None:
    done = run("say", "open heart talks", "--store", "postgres://nope", env=env)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert "HTH_STORE" in done.stderr


def test_check_model_passes_on_the_repository_models(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-model"]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_check_model_lists_problems_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "en-US.json"
    bad.write_text(json.dumps({"interactionModel": {"languageModel": {"intents": []}}}))
    assert main(["check-model", str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "en-US.json: invocationName is missing" in out
    assert "en-US.json: required built-in intent AMAZON.StopIntent is missing" in out
    assert not any(line.startswith("ok:") for line in out)


def test_check_model_allows_a_one_word_name_only_when_told_it_is_a_brand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = json.loads((models_dir() / "en-US.json").read_text(encoding="utf-8"))
    model["interactionModel"]["languageModel"]["invocationName"] = "hearttalk"
    (tmp_path / "en-US.json").write_text(json.dumps(model))
    assert main(["check-model", str(tmp_path)]) == 1
    assert "must be at least two words" in capsys.readouterr().out
    assert main(["check-model", "--one-word-brand", str(tmp_path)]) == 0


def test_serve_hands_its_options_to_the_web_module(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(skill.web.server, "serve", lambda *args: calls.append(args))
    assert main(["serve", "--host", "0.0.0.0", "--port", "9000", "--threads", "8"]) == 0
    assert calls == [("0.0.0.0", 9000, None, 8)]


def test_serve_without_a_skill_id_is_one_clear_line_and_exit_2(env: dict[str, str]) -> None:
    env = {name: value for name, value in env.items() if name not in ("SKILL_ID",)}
    env["HTH_VERIFY_SIGNATURES"] = "true"
    done = run("serve", "--port", "1", env=env)  # refused before it could ever bind
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert "SKILL_ID is not set" in done.stderr and "--accept-any-skill" in done.stderr


def test_serve_accepts_any_skill_only_when_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HTH_ACCEPT_ANY_SKILL", raising=False)
    monkeypatch.setattr(skill.web.server, "serve", lambda *args: None)
    assert main(["serve", "--accept-any-skill"]) == 0
    assert os.environ["HTH_ACCEPT_ANY_SKILL"] == "true"


@pytest.mark.parametrize(
    ("variables", "table"),
    [
        ({"HTH_STORE": "dynamodb://FromStore"}, "FromStore"),
        ({"TABLE_NAME": "FromName"}, "FromName"),
    ],
)
def test_create_table_finds_the_table_name_in_the_environment(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variables: dict[str, str],
    table: str,
) -> None:
    monkeypatch.delenv("HTH_STORE", raising=False)
    monkeypatch.delenv("TABLE_NAME", raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    created: list[str] = []
    monkeypatch.setattr(skill.storage.dynamodb, "create_table", lambda t: created.append(t) or True)
    assert main(["create-table"]) == 0
    assert created == [table]
    assert capsys.readouterr().out == f"Created table {table}.\n"


def test_create_table_without_a_name_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("HTH_STORE", raising=False)
    monkeypatch.delenv("TABLE_NAME", raising=False)
    assert main(["create-table"]) == 2
    assert "create-table needs a table name" in capsys.readouterr().err


def test_runs_of_breaks_become_one_long_pause_for_espeak() -> None:
    ssml = (
        '<speak>Take a minute. <break time="10s"/> <break time="10s"/><break time="500ms"/> Ready?'
    )
    assert merge_breaks(ssml) == '<speak>Take a minute. <break time="20500ms"/>Ready?'
