"""The words the skill listens for in free speech, loaded from ``understanding.json`` and compiled.

The skill asks its questions with ``Dialog.ElicitSlot``, so what a couple says
back arrives as words, not as an intent. :mod:`skill.conversation.understanding`
reads those words; the vocabulary it reads them with is content, kept per
locale and checked here: every list is present, every phrase is lowercase
words (a trailing ``*`` on a word matches any ending), no phrase is listed
twice under one name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from skill.content import ContentError, load_json
from skill.content.dates import COST_BANDS, DISTANCES, MOODS, SETTINGS, TIME_AVAILABLE
from skill.content.practices import PILLAR_IDS, practice_library

_PHRASE = re.compile(r"^[a-z0-9']+\*?(?: [a-z0-9']+\*?)*$")

CONTROLS = ("stop", "help", "skip", "back", "repeat_question", "rephrase", "wait", "slow_down")
ANSWERS = ("yes", "no", "not_tonight")
RATING_WORDS = ("very_low", "low", "middle", "good", "high")
REQUESTS = (
    "checkin",
    "weekly_checkin",
    "practice_any",
    "practice_resume",
    "practice_count",
    "practice_menu",
    "progress",
    "last_time",
    "date_favourites",
    "privacy_info",
    "about_skill",
    "asks_what_it_does",
    "asks_time_of_day",
    "asks_speakerphone",
    "asks_solo_counts",
    "asks_morning_counts",
    "doubts_the_skill",
    "asks_counselling",
    "asks_lonely",
    "asks_who_hears",
    "delete_data",
    "forget_tonight",
    "journal_on",
    "journal_off",
    "journal_read",
    "names_forget",
    "names_change",
    "names_known",
    "reminder_list",
    "reminder_stop",
    "reminder",
    "help",
    "hello",
    "thanks",
    "love",
    "date",
)
DATE_FOLLOW_UPS = ("another", "details", "cost", "love", "save", "dislike")
TONES = ("heavy", "warm")
#: News told with a hello ("we just got married last weekend"), each met with its own warm word.
NEWS = ("wedding", "long_marriage", "quiet_house")
#: What is said around the repair conversation: too angry to go on yet, a partner who walked
#: out, what helps asked right after it was offered, its turn-taking asked for by name.
AFTER_A_FIGHT = ("heated", "walked_out", "what_helps", "take_turns", "go_on", "flare_up")
#: Moving within a practice: its introduction heard already, the other partner's turn, from the
#: start, how long.
PRACTICE_PLACES = ("heard_already", "other_turn", "from_the_start", "how_long")
#: Who answers first, named with the words said after or before the name ("Joe first").
GOES_FIRST = ("after_name", "before_name")


class PhraseSet:
    """A list of phrases compiled once, matched as whole words anywhere, at an end, or whole.

    ``longest`` tells how many words the longest phrase found has, so that a
    more specific phrase ("me and my wife") outweighs a shorter one ("me").
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = tuple(sorted(set(phrases), key=lambda p: (-len(p.split()), p)))
        # The phrases in their order, longest first: which one matches decides what ``starts``
        # returns and where ``longest`` and ``spans`` resume, so those keep this order.
        alternatives = "|".join(_pattern(phrase) for phrase in self.phrases) or _NOTHING
        self._any = re.compile(rf"\b(?:{alternatives})\b")
        self._start = re.compile(rf"^(?:{alternatives})\b")
        # The same phrases merged into a tree of shared beginnings. The regex engine tries a
        # flat list one phrase at a time at every word of the text, which made reading a line
        # against some fifty sets cost a third of a millisecond; the tree tries one branch
        # per first letter. It answers whether any phrase matches (and, anchored at the end,
        # where), which no order changes, and says quickly that none does for the rest.
        tree = _tree_pattern(_atoms(phrase) for phrase in self.phrases) or _NOTHING
        self._any_quick = re.compile(rf"\b(?:{tree})\b")
        self._start_quick = re.compile(rf"^(?:{tree})\b")
        self._end = re.compile(rf"\b(?:{tree})$")
        self._whole = re.compile(rf"^(?:{tree})$")

    def found(self, text: str) -> bool:
        """Whether a phrase appears in ``text`` (normalised words)."""
        return self._any_quick.search(text) is not None

    def longest(self, text: str) -> int:
        """Words in the longest phrase found in ``text`` (0: none)."""
        if self._any_quick.search(text) is None:
            return 0
        # Both the phrases and the text are words joined by single spaces: spaces count words.
        most = 0
        for found in self._any.finditer(text):
            words = found.group(0).count(" ") + 1
            if words > most:
                most = words
        return most

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where phrases were found (start, end), leftmost-longest first."""
        if self._any_quick.search(text) is None:
            return []
        return [m.span() for m in self._any.finditer(text)]

    def starts(self, text: str) -> str | None:
        """The phrase ``text`` starts with, if any."""
        if self._start_quick.match(text) is None:
            return None
        found = self._start.match(text)
        return found.group(0) if found else None

    def ends(self, text: str) -> str | None:
        """The phrase ``text`` ends with, if any."""
        found = self._end.search(text)
        return found.group(0) if found else None

    def is_whole(self, text: str) -> bool:
        """Whether ``text`` is exactly one of the phrases."""
        return self._whole.match(text) is not None


#: A pattern that matches nothing, for an empty set.
_NOTHING = r"(?!x)x"


def _pattern(phrase: str) -> str:
    return "".join(_atoms(phrase))


def _atoms(phrase: str) -> list[str]:
    """The phrase as a pattern, piece by piece: each letter, an optional apostrophe for each
    apostrophe ("don't" also matches "dont"), any ending for a trailing ``*``, a space."""
    atoms: list[str] = []
    for number, word in enumerate(phrase.split()):
        if number:
            atoms.append(" ")
        atoms.extend("'?" if letter == "'" else re.escape(letter) for letter in word.rstrip("*"))
        if word.endswith("*"):
            atoms.append(r"\w*")
    return atoms


def _tree_pattern(phrases: Iterable[list[str]]) -> str:
    """One pattern matching exactly the phrases given as atoms, their shared beginnings merged
    ("help", "hello" → "hel(?:p|lo)")."""
    tree: dict[str, Any] = {}
    for atoms in phrases:
        node = tree
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}  # a phrase ends here

    def pattern(node: dict[str, Any]) -> str:
        ends_here = "" in node
        branches = [atom + pattern(child) for atom, child in node.items() if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:
            return f"(?:{body})?" if len(branches) == 1 else body + "?"
        return body

    return pattern(tree)


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Every phrase list of one locale, compiled.

    Compared and hashed by identity (one per locale, made once), so readers of a line may
    remember their answers keyed by the line and the vocabulary it was read with.
    """

    fillers: PhraseSet
    controls: Mapping[str, PhraseSet]
    answers: Mapping[str, PhraseSet]
    partners: Mapping[int, PhraseSet]
    ratings: Mapping[str, PhraseSet]
    fight: PhraseSet
    #: "This is awkward", "I hate this": said in the middle of a practice, met with a word of
    #: encouragement and a choice, not a fallback.
    practice_doubts: PhraseSet
    #: "Next", "next step", "carry on": said last, after an answer to the step ("I can see her
    #: fine. next"), in the middle of a practice, they ask for its next step.
    practice_go_on: PhraseSet
    #: Moving within a practice, by :data:`PRACTICE_PLACES`: "we heard that bit already" at its
    #: introduction read again, "the part where she shares", "how long is it?".
    practice_places: Mapping[str, PhraseSet]
    #: "It's stupid", "I'm not doing the mirroring thing": reluctance said in place of an
    #: answer, met gently with the choice to skip (said with the doubts, a whole line).
    reluctance: PhraseSet
    #: What may come with a thank-you and leave it a thank-you and nothing more ("thanks for
    #: that", "thank you so much"): said in the middle of a check-in, not an answer.
    thanks_alone: PhraseSet
    #: "I'm sorry I snapped at you": an apology to the partner, said in the middle of a
    #: practice, met as the good step it is while the practice goes on.
    apologies: PhraseSet
    #: Around the repair conversation, by :data:`AFTER_A_FIGHT`: "I'm too mad to breathe", "he
    #: walked out of the room", "is there anything that actually helps", "the thing where we
    #: take turns"; and a jab between the partners said in answer ("come on, I'm trying here").
    after_a_fight: Mapping[str, PhraseSet]
    requests: Mapping[str, PhraseSet]
    practices: Mapping[str, PhraseSet]
    pillars: Mapping[str, PhraseSet]
    date_filters: Mapping[str, Mapping[str, PhraseSet]]
    date_follow_ups: Mapping[str, PhraseSet]
    #: A kind of evening turned down with its reason ("we're not outdoorsy", "we don't do loud
    #: restaurants"), by the date filter it steers toward: dimension → value → phrases. Said
    #: about a date, these words never count as the filter they would otherwise name.
    date_aversions: Mapping[str, Mapping[str, PhraseSet]]
    #: The weather said as the reason for another kind of evening ("no way, it's freezing
    #: out"), by the date filter it steers toward, as the aversions are; but it is no verdict
    #: on the idea on the table, which is never turned down for it.
    date_weather: Mapping[str, Mapping[str, PhraseSet]]
    tones: Mapping[str, PhraseSet]
    #: "Speak up", "louder please": the question asked again asks to be louder too, which the
    #: skill cannot do itself (it says it again, slower, and how to turn the device up).
    louder: PhraseSet
    #: "Joe first", "start with Kim": the words around a partner's name that say who answers
    #: first, by :data:`GOES_FIRST`.
    goes_first: Mapping[str, PhraseSet]
    #: News said with a hello: a wedding, many years married, the children just asleep.
    news: Mapping[str, PhraseSet]
    #: The content locale these words belong to (other content read alongside, such as the
    #: second ear for crisis, comes from the same one).
    locale: str


def _phrases(where: str, raw: Any) -> PhraseSet:
    if not isinstance(raw, list) or not raw:
        raise ContentError(f"{where}: needs a list of phrases")
    for phrase in raw:
        if not isinstance(phrase, str) or not _PHRASE.match(phrase):
            raise ContentError(f"{where}: {phrase!r} is not lowercase words")
    if len(set(raw)) != len(raw):
        raise ContentError(f"{where}: a phrase is listed twice")
    return PhraseSet(raw)


def _named(where: str, raw: Any, names: Iterable[str]) -> dict[str, PhraseSet]:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    expected = set(names)
    if set(raw) - {"_comment"} != expected:
        raise ContentError(f"{where}: needs exactly {sorted(expected)}")
    return {name: _phrases(f"{where}.{name}", raw[name]) for name in sorted(expected)}


def _aversions(
    where: str, raw: Any, date_filters: Mapping[str, Iterable[str]]
) -> dict[str, dict[str, PhraseSet]]:
    """Phrases by the date filter they steer toward: some values of some filters, not all."""
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    steers: dict[str, dict[str, PhraseSet]] = {}
    for dimension, values in raw.items():
        if dimension == "_comment":
            continue
        allowed = set(date_filters.get(dimension, ()))
        if not allowed or not isinstance(values, dict) or not set(values) <= allowed:
            raise ContentError(f"{where}.{dimension}: must name values of a date filter")
        steers[dimension] = {
            value: _phrases(f"{where}.{dimension}.{value}", phrases)
            for value, phrases in values.items()
        }
    return steers


def parse_vocabulary(
    raw: Any,
    practice_ids: Iterable[str],
    pillar_ids: Iterable[str],
    date_filters: Mapping[str, Iterable[str]],
    locale: str,
    where: str = "understanding",
) -> Vocabulary:
    """Validate the vocabulary against the practices, pillars and date filters it must name."""
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    filters_raw = raw.get("date_filters")
    if not isinstance(filters_raw, dict) or set(filters_raw) != set(date_filters):
        raise ContentError(f"{where}.date_filters: needs exactly {sorted(date_filters)}")
    partners = _named(f"{where}.partners", raw.get("partners"), ("1", "2"))
    return Vocabulary(
        fillers=_phrases(f"{where}.fillers", raw.get("fillers")),
        controls=_named(f"{where}.controls", raw.get("controls"), CONTROLS),
        answers=_named(f"{where}.answers", raw.get("answers"), ANSWERS),
        partners={int(count): phrases for count, phrases in partners.items()},
        ratings=_named(f"{where}.ratings", raw.get("ratings"), RATING_WORDS),
        fight=_phrases(f"{where}.fight", raw.get("fight")),
        practice_doubts=_phrases(f"{where}.practice_doubts", raw.get("practice_doubts")),
        practice_go_on=_phrases(f"{where}.practice_go_on", raw.get("practice_go_on")),
        practice_places=_named(
            f"{where}.practice_places", raw.get("practice_places"), PRACTICE_PLACES
        ),
        reluctance=_phrases(f"{where}.reluctance", raw.get("reluctance")),
        thanks_alone=_phrases(f"{where}.thanks_alone", raw.get("thanks_alone")),
        apologies=_phrases(f"{where}.apologies", raw.get("apologies")),
        after_a_fight=_named(f"{where}.after_a_fight", raw.get("after_a_fight"), AFTER_A_FIGHT),
        requests=_named(f"{where}.requests", raw.get("requests"), REQUESTS),
        practices=_named(f"{where}.practices", raw.get("practices"), practice_ids),
        pillars=_named(f"{where}.pillars", raw.get("pillars"), pillar_ids),
        date_filters={
            dimension: _named(f"{where}.date_filters.{dimension}", filters_raw[dimension], values)
            for dimension, values in date_filters.items()
        },
        date_follow_ups=_named(
            f"{where}.date_follow_ups", raw.get("date_follow_ups"), DATE_FOLLOW_UPS
        ),
        date_aversions=_aversions(
            f"{where}.date_aversions", raw.get("date_aversions"), date_filters
        ),
        date_weather=_aversions(f"{where}.date_weather", raw.get("date_weather"), date_filters),
        tones=_named(f"{where}.tones", raw.get("tones"), TONES),
        louder=_phrases(f"{where}.louder", raw.get("louder")),
        goes_first=_named(f"{where}.goes_first", raw.get("goes_first"), GOES_FIRST),
        news=_named(f"{where}.news", raw.get("news"), NEWS),
        locale=locale,
    )


@cache
def vocabulary(locale: str) -> Vocabulary:
    """The validated vocabulary of ``locale`` (en-US content serves every English locale)."""
    library = practice_library(locale)
    return parse_vocabulary(
        load_json(locale, "understanding"),
        [p.id for p in library.practices],
        PILLAR_IDS,
        DATE_FILTER_VALUES,
        locale,
        f"{locale}/understanding.json",
    )


#: The date filters a couple can ask for, each with its values.
DATE_FILTER_VALUES: dict[str, tuple[str, ...]] = {
    "setting": SETTINGS,
    "budget": COST_BANDS,
    "mood": MOODS,
    "time": TIME_AVAILABLE,
    "distance": DISTANCES,
}
