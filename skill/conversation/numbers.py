"""English number words, as people say them: "seven", "twenty one", "a hundred and five".

Pure text handling shared by the check-in (reading a rating said in words) and
the local simulator's built-in slot types; neither owns it.
"""

from __future__ import annotations

UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
UNIT_VALUE = {word: value for value, word in enumerate(UNITS)}
TENS_VALUE = {word: 20 + 10 * index for index, word in enumerate(TENS)}

UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
TEN_WORDS = "|".join(TENS)
BELOW_HUNDRED = rf"(?:(?:{TEN_WORDS})(?: (?:{UNIT_WORDS}))?|{UNIT_WORDS})"
#: "seven", "twenty one", "a hundred and five", "two hundred" — up to 999 in words.
NUMBER_WORDS = rf"(?:(?:(?:{UNIT_WORDS})|a) hundred(?: and)?(?: {BELOW_HUNDRED})?|{BELOW_HUNDRED})"


def number_value(text: str) -> int | None:
    """The integer that digits or English number words say, or None."""
    if text.isdigit():
        return int(text)
    words = [w for w in text.split() if w != "and"]
    total = 0
    if "hundred" in words:
        at = words.index("hundred")
        if at != 1:
            return None
        head = words[0]
        total = 100 * (1 if head == "a" else UNIT_VALUE.get(head, -1000))
        words = words[at + 1 :]
    if len(words) == 2 and words[0] in TENS_VALUE and 0 < UNIT_VALUE.get(words[1], 0) < 10:
        total += TENS_VALUE[words[0]] + UNIT_VALUE[words[1]]
    elif len(words) == 1 and words[0] in TENS_VALUE:
        total += TENS_VALUE[words[0]]
    elif len(words) == 1 and words[0] in UNIT_VALUE:
        total += UNIT_VALUE[words[0]]
    elif words:
        return None
    return total if total >= 0 else None
