"""Write a learned model's content file, or check that it is what training makes (--check)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path


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
