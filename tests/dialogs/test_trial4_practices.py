"""The fourth December trial (dec2, trial 4), in the testers' words: keeping answers asked
about (a question is never consent), practices asked for by a trouble (money), the love-maps
practice, the difference between two practices and how many there are, and who is here said
at the check-in's offer (names with news, one partner named as the one here).
"""

from __future__ import annotations

import pytest

from skill.conversation.dialog import (
    JournalOffer,
    Offering,
)
from tests.support.talk import Talk, household_that_said, new_household, said, state_of


def _returning() -> Talk:
    """A household that came once before and is back the next evening: the evening welcome
    asks whether now is a good time for tonight's check-in."""
    couple = new_household()
    couple.launch()
    couple("goodbye")
    couple.next_day()
    couple.launch()
    return couple


# --- keeping answers: asked about, explained, and asked ------------------------------------------


def test_asking_how_keeping_answers_works_explains_and_asks_first() -> None:
    couple = _returning()
    couple("how are we doing, like are we doing better than last week")
    heard = couple("ok and if we wanted you to remember what we say, how does that work")
    assert not couple.profile().keep_answers, heard.speech
    assert said(heard.speech, "journal.explain"), heard.speech
    assert said(heard.speech, "journal.offer"), heard.speech
    assert isinstance(state_of(couple), Offering)
    assert isinstance(state_of(couple).offer, JournalOffer)  # type: ignore[union-attr]
    heard = couple("yes")
    assert couple.profile().keep_answers, heard.speech
    assert said(heard.speech, "journal.on"), heard.speech


def test_no_after_the_explanation_keeps_nothing_and_the_evening_goes_on() -> None:
    couple = household_that_said("if we wanted you to remember what we say, how does that work")
    heard = couple("no")
    assert not couple.profile().keep_answers
    assert said(heard.speech, "journal.not_started"), heard.speech
    assert couple.session_open


@pytest.mark.parametrize(
    "line",
    [
        "do you keep a journal",
        "is it like a diary",
        "is there a way to look back on what we said",
        "how do we keep our answers",
        "what if we wanted you to keep a record",
        "so do you remember what we say",
    ],
)
def test_a_question_about_keeping_answers_switches_nothing_on(line: str) -> None:
    couple = household_that_said(line)
    assert not couple.profile().keep_answers, couple.last.speech if couple.last else ""


@pytest.mark.parametrize(
    "line",
    ["keep our answers", "can you start keeping a diary of what we say each night"],
)
def test_a_clear_instruction_still_keeps_answers(line: str) -> None:
    couple = household_that_said(line)
    assert couple.profile().keep_answers

