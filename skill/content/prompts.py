"""Prompt variants: every sentence the skill says that is not practice or idea content.

Each key holds two or more phrasings, and :class:`Prompts` goes round them:
a phrasing comes back only after every other one of its key has been said, in
a random order each round. A couple who hears the evening's words every night
for a month hears each of a key's phrasings about as often, never the same one
twice in a row (the memory lives in the session and, across sessions, in the
household's profile).
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass
from functools import cache

from skill.content import CONTENT_ROOT, ContentError, load_json, require_list, require_text

_FORMATTER = string.Formatter()
#: Evening words, and what they become when the household's clock says it is still daytime.
_EVENING_WORDS = re.compile(r"\b(?:(T)|t)onight\b|\b(?:(T)|t)his evening\b")


_SENTENCE_STARTS_LOWER = re.compile(r"([.!?] )([a-z])")


def _never() -> bool:
    return False


def in_daylight(text: str) -> str:
    """``text`` as said before the evening: "Tonight's practice" becomes "Today's practice",
    "this evening" becomes "today". The day's check-in still rolls over at four in the morning,
    so "today" names the same evening-to-be; "goodnight" lines are chosen by the hour instead."""
    return _EVENING_WORDS.sub(
        lambda match: "Today" if match.group(1) or match.group(2) else "today", text
    )


@dataclass(frozen=True)
class PromptBank:
    """All prompt variants of one locale, keyed like ``welcome.first``."""

    variants: dict[str, tuple[str, ...]]

    def phrasings(self, key: str) -> tuple[str, ...]:
        """All variants of ``key``; KeyError names the missing key."""
        try:
            return self.variants[key]
        except KeyError:
            raise KeyError(f"no prompt {key!r}") from None


def parse_prompts(raw: object, where: str = "prompts") -> PromptBank:
    """Validate the raw prompts file: a flat object of key → two or more phrasings."""
    if not isinstance(raw, dict) or not raw:
        raise ContentError(f"{where}: must be an object of prompt lists")
    variants: dict[str, tuple[str, ...]] = {}
    for key, value in raw.items():
        if key.startswith("_"):
            continue  # "_comment" keys document the file
        items = require_list(f"{where}.{key}", value, min_items=2)
        texts = []
        for index, item in enumerate(items):
            names = (
                {f[1] for f in _FORMATTER.parse(item) if f[1]} if isinstance(item, str) else set()
            )
            texts.append(
                require_text(f"{where}.{key}[{index}]", item, allow_placeholders=frozenset(names))
            )
        if len({tuple(sorted({f[1] for f in _FORMATTER.parse(t) if f[1]})) for t in texts}) > 1:
            raise ContentError(f"{where}.{key}: variants use different placeholders")
        variants[key] = tuple(texts)
    return PromptBank(variants)


@cache
def prompt_bank(locale: str) -> PromptBank:
    """The validated prompts of ``locale``, loaded once per process.

    Each feature keeps its prompts in its own ``prompts*.json`` file (``prompts.json``,
    ``prompts.checkin.json``…); a key defined in two files is an error.
    """
    variants: dict[str, tuple[str, ...]] = {}
    for path in sorted((CONTENT_ROOT / locale).glob("prompts*.json")):
        bank = parse_prompts(load_json(locale, path.stem), f"{locale}/{path.name}")
        clash = variants.keys() & bank.variants.keys()
        if clash:
            raise ContentError(f"{locale}/{path.name}: prompt(s) defined twice: {sorted(clash)}")
        variants.update(bank.variants)
    if not variants:
        raise ContentError(f"{locale}: no prompts*.json files")
    return PromptBank(variants)


class Prompts:
    """Chooses phrasings for one request, going round each key's phrasings.

    ``memory`` maps a key to the indexes said since its round began, oldest
    first (the session's memory, filled from the profile at the welcome), so
    the rounds carry across turns and nights.
    """

    def __init__(
        self, bank: PromptBank, rng: random.Random, memory: MutableMapping[str, list[int]]
    ) -> None:
        self._bank = bank
        self._rng = rng
        self.memory = memory
        #: Whether the household's clock says it is still daytime, asked only of a phrasing that
        #: says "tonight" (see :func:`in_daylight`); the turn sets it, as it knows the hour.
        self.daytime: Callable[[], bool] = _never

    def say(self, key: str, **values: object) -> str:
        """One phrasing of prompt ``key`` not yet said this round, filled in. A phrasing is a
        sentence, so one that starts with a value ("{said}, got it") starts with a capital."""
        text = self.choose(key, self._bank.phrasings(key)).format(**values)
        # A value that starts a sentence ("Lovely. {title} is in your favourites") starts it with
        # a capital, on the screen as in the card.
        text = _SENTENCE_STARTS_LOWER.sub(lambda m: m.group(1) + m.group(2).upper(), text)
        return text[:1].upper() + text[1:]

    def choose(self, key: str, options: Sequence[str]) -> str:
        """One of ``options`` not said since the round began; a new round starts with any but
        the last one said, so the same one never comes twice in a row."""
        said = [i for i in self.memory.get(key, []) if 0 <= i < len(options)]
        fresh = [i for i in range(len(options)) if i not in said]
        if not fresh:
            last = said[-1] if said else None
            said = []
            fresh = [i for i in range(len(options)) if i != last] or [0]
        index = self._rng.choice(fresh)
        # Oldest first; a list as long as the options less one is a round's worth of memory.
        self.memory[key] = [*said, index][-(max(len(options) - 1, 1)) :]
        chosen = options[index]
        return in_daylight(chosen) if _EVENING_WORDS.search(chosen) and self.daytime() else chosen

    def at_this_hour(self, text: str) -> str:
        """``text`` from other content (an open question), fitted to the hour as phrasings are:
        "tonight" said in the evening only."""
        return in_daylight(text) if _EVENING_WORDS.search(text) and self.daytime() else text

    def has(self, key: str) -> bool:
        """Whether the bank has prompt ``key`` (for keys built from the dialog mode)."""
        return key in self._bank.variants

    def phrasings(self, key: str) -> tuple[str, ...]:
        """Every phrasing of ``key``, as written (to find one in what was already said)."""
        return self._bank.phrasings(key)
