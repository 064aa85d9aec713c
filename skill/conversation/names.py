"""The partners' first names: cleaning what Alexa heard, when to ask, how to say them.

Names are optional. The skill asks once, lightly, on a return visit (never on
the very first, which is for getting to know the skill), and the household can
say them, change them or have them forgotten at any time. Stored names are
bounded: at most two, each a short run of letters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from skill.household.model import Profile

#: A couple, or one partner using the skill alone.
MAX_NAMES = 2
MAX_NAME_LENGTH = 30
#: Letters (any script), with inner spaces, hyphens and apostrophes: "Mary-Jo", "D'Arcy".
_NAME = re.compile(r"[^\W\d_]+(?:[ '\-][^\W\d_]+)*")
#: Visits counted before the names are asked for: the first visit is left alone.
ASK_FROM_VISIT = 2
#: Words that stand for a person and never name one: "my name is Katarzyna and he is Tom" once
#: kept "He" (names said now no longer do); read from a profile, such a name is left out.
_PRONOUNS = frozenset(
    {"he", "she", "him", "her", "his", "hers", "they", "them", "it", "i", "me", "you", "we", "us"}
)

#: Words that tell how someone is, never who: "I'm knackered" said alone once kept the name
#: "Knackered". Names that are also words ("Will", "Joy", "Hope", "Grace") are not here.
_STATES = frozenset(
    {
        "knackered", "shattered", "exhausted", "tired", "sleepy", "drained", "beat", "bushed",
        "wiped", "spent", "done", "wrecked", "fried", "frazzled", "zonked", "pooped", "whacked",
        "cooked", "dead", "broken", "stressed", "overwhelmed", "anxious", "nervous", "worried",
        "scared", "afraid", "upset", "sad", "lonely", "low", "down", "angry", "cross", "mad",
        "annoyed", "furious", "grumpy", "cranky", "moody", "gutted", "fine", "good", "great",
        "ok", "okay", "alright", "happy", "glad", "chuffed", "buzzing", "bored", "hungry",
        "starving", "full", "stuffed", "cold", "hot", "sick", "ill", "poorly", "sorry", "sure",
        "ready", "awake", "asleep", "busy", "free", "late", "early", "back", "home", "here",
        "out", "off", "away", "confused", "lost", "stuck", "excited", "nervy", "shy", "calm",
        "relaxed", "comfy", "cosy", "cozy", "drunk", "tipsy", "hungover", "pregnant",
    }
)  # fmt: skip


def is_a_state(word: str) -> bool:
    """Whether ``word`` says how someone is ("knackered", "shattered"), so is never a name."""
    return word.casefold() in _STATES


def clean_name(spoken: str | None) -> str | None:
    """A storable first name from an AMAZON.FirstName value, or None when it is not one."""
    if not spoken:
        return None
    text = " ".join(spoken.split())
    if not text or len(text) > MAX_NAME_LENGTH or not _NAME.fullmatch(text):
        return None
    if is_a_state(text):
        return None
    return " ".join(part[:1].upper() + part[1:] for part in text.split(" "))


def clean_names(*spoken: str | None) -> list[str]:
    """The distinct storable names among ``spoken``, in order, at most two."""
    names: list[str] = []
    for value in spoken:
        name = clean_name(value)
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names[:MAX_NAMES]


def without_pronouns(names: Sequence[str]) -> list[str]:
    """``names`` less any pronoun kept as a name ("He")."""
    return [name for name in names if name.casefold() not in _PRONOUNS]


def partner_names(profile: Profile) -> list[str]:
    """The partners' first names the household gave (empty when none), safe to speak: a pronoun
    kept as a name by an older version ("He") is left out."""
    return clean_names(*without_pronouns(profile.names))


def names_phrase(names: Sequence[str]) -> str:
    """ "Sam", "Sam and Alex", or "" when there are none."""
    return " and ".join(names[:MAX_NAMES])


def should_ask_names(profile: Profile) -> bool:
    """Whether this welcome should ask for names: once, from the second visit, if none are known.

    ``profile.visits`` already counts the current visit.
    """
    return not profile.names and not profile.names_asked and profile.visits >= ASK_FROM_VISIT
