"""One regular expression for "does any of these hundreds of patterns occur", made quick.

Python's regex engine tries the alternatives of ``\\b(?:a|b|c…)`` one after the
other at every word of the text. The crisis word families are some three
hundred such alternatives, and reading one line against them cost 0.18 ms.
Here each alternative is filed under the letters it can begin with (read from
the parsed pattern), and the expression first checks the letter at hand, so
at each word only the alternatives that can begin there are tried.

Only whether there is a match is kept the same, and where it begins: which
alternative matched, and so how far the match runs, may differ. An
alternative whose first letters cannot be read for sure is tried everywhere,
as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

try:  # The parser the ``re`` module compiles with; private, so its absence is survivable.
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - every CPython from 3.11 has both
    _sre = _sre_parse = None

#: Letters a pattern may begin with; None when it could begin with anything (or is unread).
FirstLetters = frozenset[str] | None


def any_of(alternatives: Sequence[str], before: str = r"\b") -> re.Pattern[str]:
    """``before(?:alt1|alt2|…)``, grouped by first letter: searching it finds a match exactly
    when searching the plain alternation would, starting at the same place."""
    by_letter: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for alternative in alternatives:
        letters = first_letters(alternative)
        if letters is None:
            anywhere.append(alternative)
            continue
        for letter in sorted(letters):
            by_letter.setdefault(letter, []).append(alternative)
    branches = [
        f"(?={re.escape(letter)})(?:{'|'.join(group)})"
        for letter, group in sorted(by_letter.items())
    ]
    if anywhere:
        branches.append(f"(?:{'|'.join(anywhere)})")
    return re.compile(before + "(?:" + ("|".join(branches) or r"(?!x)x") + ")")


def first_letters(pattern: str) -> FirstLetters:
    """The characters a match of ``pattern`` can begin with, or None when that is not sure
    (character classes such as ``\\w``, anything that may match nothing, unknown syntax)."""
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(pattern)
    except (re.error, RecursionError):
        return None
    letters, may_be_empty = _first(list(parsed))
    return None if letters is None or may_be_empty else frozenset(letters)


def _first(items: list[Any]) -> tuple[set[str] | None, bool]:
    """(first characters, whether the sequence may match nothing) of a parsed sequence."""
    found: set[str] = set()
    for op, argument in items:
        letters, may_be_empty = _first_of(op, argument)
        if letters is None:
            return None, False
        found |= letters
        if not may_be_empty:
            return found, False
    return found, True


def _first_of(op: Any, argument: Any) -> tuple[set[str] | None, bool]:
    if op is _sre.LITERAL:
        return {chr(argument)}, False
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        # \b, ^, $ and lookarounds match no character: the next item decides (a lookaround may
        # rule letters out, never in, so skipping it only files an alternative more widely).
        return set(), True
    if op is _sre.SUBPATTERN:
        return _first(list(argument[-1]))
    if op is _sre.BRANCH:
        found: set[str] = set()
        empty = False
        for branch in argument[1]:
            letters, may_be_empty = _first(list(branch))
            if letters is None:
                return None, False
            found |= letters
            empty = empty or may_be_empty
        return found, empty
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _, inner = argument
        letters, may_be_empty = _first(list(inner))
        return letters, low == 0 or may_be_empty
    if op is _sre.IN:
        literals = set()
        for kind, value in argument:
            if kind is not _sre.LITERAL:
                return None, False  # ranges, classes, negation: not sure
            literals.add(chr(value))
        return literals, False
    return None, False  # anything else (backreferences, any character…)
