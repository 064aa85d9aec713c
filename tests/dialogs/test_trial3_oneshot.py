"""The first line of a new session, said without "open heart talks" (trial 3, 2 December).

A tester's pre-written line sometimes came after the skill had closed the session. The
simulator sends such a line as a one-shot ("Alexa, ask heart talks to …"), and a one-shot
reaches the skill only as the intent the interaction model's samples resolve it to: no slot
is being elicited, so the skill never reads the words itself. Plain requests ("what's our
streak", "can we keep going with the check in") failed there while they worked in a session.
Each test here is a trial line said as a one-shot, in the tester's words.
"""

from __future__ import annotations

from skill.cli import one_shot_note
from tests.support.talk import Talk, household_that_said, new_household


def after_an_evening(*lines: str) -> Talk:
    """A household that opened the skill, said ``lines``, and whose session has ended."""
    couple = household_that_said(*lines)
    couple.end_session()
    couple.advance(minutes=2)
    return couple


def test_the_simulator_says_when_a_line_went_to_the_skill_only_as_an_assumed_one_shot() -> None:
    couple = after_an_evening("hello")
    assumed = couple("actually wait, what's our streak")
    note = one_shot_note(couple.simulator, assumed)
    assert assumed.assumed_invocation and note is not None
    assert "ask heart talks actually wait, what's our streak" in note
    assert 'say "open heart talks"' in note
    # Inside the session it opened, and when the skill is named, nothing is assumed.
    inside = couple("how are we doing this week")
    couple.end_session()
    named = couple("ask heart talks how are we doing this week")
    for turn in (inside, named):
        assert not turn.assumed_invocation and one_shot_note(couple.simulator, turn) is None


def test_a_first_line_before_any_session_is_an_assumed_one_shot_too() -> None:
    couple = new_household()
    assert couple("how are we doing this week").assumed_invocation
