"""The check-in step machine, its words, its memory in the household, and the question rotation."""

from __future__ import annotations

import json
import random
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skill.content.prompts import Prompts, prompt_bank
from skill.content.questions import QuestionBank, parse_questions, question_bank
from skill.content.understanding import vocabulary
from skill.conversation.checkin import (
    APPRECIATION,
    PARTNERS,
    QUESTION,
    RATING,
    WEEKLY,
    WENT_WELL,
    WORK_ON,
    Answer,
    Back,
    CheckInFlow,
    Decline,
    Event,
    Partners,
    Rating,
    Skip,
    Step,
    Unclear,
    plan,
)
from skill.conversation.checkin_changes import (
    CheckInRecorded,
    PracticeTaken,
    ResumeDeclined,
    checked_in,
    resumable,
)
from skill.conversation.checkin_speech import help_speech, reflection, reply_speech
from skill.conversation.evening import evening_of
from skill.conversation.rotation import REPEAT_GAP_NIGHTS, choose_questions, remember_asked
from skill.household.documents import to_doc
from skill.household.model import CheckInEntry, Household, PracticeOffered
from skill.speech import escape_text

BANK = question_bank("en-US")
NIGHT = "2026-11-25"


def prompts(seed: int = 0) -> Prompts:
    return Prompts(prompt_bank("en-US"), random.Random(seed), {})


def nightly(partners: int = 0) -> CheckInFlow:
    flow, _ = CheckInFlow.begin(
        "c1", NIGHT, "nightly", partners, ["on-mind-tonight", "hope-for-tomorrow"], [True, False]
    )
    return flow


# --- the plan and the steps ---


def test_plans_for_one_and_two_partners_and_the_weekly_variant() -> None:
    assert plan("nightly", 1) == (Step(RATING, 0), Step(QUESTION, 0))
    assert [s.key for s in plan("nightly", 2)] == [
        "rating:0",
        "question:0",
        "rating:1",
        "question:1",
    ]
    assert plan(WEEKLY, 2) == (
        Step(APPRECIATION, 0),
        Step(APPRECIATION, 1),
        Step(WENT_WELL),
        Step(WORK_ON),
    )


def test_the_partner_count_is_asked_only_when_the_household_has_not_said() -> None:
    _, unknown = CheckInFlow.begin("c", NIGHT, "nightly", 0, ["a", "b"], [False, False])
    _, known = CheckInFlow.begin("c", NIGHT, "nightly", 2, ["a", "b"], [False, False])
    assert unknown.ask == Step(PARTNERS)
    assert known.ask == Step(RATING, 0)
    assert unknown.heard == known.heard == "start"


def test_one_partner_rates_answers_and_is_done() -> None:
    flow = nightly()
    assert flow.handle(Partners(1)).ask == Step(RATING, 0)
    reply = flow.handle(Rating(4))
    assert (reply.heard, reply.rating, reply.ask) == ("rating", 4, Step(QUESTION, 0))
    reply = flow.handle(Answer("a quiet walk"))
    assert reply.heard == "answer" and reply.ask is None
    assert flow.complete and flow.answered_anything
    with pytest.raises(ValueError):
        flow.handle(Skip())


def test_two_partners_take_turns() -> None:
    flow = nightly(2)
    asked = [
        flow.handle(event).ask
        for event in (Rating(4), Answer("the soup"), heard(flow, "about two"), Skip())
    ]
    assert asked == [Step(QUESTION, 0), Step(RATING, 1), Step(QUESTION, 1), None]
    assert flow.ratings == [4, 2]
    assert flow.outcomes == {
        "rating:0": "answered",
        "question:0": "answered",
        "rating:1": "answered",
        "question:1": "skipped",
    }


def heard(flow: CheckInFlow, text: str) -> Event:
    """What the words mean at the flow's current step, as the handler reads them."""
    return flow.event_from_words(text, vocabulary("en-US"))


@pytest.mark.parametrize(
    ("text", "rating", "said"),
    [
        ("four", 4, None),
        ("a four", 4, None),
        ("4", 4, None),
        ("about three", 3, None),
        ("I'd say a four out of five", 4, None),
        ("maybe a two", 2, None),
        ("just one", 1, None),
        ("pretty good, like a four", 4, None),
        ("three and a half", 4, 3.5),
        ("two and a half maybe", 3, 2.5),
        ("between three and four", 4, 3.5),
        ("3.5", 4, 3.5),
        ("seven out of ten", 4, 3.5),
        ("five for me, babe says five too", 5, None),
        ("for", 4, None),
        ("my neck is killing me today, but four", 4, None),
        ("two, it's been a rough one", 2, None),
        ("a three. no, actually, make it a four", 4, None),
        ("almost a five, so four and a half", 5, 4.5),
        ("it's a one", 1, None),
    ],
)
def test_ratings_are_heard_as_people_say_them(text: str, rating: int, said: float | None) -> None:
    flow = nightly(1)
    event = heard(flow, text)
    assert isinstance(event, Rating)
    reply = flow.handle(event)
    assert (reply.rating, reply.said) == (rating, said)


@pytest.mark.parametrize("text", ["ten", "seven", "it was a day", "?", ""])
def test_words_that_are_no_rating_ask_again(text: str) -> None:
    flow = nightly(1)
    assert flow.handle(heard(flow, text)).heard == "retry"


def test_a_rating_in_words_is_asked_about_once_then_taken() -> None:
    flow = nightly(1)
    first = flow.handle(heard(flow, "pretty good"))
    assert (first.heard, first.ask) == ("rating_in_words", Step(RATING, 0))
    second = flow.handle(heard(flow, "yeah pretty good"))
    assert (second.heard, second.rating) == ("rating_from_words", 4)
    assert flow.ratings[0] == 4


def test_a_fight_said_at_the_rating_is_met_calmly_and_the_number_asked_again() -> None:
    flow = nightly(1)
    reply = flow.handle(heard(flow, "we had a fight so i don't even know"))
    assert (reply.heard, reply.fight, reply.ask) == ("fight", True, Step(RATING, 0))
    assert flow.tension
    assert flow.handle(heard(flow, "a two")).rating == 2


@pytest.mark.parametrize(
    "first", [Rating(7), Rating(0), Rating(None), Answer("not a number"), Unclear()]
)
def test_an_unclear_rating_is_asked_again_once_then_skipped_gracefully(first: object) -> None:
    flow = nightly(1)
    retry = flow.handle(first)  # type: ignore[arg-type]
    assert (retry.heard, retry.ask) == ("retry", Step(RATING, 0))
    skipped = flow.handle(Rating(9))
    assert (skipped.heard, skipped.ask) == ("rating_skipped", Step(QUESTION, 0))
    assert flow.ratings[0] is None and flow.outcomes["rating:0"] == "skipped"


def test_a_clear_rating_after_a_retry_is_taken() -> None:
    flow = nightly(1)
    flow.handle(Rating(10))
    assert flow.handle(heard(flow, "I think a three")).rating == 3
    assert flow.ratings[0] == 3


def test_the_partner_count_is_asked_again_once_then_both_are_assumed() -> None:
    flow = nightly()
    assert flow.handle(Unclear()).heard == "retry"
    reply = flow.handle(Decline())
    assert (reply.heard, reply.ask, flow.partners) == ("partners_assumed", Step(RATING, 0), 2)


def test_a_number_answers_the_partner_count() -> None:
    flow = nightly()
    assert flow.handle(Rating(1)).heard == "partners"
    assert flow.partners == 1


def test_go_back_returns_to_the_previous_step_and_not_before_the_first() -> None:
    flow = nightly(2)
    assert flow.handle(Back()).heard == "at_start"
    flow.handle(Rating(3))
    reply = flow.handle(Back())
    assert (reply.heard, reply.ask) == ("back", Step(RATING, 0))
    flow.handle(Rating(5))
    assert flow.ratings[0] == 5


def test_no_skips_an_open_question_but_is_unclear_for_a_rating() -> None:
    flow = nightly(1)
    assert flow.handle(Decline()).heard == "retry"
    flow.handle(Rating(2))
    assert flow.handle(Decline()).heard == "skip"


def test_an_open_question_not_understood_is_nudged_without_moving_on() -> None:
    flow = nightly(1)
    flow.handle(Rating(2))
    for _ in range(3):
        assert flow.handle(Unclear()).ask == Step(QUESTION, 0)


def test_just_me_half_way_drops_the_second_partners_steps() -> None:
    flow = nightly(2)
    flow.handle(Rating(4))
    flow.handle(Answer("the soup"))
    reply = flow.handle(Partners(1))
    assert reply.ask is None and flow.complete
    assert flow.record().ratings == [4]


def test_both_of_us_half_way_adds_the_second_partner() -> None:
    flow = nightly(1)
    flow.handle(Rating(4))
    assert flow.handle(Partners(2)).ask == Step(QUESTION, 0)
    flow.handle(Skip())
    assert flow.step == Step(RATING, 1)


def test_the_recommender_hints_come_from_the_question_theme_and_the_words() -> None:
    on_mind = nightly(1)
    on_mind.handle(Rating(3))
    on_mind.handle(Answer("nothing special"))
    assert on_mind.signals().weighing  # the question asked what is on their mind

    flow, _ = CheckInFlow.begin("c", NIGHT, "nightly", 2, ["hope-for-tomorrow", "x"], [False] * 2)
    flow.handle(Rating(3))
    flow.handle(Answer("a calmer day"))
    assert not flow.signals().weighing
    flow.handle(Back())
    flow.handle(Answer("work has been so stressful"))
    assert flow.signals().weighing


def test_a_skipped_mind_question_is_not_a_hint() -> None:
    flow = nightly(1)
    flow.handle(Rating(3))
    flow.handle(Skip())
    assert not flow.signals().weighing


def test_the_weekly_variant_asks_for_validation_after_each_answer() -> None:
    flow, opening = CheckInFlow.begin("w", NIGHT, WEEKLY, 2)
    assert opening.ask == Step(APPRECIATION, 0)
    first = flow.handle(Answer("the school run"))
    assert first.validate and first.answered == Step(APPRECIATION, 0)
    assert not flow.handle(Skip()).validate
    flow.handle(Answer("we laughed"))
    last = flow.handle(Answer("talk more and argue less"))
    assert last.ask is None and last.validate
    assert flow.signals().focus == "communication"


def test_the_state_survives_the_session_round_trip_at_every_step() -> None:
    flow = nightly()
    for event in (Partners(2), Rating(4), Answer("x"), Rating(None), Skip()):
        again = CheckInFlow.from_dict(json.loads(json.dumps({"mode": "checkin", **flow.to_dict()})))
        assert again == flow
        flow.handle(event)
        again.handle(event)
        assert again == flow


def test_the_record_keeps_numbers_and_question_ids_never_the_answers() -> None:
    flow = nightly(2)
    flow.handle(Rating(4))
    flow.handle(Answer("my secret worry about money"))
    entry = to_doc(flow.record())
    assert "money" not in json.dumps(entry)
    assert entry["ratings"] == [4, None]
    assert entry["questions"] == ["on-mind-tonight"]
    assert entry["complete"] is False
    assert CheckInFlow.from_dict(entry["resume"]).step == Step(RATING, 1)
    flow.handle(Rating(2))
    flow.handle(Skip())
    done = to_doc(flow.record())
    assert done["complete"] and "resume" not in done
    assert done["questions"] == ["on-mind-tonight", "hope-for-tomorrow"]


def test_resuming_asks_the_step_where_the_couple_stopped() -> None:
    flow = nightly(2)
    flow.handle(Rating(4))
    flow.handle(Answer("the soup"))
    flow.handle(Rating(11))  # a retry is pending when they stop
    again = CheckInFlow.from_dict(to_doc(flow.record())["resume"])
    reply = again.resume()
    assert (reply.heard, reply.ask, again.retry) == ("resume", Step(RATING, 1), False)


# --- the words ---


def test_every_reply_ends_with_its_question_which_is_also_the_reprompt() -> None:
    flow = nightly()
    replies = [CheckInFlow.begin("c", NIGHT, "nightly", 0, ["a"], [False])[1]]
    for event in (Partners(2), Rating(9), Rating(4), Unclear(), Answer("x"), Back(), Skip()):
        replies.append(flow.handle(event))
    for index, reply in enumerate(replies):
        said = reply_speech(reply, flow if index else nightly(), BANK, prompts(index))
        assert said.question is not None and said.question.endswith("?")
        assert said.speech.ssml().endswith(escape_text(said.question))


def test_the_open_question_comes_from_the_bank() -> None:
    flow = nightly(1)
    reply = flow.handle(Rating(4))
    said = reply_speech(reply, flow, BANK, prompts())
    assert said.question == BANK.question("on-mind-tonight").text
    assert "four" in said.speech.ssml()


def test_a_retry_gives_an_example() -> None:
    flow = nightly(1)
    said = reply_speech(flow.handle(Rating(8)), flow, BANK, prompts())
    assert "a four" in said.speech.ssml() or "a three" in said.speech.ssml()


def test_the_last_answer_leaves_the_question_to_the_close() -> None:
    flow = nightly(1)
    flow.handle(Rating(4))
    said = reply_speech(flow.handle(Answer("x")), flow, BANK, prompts())
    assert said.question is None and said.speech


def test_the_weekly_validation_is_a_pause_before_moving_on() -> None:
    flow, _ = CheckInFlow.begin("w", NIGHT, WEEKLY, 2)
    said = reply_speech(flow.handle(Answer("x")), flow, BANK, prompts())
    assert '<break time="10s"/><break time="10s"/>' in said.speech.ssml()


@pytest.mark.parametrize(
    ("partners", "ratings", "expected"),
    [
        (1, [4], "four"),
        (1, [None], "No numbers|skipped the numbers"),
        (2, [4, 3], "a four and a three"),
        (2, [4, 4], "both felt about a four"),
        (2, [5, 2], "five.*two"),
        (2, [None, 2], "one of you"),
    ],
)
def test_the_reflection(partners: int, ratings: list[int | None], expected: str) -> None:
    flow = nightly(partners)
    flow.ratings = [*ratings, None][:2]
    assert re.search(expected, reflection(flow, prompts()))


def test_help_says_where_you_are_then_asks_again() -> None:
    flow = nightly()
    speech, question = help_speech(flow, BANK, prompts())
    assert "just you" in speech.ssml() and question.endswith("?")
    flow.handle(Partners(1))
    speech, _ = help_speech(flow, BANK, prompts())
    assert "one to five" in speech.ssml()


# --- the night's document, the merge and replays ---


def _record(household: Household, checkin_id: str, entry: CheckInEntry) -> None:
    CheckInRecorded(night=NIGHT, id=checkin_id, entry=entry).apply(household)


def test_two_devices_on_the_same_night_merge_and_a_replay_records_once() -> None:
    household = Household("h")
    one = nightly(1)
    one.handle(Rating(4))
    one.handle(Skip())
    two = nightly(1)
    two.handle(Rating(2))
    two.handle(Skip())
    for _ in range(2):
        _record(household, "device-a", one.record())
        _record(household, "device-b", two.record())
    assert set(household.entries(NIGHT)) == {"device-a", "device-b"}
    assert household.profile.streak_count == 1
    assert household.profile.recent_questions == {"on-mind-tonight": NIGHT}
    assert checked_in(household, NIGHT)


def test_a_stopped_check_in_is_resumable_until_finished_or_declined() -> None:
    household = Household("h")
    flow = nightly(2)
    flow.handle(Rating(4))
    entry = flow.record()
    entry.at = "2026-11-26T02:00:00+00:00"
    _record(household, "c1", entry)
    found = resumable(household, NIGHT)
    assert found is not None and found[0] == "c1"
    assert not checked_in(household, NIGHT)
    ResumeDeclined(night=NIGHT, id="c1").apply(household)
    assert resumable(household, NIGHT) is None


def test_nothing_answered_does_not_count_for_the_streak() -> None:
    household = Household("h")
    flow = nightly(1)
    flow.handle(Skip())
    flow.handle(Skip())
    _record(household, "c1", flow.record())
    assert household.profile.streak_count == 0
    assert household.profile.checkin_partners == 1


def test_a_taken_practice_is_marked_once() -> None:
    household = Household("h")
    _record(household, "c1", CheckInEntry(answered=1, practice=PracticeOffered("empathy")))
    change = PracticeTaken(night=NIGHT, id="c1")
    change.apply(household)
    change.apply(household)
    assert household.entries(NIGHT)["c1"].practice == PracticeOffered("empathy", taken=True)


# --- tonight ---


@pytest.mark.parametrize(
    ("local", "evening"),
    [
        ("2026-11-25T21:00", "2026-11-25"),
        ("2026-11-25T23:59", "2026-11-25"),
        ("2026-11-26T00:30", "2026-11-25"),
        ("2026-11-26T03:59", "2026-11-25"),
        ("2026-11-26T04:00", "2026-11-26"),
    ],
)
def test_after_midnight_counts_for_the_evening_before(local: str, evening: str) -> None:
    moment = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo("America/New_York"))
    assert evening_of(moment) == date.fromisoformat(evening)


# --- the question rotation ---


def test_the_bank_has_enough_questions_across_the_pillars() -> None:
    assert len(BANK.questions) >= 40
    assert {q.pillar for q in BANK.questions} == {"communication", "quality_time", "trust"}
    assert all(q.text.endswith("?") for q in BANK.questions)


def test_a_broken_questions_file_is_refused_with_its_path() -> None:
    question = {"id": "q", "pillar": "trust", "theme": "hope", "text": "Why?", "rephrase": "How?"}
    raw = {"questions": [question] * 40}
    with pytest.raises(ValueError, match="duplicate question ids"):
        parse_questions(raw)
    raw = {"questions": [{**question, "text": "Not one."}] * 40}
    with pytest.raises(ValueError, match=r"questions\[0\]\.text: must be a question"):
        parse_questions(raw)


def test_two_partners_get_different_themes_when_fresh_ones_allow() -> None:
    chosen = choose_questions(BANK, {}, date(2026, 11, 25), 2, random.Random(3))
    assert chosen[0].theme != chosen[1].theme


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    nights=st.lists(
        st.tuples(st.integers(1, 3), st.integers(1, 2), st.booleans()), min_size=1, max_size=60
    ),
)
def test_no_question_repeats_within_fourteen_nights_while_fresh_ones_remain(
    seed: int, nights: list[tuple[int, int, bool]]
) -> None:
    rng = random.Random(seed)
    recent: dict[str, str] = {}
    asked_on: dict[str, list[date]] = {}
    night = date(2026, 1, 1)
    for gap, partners, twice in nights:
        night += timedelta(days=gap)
        # Sometimes a second check-in the same evening (another device).
        for _ in range(2 if twice else 1):
            for question in choose_questions(BANK, recent, night, partners, rng):
                earlier = asked_on.setdefault(question.id, [])
                assert all((night - when).days > REPEAT_GAP_NIGHTS for when in earlier)
                earlier.append(night)
                recent = remember_asked(recent, [question.id], night)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32), size=st.integers(2, 8))
def test_with_no_fresh_question_left_the_longest_unasked_comes_back(seed: int, size: int) -> None:
    small = QuestionBank(BANK.questions[:size])
    rng = random.Random(seed)
    recent: dict[str, str] = {}
    night = date(2026, 1, 1)
    order: list[str] = []
    for offset in range(size * 3):
        evening = night + timedelta(days=offset)
        fresh_left = [q.id for q in small.questions if q.id not in recent]
        (question,) = choose_questions(small, recent, evening, 1, rng)
        if fresh_left:
            assert question.id in fresh_left
        else:
            assert question.id == min(recent, key=lambda qid: (recent[qid], qid))
        order.append(question.id)
        recent = remember_asked(recent, [question.id], evening)
    assert len(set(order[:size])) == size


def test_checking_in_again_replaces_the_earlier_one_once_finished() -> None:
    household = Household("h")
    first = nightly(1)
    first.handle(Rating(4))
    first.handle(Skip())
    _record(household, "first", first.record())
    again = nightly(1)
    again.handle(Rating(2))
    half_way = again.record()
    CheckInRecorded(night=NIGHT, id="again", entry=half_way, replaces="first").apply(household)
    # Stopped half-way: the finished one stays, beside the one to resume.
    assert set(household.entries(NIGHT)) == {"first", "again"}
    again.handle(Skip())
    finished = again.record()
    CheckInRecorded(night=NIGHT, id="again", entry=finished, replaces="first").apply(household)
    assert set(household.entries(NIGHT)) == {"again"}
    assert household.entries(NIGHT)["again"].ratings == [2]
