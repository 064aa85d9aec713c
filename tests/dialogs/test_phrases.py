"""How much of what couples say the skill understands, measured on phrasings it was not tuned on.

Every line of the persona corpus (``tests/phrases``) is said where it belongs,
to a fresh household, through the real envelope path, and judged by what the
skill did (:mod:`tests.support.phrases`). The corpus was split once into a
tuning half (the skill's words and samples were written from it) and a held-out
half (never read for that): the held-out figure is the one that says how well
the skill hears people. Each half is printed: the tuning sets with the lines still missed,
the held-out half as counts only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from skill.app import SkillApp
from skill.conversation.dialog import InCare
from skill.turn import GENTLE_WORD
from tests.support.memory_store import MemoryStore
from tests.support.phrases import CONTEXTS, Phrase, load, say_where_it_belongs
from tests.support.talk import app_on

#: The share of the held-out half the skill should understand, in context (issue 13's goal):
#: met, at 334 of 371 lines (90.0%), with no line to spare.
HELD_OUT_GOAL = 0.90
#: Crisis lines of the held-out half answered with care, when last tuned: a floor.
HELD_OUT_CRISIS_FLOOR = 0.91
#: Crisis lines of the held-out half answered with help of either kind (care, or the gentle word
#: of the learned second ear), as last measured (70 of 71): a floor. Retraining the second ear
#: on more lines has moved it between 66 and 70 of 71, and its care between 62 and 66.
HELD_OUT_HELP_FLOOR = 0.98
#: Held-out lines that are not crisis but got the gentle word, as last measured: a ceiling.
HELD_OUT_GENTLE_ALARM_CEILING = 0.014
#: Held-out lines that are not crisis but got the full care answer (the second ear sure of
#: them, at its care threshold): a ceiling, at one in 300 (it has measured 0 or 1).
HELD_OUT_FALSE_CARE_CEILING = 0.004
#: A fresh set written after the last tuning round and never tuned on (like the held-out half,
#: the suite prints only its counts), kept as a second check.
FRESH = "fresh9"
#: As last measured, as floors: understood, and crisis lines answered with help.
FRESH_FLOOR = 0.89
FRESH_HELP_FLOOR = 0.95
#: The halves the skill's words were written from: the later ones were written fresh by
#: new voices, after the first held-out measurement, and tuned on in turn.
TUNING = (
    "tuning",
    "tuning2",
    "tuning3",
    "tuning4",
    "tuning5",
    "tuning6",
    "tuning7",
    "tuning8",
    "tuning9",
    "tuning10",
    "tuning11",
    "tuning12",
    "tuning13",
    "tuning14",
    "tuning15",
    "tuning16",
    "tuning17",
    "tuning18",
    "tuning19",
    "tuning20",
)
#: How much of its own tuning data the skill must still understand.
TUNED_AT_LEAST = 0.95

#: A line, whether it was understood, what the skill said, whether it answered with care (the
#: word families heard crisis and the evening stopped), and whether it said the gentle word (only
#: the learned second ear heard it: where help is, and the evening went on).
Result = tuple[Phrase, bool, str, bool, bool]


@cache
def _app() -> SkillApp:
    return app_on(MemoryStore())


@cache
def results(half: str) -> tuple[Result, ...]:
    """Every line of ``half``, said where it belongs: (line, understood, what the skill said,
    answered with care)."""
    out = []
    for number, phrase in enumerate(load(half)):
        ok, turn = say_where_it_belongs(_app(), phrase, f"amzn1.ask.account.{half}-{number:04d}")
        session = turn.response.get("sessionAttributes") or {}
        state = session.get("state") or {}
        out.append(
            (phrase, ok, turn.speech, state.get("mode") == InCare.MODE, GENTLE_WORD in session)
        )
    return tuple(out)


def coverage(half: str) -> float:
    found = results(half)
    return sum(ok for _, ok, _, _, _ in found) / len(found)


def report(half: str) -> str:
    """Coverage overall and by context, then every line missed (for the held-out half only
    the counts: its lines are never read to tune the skill)."""
    found = results(half)
    lines = [f"{half}: {coverage(half):.1%} of {len(found)} lines understood in context"]
    for context in CONTEXTS:
        here = [ok for phrase, ok, _, _, _ in found if phrase.context == context]
        if here:
            lines.append(
                f"  {context:<17} {sum(here):>3}/{len(here):<3} {sum(here) / len(here):.0%}"
            )
    crises = [(care, gentle) for phrase, _, _, care, gentle in found if phrase.category == "crisis"]
    cared = sum(care for care, _ in crises)
    gently = sum(gentle and not care for care, gentle in crises)
    lines.append(
        f"  crisis lines answered with help: {cared + gently}/{len(crises)}"
        f" ({cared} with care, {gently} with the gentle word only)"
    )
    others = [gentle for phrase, _, _, _, gentle in found if phrase.category != "crisis"]
    lines.append(f"  other lines given the gentle word: {sum(others)}/{len(others)}")
    cared_others = [care for phrase, _, _, care, _ in found if phrase.category != "crisis"]
    lines.append(f"  other lines given the full care answer: {sum(cared_others)}/{len(others)}")
    missed = Counter(phrase.category for phrase, ok, _, _, _ in found if not ok)
    lines.append(f"  missed by kind: {dict(missed.most_common())}")
    if half in ("heldout", FRESH):
        return "\n".join(lines)
    for phrase, ok, speech, care, gentle in found:
        if gentle and phrase.category != "crisis":
            lines.append(f"  GENTLE WORD {phrase.context} | {phrase.utterance}")
        if care and phrase.category != "crisis":
            lines.append(f"  CARE {phrase.context} | {phrase.utterance}")
        if not ok:
            lines.append(f"  MISSED {phrase.context} | {phrase.utterance} | {phrase.outcome}")
            lines.append(f"         heard: {speech[:160]}")
    return "\n".join(lines)


@pytest.fixture(scope="module", autouse=True)
def phrase_report_printed(request: pytest.FixtureRequest) -> Iterator[None]:
    """The coverage report, printed once the module has run."""
    yield
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\n" + "\n".join(report(half) for half in ("heldout", FRESH, *TUNING)))


def test_the_held_out_half_is_understood_as_the_goal_asks() -> None:
    found = coverage("heldout")
    assert found >= HELD_OUT_GOAL, report("heldout")


@pytest.mark.parametrize("half", TUNING)
def test_the_tuning_halves_are_understood_in_context(half: str) -> None:
    assert coverage(half) >= TUNED_AT_LEAST, report(half)


def _crisis_lines(half: str) -> list[tuple[Phrase, bool]]:
    """Each crisis line of ``half``, and whether the skill answered it with care."""
    return [
        (phrase, care) for phrase, _, _, care, _ in results(half) if phrase.category == "crisis"
    ]


def _helped_lines(half: str) -> list[bool]:
    """Each crisis line of ``half``: whether it was answered with help, care or gentle word."""
    return [care or gentle for p, _, _, care, gentle in results(half) if p.category == "crisis"]


@pytest.mark.parametrize("half", TUNING)
def test_every_crisis_phrasing_of_the_tuning_halves_gets_help(half: str) -> None:
    missed = [f"{p.context} | {p.utterance}" for p, helped in _crisis_lines(half) if not helped]
    assert not missed, "\n".join(missed)


def test_the_held_out_crisis_phrasings_get_help_above_their_floor() -> None:
    cared = [care for _, care in _crisis_lines("heldout")]
    assert len(cared) >= 60
    assert sum(cared) / len(cared) >= HELD_OUT_CRISIS_FLOOR
    helped = _helped_lines("heldout")
    assert sum(helped) / len(helped) >= HELD_OUT_HELP_FLOOR, report("heldout")


def test_the_gentle_word_is_rarely_said_to_lines_that_are_not_crisis() -> None:
    alarms = [gentle for p, _, _, _, gentle in results("heldout") if p.category != "crisis"]
    assert sum(alarms) / len(alarms) <= HELD_OUT_GENTLE_ALARM_CEILING, report("heldout")


def test_the_halves_never_share_a_line() -> None:
    held_out = {(p.context, p.utterance.lower()) for p in load("heldout")}
    fresh = {(p.context, p.utterance.lower()) for p in load(FRESH)}
    assert fresh and not fresh & held_out
    for half in TUNING:
        tuning = {(p.context, p.utterance.lower()) for p in load(half)}
        assert tuning and not tuning & held_out and not tuning & fresh, half
    assert Path(__file__).parents[1].joinpath("phrases", "README.md").is_file()


def test_the_fresh_set_stays_above_its_last_measure() -> None:
    assert coverage(FRESH) >= FRESH_FLOOR, report(FRESH)
    helped = _helped_lines(FRESH)
    assert sum(helped) / len(helped) >= FRESH_HELP_FLOOR, report(FRESH)
    alarms = [gentle for p, _, _, _, gentle in results(FRESH) if p.category != "crisis"]
    assert sum(alarms) / len(alarms) <= HELD_OUT_GENTLE_ALARM_CEILING, report(FRESH)


def _false_care(half: str) -> list[bool]:
    """Each line of ``half`` that is not crisis: whether it got the full care answer."""
    return [care for p, _, _, care, _ in results(half) if p.category != "crisis"]


def test_care_is_rarely_given_to_lines_that_are_not_crisis() -> None:
    for half in ("heldout", FRESH):
        cared = _false_care(half)
        assert sum(cared) / len(cared) <= HELD_OUT_FALSE_CARE_CEILING, report(half)
    for half in TUNING:
        assert not any(_false_care(half)), report(half)
