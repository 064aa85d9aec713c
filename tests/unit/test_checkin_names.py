"""The check-in by name: each partner asked by name, the reflection says who felt what."""

from __future__ import annotations

import random
import re

from skill.content.prompts import Prompts, prompt_bank
from skill.content.questions import question_bank
from skill.conversation.checkin import Answer, CheckInFlow, Partners, Rating, Reply
from skill.conversation.checkin_speech import closing_speech, reflection, reply_speech
from skill.conversation.voices import turn_names
from skill.speech import ssml_to_text

BANK = question_bank("en-US")
NIGHT = "2026-11-25"
SAM_ALEX = ["Sam", "Alex"]
RATING_BY_NAME = re.compile(r"^(\w+), (on a scale of|from) one to five")


def prompts(seed: int = 0) -> Prompts:
    return Prompts(prompt_bank("en-US"), random.Random(seed), {})


def nightly(partners: int = 2, speaker: int | None = None) -> tuple[CheckInFlow, Reply]:
    return CheckInFlow.begin(
        "c1", NIGHT, "nightly", partners, ["on-mind-tonight", "hope-for-tomorrow"], speaker=speaker
    )


def said(reply: Reply, flow: CheckInFlow, names: list[str]) -> tuple[str, str]:
    out = reply_speech(reply, flow, BANK, prompts(), turn_names(names, flow.speaker, flow.partners))
    assert out.question is not None
    return ssml_to_text(out.speech.ssml()), out.question


def test_each_partner_is_asked_by_name_and_the_reprompt_names_them_too() -> None:
    flow, reply = nightly()
    speech, question = said(reply, flow, SAM_ALEX)
    assert RATING_BY_NAME.match(question).group(1) == "Sam"  # type: ignore[union-attr]
    assert speech.endswith(question)
    # No "whoever goes first" once there is a name to say.
    assert "first" not in speech.lower()
    speech, question = said(flow.handle(Rating(4)), flow, SAM_ALEX)
    assert re.search(r"(Sam, here's a question for you|This one is for you, Sam)", speech)
    speech, question = said(flow.handle(Answer("the soup")), flow, SAM_ALEX)
    assert RATING_BY_NAME.match(question).group(1) == "Alex"  # type: ignore[union-attr]
    assert "other one" not in speech


def test_the_speaker_goes_first() -> None:
    flow, reply = nightly(speaker=1)
    _, question = said(reply, flow, SAM_ALEX)
    assert question.startswith("Alex, ")


def test_without_names_the_words_are_as_before() -> None:
    flow, reply = nightly()
    unnamed = reply_speech(reply, flow, BANK, prompts())
    empty = reply_speech(reply, flow, BANK, prompts(), turn_names([], None, 2))
    assert (unnamed.speech.ssml(), unnamed.question) == (empty.speech.ssml(), empty.question)
    assert not RATING_BY_NAME.match(unnamed.question or "")


def test_one_partner_is_named_only_when_it_is_clear_who() -> None:
    flow, reply = nightly(partners=0)
    reply = flow.handle(Partners(1))
    # Two names, and no voice to say which of them is here: nobody is named.
    _, question = said(reply, flow, SAM_ALEX)
    assert not RATING_BY_NAME.match(question)
    _, question = said(reply, flow, ["Sam"])
    assert question.startswith("Sam, ")
    flow.speaker = 1
    _, question = said(reply, flow, SAM_ALEX)
    assert question.startswith("Alex, ")


def test_the_reflection_says_who_felt_what() -> None:
    flow, _ = nightly()
    flow.handle(Rating(4))
    flow.handle(Answer("the soup"))
    flow.handle(Rating(2))
    text = reflection(flow, prompts(), SAM_ALEX)
    assert re.search(r"Sam felt a four, and Alex a two|a four for Sam, and a two for Alex", text)
    unnamed = reflection(flow, prompts(), [])
    assert "four" in unnamed and "Sam" not in unnamed and "Alex" not in unnamed


def test_a_single_rating_is_said_by_name() -> None:
    flow, _ = nightly()
    flow.handle(Rating(None))
    flow.handle(Rating(None))  # skipped after one retry
    flow.handle(Answer("the soup"))
    flow.handle(Rating(5))
    assert "Alex" in reflection(flow, prompts(), SAM_ALEX)
    assert "Sam" not in reflection(flow, prompts(), SAM_ALEX)


def test_the_close_thanks_both_by_name() -> None:
    flow, _ = nightly()
    for event in (Rating(4), Answer("a"), Rating(4), Answer("b")):
        flow.handle(event)
    speech, _ = closing_speech(flow, None, "Empathy", "any", prompts(), SAM_ALEX)
    assert "Sam and Alex" in ssml_to_text(speech.ssml())


def test_the_weekly_check_in_names_who_listens_to_whom() -> None:
    flow, reply = CheckInFlow.begin("w1", NIGHT, "weekly", 2)
    speech, question = said(reply, flow, SAM_ALEX)
    assert question.startswith("Sam, ") and "Alex" in question
    speech, question = said(flow.handle(Answer("the walk you planned")), flow, SAM_ALEX)
    assert re.search(
        r"Alex: say back what you heard from Sam|Alex, before we go on, tell Sam", speech
    )
    assert question.startswith("Alex, ") and "Sam" in question
