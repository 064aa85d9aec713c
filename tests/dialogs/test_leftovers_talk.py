"""Leftovers of the December new-user trials: a last part read again, "next" to the repair
conversation, a check-in let drop after care, a story told at the menu, a pronoun kept as a
name, and a date idea that named the hour.

Each test is what a fresh tester's couple said, in their words.
"""

from __future__ import annotations

from skill.content.practices import practice_library
from skill.conversation.dialog import ReadingPractice
from tests.support.talk import household_that_said, state_of

# --- in the middle of a practice -----------------------------------------------------------------


def test_read_that_last_part_again_mid_practice_reads_the_step_again() -> None:
    """first smart speaker: "would you read that last part again please" was not understood."""
    couple = household_that_said("teach us about validation")
    step = couple("next")
    first_step = practice_library("en-US").practice("validation").form(alone=False).steps[0].say
    assert first_step in step.speech
    again = couple("would you read that last part again please")
    assert first_step in again.speech, again.speech
    state = state_of(couple)
    assert isinstance(state, ReadingPractice) and state.part == 1, state
    again = couple("would you read that last part again please, i missed it")
    assert first_step in again.speech, again.speech
