"""Alternatives filed by first letter find a match exactly where the plain alternation does."""

from __future__ import annotations

import re

import pytest

from skill.alternation import any_of, beginnings
from skill.content.care import crisis_text, crisis_words
from skill.conversation import care
from tests.dialogs.test_phrases import TUNING
from tests.support.phrases import load


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        ("help", {"he"}),
        ("(?:he|she) hit me", {"he", "sh"}),
        ("[abc]d", {"ad", "bd", "cd"}),
        ("(?:very )?scared", {"ve", "sc"}),
        ("(?<!not )throws", {"th"}),
        ("(?=x)yz", {"yz"}),
        (r"\bkill", {"ki"}),
        ("a(?:b)?", {"a", "ab"}),
        ("x{2,}", {"xx"}),
        ("(?:ha)+ no", {"ha"}),
    ],
)
def test_beginnings_are_read_from_the_pattern(pattern: str, starts: set[str]) -> None:
    assert beginnings(pattern) == starts


@pytest.mark.parametrize("pattern", [r"\w+ hit", "[a-z]x", "(?:a)?", ".x", "[^a]b", "x*y?"])
def test_unsure_beginnings_are_none(pattern: str) -> None:
    assert beginnings(pattern) is None


def _plain(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")")


def _start(pattern: re.Pattern[str], text: str) -> int | None:
    found = pattern.search(text)
    return found.start() if found else None


def test_the_crisis_families_find_what_their_plain_alternation_finds() -> None:
    """Every tuning line (and lines written here to reach unread and looked-behind
    alternatives), against each family: the same lines found, each at the same place."""
    wider = crisis_words().patterns
    families = (
        care._SELF_HARM_PHRASES + wider["self_harm"],
        care._VIOLENCE_PHRASES + wider["violence"],
        care._ABUSE_PHRASES + wider["abuse"],
    )
    texts = {crisis_text(p.utterance) for half in TUNING for p in load(half)}
    texts |= {
        "nobody would miss me",
        "saying nobody would miss me",
        "he throws things",
        "she throws things away",
        "we won't be needing it much longer",
        "i won't be needing any of it much longer",
    }
    found = 0
    for family in families:
        quick, plain = any_of(family), _plain(family)
        for text in texts:
            where = _start(plain, text)
            assert _start(quick, text) == where, text
            found += where is not None
    assert found > 500  # the comparison saw many lines found, not only lines missed


def test_an_empty_list_matches_nothing() -> None:
    assert any_of(()).search("anything at all") is None
