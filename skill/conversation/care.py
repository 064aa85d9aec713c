"""Noticing when an answer speaks of crisis, so the skill stops and points to real help.

A check-in invites people to say what is on their mind, and sometimes that is
far more than a practice can hold. When an answer speaks of self-harm,
violence or abuse, the exercise stops and the couple hears a caring answer
that names professional help for where they live (:mod:`skill.content.care`).

Detection is a short list of English phrases, deliberately leaning toward
care: a false alarm costs a gentle interruption, a missed one costs far more.
Everyday exaggerations ("this traffic is killing me", "I could kill for a
coffee") do not match, because the phrases need a person as the one harmed.
"""

from __future__ import annotations

import re
from enum import Enum


class Crisis(Enum):
    """The kinds of crisis the skill answers differently."""

    SELF_HARM = "self_harm"
    VIOLENCE = "violence"
    ABUSE = "abuse"


_PARTNER = r"(?:he|she|they|my (?:husband|wife|partner|boyfriend|girlfriend|spouse|ex))"
_HARMS = (
    r"(?:hits?|hitting|beats?|beat|beating|kicks?|kicked|chok(?:es|ed|ing)|strangl(?:es|ed)"
    r"|slap(?:s|ped)|punch(?:es|ed)|shov(?:es|ed)|push(?:es|ed)|hurts?|hurting|threaten(?:s|ed)?)"
)
_PATTERNS: tuple[tuple[Crisis, re.Pattern[str]], ...] = (
    (
        Crisis.SELF_HARM,
        re.compile(
            r"\b(?:suicid\w*|kill(?:ing)? myself|hurt(?:ing)? myself|harm(?:ing)? myself"
            r"|cut(?:ting)? myself|self harm\w*|end(?:ing)? my (?:own )?life|take my (?:own )?life"
            r"|end it all|(?:want|wanted|wanna|going) to die|wish i (?:was|were) dead"
            r"|better off dead|better off without me|(?:don't|do not|dont) want to (?:live|be alive"
            r"|be here anymore|wake up)|no (?:reason|point) (?:to|in) (?:live|living|going on))\b"
        ),
    ),
    (
        Crisis.VIOLENCE,
        re.compile(
            rf"\b(?:{_PARTNER} {_HARMS} (?:me|us|the kids|the children|my)"
            r"|threaten(?:s|ed)? to (?:kill|hurt)|domestic violence"
            rf"|{_PARTNER}(?:'s| is| gets| got| was| can be| becomes| became) (?:\w+ )?violent"
            r"|(?:afraid|scared|terrified) (?:of|for) (?:him|her|them|my life|my safety|my partner)"
            r"|(?:don't|do not|dont|never) feel safe|not safe (?:at home|with)"
            r"|fear for my (?:life|safety))\b"
        ),
    ),
    (
        Crisis.ABUSE,
        re.compile(
            r"\b(?:abus\w*|rap(?:e|ed|es)|sexual(?:ly)? assault\w*|assaulted|molest\w*"
            r"|forc(?:es|ed|ing) me to|won't let me (?:leave|see|go|out))\b"
        ),
    ),
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_NOT_WORDS = re.compile(r"[^a-z' ]+")


def detect_crisis(text: str | None) -> Crisis | None:
    """The kind of crisis ``text`` speaks of, or None; self-harm is checked first."""
    if not text:
        return None
    words = " ".join(_NOT_WORDS.sub(" ", text.lower().translate(_APOSTROPHES)).split())
    for crisis, pattern in _PATTERNS:
        if pattern.search(words):
            return crisis
    return None
