"""The second ear's content file is what its training script makes of the tuning files."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_concern_model_is_what_the_tuning_files_train() -> None:
    """Nobody edits the weights by hand, and a new tuning file is trained on before it lands."""
    checked = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "train_concern_model.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
