"""The opt-in journal: answers kept only when asked, bounded, never in crisis, and truly deleted."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest

from skill.app import SkillApp
from skill.content.prompts import Prompts, prompt_bank
from skill.content.questions import question_bank
from skill.conversation.checkin import Answer, Back, CheckInFlow, Decline, Partners, Rating, Skip
from skill.conversation.checkin_changes import CheckInRecorded
from skill.conversation.journal import (
    MAX_ANSWER_CHARS,
    MAX_READ_BACK,
    KeptAnswer,
    KeptCheckIn,
    KeptEvening,
    has_answers,
    keepable,
    latest_kept,
    read_back,
    when_said,
)
from skill.conversation.privacy_changes import JournalSwitched
from skill.household.documents import from_doc, to_doc
from skill.household.model import CheckInEntry, Household, Night, Profile
from skill.local.envelope import DEFAULT_USER_ID
from skill.speech import ssml_to_text
from skill.storage.base import HouseholdStore
from skill.turn import household_id_for
from tests.support.store_dump import everything
from tests.support.talk import Talk

NIGHT = "2026-11-25"
HOUSEHOLD = household_id_for(DEFAULT_USER_ID)


def prompts(seed: int = 0) -> Prompts:
    return Prompts(prompt_bank("en-US"), random.Random(seed), {})


def flow(keep: bool, partners: int = 2) -> CheckInFlow:
    started, _ = CheckInFlow.begin(
        "c1", NIGHT, "nightly", partners, ["on-mind-tonight", "hope-for-tomorrow"], keep=keep
    )
    return started


# --- what may be kept ---------------------------------------------------------------------


def test_answers_are_tidied_and_clipped_at_a_word() -> None:
    assert keepable("  the   soup you made ") == "the soup you made"
    long = "word " * 200
    kept = keepable(long)
    assert kept is not None and len(kept) <= MAX_ANSWER_CHARS and kept.endswith("word")
    assert keepable("x" * 500) == "x" * MAX_ANSWER_CHARS
    assert keepable("") is None and keepable(None) is None and keepable("   ") is None


@pytest.mark.parametrize(
    "crisis", ["I want to kill myself", "he hits me when he drinks", "I don't feel safe at home"]
)
def test_words_of_crisis_are_never_kept(crisis: str) -> None:
    assert keepable(crisis) is None
    checkin = flow(keep=True)
    checkin.handle(Rating(3))
    checkin.handle(Answer(crisis))
    assert crisis not in json.dumps(to_doc(checkin.record()))


def test_off_by_default_the_record_holds_no_answer() -> None:
    checkin = flow(keep=False)
    checkin.handle(Rating(4))
    checkin.handle(Answer("my secret worry about money"))
    assert "money" not in json.dumps(to_doc(checkin.record()))
    assert "money" not in json.dumps(checkin.to_dict())


def test_kept_answers_follow_going_back_and_skipping() -> None:
    checkin = flow(keep=True)
    checkin.handle(Rating(4))
    checkin.handle(Answer("the soup you made"))
    checkin.handle(Back())
    checkin.handle(Answer("the walk we took"))
    entry = to_doc(checkin.record())
    assert entry["answers"] == [{"step": "question:0", "text": "the walk we took"}]
    assert "soup" not in json.dumps(entry)
    # A step skipped after all keeps nothing, even though it was answered before.
    checkin.handle(Back())
    checkin.handle(Skip())
    checkin.handle(Rating(2))
    checkin.handle(Decline())
    assert checkin.complete and "answers" not in to_doc(checkin.record())


def test_an_unfinished_check_in_carries_its_answers_to_be_resumed() -> None:
    checkin = flow(keep=True)
    checkin.handle(Rating(4))
    checkin.handle(Answer("the soup you made"))
    entry = to_doc(checkin.record())
    again = CheckInFlow.from_dict(json.loads(json.dumps(entry["resume"])))
    assert again.keep and again.answers == {"question:0": "the soup you made"}


def test_answers_of_who_is_no_longer_here_are_not_kept() -> None:
    weekly, _ = CheckInFlow.begin("w1", NIGHT, "weekly", 2, keep=True)
    weekly.handle(Answer("the soup you made"))
    weekly.handle(Answer("the walk you planned"))
    weekly.handle(Partners(1))  # "just me", after all
    assert [a.text for a in weekly.record().answers] == ["the soup you made"]


# --- the changes ----------------------------------------------------------------------------


def recorded(keep: bool, entry: CheckInEntry) -> Household:
    household = Household("h", profile=Profile(keep_answers=keep))
    CheckInRecorded(night=NIGHT, id="c1", entry=entry).apply(household)
    return household


def kept_entry() -> CheckInEntry:
    checkin = flow(keep=True)
    checkin.handle(Rating(4))
    checkin.handle(Answer("the soup you made"))
    return checkin.record()


def test_answers_land_only_while_the_journal_is_on() -> None:
    assert "soup" in json.dumps(to_doc(recorded(True, kept_entry()).nights))
    # Switched off since the check-in began: the record arrives without them.
    assert "soup" not in json.dumps(to_doc(recorded(False, kept_entry()).nights))


def test_turning_the_journal_off_deletes_every_answer_and_is_idempotent() -> None:
    household = recorded(True, kept_entry())
    finished = flow(keep=True, partners=1)
    finished.handle(Rating(5))
    finished.handle(Answer("a quiet dinner"))
    CheckInRecorded(night="2026-11-24", id="c0", entry=finished.record()).apply(household)
    off = JournalSwitched(keep=False)
    off.apply(household)
    once = json.dumps(to_doc(household.nights), sort_keys=True)
    off.apply(household)
    assert json.dumps(to_doc(household.nights), sort_keys=True) == once
    assert "soup" not in once and "quiet dinner" not in once
    assert not household.profile.keep_answers
    entries = [e for night in household.nights.values() for e in night.entries.values()]
    assert len(entries) == 2 and not any(has_answers(e) for e in entries)
    # The numbers stay.
    assert household.nights[NIGHT].entries["c1"].ratings == [4, None]


# --- reading back ---------------------------------------------------------------------------


def test_the_latest_evening_with_answers_within_a_week_is_read() -> None:
    docs = {
        "2026-11-20": {"entries": {"a": {"answers": [{"step": "went_well", "text": "old"}]}}},
        "2026-11-23": {"entries": {"b": {"ratings": [4]}}},
        "2026-11-22": {
            "entries": {"c": {"partners": 1, "answers": [{"step": "question:0", "text": "new"}]}}
        },
    }
    nights = {day: from_doc(Night, doc) for day, doc in docs.items()}
    evening = latest_kept(nights, date(2026, 11, 25))
    assert evening is not None and evening.night == date(2026, 11, 22)
    assert evening.checkins[0].answers == (KeptAnswer("question:0", "new"),)
    assert latest_kept(nights, date(2026, 12, 5)) is None


@pytest.mark.parametrize(
    ("night", "evening_hours", "said"),
    [
        (date(2026, 11, 25), True, "tonight"),
        (date(2026, 11, 25), False, "today"),
        (date(2026, 11, 24), True, "last night"),
        (date(2026, 11, 23), False, "on Monday"),
    ],
)
def test_when_the_answers_were_given_is_said_plainly(
    night: date, evening_hours: bool, said: str
) -> None:
    assert when_said(night, date(2026, 11, 25), evening_hours) == said


def test_read_back_says_who_said_what_by_name_and_speaker_first() -> None:
    checkin = KeptCheckIn(
        partners=2,
        speaker=1,
        answers=(KeptAnswer("question:0", "the walk"), KeptAnswer("question:1", "a long day")),
    )
    text = ssml_to_text(
        read_back(
            KeptEvening(date(2026, 11, 24), (checkin,)), ["Sam", "Alex"], "last night", prompts()
        ).ssml()
    )
    assert "last night" in text
    assert (
        text.index("Alex") < text.index("the walk") < text.index("Sam") < text.index("a long day")
    )


def test_read_back_without_names_and_together() -> None:
    checkins = (
        KeptCheckIn(
            2, None, (KeptAnswer("appreciation:1", "the soup"), KeptAnswer("work_on", "listening"))
        ),
        KeptCheckIn(1, None, (KeptAnswer("question:0", "rest"),)),
    )
    text = ssml_to_text(
        read_back(KeptEvening(date(2026, 11, 25), checkins), [], "tonight", prompts()).ssml()
    )
    assert "second of you said, the soup" in text or "went second said, the soup" in text
    assert "listening" in text and ("You said, rest" in text or "Your answer was, rest" in text)


def test_read_back_is_bounded() -> None:
    many = tuple(KeptAnswer("went_well", f"answer {n}") for n in range(MAX_READ_BACK + 4))
    text = ssml_to_text(
        read_back(
            KeptEvening(date(2026, 11, 25), (KeptCheckIn(2, None, many),)), [], "tonight", prompts()
        ).ssml()
    )
    assert f"answer {MAX_READ_BACK - 1}" in text and f"answer {MAX_READ_BACK}." not in text


# --- whole conversations, and what the stores hold afterwards --------------------------------


def test_stop_keeping_our_answers_leaves_none_in_the_store(
    each_app: SkillApp, each_store: HouseholdStore
) -> None:
    talk = Talk(each_app)
    talk("open heart talks")
    talk("keep our answers")
    talk.check_in("I appreciated the soup you made", "I think work has been a lot")
    talk("no")
    talk("start a check-in")
    talk("yes")  # tonight's is done: check in again
    talk("a five")
    talk("I hope the garden grows")
    talk("stop")  # an unfinished check-in keeps its answers for resuming
    held = everything(each_store, HOUSEHOLD)
    assert "the soup you made" in held and "the garden grows" in held
    done = talk("stop keeping our answers")
    assert "deleted" in done.speech
    held = everything(each_store, HOUSEHOLD)
    for words in ("soup", "work has been", "garden"):
        assert words not in held
    record = each_store.load(HOUSEHOLD)
    assert record is not None and record.profile["keep_answers"] is False
    # The numbers and the streak stay.
    assert record.profile["streak_count"] == 1
    assert len(record.nights[NIGHT]["entries"]) == 2


def test_a_check_in_left_for_stop_keeping_keeps_no_answer(
    each_app: SkillApp, each_store: HouseholdStore
) -> None:
    talk = Talk(each_app)
    talk("keep our answers")
    talk.check_in("I appreciated the soup you made")
    talk("stop keeping our answers")
    assert "soup" not in everything(each_store, HOUSEHOLD)
    record = each_store.load(HOUSEHOLD)
    assert record is not None
    (entry,) = record.nights[NIGHT]["entries"].values()
    # What was answered is still there to be resumed, without the words.
    assert entry["ratings"] == [4, None] and entry["answered"] == 2
    assert "answers" not in entry and "answers" not in entry["resume"]


def test_a_crisis_answer_is_never_stored(each_app: SkillApp, each_store: HouseholdStore) -> None:
    talk = Talk(each_app)
    talk("keep our answers")
    talk("start a check-in")
    talk("just me")
    talk("a two")
    care = talk("I think I want to end my life")
    assert care.card_title == "Help is available"
    talk("no")
    assert "end my life" not in everything(each_store, HOUSEHOLD)


def test_long_answers_are_stored_clipped(each_app: SkillApp, each_store: HouseholdStore) -> None:
    talk = Talk(each_app)
    talk("keep our answers")
    talk("start a check-in")
    talk("just me")
    talk("a four")
    talk("I think " + "we laughed a lot " * 40)
    record = each_store.load(HOUSEHOLD)
    assert record is not None
    entry = next(iter(record.nights[NIGHT]["entries"].values()))
    (answer,) = entry["answers"]
    assert answer["text"].startswith("i think we laughed")
    assert len(answer["text"]) <= MAX_ANSWER_CHARS


def test_each_answer_is_read_after_the_question_it_answered() -> None:
    bank = question_bank("en-US")
    first, second = bank.questions[0], bank.questions[1]
    checkin = KeptCheckIn(
        partners=2,
        speaker=None,
        answers=(KeptAnswer("question:0", "the walk"), KeptAnswer("question:1", "a long day")),
        questions=(first.id, second.id),
    )
    evening = KeptEvening(date(2026, 11, 24), (checkin,))
    text = ssml_to_text(read_back(evening, [], "last night", prompts(), bank).ssml()).lower()
    asked_first, asked_second = first.text.lower()[:-1], second.text.lower()[:-1]
    assert text.index(asked_first) < text.index("the walk") < text.index(asked_second)
    assert text.index(asked_second) < text.index("a long day")
    retired = KeptCheckIn(2, None, (KeptAnswer("question:0", "the walk"),), ("gone",))
    unasked = ssml_to_text(
        read_back(
            KeptEvening(date(2026, 11, 24), (retired,)), [], "tonight", prompts(), bank
        ).ssml()
    )
    assert "the walk" in unasked and "asked" not in unasked.lower()
