"""What a fresh interpreter has imported after running a few lines: the cold-start guards."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable


def loaded_after(code: str, modules: Iterable[str]) -> list[str]:
    """Which of ``modules`` a new Python process has imported once ``code`` has run in it.

    Another test's imports cannot hide a module here: the process starts with nothing loaded.
    """
    check = f"import sys; print('\\n'.join(m for m in {sorted(modules)!r} if m in sys.modules))"
    printed = subprocess.run(
        [sys.executable, "-c", f"{code}\n{check}"], capture_output=True, text=True, check=True
    ).stdout
    return printed.split()
