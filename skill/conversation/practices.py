"""Choosing a practice and pacing its reading: pure functions, no Alexa types.

A reading is split into parts so the couple can move through it by voice:
part 0 is why the practice matters, then one part per step of the exercise
(each with the pause to do it), the last step closing with the reflection
question. Every part ends by handing the turn back with a question.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from skill.content.practices import Pillar, Practice, PracticeLibrary, Step
from skill.content.prompts import Prompts
from skill.conversation.spoken import spoken_list
from skill.speech import Speech


def choose_practice(
    library: PracticeLibrary,
    heard: Sequence[str],
    rng: random.Random,
    pillar: Pillar | None = None,
    exclude: str | None = None,
) -> Practice:
    """Prefer a practice the household has not heard; else the one heard longest ago."""
    candidates = [
        p
        for p in library.practices
        if (pillar is None or p.id in pillar.practice_ids) and p.id != exclude
    ] or list(library.practices)
    fresh = [p for p in candidates if p.id not in heard]
    if fresh:
        return rng.choice(fresh)
    order = {practice_id: index for index, practice_id in enumerate(heard)}
    return min(candidates, key=lambda p: order.get(p.id, -1))


def part_count(practice: Practice, alone: bool = False) -> int:
    """Parts of a reading: the why, then one per step (of the form read: ``alone`` or not)."""
    return 1 + len(practice.form(alone=alone).steps)


#: A step where the partners change turns ("Now swap. Partner two, share ...").
_SWAP = re.compile(r"\bswap\b", re.IGNORECASE)


def swap_part(practice: Practice, after: int, alone: bool = False) -> int | None:
    """The part, after part ``after``, where the partners swap and the other one speaks; None
    when the form read has no such part still ahead."""
    steps = practice.form(alone=alone).steps
    for index in range(max(after, 0), len(steps)):
        if _SWAP.search(steps[index].say):
            return index + 1
    return None


#: About how long a step takes to be read aloud, on top of its pause.
SECONDS_TO_READ_A_STEP = 15


def rough_minutes(steps: Sequence[Step]) -> int:
    """About how many minutes ``steps`` take: each read aloud, then its pause; rounded up, and
    never under two (the closing question takes a moment too)."""
    seconds = sum(step.pause_seconds + SECONDS_TO_READ_A_STEP for step in steps)
    return max(2, -(-seconds // 60))


@dataclass(frozen=True)
class ReadingPart:
    """What to say for one part of a reading, and the question that hands the turn back."""

    speech: Speech
    reprompt: str
    is_last: bool


def reading_part(
    practice: Practice, index: int, prompts: Prompts, alone: bool = False
) -> ReadingPart:
    """The ``index``-th part of ``practice`` (0 = opener and why), in its one-person form when
    someone is ``alone``."""
    form = practice.form(alone=alone)
    last = part_count(practice, alone) - 1
    if not 0 <= index <= last:
        raise IndexError(index)
    speech = Speech()
    if index == 0:
        # Someone on their own hears an opener spoken to one person ("…together" is for two).
        openers = form.openers if alone and form.openers else practice.openers
        key = (
            f"opener.solo.{practice.id}"
            if openers is not practice.openers
            else f"opener.{practice.id}"
        )
        chosen = prompts.choose(key, openers)
        question = prompts.say("practice.solo.ready" if alone else "practice.ready")
        speech.say(chosen, form.why or practice.why, question)
        return ReadingPart(speech, question, is_last=False)
    step = form.steps[index - 1]
    speech.say(step.say).pause(step.pause_seconds)
    if index < last:
        question = prompts.say("practice.next_step")
        speech.say(question)
        return ReadingPart(speech, question, is_last=False)
    question = prompts.say("practice.after")
    speech.say(prompts.say("practice.closing"), form.closing_question).pause(10)
    speech.say(question)
    return ReadingPart(speech, question, is_last=True)


#: "What do you mean?" mid-practice hears this many sentences of the practice's why.
EXPLAIN_SENTENCES = 2


def explanation(practice: Practice, alone: bool = False) -> str:
    """The idea behind ``practice`` in its first sentences (of the form read), for "what do you
    mean?" in the middle of a reading: the whole why again would bury the step."""
    why = practice.form(alone=alone).why or practice.why
    sentences = re.split(r"(?<=[.!?])\s+", why.strip())
    return " ".join(sentences[:EXPLAIN_SENTENCES])


def card_text(practice: Practice, alone: bool = False) -> str:
    """The practice as plain text for the Alexa app card (no SSML), in the form read."""
    form = practice.form(alone=alone)
    lines = [form.why or practice.why, ""]
    lines += [f"{n}. {step.say}" for n, step in enumerate(form.steps, start=1)]
    lines += ["", form.closing_question]
    return "\n".join(lines)


def menu_speech(library: PracticeLibrary, prompts: Prompts) -> tuple[Speech, str]:
    """What the skill can teach: the three pillars and their practices."""
    speech = Speech().say(prompts.say("practice.menu_intro"))
    for pillar in library.pillars:
        names = [library.practice(pid).name for pid in pillar.practice_ids]
        speech.say(f"{pillar.name}: {spoken_list(names)}.")
    question = prompts.say("practice.menu_question")
    return speech.say(question), question
