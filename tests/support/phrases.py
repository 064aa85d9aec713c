"""The persona phrase corpus (``tests/phrases``): each line said where it belongs, then judged.

A line says where in the conversation it is said (its context), what is said,
and what a sensible listener would expect (its outcome). :func:`try_phrase`
brings a fresh household to that point through the real envelope path, says
the line, and :func:`understood` judges the skill's answer by what it did (the
dialog state it moved to, what it stored, what it said), never by which
intent Alexa matched: the same request can arrive as an intent or as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from skill.app import SkillApp
from skill.content.dates import COST_BANDS
from skill.content.practices import practice_library
from skill.conversation.care import Crisis
from skill.conversation.dialog import (
    AskingNames,
    AskingReminderTime,
    AskingWhoIsSpeaking,
    BrowsingDates,
    CheckingIn,
    ChoosingPractice,
    ConfirmingErase,
    ConfirmingForget,
    DateIdeaOffer,
    DateStep,
    DialogState,
    InCare,
    Offering,
    PracticeOffer,
    ReadingFavourites,
    ReadingPractice,
    ReminderOffer,
    RepairOffer,
    StartCheckInOffer,
    decode_state,
)
from skill.household.model import Profile
from skill.local.simulator import Turn
from skill.turn import SLOW
from tests.support.talk import Talk, said

PHRASES = Path(__file__).resolve().parents[1] / "phrases"
CONTEXTS = (
    "start",
    "checkin.partners",
    "checkin.rating",
    "checkin.answer",
    "checkin.offer",
    "practice.reading",
    "date.pitched",
    "names.question",
    "reminder.time",
)
#: The corpus's words for date filters, in the skill's own.
_DATE_VALUES = {
    ("budget", "high"): ("splurge",),
    ("time", "short"): ("quick", "hour"),
    ("mood", "calm"): ("relaxing",),
    ("mood", "active"): ("adventurous", "playful"),
}


@dataclass(frozen=True)
class Phrase:
    """One corpus line."""

    context: str
    utterance: str
    outcome: str
    persona: str

    @property
    def category(self) -> str:
        """The outcome's kind ("crisis", "practice", "date"…)."""
        return re.split(r"[: ]", self.outcome, maxsplit=1)[0]


def load(half: str) -> list[Phrase]:
    """The lines of ``tuning`` or ``heldout``."""
    phrases = []
    for line in (PHRASES / f"{half}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        context, utterance, outcome, persona = (part.strip() for part in line.split(" | "))
        phrases.append(Phrase(context, utterance, outcome, persona))
    return phrases


@dataclass
class Before:
    """What the skill had just done when the line was said: its state and last words."""

    state: DialogState
    speech: str


def say_where_it_belongs(app: SkillApp, phrase: Phrase, user_id: str) -> tuple[bool, Turn]:
    """Bring a fresh household to the phrase's context, say it, and judge the answer."""
    talk = Talk(app, user_id=user_id)
    before = arrive(talk, phrase.context)
    turn = talk(phrase.utterance)
    return understood(phrase, talk, before, turn), turn


def arrive(talk: Talk, context: str) -> Before:
    """Take ``talk``'s household to ``context``."""
    steps = {
        "start": ["open heart talks", "stop", "open heart talks"],
        "checkin.partners": ["ask heart talks to start a check in"],
        "checkin.rating": ["ask heart talks to start a check in", "both of us"],
        "checkin.answer": ["ask heart talks to start a check in", "both of us", "a four"],
        "checkin.offer": [
            "ask heart talks to start a check in",
            "just me",
            "a four",
            "a quiet dinner at home",
        ],
        "practice.reading": ["ask heart talks to teach us about empathy"],
        "date.pitched": ["ask heart talks for a date idea"],
        "names.question": ["ask heart talks to change our names"],
        "reminder.time": ["ask heart talks to remind us every night"],
    }[context]
    turn: Turn | None = None
    for text in steps:
        if text == "stop" and context == "start":
            talk(text)
            talk.next_day()
            continue
        turn = talk(text)
    assert turn is not None
    return Before(state_of(talk), turn.speech)


def state_of(talk: Talk) -> DialogState:
    """The dialog state the household's session now carries (idle when it ended)."""
    if not talk.session_open:
        return decode_state({})
    return decode_state(talk.session_attributes.get("state"))


def understood(phrase: Phrase, talk: Talk, before: Before, turn: Turn) -> bool:
    """Whether the skill did what the line asked for, where it was said."""
    state = state_of(talk)
    outcome = phrase.outcome
    kind = phrase.category
    detail = outcome.partition(":")[2] if outcome.startswith(f"{kind}:") else ""
    speech = turn.speech
    if kind == "crisis":
        wanted = (Crisis.SELF_HARM,) if detail == "self_harm" else (Crisis.VIOLENCE, Crisis.ABUSE)
        return isinstance(state, InCare) and state.crisis in wanted
    if isinstance(state, InCare):
        return False
    if outcome == "stop":
        return turn.ended
    judge = _JUDGES.get(kind)
    if judge is None:
        raise ValueError(f"no judge for outcome {outcome!r}")
    return judge(phrase, talk, before, state, speech, detail)


# --- the judges ---------------------------------------------------------------------------


def _profile(talk: Talk) -> Profile:
    """The household's stored profile (an empty one while nothing is stored)."""
    record = talk.record()
    return Profile.from_dict(record.profile) if record is not None else Profile()


def _checkin(kind: str) -> object:
    def judge(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
        if isinstance(s, AskingWhoIsSpeaking):
            return isinstance(s.then, StartCheckInOffer) and s.then.kind == kind
        return isinstance(s, CheckingIn) and s.flow.kind == kind

    return judge


def _practice(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    offered = (
        s.offer.practice if isinstance(s, Offering) and isinstance(s.offer, PracticeOffer) else None
    )
    reading = s.practice if isinstance(s, ReadingPractice) else None
    if d == "any":
        return reading is not None
    return d in (offered, reading)


def _pillar(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    ids = practice_library("en-US").pillar(d).practice_ids
    offered = (
        s.offer.practice if isinstance(s, Offering) and isinstance(s.offer, PracticeOffer) else None
    )
    reading = s.practice if isinstance(s, ReadingPractice) else None
    return offered in ids or reading in ids


def _date(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    if p.outcome.startswith("date:"):
        return _date_follow_up(d, t, b, s, speech)
    if not isinstance(s, BrowsingDates):
        return False
    asked = s.filters.to_dict()
    for pair in p.outcome.split()[1:]:
        dimension, value = pair.split("=")
        if asked.get(dimension) not in _DATE_VALUES.get((dimension, value), (value,)):
            return False
    return True


def _date_follow_up(d: str, t: Talk, b: Before, s: DialogState, speech: str) -> bool:
    idea = b.state.idea if isinstance(b.state, BrowsingDates) else None
    memory = _profile(t).dates
    if d == "another":
        return isinstance(s, BrowsingDates) and s.idea != idea
    if d == "details":
        # "How much would that cost?" asks about the idea too: its cost band answers it.
        told_cost = any(said(speech, f"dates.cost.{band}") for band in COST_BANDS)
        return isinstance(s, BrowsingDates) and (s.step is DateStep.DETAILED or told_cost)
    if d == "love":
        return idea in memory.loved
    if d == "save":
        return idea in memory.saved
    if d == "dislike":
        return idea in memory.disliked
    if d == "favourites":
        offered = isinstance(s, Offering) and isinstance(s.offer, DateIdeaOffer)
        return isinstance(s, ReadingFavourites) or (
            offered and said(speech, "dates.favourites.none")
        )
    raise ValueError(d)


def _any_of(*keys: str) -> object:
    def judge(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
        return any(said(speech, key) for key in keys)

    return judge


def _names(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    if d == "forget":
        return said(speech, "names.forgotten") or said(speech, "names.none_to_forget")
    wanted = [name.casefold() for name in d.split(",")]
    return [name.casefold() for name in _profile(t).names] == wanted


def _reminder(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    if d == "list":
        return any(said(speech, k) for k in ("reminder.failed_list", "reminder.none"))
    if d == "stop":
        keys = (
            "reminder.failed_stop",
            "reminder.stopped",
            "reminder.nothing_to_stop",
            "reminders.none_to_stop",
        )
        return any(said(speech, k) for k in keys)
    at = p.outcome.split("time=")[1]
    return isinstance(s, Offering) and isinstance(s.offer, ReminderOffer) and s.offer.at == at


def _privacy(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    if d == "delete":
        return isinstance(s, ConfirmingErase)
    return said(speech, "privacy.explained")


def _forget_tonight(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    return isinstance(s, ConfirmingForget) or said(speech, "forget.nothing")


def _journal(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    if d == "on":
        return _profile(t).keep_answers
    if d == "off":
        return said(speech, "journal.off") or said(speech, "journal.already_off")
    return any(
        said(speech, k) for k in ("journal.not_kept", "journal.nothing_yet", "journal.read.lead")
    )


def _fight(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    if isinstance(s, Offering) and isinstance(s.offer, RepairOffer):
        return True
    return isinstance(s, CheckingIn) and s.flow.tension


def _step_before(b: Before) -> str | None:
    """The key of the check-in step that was being asked (None outside a check-in)."""
    if not isinstance(b.state, CheckingIn) or b.state.flow.step is None:
        return None
    return b.state.flow.step.key


def _step_after(s: DialogState) -> str | None:
    if not isinstance(s, CheckingIn) or s.flow.step is None:
        return None
    return s.flow.step.key


def _partners(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    return isinstance(s, CheckingIn) and s.flow.partners == int(d)


def _rating(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    if not isinstance(s, CheckingIn):
        return False
    kept = s.flow.ratings[0]
    if d == "vague":
        # Asked gently for a number, or a sensible number kept and said back.
        return kept is not None or _step_after(s) == _step_before(b)
    return kept == int(float(d) + 0.5)


def _answer(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    step = _step_before(b)
    if step is None:
        return False
    if isinstance(s, CheckingIn):
        return s.flow.outcomes.get(step) == "answered"
    return isinstance(s, Offering)  # the check-in closed on this answer


def _skip(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    if isinstance(b.state, ReadingPractice):
        return isinstance(s, ReadingPractice) and s.part > b.state.part
    step = _step_before(b)
    if step is None:
        return type(s) is not type(b.state)  # what was asked is left unanswered
    flow = s.flow if isinstance(s, CheckingIn) else None
    return flow is not None and flow.outcomes.get(step) == "skipped"


def _back(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    if isinstance(b.state, ReadingPractice):
        return isinstance(s, ReadingPractice)
    if not isinstance(b.state, CheckingIn) or not isinstance(s, CheckingIn):
        return False
    return s.flow.pos < b.state.flow.pos or s.flow.pos == 0


def _same_question(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    same_place = type(s) is type(b.state) and _step_after(s) == _step_before(b)
    return same_place and speech.rstrip().endswith("?")


def _rephrase(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    if isinstance(b.state, ReadingPractice):
        return _same_question(p, t, b, s, speech, d)
    return _same_question(p, t, b, s, speech, d) and said(speech, "checkin.rephrase.lead")


def _wait(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    return "[pause" in speech and _same_question(p, t, b, s, speech, d)


def _slow_down(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    return t.session_attributes.get(SLOW) is True


def _yes(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    if isinstance(b.state, ReadingPractice):
        return isinstance(s, ReadingPractice) and s.part > b.state.part
    if isinstance(b.state, AskingNames):
        return isinstance(s, AskingNames)
    return isinstance(s, ReadingPractice)


def _no(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    if isinstance(b.state, AskingNames):
        return not _profile(t).names and not isinstance(s, AskingNames)
    if isinstance(b.state, AskingReminderTime):
        return not isinstance(s, Offering)
    return not isinstance(s, ReadingPractice) and not isinstance(s, Offering)


def _help(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    keys = ("help.idle", "checkin.help.answer", "checkin.help.rating", "checkin.help.partners")
    return any(said(speech, key) for key in keys) or any(
        said(speech, key) for key in ("help.practice", "help.dates", "help.offer", "help.menu")
    )


def _repeat(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    return type(s) is type(b.state) and speech.rstrip().endswith("?")


def _small_talk(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    return said(speech, f"small_talk.{d}")


def _progress(p: Phrase, t: Talk, b: Before, s: DialogState, speech: str, d: str) -> bool:
    return "streak" in speech.lower()


_JUDGES = {
    "checkin": _checkin("nightly"),
    "weekly_checkin": _checkin("weekly"),
    "practice": _practice,
    "pillar": _pillar,
    "practice_menu": lambda p, t, b, s, speech, d: isinstance(s, ChoosingPractice),
    "date": _date,
    "progress": _progress,
    "help": _help,
    "repeat": _repeat,
    "privacy": _privacy,
    "forget_tonight": _forget_tonight,
    "journal": _journal,
    "names": _names,
    "reminder": _reminder,
    "fight": _fight,
    "smalltalk": _small_talk,
    "partners": _partners,
    "rating": _rating,
    "answer": _answer,
    "skip": _skip,
    "back": _back,
    "repeat_question": _same_question,
    "rephrase": _rephrase,
    "wait": _wait,
    "slow_down": _slow_down,
    "yes": _yes,
    "no": _no,
    "not_tonight": _no,
}
