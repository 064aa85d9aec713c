"""Where to find real help, in words that fit the country the couple lives in, and the
sideways words of crisis the skill listens for.

Loaded from ``care.json``: one entry per country (taken from the request's
locale, so en-GB hears UK numbers even though it shares the en-US words),
plus a ``default`` for every other country. Each entry holds what to say for
each kind of crisis and a card with the numbers as digits (sent for self-harm only:
anyone on the account can read the Alexa app).

Loaded from ``crisis_words.json``: families of patterns for crisis said indirectly, per
kind, each with sentences it must catch, and everyday exaggerations none may catch. Both
are checked on load, so a pattern that stops hearing its examples, or starts hearing
"my back is killing me", fails at start-up and in the tests, not in front of a couple.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from skill.content import ContentError, load_json, require_list, require_text

KINDS = ("self_harm", "violence", "abuse")
#: The kinds the gentle word (said when only the learned second ear hears crisis) tells apart.
GENTLE_KINDS = ("self_harm", "violence")
#: Words never said aloud in answer to violence or abuse: someone else may be listening, and
#: hearing them could put the person who spoke in danger (see the care file's comment).
_NEVER_ALOUD = ("abuse", "abusive", "violence", "violent", "domestic", "partner", "husband", "wife")
DEFAULT_REGION = "default"


@dataclass(frozen=True)
class CareLines:
    """What to say for each kind of crisis, and the numbers for the Alexa app card."""

    spoken: dict[str, str]
    card: str
    #: Per :data:`GENTLE_KINDS`: a hedged sentence with the number, for a line that may be crisis.
    gentle: dict[str, str]
    #: Every kind of help, named as the care answers name it, for "those numbers again" when
    #: the kind is not known (no disclosure is kept): neutral, as for violence.
    numbers: str

    def say(self, kind: str) -> str:
        """The caring answer for a crisis of ``kind``."""
        return self.spoken[kind]

    def say_gently(self, kind: str) -> str:
        """The gentle word for a line that sounds like crisis of ``kind`` (the evening goes on)."""
        return self.gentle[kind]

    def say_the_numbers(self) -> str:
        """Where help is, of every kind, said neutrally (someone else may be listening)."""
        return self.numbers


def _parse_region(where: str, raw: Any) -> CareLines:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    spoken = {kind: _spoken(f"{where}.{kind}", kind, raw.get(kind)) for kind in KINDS}
    gentle_raw = raw.get("gentle")
    if not isinstance(gentle_raw, dict):
        raise ContentError(f"{where}.gentle: must be an object")
    gentle = {
        kind: _spoken(f"{where}.gentle.{kind}", kind, gentle_raw.get(kind)) for kind in GENTLE_KINDS
    }
    card = raw.get("card")
    if not isinstance(card, str) or not card.strip() or "<" in card or ">" in card:
        raise ContentError(f"{where}.card: must be plain text")
    numbers = _spoken(f"{where}.numbers", "numbers", raw.get("numbers"))
    return CareLines(spoken=spoken, card=card.strip(), gentle=gentle, numbers=numbers)


def _spoken(where: str, kind: str, value: Any) -> str:
    """A care sentence: numbers spelled as read aloud, and for violence or abuse, none of the
    words someone listening must not hear."""
    text = require_text(where, value)
    if any(ch.isdigit() for ch in text):
        raise ContentError(f"{where}: spell numbers as they are read aloud")
    if kind != "self_harm" and any(word in text.lower() for word in _NEVER_ALOUD):
        raise ContentError(f"{where}: says aloud what someone listening must not hear")
    return text


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


# --- the words of crisis ---------------------------------------------------------------------

#: A family of words a crisis pattern names as ``@name``.
_FAMILY = re.compile(r"@(\w+)")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_NOT_WORDS = re.compile(r"[^a-z' ]+")
#: The crisis words are English, shared by every English locale (see ``care.json`` for how
#: the help itself differs by country).
CRISIS_WORDS_LOCALE = "en-US"


#: Contractions typed or transcribed without their apostrophe ("dont", "whats"), and the
#: words they are. Only those that are no other word in speech ("wont" as a noun is left to
#: writing): "ill", "id", "well", "were", "lets", "hell", "shell" and "its" stay as they are,
#: save before a verb (below).
_BARE_CONTRACTIONS = {
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "cant": "can't",
    "couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't", "isnt": "isn't",
    "arent": "aren't", "wasnt": "wasn't", "werent": "weren't", "havent": "haven't",
    "hasnt": "hasn't", "hadnt": "hadn't", "im": "i'm", "ive": "i've", "youre": "you're",
    "theyre": "they're", "whats": "what's", "thats": "that's", "theres": "there's",
    "hes": "he's", "shes": "she's", "youve": "you've", "weve": "we've",
    "theyve": "they've", "itll": "it'll", "thatll": "that'll", "wouldve": "would've",
    "shouldve": "should've", "couldve": "could've", "aint": "ain't",
    "whos": "who's", "hows": "how's", "wheres": "where's", "everyones": "everyone's",
    "nobodys": "nobody's", "itd": "it'd", "youd": "you'd", "hed": "he'd", "theyd": "they'd",
    "youll": "you'll", "theyll": "they'll", "wont": "won't",
}  # fmt: skip
_BARE_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(_BARE_CONTRACTIONS, key=len, reverse=True)) + r")\b"
)


#: Bare contractions that are also words, restored only before a verb that the contraction
#: can precede and the word hardly ever does: "ill pay for it", "hell take the baby", but
#: "ill health", "go to hell", "make my life hell".
_BARE_BEFORE_A_VERB = {"ill": "i'll", "hell": "he'll", "shell": "she'll"}
_BARE_WORD_BEFORE_A_VERB = re.compile(
    r"\b(?:ill|hell|shell)\b(?= (?:never|ever|pay|regret|take|see|kill|hurt|hit|smash|break"
    r"|punish|check|find|know|out|make|leave|lose|throw|come|get|be|tell|go|have|try|always"
    r"|probably|definitely|want|need|say|call|keep|end|do it|not)\b)"
)


def with_apostrophes(words: str) -> str:
    """``words`` (lowercase) with contractions said without their apostrophe restored: the
    patterns and the vocabulary are written with them ("dont see a way out")."""
    words = _BARE_WORD.sub(lambda match: _BARE_CONTRACTIONS[match.group(0)], words)
    return _BARE_WORD_BEFORE_A_VERB.sub(lambda match: _BARE_BEFORE_A_VERB[match.group(0)], words)


def crisis_text(text: str) -> str:
    """What the crisis patterns read: lowercase letters and apostrophes, single spaces, and
    contractions with their apostrophes."""
    words = " ".join(_NOT_WORDS.sub(" ", text.lower().translate(_APOSTROPHES)).split())
    return with_apostrophes(words)


@dataclass(frozen=True)
class CrisisWords:
    """The patterns for each kind of crisis, families expanded, not yet compiled together."""

    patterns: dict[str, tuple[str, ...]]
    #: Fond wishes for time together ("he wants to go to the mountains with me again"): what
    #: the learned second ear leaves out before it is asked again (it never takes a line from
    #: the word families, nor from what the second ear is sure of).
    fond: tuple[str, ...] = ()
    #: Words of trust hurt after an affair ("he still won't tell me everything he said to
    #: her"): set aside like the fond wishes, and held to the same rule.
    trust_hurt: tuple[str, ...] = ()


def _whole_words(pattern: str) -> re.Pattern[str]:
    """``pattern`` as the detector uses it: starting at a word's beginning."""
    return re.compile(r"\b(?:" + pattern + ")")


def _expand(where: str, pattern: Any, families: dict[str, str]) -> str:
    if not isinstance(pattern, str) or not pattern.strip():
        raise ContentError(f"{where}: must be a non-empty pattern")

    def family(found: re.Match[str]) -> str:
        name = found.group(1)
        if name not in families:
            raise ContentError(f"{where}: unknown family @{name}")
        return families[name]

    expanded = _FAMILY.sub(family, pattern)
    try:
        re.compile(expanded)
    except re.error as exc:
        raise ContentError(f"{where}: not a valid pattern ({exc})") from exc
    return expanded


def _parse_entry(where: str, raw: Any, families: dict[str, str]) -> tuple[str, ...]:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    require_text(f"{where}.why", raw.get("why"))
    patterns = tuple(
        _expand(f"{where}.patterns[{n}]", pattern, families)
        for n, pattern in enumerate(require_list(f"{where}.patterns", raw.get("patterns")))
    )
    compiled = [_whole_words(pattern) for pattern in patterns]
    for example in require_list(f"{where}.hears", raw.get("hears")):
        heard = isinstance(example, str) and any(p.search(crisis_text(example)) for p in compiled)
        if not heard:
            raise ContentError(f"{where}.hears: no pattern of this entry hears {example!r}")
    return patterns


def parse_crisis_words(raw: Any, where: str = "crisis_words") -> CrisisWords:
    """Validate the crisis words: known families, valid patterns, every entry hears its
    examples, and no pattern hears any of the everyday exaggerations listed under ignores."""
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    unknown = set(raw) - {"_comment", "families", "ignores", "fond", "trust_hurt", *KINDS}
    if unknown:
        raise ContentError(f"{where}: unknown key(s) {sorted(unknown)}")
    families = raw.get("families")
    if not isinstance(families, dict) or not all(
        isinstance(words, str) and words for words in families.values()
    ):
        raise ContentError(f"{where}.families: needs an object of name to pattern")
    patterns = {
        kind: tuple(
            pattern
            for n, entry in enumerate(
                require_list(f"{where}.{kind}", raw.get(kind, []), min_items=0)
            )
            for pattern in _parse_entry(f"{where}.{kind}[{n}]", entry, families)
        )
        for kind in KINDS
    }
    every = [(pattern, _whole_words(pattern)) for found in patterns.values() for pattern in found]
    for example in require_list(f"{where}.ignores", raw.get("ignores")):
        if not isinstance(example, str):
            raise ContentError(f"{where}.ignores: must be sentences")
        heard = [pattern for pattern, regex in every if regex.search(crisis_text(example))]
        if heard:
            raise ContentError(f"{where}.ignores: {example!r} is heard by {heard[0]!r}")
    fond = _parse_set_aside(f"{where}.fond", raw.get("fond", []), families, raw)
    hurt = _parse_set_aside(f"{where}.trust_hurt", raw.get("trust_hurt", []), families, raw)
    return CrisisWords(patterns=patterns, fond=fond, trust_hurt=hurt)


def _parse_set_aside(
    where: str, raw: Any, families: dict[str, str], kinds: dict[str, Any]
) -> tuple[str, ...]:
    """The fond wishes (or the words of trust hurt): each entry hears its examples, and none
    hears a sentence any crisis entry must hear (a set-aside never takes a disclosure away)."""
    aside = tuple(
        pattern
        for n, entry in enumerate(require_list(where, raw, min_items=0))
        for pattern in _parse_entry(f"{where}[{n}]", entry, families)
    )
    compiled = [(pattern, _whole_words(pattern)) for pattern in aside]
    for kind in KINDS:
        for entry in kinds.get(kind, []):
            for example in entry.get("hears", []):
                words = crisis_text(example)
                heard = [pattern for pattern, regex in compiled if regex.search(words)]
                if heard:
                    raise ContentError(f"{where}: {example!r} ({kind}) is heard by {heard[0]!r}")
    return aside


@cache
def crisis_words(content_locale: str = CRISIS_WORDS_LOCALE) -> CrisisWords:
    """The crisis words of ``content_locale``, validated."""
    return parse_crisis_words(
        load_json(content_locale, "crisis_words"), f"{content_locale}/crisis_words.json"
    )
