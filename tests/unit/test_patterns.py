"""Patterns compiled on first use behave as compiled ones, and every reader's pattern compiles."""

from __future__ import annotations

import re
from types import ModuleType

import pytest

from skill.conversation import care, requests, understanding
from skill.handlers import heard
from skill.patterns import _Deferred, deferred


def test_a_deferred_pattern_compiles_on_first_use_and_then_is_the_compiled_one() -> None:
    pattern = deferred(r"\bhold (on|up)\b", re.IGNORECASE)
    assert "search" not in vars(pattern)  # nothing compiled at import
    found = pattern.search("ok HOLD ON a sec")
    assert found is not None and found.group(1) == "ON"
    compiled = re.compile(r"\bhold (on|up)\b", re.IGNORECASE)
    assert vars(pattern)["search"] == compiled.search  # later calls go straight to re
    assert pattern.sub("wait", "hold up") == "wait"
    assert [m.span() for m in pattern.finditer("hold on, hold up")] == [(0, 7), (9, 16)]
    assert pattern.pattern == compiled.pattern
    with pytest.raises(AttributeError):
        pattern.no_such_method  # noqa: B018


def test_a_bad_pattern_fails_when_first_used() -> None:
    pattern = deferred(r"(unclosed")
    with pytest.raises(re.error):
        pattern.search("x")


@pytest.mark.parametrize("module", [understanding, requests, care, heard])
def test_every_deferred_pattern_of_the_readers_compiles(module: ModuleType) -> None:
    patterns = [value for value in vars(module).values() if isinstance(value, _Deferred)]
    assert patterns, module.__name__
    for pattern in patterns:
        assert isinstance(pattern.pattern, str)
