"""docs/certification.md names tests and commands as evidence: each one must exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from skill.cli import main

REPO = Path(__file__).resolve().parents[2]
DOCUMENT = REPO / "docs" / "certification.md"
TEXT = DOCUMENT.read_text(encoding="utf-8")
REFERENCES = sorted(set(re.findall(r"`(tests/[^`]+)`", TEXT)))
COMMANDS = sorted(set(re.findall(r"`heart-to-heart ([a-z-]+)", TEXT)))


def test_the_document_names_evidence() -> None:
    assert len(REFERENCES) > 40
    assert "check-model" in COMMANDS


@pytest.mark.parametrize("reference", REFERENCES)
def test_every_named_test_exists(reference: str) -> None:
    path, _, function = reference.partition("::")
    assert (REPO / path).exists(), path
    if function:
        source = (REPO / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {re.escape(function)}\(", source, re.MULTILINE), reference


@pytest.mark.parametrize("command", COMMANDS)
def test_every_named_command_exists(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as finished:
        main([command, "--help"])
    assert finished.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: heart-to-heart {command}")
