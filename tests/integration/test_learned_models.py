"""The learned content files are what their training scripts make of the tuning files."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("script", ["train_concern_model.py", "train_request_model.py"])
def test_the_learned_models_are_what_the_tuning_files_train(script: str) -> None:
    """Nobody edits the weights by hand, and a new tuning file is trained on before it lands."""
    checked = subprocess.run(
        [sys.executable, str(REPO / "scripts" / script), "--check"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
