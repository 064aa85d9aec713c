"""Regular expressions compiled when first used, not when their module is imported.

The readers of what couples say keep some seventy patterns at module level,
and compiling them was about a tenth of the import on a cold start, whose
first request (a launch) reads no words at all. :func:`deferred` gives an
object that stands for the compiled pattern: the first time one of its
methods is asked for, it compiles and keeps the compiled pattern's own bound
methods on itself, so every later call goes straight to them, as fast as on
the compiled pattern.
"""

from __future__ import annotations

import re
from typing import Any, cast

#: What a deferred pattern answers: the methods and attributes the skill uses.
_KEPT = ("search", "match", "fullmatch", "sub", "subn", "finditer", "findall", "split", "pattern")


class _Deferred:
    """A pattern's source and flags until first use, then the compiled pattern's methods."""

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Called only for what is not set yet: the first use of any of the kept names.
        if name not in _KEPT:
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for kept in _KEPT:
            setattr(self, kept, getattr(compiled, kept))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"deferred({self._source!r})"


def deferred(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, done the first time the pattern is used."""
    return cast(re.Pattern[str], _Deferred(source, flags))
