"""Thirty nights in: a conversation that stays fresh and fits the moment.

One household lives a month with the skill (:func:`tests.support.nights.live_a_month`):
both partners most evenings, one alone on some, offers taken and declined, a
date idea now and then, a morning visit, a second check-in the same evening.
Each test reads that month for one promise; the variety report is printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from functools import cache

import pytest

from skill.content.dates import date_catalogue
from skill.content.practices import practice_library
from skill.conversation.dates import TIME_LIMITS
from skill.conversation.recommend import REST_AFTER_DECLINE_DAYS, REST_AFTER_TWO_DECLINES_DAYS
from skill.handlers.checkin import INSTRUCTED_CHECKINS
from tests.support.memory_store import MemoryStore
from tests.support.nights import (
    ALONE_NIGHTS,
    MORNING_EXCHANGES,
    MORNING_NIGHTS,
    NO_REMINDER_NIGHT,
    TWICE_NIGHTS,
    Night,
    live_a_month,
    sentences,
    variety_report,
)
from tests.support.talk import Talk, app_on, said

#: No sentence of more than three words is heard on more than this share of the nights.
MOST_NIGHTS_FOR_ONE_SENTENCE = 1 / 3


@cache
def month() -> tuple[Night, ...]:
    return tuple(live_a_month(Talk(app_on(MemoryStore()))))


@pytest.fixture(scope="module", autouse=True)
def variety_report_printed(request: pytest.FixtureRequest) -> Iterator[None]:
    """The variety report, printed once the module has run."""
    yield
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\n" + variety_report(list(month())).text())


def checkin_nights() -> list[Night]:
    return [n for n in month() if n.acknowledged]


def test_no_sentence_is_heard_on_more_than_a_third_of_the_nights() -> None:
    report = variety_report(list(month()))
    limit = int(len(month()) * MOST_NIGHTS_FOR_ONE_SENTENCE)
    worn = [(s, n) for s, n in report.repeated if n > limit]
    assert not worn, report.text(len(worn) + 3)


def test_what_can_be_said_at_any_step_is_told_on_the_first_check_ins_only() -> None:
    told = [said(n.speech, "checkin.instructions") for n in checkin_nights()]
    assert told[:INSTRUCTED_CHECKINS] == [True] * INSTRUCTED_CHECKINS
    assert not any(told[INSTRUCTED_CHECKINS:])


def test_acknowledgements_fit_what_was_shared() -> None:
    heard = [(tone, speech) for n in month() for tone, speech in n.acknowledged]
    assert {tone for tone, _ in heard} == {"heavy", "warm", "plain"}
    for tone, speech in heard:
        # A heavy answer to a question that asked for something good is thanked honestly.
        fits = ("heavy", "honest") if tone == "heavy" else (tone,)
        assert any(said(speech, f"checkin.ack.answer.{key}") for key in fits), (tone, speech)


def test_a_declined_practice_rests() -> None:
    declined: dict[str, list[int]] = {}
    for night in month():
        if night.offered is None:
            continue
        for practice, evenings in declined.items():
            since = night.number - evenings[-1]
            rest = REST_AFTER_TWO_DECLINES_DAYS if len(evenings) >= 2 else REST_AFTER_DECLINE_DAYS
            asleep = since < rest if len(evenings) >= 2 else since <= rest
            assert not (asleep and night.offered == practice), (night.number, practice, evenings)
        if night.answer_to_offer == "no thanks":
            declined.setdefault(night.offered, []).append(night.number)
    assert any(len(evenings) >= 2 for evenings in declined.values()) or len(declined) > 3


def test_declining_the_practice_ends_the_evening_warmly_without_the_menu() -> None:
    for night in month():
        if night.answer_to_offer not in ("no thanks", "not tonight"):
            continue
        answer = next(e for e in night.exchanges if e.said == night.answer_to_offer)
        assert answer.ended, answer.speech
        # "Not tonight" keeps the practice for another evening; "no" lets it rest.
        close = (
            "checkin.not_tonight"
            if night.answer_to_offer == "not tonight"
            else "practice.declined.rest"
        )
        assert said(answer.speech, close), answer.speech
        assert not said(answer.speech, "reprompt.idle")


def test_ratings_are_said_back_as_given() -> None:
    together = [n for n in checkin_nights() if not n.alone]
    assert together
    for night in together:
        assert said(night.speech, "checkin.reflect.pair"), night.number
        assert not re.search(r"about a four", night.speech)


def test_someone_alone_is_offered_and_read_the_one_person_form() -> None:
    library = practice_library("en-US")
    for number in ALONE_NIGHTS:
        night = month()[number]
        assert said(night.speech, "practice.solo.offer"), number
        if night.answer_to_offer == "yes" and night.offered is not None:
            solo = library.practice(night.offered).form(alone=True)
            read = " ".join(night.read)
            assert solo.steps[0].say in read, number
            # Opened for one person too: one of the solo form's own first lines.
            assert any(opener in read for opener in solo.openers), read
            assert not re.search(r"\btogether\b", read), read
    assert any(month()[n].answer_to_offer == "yes" for n in ALONE_NIGHTS)


def test_a_morning_visit_is_greeted_for_the_morning_and_never_told_goodnight() -> None:
    for number in MORNING_NIGHTS:
        morning = month()[number].exchanges[:4]
        assert said(morning[0].speech, "welcome.back.morning"), morning[0].speech
        words = " ".join(e.speech for e in morning).lower()
        assert not re.search(r"good ?night|sleep well|tonight's|this evening", words), words


def test_a_second_check_in_the_same_evening_is_recognised() -> None:
    for number in TWICE_NIGHTS:
        assert said(month()[number].speech, "checkin.already_tonight")


def test_stopping_reminders_when_there_are_none_says_so() -> None:
    night = month()[NO_REMINDER_NIGHT]
    assert said(night.speech, "reminders.none_to_stop")
    assert "still on" not in night.speech


def test_date_ideas_fit_the_evening_and_never_double_their_lead_in() -> None:
    titles = {idea.title: idea for idea in date_catalogue("en-US").ideas}
    evening_limit = TIME_LIMITS["evening"] or 0
    pitched = 0
    for night in month():
        for index, exchange in enumerate(night.exchanges):
            lead_ins = [s for s in sentences(exchange.speech) if s.startswith("Here's one")]
            assert len(lead_ins) <= 1, exchange.speech
            if exchange.said not in ("a date idea", "another one"):
                continue
            idea = next((i for t, i in titles.items() if f" {t}" in exchange.speech), None)
            assert idea is not None, exchange.speech
            pitched += 1
            assert idea.cost != "splurge", (night.number, idea.title)
            in_the_morning = night.number in MORNING_NIGHTS and index < MORNING_EXCHANGES
            if not in_the_morning:
                assert not idea.at_dawn and idea.minutes <= evening_limit, idea.title
    assert pitched >= 10


def test_an_afternoon_check_in_and_its_practice_say_today_not_tonight() -> None:
    talk = Talk(app_on(MemoryStore()), start=datetime.fromisoformat("2026-11-25T14:30:00-05:00"))
    talk.launch()
    talk.check_in("He made lunch.", "She called my mother.")
    offer = talk.last
    assert offer is not None and "practice" in offer.speech.lower(), offer
    read = talk("yes")
    words = f"{offer.speech} {read.speech}".lower()
    assert "tonight" not in words and "this evening" not in words, words
    assert "today" in words, words
