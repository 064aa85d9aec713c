"""Prompt variants: every sentence the skill says that is not practice or idea content.

Each key holds two or more phrasings so a household does not hear the same
sentence twice in a row; :class:`Prompts` picks among them with a memory of
the last choice per key.
"""

from __future__ import annotations

import random
import string
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass
from functools import cache

from skill.content import CONTENT_ROOT, ContentError, load_json, require_list, require_text

_FORMATTER = string.Formatter()


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
    """Chooses phrasings for one request, remembering the last pick per key.

    ``memory`` is a mutable mapping (the session attributes' or the profile's
    variant memory) so the choice carries across turns.
    """

    def __init__(self, bank: PromptBank, rng: random.Random, memory: MutableMapping[str, int]):
        self._bank = bank
        self._rng = rng
        self.memory = memory

    def say(self, key: str, **values: object) -> str:
        """One phrasing of prompt ``key`` that differs from the last one used, filled in."""
        return self.choose(key, self._bank.phrasings(key)).format(**values)

    def choose(self, key: str, options: Sequence[str]) -> str:
        """One of ``options``, never the one chosen last time for ``key`` (when there are two+)."""
        last = self.memory.get(key)
        index = self._rng.choice([i for i in range(len(options)) if i != last] or [0])
        self.memory[key] = index
        return options[index]

    def has(self, key: str) -> bool:
        """Whether the bank has prompt ``key`` (for keys built from the dialog mode)."""
        return key in self._bank.variants
