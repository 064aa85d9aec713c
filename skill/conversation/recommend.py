"""Tonight's practice, chosen from what the check-in revealed, by a small documented rule set.

The rules are tried in order; the first that applies picks the candidates:

1. ``gap``: two partners' ratings differ by two or more. They had different
   evenings, so the practice is **empathy**: stepping into the other's day.
2. ``weighing``: someone has something on their mind (they answered a
   "something on your mind" question, or their answer speaks of stress,
   worry, pressure…). Someone needs to be heard: **active listening** or
   **validation**.
3. ``low``: connection was low (the average rating is 2.5 or less, or anyone
   said 1). Closeness grows back with time together: a **quality time**
   practice (unplug and be present, shared activities, date nights).
4. ``focus``: the weekly check-in's "one thing to work on" names an area
   (talking and listening, time together, trust and honesty): a practice
   from that pillar.
5. ``close``: everyone rated 4 or 5. A good evening is a safe one to go
   deeper: **share your inner world**, **expressing emotions** or **be honest**.
6. ``any``: otherwise, any practice.

Within the chosen candidates the household gets one it has not heard yet,
else the one it heard longest ago, so the offer stays fresh; ties go to the
order listed above. A practice the household declined rests: for three
evenings after a "no", for two weeks after the second (:func:`resting`); when
every candidate of the rule rests, any practice that does not is offered.
No randomness: the same evening always gets the same offer, which keeps the
rule set testable and a replayed turn identical.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from skill.content.practices import PracticeLibrary

GAP = 2
LOW_AVERAGE = 2.5
CLOSE_RATING = 4
#: A practice declined is not offered again for this many evenings...
REST_AFTER_DECLINE_DAYS = 3
#: ...and one declined twice rests this long after the second "no".
REST_AFTER_TWO_DECLINES_DAYS = 14

EMPATHY = ("empathy",)
BEING_HEARD = ("active_listening", "validation")
GOING_DEEPER = ("share_your_inner_world", "expressing_emotions", "be_honest")
#: Every practice id a rule names, so a content change that drops one fails a test.
NAMED_PRACTICES = (*EMPATHY, *BEING_HEARD, *GOING_DEEPER)

# Words in an answer that say something is weighing on someone (English content).
_WEIGHING = re.compile(
    r"\b(stress\w*|worr\w*|anxious|anxiety|overwhelm\w*|pressure|tired|exhausted|"
    r"nervous|scared|afraid|upset|sad|lonely|frustrat\w*|hard day|rough day|tough day|"
    r"struggl\w*|on my mind|bother\w*|deadline\w*)\b"
)
# Words in a "work on" answer that point to a pillar, most specific first.
_FOCUS = (
    ("trust", re.compile(r"\b(trust\w*|honest\w*|open up|opening up|forgiv\w*|support\w*)\b")),
    (
        "communication",
        re.compile(r"\b(talk\w*|listen\w*|communicat\w*|argu\w*|fight\w*|conversation\w*)\b"),
    ),
    (
        "quality_time",
        re.compile(r"\b(time|together|date\w*|phones?|screens?|busy|fun|weekends?)\b"),
    ),
)


@dataclass(frozen=True)
class Signals:
    """What the rules look at: the ratings given, and what the answers hinted at."""

    ratings: tuple[int, ...] = ()
    weighing: bool = False
    focus: str | None = None


@dataclass(frozen=True)
class Recommendation:
    """The practice to offer and the rule that chose it (the offer's wording follows the rule)."""

    practice_id: str
    rule: str


def weighs_on_someone(answer: str) -> bool:
    """Whether a free answer speaks of something weighing on the speaker."""
    return _WEIGHING.search(answer.lower()) is not None


def focus_pillar(answer: str) -> str | None:
    """The pillar a "what to work on" answer points to, if any."""
    text = answer.lower()
    for pillar, pattern in _FOCUS:
        if pattern.search(text):
            return pillar
    return None


def _rule(signals: Signals, library: PracticeLibrary) -> tuple[str, Sequence[str]]:
    ratings = signals.ratings
    if len(ratings) >= 2 and max(ratings) - min(ratings) >= GAP:
        return "gap", EMPATHY
    if signals.weighing:
        return "weighing", BEING_HEARD
    if ratings and (sum(ratings) / len(ratings) <= LOW_AVERAGE or min(ratings) == 1):
        return "low", library.pillar("quality_time").practice_ids
    if signals.focus:
        return "focus", library.pillar(signals.focus).practice_ids
    if ratings and min(ratings) >= CLOSE_RATING:
        return "close", GOING_DEEPER
    return "any", tuple(p.id for p in library.practices)


def freshest(candidates: Sequence[str], heard: Sequence[str]) -> str:
    """The first candidate never heard, else the one heard longest ago."""
    for candidate in candidates:
        if candidate not in heard:
            return candidate
    order = {practice_id: index for index, practice_id in enumerate(heard)}
    return min(candidates, key=lambda c: order[c])


def resting(declines: Mapping[str, Sequence[str]], tonight: date) -> frozenset[str]:
    """The practices not to offer tonight: declined within the last three evenings, or
    declined twice with the second "no" less than two weeks ago. ``declines`` holds, per
    practice, the evenings (ISO dates) it was declined, most recent last."""
    quiet = set()
    for practice_id, evenings in declines.items():
        if not evenings:
            continue
        since = (tonight - date.fromisoformat(evenings[-1])).days
        if len(evenings) >= 2:
            asleep = since < REST_AFTER_TWO_DECLINES_DAYS
        else:
            asleep = since <= REST_AFTER_DECLINE_DAYS
        if asleep:
            quiet.add(practice_id)
    return frozenset(quiet)


def recommend(
    signals: Signals,
    heard: Sequence[str],
    library: PracticeLibrary,
    rest: frozenset[str] = frozenset(),
) -> Recommendation:
    """Tonight's practice for these signals, fresh for a household that heard ``heard``,
    never one of ``rest`` (declined lately) while another can be offered."""
    rule, candidates = _rule(signals, library)
    awake = [c for c in candidates if c not in rest]
    if not awake:
        rule = "any"
        awake = [p.id for p in library.practices if p.id not in rest] or list(candidates)
    return Recommendation(freshest(awake, heard), rule)
