"""Where to find real help, in words that fit the country the couple lives in.

Loaded from ``care.json``: one entry per country (taken from the request's
locale, so en-GB hears UK numbers even though it shares the en-US words),
plus a ``default`` for every other country. Each entry holds what to say for
each kind of crisis and a card with the numbers as digits (sent for self-harm only:
anyone on the account can read the Alexa app).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from skill.content import ContentError, load_json, require_text

KINDS = ("self_harm", "violence", "abuse")
#: Words never said aloud in answer to violence or abuse: someone else may be listening, and
#: hearing them could put the person who spoke in danger (see the care file's comment).
_NEVER_ALOUD = ("abuse", "abusive", "violence", "violent", "domestic", "partner", "husband", "wife")
DEFAULT_REGION = "default"


@dataclass(frozen=True)
class CareLines:
    """What to say for each kind of crisis, and the numbers for the Alexa app card."""

    spoken: dict[str, str]
    card: str

    def say(self, kind: str) -> str:
        """The caring answer for a crisis of ``kind``."""
        return self.spoken[kind]


def _parse_region(where: str, raw: Any) -> CareLines:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    spoken = {kind: require_text(f"{where}.{kind}", raw.get(kind)) for kind in KINDS}
    for kind, text in spoken.items():
        if any(ch.isdigit() for ch in text):
            raise ContentError(f"{where}.{kind}: spell numbers as they are read aloud")
        said = text.lower()
        if kind != "self_harm" and any(word in said for word in _NEVER_ALOUD):
            raise ContentError(f"{where}.{kind}: says aloud what someone listening must not hear")
    card = raw.get("card")
    if not isinstance(card, str) or not card.strip() or "<" in card or ">" in card:
        raise ContentError(f"{where}.card: must be plain text")
    return CareLines(spoken=spoken, card=card.strip())


def parse_care(raw: Any, where: str = "care") -> dict[str, CareLines]:
    """Validate the care file: every region has every kind, and a default exists."""
    regions = raw.get("regions") if isinstance(raw, dict) else None
    if not isinstance(regions, dict) or DEFAULT_REGION not in regions:
        raise ContentError(f"{where}.regions: needs an object with a {DEFAULT_REGION!r} entry")
    return {
        region: _parse_region(f"{where}.regions.{region}", entry)
        for region, entry in regions.items()
    }


@cache
def _care_file(content_locale: str) -> dict[str, CareLines]:
    return parse_care(load_json(content_locale, "care"), f"{content_locale}/care.json")


def care_lines(content_locale: str, request_locale: str) -> CareLines:
    """The lines for the country of ``request_locale`` ("en-GB" → GB), else the default."""
    regions = _care_file(content_locale)
    country = request_locale.partition("-")[2].upper()
    return regions.get(country, regions[DEFAULT_REGION])
