"""Reading a practice aloud: what a couple can ask in the middle of it."""

from __future__ import annotations

from skill.content.practices import practice_library
from skill.conversation.dialog import ReadingPractice, decode_state
from skill.conversation.practices import explanation
from tests.support.memory_store import MemoryStore
from tests.support.talk import Talk, app_on, said


def test_what_do_you_mean_mid_practice_gives_the_idea_behind_it_not_the_step_again() -> None:
    talk = Talk(app_on(MemoryStore()))
    talk.launch()
    talk("teach us about validation")
    step = talk("next")
    asked = talk("what do you mean")
    validation = practice_library("en-US").practice("validation")
    assert said(asked.speech, "practice.explain"), asked.speech
    assert explanation(validation) in asked.speech
    first_step = validation.form(alone=False).steps[0].say
    # The idea in other words, not the same step word for word ("read it again" reads it).
    assert first_step in step.speech and first_step not in asked.speech
    state = decode_state(talk.session_attributes.get("state"))
    assert isinstance(state, ReadingPractice) and state.part == 1


def test_the_explanation_is_the_first_sentences_of_the_why_only() -> None:
    validation = practice_library("en-US").practice("validation")
    short = explanation(validation)
    assert validation.why.startswith(short) and len(short) < len(validation.why)
    assert short.endswith((".", "!", "?"))
