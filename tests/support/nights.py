"""A month of evenings with one household: the skill as a couple hears it night after night.

:func:`live_a_month` plays a household that opens the skill every evening for
thirty days (the clock moved a day at a time) and answers what it is asked as
a couple would: both of them most nights, one alone on some; ratings of four
and three; answers that are sometimes heavy, sometimes warm, sometimes plain;
the practice offered taken on some nights, declined on others; a date idea
now and then; a morning visit; a second check-in on the same evening; the
reminders switched off when there are none. Every night is kept as a list of
:class:`Exchange` for the tests to read, and :func:`variety_report` says how
often the same sentence came back.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import time

from skill.content.practices import practice_library
from skill.conversation.checkin import PARTNERS, RATING
from skill.conversation.dialog import (
    IDLE,
    CheckingIn,
    CheckInOffer,
    DialogState,
    Offering,
    PracticeOffer,
    ReadingPractice,
    decode_state,
)
from skill.conversation.practices import part_count
from skill.local.simulator import Turn
from tests.support.talk import Talk

#: Answers to the open question, by the tone they carry.
HEAVY = (
    "I'm so stressed about work, I can barely sleep",
    "honestly it was a rough day, my mum is ill again",
    "I've been feeling lonely this week, we hardly saw each other",
)
WARM = (
    "he made me coffee this morning without me asking",
    "we laughed so hard at the dog chasing its tail",
    "she hugged me when I got home and it made my day",
)
PLAIN = (
    "we sorted out the shopping list together",
    "I fixed the shelf in the hallway",
    "we talked about the weekend plans",
)
#: The nights (0-based) one partner checks in alone.
ALONE_NIGHTS = frozenset({3, 9, 16, 24})
#: Nights a date idea is asked for after the check-in.
DATE_NIGHTS = frozenset({1, 6, 12, 19, 26})
#: Night of a morning visit before the evening (the household asks for a date idea at 11).
MORNING_NIGHTS = frozenset({5, 20})
#: The exchanges of a morning visit, which come first on its night.
MORNING_EXCHANGES = 4
#: Night of a second check-in the same evening.
TWICE_NIGHTS = frozenset({8})
#: Night the reminders are switched off, with none set.
NO_REMINDER_NIGHT = 14


@dataclass(frozen=True)
class Exchange:
    """One turn: what was said (or ``<launch>``), the skill's speech, whether it ended."""

    said: str
    speech: str
    ended: bool


@dataclass
class Night:
    """One evening's exchanges, with what the simulated household did and was offered."""

    number: int
    exchanges: list[Exchange] = field(default_factory=list)
    alone: bool = False
    #: The practice offered after the check-in (its id), and the answer given.
    offered: str | None = None
    answer_to_offer: str | None = None
    #: Each part of a practice reading heard this night, in order.
    read: list[str] = field(default_factory=list)
    #: The tone of each open answer given, in order, with the acknowledgement that followed.
    acknowledged: list[tuple[str, str]] = field(default_factory=list)

    @property
    def speech(self) -> str:
        return " ".join(exchange.speech for exchange in self.exchanges)


def _answer_to_offer(number: int) -> str:
    """Yes on most nights; "no thanks" or "not tonight" on others."""
    return {0: "yes", 1: "no thanks", 2: "yes", 3: "not tonight"}[number % 4]


def live_a_month(talk: Talk) -> list[Night]:
    """Thirty evenings with ``talk``'s household, each answered as the skill's state asks."""
    nights = []
    for number in range(30):
        night = Night(number, alone=number in ALONE_NIGHTS)
        if number in MORNING_NIGHTS:
            _morning(talk, night)
        _evening(talk, night)
        if number in TWICE_NIGHTS:
            talk.advance(minutes=30)
            _say(talk, night, "<launch>")
            _say(talk, night, "let's check in")
            if talk.session_open:
                _say(talk, night, "no")
        if number == NO_REMINDER_NIGHT:
            _say(talk, night, "<launch>")
            _say(talk, night, "turn off the reminders")
        if talk.session_open:
            _say(talk, night, "stop")
        nights.append(night)
        talk.next_day(at=time(21, 0))
    return nights


def _morning(talk: Talk, night: Night) -> None:
    talk.now = talk.now.replace(hour=11, minute=0)
    _say(talk, night, "<launch>")
    _say(talk, night, "a date idea")
    _say(talk, night, "save it")
    _say(talk, night, "stop")
    talk.end_session()
    talk.now = talk.now.replace(hour=21, minute=0)


def state_of(talk: Talk) -> DialogState:
    """The dialog state the open session carries (idle when none is open)."""
    return decode_state(talk.session_attributes.get("state")) if talk.session_open else IDLE


def _evening(talk: Talk, night: Night) -> None:
    turn = _say(talk, night, "<launch>")
    offered = state_of(talk)
    wants = isinstance(offered, Offering) and isinstance(offered.offer, CheckInOffer)
    _say(talk, night, "yes" if wants else "let's check in")
    ratings = iter(("a four", "a three"))
    tones = iter(_tones(night.number))
    said_who = False
    for _ in range(8):
        state = state_of(talk)
        if not isinstance(state, CheckingIn) or state.flow.step is None:
            break
        kind = state.flow.step.kind
        if night.alone and state.flow.partners != 1 and not said_who:
            said_who = True  # the skill assumed both: say who is here
            turn = _say(talk, night, "just me tonight")
        elif kind == PARTNERS:
            turn = _say(talk, night, "just me tonight" if night.alone else "both of us")
        elif kind == RATING:
            turn = _say(talk, night, next(ratings, "a four"))
        else:
            tone, words = next(tones, ("plain", PLAIN[0]))
            turn = _say(talk, night, words)
            night.acknowledged.append((tone, turn.speech))
    state = state_of(talk)
    if isinstance(state, Offering) and isinstance(state.offer, PracticeOffer):
        night.offered = state.offer.practice
        night.answer_to_offer = _answer_to_offer(night.number)
        turn = _say(talk, night, night.answer_to_offer)
        if night.answer_to_offer == "yes":
            _read_to_the_end(talk, night, turn)
    if night.number in DATE_NIGHTS:
        if not talk.session_open:
            _say(talk, night, "<launch>")
        _say(talk, night, "a date idea")
        _say(talk, night, "another one")
        _say(talk, night, "save it")


def _read_to_the_end(talk: Talk, night: Night, turn: Turn) -> None:
    """Go through the practice being read, step by step, and say no to another one."""
    library = practice_library("en-US")
    for _ in range(12):
        state = state_of(talk)
        if not isinstance(state, ReadingPractice):
            return
        night.read.append(turn.speech)
        last = part_count(library.practice(state.practice), state.alone) - 1
        turn = _say(talk, night, "no" if state.part >= last else "next")


def _tones(number: int) -> list[tuple[str, str]]:
    """Two answers for the night: their tones go round heavy, warm and plain."""
    banks = (("heavy", HEAVY), ("warm", WARM), ("plain", PLAIN))
    first, second = banks[number % 3], banks[(number + 1) % 3]
    return [
        (first[0], first[1][number % len(first[1])]),
        (second[0], second[1][(number + 1) % len(second[1])]),
    ]


def _say(talk: Talk, night: Night, words: str) -> Turn:
    turn = talk.launch() if words == "<launch>" else talk(words)
    night.exchanges.append(Exchange(words, turn.speech, turn.ended))
    return turn


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_TAG = re.compile(r"<[^>]+>")
_NUMBER = re.compile(r"\b(?:\d+|one|two|three|four|five)\b", re.IGNORECASE)


def sentences(speech: str) -> list[str]:
    """The sentences of ``speech`` (SSML tags and pauses removed)."""
    text = " ".join(_TAG.sub(" ", speech).split())
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _counted(sentence: str) -> bool:
    """A sentence of more than three words, numbers aside."""
    return len(re.findall(r"[A-Za-z']+", _NUMBER.sub("", sentence))) > 3


@dataclass(frozen=True)
class VarietyReport:
    """How often the month's sentences came back."""

    nights: int
    distinct: int
    #: (sentence, nights heard), most repeated first.
    repeated: list[tuple[str, int]]

    def text(self, top: int = 8) -> str:
        lines = [
            f"{self.nights} nights: {self.distinct} distinct sentences of more than three words"
        ]
        for sentence, heard in self.repeated[:top]:
            lines.append(f"  {heard:>2} nights: {sentence}")
        return "\n".join(lines)


def variety_report(nights: list[Night]) -> VarietyReport:
    """Every sentence of more than three words (numbers aside), and on how many nights it
    was heard."""
    heard: defaultdict[str, set[int]] = defaultdict(set)
    for night in nights:
        for exchange in night.exchanges:
            for sentence in sentences(exchange.speech):
                key = _NUMBER.sub("#", sentence)
                if _counted(sentence):
                    heard[key].add(night.number)
    repeated = sorted(((s, len(n)) for s, n in heard.items()), key=lambda item: -item[1])
    return VarietyReport(len(nights), len(heard), repeated)
