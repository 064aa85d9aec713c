"""Choosing and pacing practices, without Alexa."""

from __future__ import annotations

import itertools
import random

from skill.content.practices import practice_library
from skill.content.prompts import Prompts, prompt_bank
from skill.conversation.practices import choose_practice, menu_speech, part_count, reading_part

LIBRARY = practice_library("en-US")


def prompts(seed: int = 1) -> Prompts:
    return Prompts(prompt_bank("en-US"), random.Random(seed), {})


def test_prefers_practices_not_heard_yet() -> None:
    heard = [p.id for p in LIBRARY.practices[:-1]]
    for seed in range(20):
        assert choose_practice(LIBRARY, heard, random.Random(seed)).id == LIBRARY.practices[-1].id


def test_when_all_heard_picks_the_one_heard_longest_ago() -> None:
    heard = [p.id for p in LIBRARY.practices]
    assert choose_practice(LIBRARY, heard, random.Random(3)).id == heard[0]


def test_pillar_limits_the_choice() -> None:
    pillar = LIBRARY.pillar("trust")
    picks = {choose_practice(LIBRARY, [], random.Random(s), pillar=pillar).id for s in range(50)}
    assert picks == set(pillar.practice_ids)


def test_the_repair_conversation_is_never_chosen_or_listed() -> None:
    for seed in range(30):
        for heard in ([], [p.id for p in LIBRARY.practices]):
            assert choose_practice(LIBRARY, heard, random.Random(seed)).id != "repair"
    speech, _ = menu_speech(LIBRARY, prompts())
    assert LIBRARY.repair.name not in speech.ssml()


def test_every_part_hands_the_turn_back_with_a_question() -> None:
    for practice in LIBRARY.everything:
        p = prompts()
        for index in range(part_count(practice)):
            part = reading_part(practice, index, p)
            assert part.reprompt.endswith("?")
            assert part.speech.ssml().endswith("?")
            assert part.is_last == (index == part_count(practice) - 1)


def test_the_last_part_asks_the_closing_question() -> None:
    practice = LIBRARY.practice("forgiveness")
    last = reading_part(practice, part_count(practice) - 1, prompts())
    assert practice.closing_question in last.speech.ssml()


def test_openers_and_prompts_do_not_repeat_back_to_back() -> None:
    p = prompts(7)
    practice = LIBRARY.practice("empathy")
    openers = [reading_part(practice, 0, p).speech.ssml().split(".")[0] for _ in range(10)]
    assert all(a != b for a, b in itertools.pairwise(openers))
    said = [p.say("goodbye") for _ in range(10)]
    assert all(a != b for a, b in itertools.pairwise(said))
