"""The practice screen's datasource: the part being read, and the quiet while a pause runs.

Part 0 is why the practice helps (a paragraph, in body type); each later part
is one step in large type, as Alexa reads it. A step with a pause gets a
breathing light that starts once the step has been read (estimated at
Alexa's 150 words a minute) and breathes, four seconds a breath, for as long
as the pause lasts.
"""

from __future__ import annotations

import math
from typing import Any

from skill.content.practices import Practice
from skill.content.screens import ScreenWords
from skill.screens.touch import Tap, Touch, button

#: How fast Alexa speaks, to know when a step's pause begins.
WORDS_PER_MINUTE = 150
#: One breath of the light, in and out being two runs of the animation.
BREATH_MS = 4000


def _pause(words: ScreenWords, said: str, seconds: int) -> dict[str, Any]:
    if seconds <= 0:
        return {"seconds": 0, "delay": 0, "breaths": 0, "caption": ""}
    return {
        "seconds": seconds,
        "delay": round(len(said.split()) * 60_000 / WORDS_PER_MINUTE),
        # The animation runs once and then repeats: enough runs to cover the pause.
        "breaths": max(0, math.ceil(seconds * 1000 / BREATH_MS) - 1),
        "caption": words.text("practice.pause"),
    }


def practice_data(
    words: ScreenWords, practice: Practice, part: int, alone: bool = False
) -> dict[str, Any]:
    """What the screen shows while part ``part`` of ``practice`` is read (0: why it helps), in
    the form read aloud (its one-person form for someone ``alone``)."""
    form = practice.form(alone=alone)
    total = len(form.steps)
    if not 0 <= part <= total:
        raise IndexError(part)
    title = practice.name[:1].upper() + practice.name[1:]
    if part == 0:
        return {
            "title": title,
            "where": words.text("practice.why"),
            "text": form.why or practice.why,
            "large": False,
            "after": "",
            "pause": _pause(words, "", 0),
            "buttons": [button(words.text("practice.begin"), Tap(Touch.NEXT_STEP), primary=True)],
        }
    step = form.steps[part - 1]
    last = part == total
    label = words.text("practice.last" if last else "practice.next")
    return {
        "title": title,
        "where": words.text("practice.step", number=part, total=total),
        "text": step.say,
        "large": True,
        "after": form.closing_question if last else "",
        "pause": _pause(words, step.say, step.pause_seconds),
        "buttons": [button(label, Tap(Touch.NEXT_STEP), primary=not last)],
    }
