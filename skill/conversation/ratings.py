"""Understanding "how connected did you feel, one to five" the way people answer it.

Alexa's AMAZON.NUMBER slot already turns "four" into "4"; people also say
"a four", "about three", "I'd say a four out of five", or an answer intent
catches the words instead. :func:`spoken_rating` reads all of these and
returns the number said, or None when the words hold no single number.
Whether the number is in range is the check-in's decision, not this module's.
"""

from __future__ import annotations

import re

from skill.conversation.numbers import number_value

#: Lowest and highest connection rating.
RATING_RANGE = range(1, 6)

# Words around a number that carry no meaning for the rating.
_FILLER = frozenset({
    "a", "an", "about", "around", "roughly", "maybe", "probably", "perhaps", "like", "i", "i'd",
    "id", "i'm", "im", "say", "said", "think", "guess", "would", "give", "it", "it's", "its",
    "was", "is", "we", "were", "feel", "felt", "feeling", "solid", "strong", "pretty", "much",
    "um", "uh", "er", "well", "so", "just", "definitely", "honestly", "today", "tonight",
    "call", "that", "me", "my", "our", "let's", "lets", "go", "with", "rating", "number",
})  # fmt: skip
_OUT_OF = re.compile(r"\bout of (?:five|5|ten|10)\b")
_WORD = re.compile(r"[a-z0-9']+")


def spoken_rating(text: str | None) -> int | None:
    """The one number in ``text`` ("a four", "about 3", "four out of five"), else None."""
    if not text:
        return None
    words = _OUT_OF.sub(" ", text.lower())
    kept = [w for w in _WORD.findall(words) if w not in _FILLER]
    if not kept:
        return None
    return number_value(" ".join(kept))


def in_range(value: int | None) -> bool:
    """Whether ``value`` is a rating the check-in accepts."""
    return value is not None and value in RATING_RANGE
