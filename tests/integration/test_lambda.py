"""The Lambda entry point, run the way Lambda runs it: a fresh interpreter importing the module.

Inside Lambda the store defaults to DynamoDB (``TABLE_NAME``); without a table
the invocation fails with one clear configuration error; and importing the
module stays cheap (no Flask, no boto3 client) so a cold start only pays for
what a request needs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from skill.local.envelope import launch_request

REPO = Path(__file__).resolve().parents[2]

#: Runs in the child: import the handler as Lambda does, note what the import loaded, invoke it.
_INVOKE = """
import json, logging, sys, traceback
# Lambda's runtime gives the root logger a handler before importing the function.
logging.basicConfig(stream=sys.stderr, format="[%(levelname)s] %(name)s: %(message)s")
sys.path.insert(0, "lambda")
import lambda_function
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"flask", "werkzeug", "boto3", "botocore"})
report = {"loaded_at_import": loaded}
try:
    report["answer"] = lambda_function.lambda_handler(json.loads(sys.argv[1]), None)
except Exception as exc:
    frames = traceback.extract_tb(exc.__traceback__)
    report["error"] = {
        "type": type(exc).__name__,
        "message": str(exc),
        "frames": [frame.name for frame in frames],
    }
print(json.dumps(report))
"""


def invoke(env: dict[str, str], home: Path) -> tuple[dict[str, Any], str]:
    """Import lambda_function in a fresh interpreter and invoke it with a LaunchRequest."""
    child_env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("HTH_STORE", "TABLE_NAME", "AWS_LAMBDA_FUNCTION_NAME")
    }
    # A home of its own: the embedded SQLite default must not be what answers.
    child_env.update(env, HOME=str(home), XDG_DATA_HOME=str(home / "data"))
    done = subprocess.run(
        [sys.executable, "-c", _INVOKE, json.dumps(launch_request())],
        cwd=REPO,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout), done.stderr


@pytest.mark.dynamodb
def test_inside_lambda_the_skill_answers_from_the_dynamodb_table(
    dynamodb_table: str, tmp_path: Path
) -> None:
    report, _ = invoke(
        {"AWS_LAMBDA_FUNCTION_NAME": "heart-to-heart", "TABLE_NAME": dynamodb_table}, tmp_path
    )
    # Importing the entry point builds nothing: no web framework, no AWS SDK, so no client either.
    assert report["loaded_at_import"] == []
    answer = report["answer"]
    assert answer["version"] == "1.0"
    speech = answer["response"]["outputSpeech"]["ssml"]
    assert speech.startswith("<speak>") and "sorry" not in speech.lower()
    assert answer["response"]["shouldEndSession"] is False
    # The welcome's visit was saved in the table, and nothing went to a SQLite file.
    from skill.storage.dynamodb import default_client

    items = default_client().scan(TableName=dynamodb_table, Select="COUNT")
    assert items["Count"] >= 1
    assert not list(tmp_path.rglob("*.db"))


def test_without_a_table_lambda_fails_with_one_clear_configuration_error(tmp_path: Path) -> None:
    report, stderr = invoke({"AWS_LAMBDA_FUNCTION_NAME": "heart-to-heart"}, tmp_path)
    error = report["error"]
    assert error["type"] == "StoreConfigError"
    assert "TABLE_NAME" in error["message"]
    # Raised from the handler itself: the invocation's error carries no internal frames.
    assert error["frames"] == ["<module>", "lambda_handler"]
    lines = stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("[ERROR] lambda_function: configuration error:")
    assert "TABLE_NAME" in lines[0]
    assert not list(tmp_path.rglob("*.db"))
