"""What both training scripts share: the files they learn from, and writing or checking the
content file they make (--check)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

#: The phrase corpus; its tuning files are all a learned model may be trained on.
PHRASES = Path(__file__).resolve().parents[1] / "tests" / "phrases"


def tuning_files() -> list[Path]:
    """Every tuning file of the corpus, in order: never the held-out half or the fresh check."""
    files = sorted(PHRASES.glob("tuning*.txt"))
    assert files and all(path.stem.startswith("tuning") for path in files)
    return files


def write_or_check(output: Path, build: Callable[[], dict[str, object]], description: str) -> None:
    """The command line both training scripts share: write ``output``, or with ``--check``
    exit 1 when it differs from what ``build`` makes now."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="compare with the file, write none")
    args = parser.parse_args()
    text = json.dumps(build(), indent=1, ensure_ascii=False) + "\n"
    if args.check:
        if output.read_text(encoding="utf-8") != text:
            sys.exit(f"{output} is not what the tuning files train: run its script again")
        print(f"{output.name} is up to date")
        return
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output} ({len(text) // 1024} KB): {json.loads(text)['_measured']}")
