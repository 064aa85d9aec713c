"""One regular expression for "does any of these hundreds of patterns occur", made quick.

Python's regex engine tries the alternatives of ``\\b(?:a|b|c…)`` one after the
other at every word of the text. The crisis word families are some three
hundred such alternatives, and reading one line against them cost 0.18 ms.
Here each alternative is filed under the two letters it can begin with (read
from the parsed pattern), and the expression first checks the letter at hand,
then the next one, so at each word only the alternatives that can begin there
are tried.

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


def any_of(alternatives: Sequence[str], before: str = r"\b") -> re.Pattern[str]:
    """``before(?:alt1|alt2|…)``, grouped by first letter and then by second: searching it finds
    a match exactly when searching the plain alternation would, starting at the same place."""
    by_letter: dict[str, dict[str, list[str]]] = {}
    anywhere: list[str] = []
    for alternative in alternatives:
        starts = beginnings(alternative)
        if starts is None:
            anywhere.append(alternative)
            continue
        for start in sorted(starts):
            # Filed under its two first letters; one that may be a single letter long, under
            # its first letter alone (tried wherever that letter is).
            group = by_letter.setdefault(start[0], {})
            group.setdefault(start if len(start) == _DEPTH else "", []).append(alternative)
    branches = [
        f"(?={re.escape(letter)})(?:{_by_second(groups)})"
        for letter, groups in sorted(by_letter.items())
    ]
    if anywhere:
        branches.append(f"(?:{'|'.join(_unique(anywhere))})")
    return re.compile(before + "(?:" + ("|".join(branches) or r"(?!x)x") + ")")


#: How many first letters an alternative is filed under.
_DEPTH = 2
#: An alternative with more beginnings than this is tried everywhere, as one not read for sure.
_MOST_BEGINNINGS = 48


def _by_second(groups: dict[str, list[str]]) -> str:
    """One first letter's alternatives, each set behind a lookahead for its two first letters."""
    parts = [
        f"(?={re.escape(pair)})(?:{'|'.join(found)})"
        for pair, found in sorted(groups.items())
        if pair
    ]
    if "" in groups:
        parts.append(f"(?:{'|'.join(groups[''])})")
    return "|".join(parts)


def _unique(alternatives: list[str]) -> list[str]:
    return list(dict.fromkeys(alternatives))


def beginnings(pattern: str) -> frozenset[str] | None:
    """The strings of two characters a match of ``pattern`` can begin with (one character for a
    match that may be that short), or None when that is not sure: character classes such as
    ``\\w``, anything that may match nothing, unknown syntax, too many beginnings."""
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(pattern)
    except (re.error, RecursionError):
        return None
    found = _starts(list(parsed), _DEPTH)
    if found is None or "" in found or len(found) > _MOST_BEGINNINGS:
        return None
    return frozenset(found)


def _starts(items: list[Any], depth: int) -> set[str] | None:
    """The beginnings, up to ``depth`` characters, of what the parsed sequence can match ("" when
    it may match nothing)."""
    found = {""}
    for op, argument in items:
        if all(len(start) == depth for start in found):
            return found
        pieces = _starts_of(op, argument, depth)
        if pieces is None:
            return None
        found = {
            (start + piece)[:depth] if len(start) < depth else start
            for start in found
            for piece in pieces
        }
        if len(found) > _MOST_BEGINNINGS:
            return None
    return found


def _starts_of(op: Any, argument: Any, depth: int) -> set[str] | None:
    if op is _sre.LITERAL:
        return {chr(argument)}
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return {""}
    if op is _sre.SUBPATTERN:
        return _starts(list(argument[-1]), depth)
    if op is _sre.BRANCH:
        found: set[str] = set()
        for branch in argument[1]:
            starts = _starts(list(branch), depth)
            if starts is None:
                return None
            found |= starts
        return found
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, high, inner = argument
        once = _starts(list(inner), depth)
        if once is None:
            return None
        found = {""} if low == 0 else set()
        repeated = {""}
        for times in range(1, min(high, depth) + 1):
            repeated = {(a + b)[:depth] for a in repeated for b in once}
            if times >= low:
                found |= repeated
        if low > depth:
            found = {start for start in repeated if len(start) == depth}
        return found
    if op is _sre.IN:
        literals = set()
        for kind, value in argument:
            if kind is not _sre.LITERAL:
                return None
            literals.add(chr(value))
        return literals
    return None
