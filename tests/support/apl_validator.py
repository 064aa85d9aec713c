"""Amazon's APL validator, run from the tests over the documents the skill really sent.

``scripts/fetch-apl-suggester.sh`` installs the npm package ``apl-suggester`` under
``~/.cache/heart-to-heart/`` (``make test`` runs it; :func:`validate` runs it when the cache
is empty); ``apl_validate.js`` beside this file runs its ``StaticAplTemplateValidator``.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.smapi_schema import REPO

FETCH_SCRIPT = REPO / "scripts" / "fetch-apl-suggester.sh"
RUNNER = Path(__file__).with_name("apl_validate.js")


@dataclass(frozen=True)
class Finding:
    """One thing the validator said about a document: ``ERROR`` or ``WARNING``, where, what."""

    level: str
    path: str
    message: str


def install_dir() -> Path:
    """Where scripts/fetch-apl-suggester.sh installs the package."""
    default = Path.home() / ".cache" / "heart-to-heart" / "apl-suggester"
    return Path(os.environ.get("APL_SUGGESTER_DIR") or default)


def validate(sent: Mapping[str, Mapping[str, Any]]) -> dict[str, list[Finding]]:
    """The validator's findings for each ``name → RenderDocument directive`` (document and
    datasources), installing the validator first when needed."""
    modules = install_dir() / "node_modules"
    if not (modules / "apl-suggester").is_dir():
        subprocess.run(["bash", str(FETCH_SCRIPT)], check=True)
    with tempfile.TemporaryDirectory() as folder:
        for name, directive in sent.items():
            body = {"document": directive["document"], "datasources": directive["datasources"]}
            (Path(folder) / f"{name}.json").write_text(json.dumps(body), encoding="utf-8")
        ran = subprocess.run(
            ["node", str(RUNNER), folder],
            env={**os.environ, "NODE_PATH": str(modules)},
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
    found: dict[str, Sequence[dict[str, str]]] = json.loads(ran.stdout)
    return {
        name.removesuffix(".json"): [Finding(**finding) for finding in findings]
        for name, findings in found.items()
    }
