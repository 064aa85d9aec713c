"""Spoken content as data: one folder of JSON files per locale, validated when loaded.

Each content kind has its own module (``practices``, ``prompts`` …) that turns
the raw JSON into frozen dataclasses and raises :class:`ContentError` with a
precise message when a file breaks its rules, so a bad edit fails at start-up
and in the tests instead of in front of a couple.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

CONTENT_ROOT = Path(__file__).parent
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
#: Characters that would break SSML or leak template syntax if spoken.
_FORBIDDEN = re.compile(r"[<>&{}]")


class ContentError(ValueError):
    """A content file breaks its schema or the speech rules."""


def load_json(locale: str, name: str) -> Any:
    """Read ``skill/content/<locale>/<name>.json``."""
    path = CONTENT_ROOT / locale / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ContentError(f"{locale}/{name}.json: missing") from exc
    except json.JSONDecodeError as exc:
        raise ContentError(f"{locale}/{name}.json: not valid JSON ({exc})") from exc


def require_text(
    where: str, value: Any, *, allow_placeholders: frozenset[str] = frozenset()
) -> str:
    """Check a spoken string: non-empty, no SSML characters, only known placeholders."""
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: must be non-empty text")
    unknown = set(_PLACEHOLDER.findall(value)) - allow_placeholders
    if unknown:
        raise ContentError(f"{where}: unknown placeholder(s) {sorted(unknown)}")
    if _FORBIDDEN.search(_PLACEHOLDER.sub("", value)):
        raise ContentError(f"{where}: contains one of < > & {{ }} which cannot be spoken")
    return value.strip()


def require_list(where: str, value: Any, *, min_items: int = 1) -> list[Any]:
    """Check a list has at least ``min_items`` items."""
    if not isinstance(value, list) or len(value) < min_items:
        raise ContentError(f"{where}: needs a list of at least {min_items} item(s)")
    return value


def word_count(text: str) -> int:
    """Words as a listener hears them (placeholders count as one)."""
    return len(text.split())
