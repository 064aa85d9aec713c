"""Every English locale's interaction model is the en-US model, kept in sync by a script."""

from __future__ import annotations

import json

import pytest

from scripts.sync_english_models import COPIES, MODELS, SOURCE


@pytest.mark.parametrize("locale", COPIES)
def test_english_models_match_en_us(locale: str) -> None:
    source = json.loads((MODELS / f"{SOURCE}.json").read_text(encoding="utf-8"))
    copy = json.loads((MODELS / f"{locale}.json").read_text(encoding="utf-8"))
    assert copy == source, f"run: .venv/bin/python scripts/sync_english_models.py ({locale})"


def test_no_model_is_forgotten_by_the_sync() -> None:
    on_disk = {path.stem for path in MODELS.glob("*.json")}
    assert on_disk == {SOURCE, *COPIES}
