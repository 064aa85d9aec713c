"""The fifth December trial (dec2, trial 5), in the testers' words: inside a practice, an
answer followed by "next" goes to the next step (it had jumped to a date idea or another
practice eight times across five couples); someone alone keeps the one-person form; and a
practice picked up again goes on where it stopped.
"""

from __future__ import annotations

import pytest

from skill.content.practices import practice_library
from skill.conversation.dialog import BrowsingDates, ReadingPractice
from tests.support.talk import (
    Talk,
    at_practice_step,
    household_that_said,
    practice_step,
    reading,
    robin_alone_at_the_first_step,
    robin_alone_then_a_date_idea,
    said,
    state_of,
)

# --- an answer, then "next": the next step, in the same practice ---------------------------------


@pytest.mark.parametrize(
    ("practice", "name", "at", "line"),
    [
        # distance e1 #10: Maya, with Sam on the phone from Lisbon (it pitched a love letter swap).
        (
            "active_listening",
            "active listening",
            1,
            "well he's on the phone so we can't see each other but ok, next",
        ),
        # distance e3 #17 (it pitched recreating their first date).
        ("validation", "validation", 2, "ok I did it. he says it was weird but nice. next step"),
        # memory e1 #12: Harold (it pitched a new cuisine night).
        ("active_listening", "active listening", 1, "I can see her fine. next"),
        # memory e1 #19 (it began the unplugging practice instead).
        (
            "active_listening",
            "active listening",
            3,
            "her sister Ruth phoned about Christmas, and, um, she's worried about the drive. "
            "did I get that right June? she says yes. next",
        ),
        # memory e1 #26 (it pitched a blind taste test).
        (
            "active_listening",
            "active listening",
            2,
            "he talked about the birds at the feeder. ok next",
        ),
        # twins e3 #12 (it pitched a home spa night).
        ("validation", "validation", 1, "she did her mum rant. yeah next"),
        # sarcastic e2 #12 (it read the introduction again).
        (
            "active_listening",
            "active listening",
            2,
            "ok I ranted about my boss being a clown, she didn't even interrupt, shocking. next",
        ),
        # memory e1 #22 (the introduction, a fourth time).
        (
            "active_listening",
            "active listening",
            1,
            "what are we doing again? the listening, right. yes, next step",
        ),
    ],
)
def test_an_answer_then_next_goes_to_the_next_step(
    practice: str, name: str, at: int, line: str
) -> None:
    couple = at_practice_step(practice, name, at)
    heard = couple(line)
    state = reading(couple)
    assert (state.practice, state.part) == (practice, at + 1), heard.speech
    assert practice_step(practice, at + 1) in heard.speech, heard.speech


def test_an_answer_then_next_alone_goes_to_the_next_one_person_step() -> None:
    # quiet e1 #7: it pitched a puzzle and playlist night to someone alone.
    robin = robin_alone_at_the_first_step()
    heard = robin("mm. my sister, I guess. she just let me talk. ok next")
    state = reading(robin)
    assert (state.practice, state.part, state.alone) == (state.practice, 2, True), heard.speech
    assert practice_step(state.practice, 2, alone=True) in heard.speech, heard.speech


@pytest.mark.parametrize("line", ["next step", "ok next step", "go on to the next step"])
def test_next_step_said_on_its_own_is_the_next_step_not_a_date_idea(line: str) -> None:
    couple = at_practice_step("active_listening", "active listening", 1)
    heard = couple(line)
    assert not isinstance(state_of(couple), BrowsingDates), heard.speech
    assert reading(couple).part == 2, heard.speech


@pytest.mark.parametrize(
    "line", ["no he didn't interrupt me once. next", "June went first, then me. carry on"]
)
def test_any_answer_then_a_word_to_go_on_is_the_next_step(line: str) -> None:
    couple = at_practice_step("active_listening", "active listening", 2)
    heard = couple(line)
    assert reading(couple).part == 3, heard.speech


def test_put_off_with_next_in_it_still_pauses_the_practice() -> None:
    couple = at_practice_step("active_listening", "active listening", 2)
    heard = couple("not tonight, maybe next week")
    assert not isinstance(state_of(couple), ReadingPractice), heard.speech


# --- someone alone keeps the one-person form ----------------------------------------------------


def test_finishing_a_practice_left_alone_goes_on_alone_where_it_stopped() -> None:
    # quiet e1 #9: it began again from the introduction, in the form for two.
    robin = robin_alone_then_a_date_idea()
    heard = robin("no. the listening practice. can I finish it")
    state = reading(robin)
    assert (state.practice, state.part, state.alone) == ("active_listening", 2, True), heard.speech
    assert practice_step("active_listening", 2, alone=True) in heard.speech
    assert "each other" not in heard.speech.lower()


def test_just_me_at_the_check_in_carries_into_a_practice_asked_for_later() -> None:
    robin = household_that_said(
        "um, it's just me, he's asleep. can I still do the check in on my own?",
        "I dunno. three maybe. he was working late again",
        "that I'd kind of like to go back to work part time. I haven't brought it up. "
        "he likes me being home",
    )
    robin("no thanks")
    heard = robin("read me the validation practice")
    assert reading(robin).alone, heard.speech


def _two_person_reading_for_robin() -> Talk:
    """Robin, alone but not having said so, read active listening in the form for two."""
    robin = household_that_said("read me the active listening practice")
    assert not reading(robin).alone
    return robin


def test_its_just_me_though_at_the_introduction_switches_to_the_one_person_form() -> None:
    # quiet e1 #10: "Sit so you can see each other."
    robin = _two_person_reading_for_robin()
    heard = robin("it's just me though. he's asleep. whatever, yes")
    state = reading(robin)
    assert (state.part, state.alone) == (1, True), heard.speech
    assert practice_step("active_listening", 1, alone=True) in heard.speech
    assert "see each other" not in heard.speech


def test_no_one_to_sit_with_mid_practice_switches_to_the_one_person_form() -> None:
    # quiet e1 #11: it offered to redo the check-in.
    robin = _two_person_reading_for_robin()
    robin("yes")
    heard = robin("there's no one to sit with. it's just me")
    state = reading(robin)
    assert (state.practice, state.part, state.alone) == ("active_listening", 1, True), heard.speech
    assert practice_step("active_listening", 1, alone=True) in heard.speech
    assert "check-in" not in heard.speech.lower()


def test_a_story_of_being_alone_mid_practice_is_no_switch() -> None:
    couple = at_practice_step("active_listening", "active listening", 2)
    heard = couple("sometimes it feels like it's just me holding it together")
    state = state_of(couple)
    assert not (isinstance(state, ReadingPractice) and state.alone), heard.speech


# --- a practice picked up again goes on where it stopped -----------------------------------------


def test_a_practice_asked_for_again_after_a_pause_goes_on_where_it_stopped() -> None:
    couple = at_practice_step("active_listening", "active listening", 2)
    couple("no")  # paused: the menu
    heard = couple("the listening practice please")
    state = reading(couple)
    assert (state.practice, state.part) == ("active_listening", 2), heard.speech
    assert said(heard.speech, "practice.resumed"), heard.speech
    assert practice_library("en-US").practice("active_listening").why not in heard.speech


def test_where_we_left_off_after_another_practice_is_the_step_it_stopped_at() -> None:
    # memory e1 #19-#21: another practice began at the third step, and "from where we left off"
    # went back to the first step (the introduction came a third time the turn after).
    couple = at_practice_step("active_listening", "active listening", 3)
    couple("read us the unplugging practice")
    couple("no, that's a different one. we were in the middle of the listening one")
    heard = couple("the listening practice please. from where we left off")
    state = reading(couple)
    assert (state.practice, state.part) == ("active_listening", 3), heard.speech
    assert practice_step("active_listening", 3) in heard.speech
