"""The opt-in journal: which free-form answers may be kept, and reading them back.

By default a check-in keeps numbers and question ids, never what anyone said.
A household that says "keep our answers" turns the journal on
(``Profile.keep_answers``); from then on each check-in entry also holds its
open answers, each clipped to :data:`MAX_ANSWER_CHARS` so night items stay
small. Words of crisis are never kept, whatever the setting. "Stop keeping
our answers" turns it off and deletes every kept answer (see
:mod:`skill.conversation.privacy_changes`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from skill.content.prompts import Prompts
from skill.content.questions import QuestionBank
from skill.conversation.care import detect_crisis
from skill.conversation.spoken import weekday
from skill.conversation.voices import turn_names
from skill.household.model import CheckInEntry, KeptAnswer, Night
from skill.speech import Speech

#: Longest answer kept, in characters: about a minute of speech, and a small item.
MAX_ANSWER_CHARS = 300
#: "What did we say last night?" looks this many evenings back for kept answers.
LOOK_BACK_EVENINGS = 7
#: At most this many answers are read back at once (two full weekly check-ins' worth is plenty).
MAX_READ_BACK = 6


def keepable(text: str | None) -> str | None:
    """The answer as it may be kept, or None: empty, or speaking of a crisis (never kept)."""
    if not text:
        return None
    words = " ".join(text.split())
    if not words or detect_crisis(words) is not None:
        return None
    if len(words) <= MAX_ANSWER_CHARS:
        return words
    clipped = words[:MAX_ANSWER_CHARS]
    # Cut at a word boundary so the kept answer never ends in half a word.
    return clipped.rsplit(" ", 1)[0] if " " in clipped else clipped


def strip_answers(entry: CheckInEntry) -> None:
    """Remove every kept answer from a check-in entry, its resumable state included."""
    entry.answers = []
    if entry.resume is not None:
        entry.resume.pop("answers", None)
        entry.resume["keep"] = False


def has_answers(entry: CheckInEntry) -> bool:
    """Whether a check-in entry holds any kept answer."""
    return bool(entry.answers) or (entry.resume is not None and bool(entry.resume.get("answers")))


@dataclass(frozen=True)
class KeptCheckIn:
    """The kept answers of one check-in, with what is needed to say who said what."""

    partners: int
    speaker: int | None
    answers: tuple[KeptAnswer, ...]
    #: The ids of the questions asked, in turn order ("question:1" answered the second).
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeptEvening:
    """The most recent evening with kept answers."""

    night: date
    checkins: tuple[KeptCheckIn, ...]


def _kept(entry: CheckInEntry) -> KeptCheckIn | None:
    answers = tuple(answer for answer in entry.answers if answer.text)
    if not answers:
        return None
    return KeptCheckIn(
        partners=entry.partners or 1,
        speaker=entry.speaker,
        answers=answers,
        questions=tuple(entry.questions),
    )


def latest_kept(nights: Mapping[str, Night], today: date) -> KeptEvening | None:
    """The latest evening up to ``today``, within the last week, that has kept answers."""
    for offset in range(LOOK_BACK_EVENINGS + 1):
        night = today - timedelta(days=offset)
        found = nights.get(night.isoformat())
        entries = found.entries.values() if found is not None else ()
        ordered = sorted(entries, key=lambda e: e.at)
        checkins = tuple(k for k in (_kept(e) for e in ordered) if k is not None)
        if checkins:
            return KeptEvening(night, checkins)
    return None


def when_said(night: date, today: date, evening_hours: bool) -> str:
    """ "tonight", "today", "last night", "on Tuesday": when the answers were given."""
    days = (today - night).days
    if days == 0:
        return "tonight" if evening_hours else "today"
    if days == 1:
        return "last night"
    return f"on {weekday(night)}"


def _line(answer: KeptAnswer, checkin: KeptCheckIn, names: Sequence[str], prompts: Prompts) -> str:
    if answer.partner is None:
        key = f"journal.said.{answer.kind}"
        return prompts.say(key if prompts.has(key) else "journal.said.together", text=answer.text)
    if answer.partner < len(names):
        return prompts.say("journal.said.named", name=names[answer.partner], text=answer.text)
    if checkin.partners == 1:
        return prompts.say("journal.said.you", text=answer.text)
    key = "journal.said.first" if answer.partner == 0 else "journal.said.second"
    return prompts.say(key, text=answer.text)


def _asked(
    answer: KeptAnswer, checkin: KeptCheckIn, questions: QuestionBank | None, prompts: Prompts
) -> str | None:
    """What an answer answered, said before it: an answer heard weeks later means little
    without its question. None when the question is not known (or the answer says it)."""
    key = f"journal.asked.{answer.kind}"
    if prompts.has(key):
        return prompts.say(key)
    who = answer.partner
    if questions is None or answer.kind != "question" or who is None:
        return None
    if who >= len(checkin.questions):
        return None
    try:
        text = questions.question(checkin.questions[who]).text
    except KeyError:
        return None  # a question since retired from the bank
    return prompts.say("journal.asked", question=text[:1].lower() + text[1:])


def read_back(
    evening: KeptEvening,
    names: Sequence[str],
    when: str,
    prompts: Prompts,
    questions: QuestionBank | None = None,
) -> Speech:
    """The kept answers of ``evening``, who said what (by name when the names are known), each
    after the question it answered when ``questions`` can say it."""
    speech = Speech().say(prompts.say("journal.read.lead", when=when))
    told = 0
    for checkin in evening.checkins:
        in_turn = turn_names(names, checkin.speaker, checkin.partners)
        for answer in checkin.answers:
            if told == MAX_READ_BACK:
                return speech
            asked = _asked(answer, checkin, questions, prompts)
            if asked is not None:
                speech.say(asked)
            speech.say(_line(answer, checkin, in_turn, prompts))
            told += 1
    return speech
