"""Picking tonight's date idea: a pure, seedable function of the catalogue and the memory.

The rules, in the order they bind:

1. Never an idea the household said "not for us" to; and only ideas for where the two
   of them are: a couple apart (on the phone, on video) gets only ideas made for that,
   and a couple together never does. This is never relaxed.
2. Honour every filter asked for (setting, budget, mood, time available). When
   no idea matches them all, relax one filter at a time in :data:`RELAX_ORDER`
   until something matches, put back any filter relaxed on the way that was
   not in the way, and report which were relaxed so the couple hears it.
   Mood goes first: it is a taste, and another feel still makes a good
   evening. Budget goes next, and then the pick stays as close to the budget
   as it can, since most couples can stretch a little. Setting follows:
   staying in is often about a sleeping child or the weather. Time available
   goes last, because an evening does not stretch (past the limit, the
   shortest ideas are kept).
3. No repeat of an idea suggested in the last thirty days while an unseen
   matching idea remains; when every match is recent, the one suggested
   longest ago comes back (and the pick says so).
4. Ideas that do not fit the moment give way to ones that do, when any do: an idea
   out of season (a snowy walk in July), one that starts at first light unless it is
   morning or a whole day was asked for, one that takes a whole day in the evening
   unless a day was asked for, and a splurge when no budget was named.
5. A calm wish ("something quieter", "calmer", "gentle": the relaxing mood) is met by
   ideas labelled calm as well as relaxing; and when the mood had to be let go, the calm
   ideas among the rest are kept, when there are any.
6. Among the ideas left, a weighted draw: ideas suited to the local season,
   and ideas with the moods and setting of the ideas the household loved, are
   up to a few times likelier than the rest, so picks lean their way without
   becoming predictable.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from skill.content.dates import COST_BANDS, DISTANCES, MOODS, SETTINGS, TIME_AVAILABLE, DateIdea
from skill.conversation.evening import PartOfDay
from skill.household.date_memory import DateMemory

#: Budget → the cost bands it allows. A budget is a ceiling, except a splurge, which
#: asks for something special rather than anything up to special.
BUDGETS: dict[str, frozenset[str]] = {
    "free": frozenset({"free"}),
    "low": frozenset({"free", "low"}),
    "medium": frozenset({"free", "low", "medium"}),
    "splurge": frozenset({"medium", "splurge"}),
}
#: Time available → the longest idea that fits, in minutes (None: a whole day or weekend).
TIME_LIMITS: dict[str, int | None] = {
    "quick": 30,
    "hour": 60,
    "evening": 180,
    "day": None,
}
#: Moods that are a wish for a calm evening: only ideas of calm energy match them.
CALM_MOODS = frozenset({"relaxing"})
#: Which filter gives way first when nothing matches them all (see the module docstring).
RELAX_ORDER = ("mood", "budget", "setting", "time")

SEASON_WEIGHT = 3.0
LOVED_MOOD_WEIGHT = 3.0
LOVED_SETTING_WEIGHT = 1.5
#: After relaxing the time available, ideas this much longer than the shortest match stay in.
TIME_SLACK_MINUTES = 30

_ALLOWED: dict[str, tuple[str, ...]] = {
    "setting": SETTINGS,
    "budget": tuple(BUDGETS),
    "mood": MOODS,
    "time": TIME_AVAILABLE,
    "distance": DISTANCES,
}


@dataclass(frozen=True)
class DateFilters:
    """What the couple asked for; None means "any"."""

    setting: str | None = None
    budget: str | None = None
    mood: str | None = None
    time: str | None = None
    #: "apart" for a couple in two places: never relaxed, since an idea for one room is no
    #: use to them (and an idea for two places none to a couple side by side).
    distance: str | None = None

    def __post_init__(self) -> None:
        for name, allowed in _ALLOWED.items():
            value = getattr(self, name)
            if value is not None and value not in allowed:
                raise ValueError(f"unknown {name} {value!r}")

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any] | None) -> DateFilters:
        """From session attributes; unknown or stale values are dropped rather than fatal."""
        doc = doc or {}
        return cls(**{n: doc[n] for n, allowed in _ALLOWED.items() if doc.get(n) in allowed})

    def to_dict(self) -> dict[str, str]:
        """For session attributes: only the filters set."""
        return {n: v for n in _ALLOWED if (v := getattr(self, n)) is not None}

    def without(self, names: Iterable[str]) -> DateFilters:
        """These filters with ``names`` relaxed to "any"."""
        dropped = set(names)
        return DateFilters(**{k: v for k, v in self.to_dict().items() if k not in dropped})

    @property
    def active(self) -> tuple[str, ...]:
        """The names of the filters set, in relaxation order."""
        return tuple(name for name in RELAX_ORDER if getattr(self, name) is not None)


def fits_the_moment(
    idea: DateIdea, filters: DateFilters, season: str, part: PartOfDay | None
) -> bool:
    """Whether ``idea`` suits the season, the hour (``part`` of the day; None: any) and the
    budget left unsaid (see rule 4 of the module docstring)."""
    if season not in idea.seasons:
        return False
    if filters.budget is None and idea.cost == "splurge":
        return False
    whole_day = filters.time == "day"
    if idea.at_dawn and not (whole_day or part in (None, PartOfDay.MORNING)):
        return False
    evening_limit = TIME_LIMITS["evening"] or 0
    return not (idea.minutes > evening_limit and part is PartOfDay.EVENING and not whole_day)


def matches(idea: DateIdea, filters: DateFilters) -> bool:
    """Whether ``idea`` honours every filter set."""
    if idea.apart != (filters.distance == "apart"):
        return False
    if filters.setting is not None and idea.setting != filters.setting:
        return False
    if filters.budget is not None and idea.cost not in BUDGETS[filters.budget]:
        return False
    if filters.mood is not None and filters.mood not in idea.moods:
        return False
    if filters.mood in CALM_MOODS and idea.energy != "calm":
        return False
    limit = TIME_LIMITS[filters.time] if filters.time is not None else None
    return limit is None or idea.minutes <= limit


@dataclass(frozen=True)
class DatePick:
    """The idea picked, the filters relaxed to find it, and whether it is a recent repeat."""

    idea: DateIdea
    relaxed: tuple[str, ...] = ()
    repeat: bool = False


def pick_date_night(
    ideas: Sequence[DateIdea],
    filters: DateFilters,
    memory: DateMemory,
    *,
    today: date,
    season: str,
    rng: random.Random,
    exclude: str | None = None,
    part: PartOfDay | None = None,
) -> DatePick | None:
    """Pick one idea by the rules of this module; None only when every idea was turned down
    (every idea for a couple apart, when they are).

    ``exclude`` is the idea on the table when the couple asks for another one:
    it comes back only if it is the one idea not turned down. ``part`` is the part of the
    household's day (None: the hour does not matter).
    """
    disliked = set(memory.disliked)
    apart = filters.distance == "apart"
    # Apart or together is never relaxed: only ideas for where the two of them are.
    allowed = [i for i in ideas if i.id not in disliked and i.apart == apart]
    pool = [i for i in allowed if i.id != exclude] or allowed
    if not pool:
        return None
    relaxed: list[str] = []
    candidates = [i for i in pool if matches(i, filters)]
    for name in RELAX_ORDER:
        if candidates:
            break
        if getattr(filters, name) is None:
            continue
        relaxed.append(name)
        looser = filters.without(relaxed)
        candidates = [i for i in pool if matches(i, looser)]
    # A filter let go on the way may not have been in the way: put it back if it can be.
    for name in reversed(relaxed[:-1]):
        kept = [n for n in relaxed if n != name]
        tighter = filters.without(kept)
        narrower = [i for i in pool if matches(i, tighter)]
        if narrower:
            relaxed, candidates = kept, narrower
    if "mood" in relaxed and filters.mood in CALM_MOODS:
        # No relaxing idea fits the rest, but a quieter wish still deserves a calm one.
        candidates = [i for i in candidates if i.energy == "calm"] or candidates
    candidates = [i for i in candidates if fits_the_moment(i, filters, season, part)] or candidates
    recent = memory.recent(today)
    fresh = [i for i in candidates if i.id not in recent]
    if fresh:
        closest = _closest(fresh, filters, relaxed)
        return DatePick(_weighted_choice(closest, memory, ideas, season, rng), tuple(relaxed))
    # Every match is recent: the one suggested longest ago (same day: earlier in the memory).
    order = {idea_id: n for n, (idea_id, _) in enumerate(memory.seen)}
    again = min(_closest(candidates, filters, relaxed), key=lambda i: (recent[i.id], order[i.id]))
    return DatePick(again, tuple(relaxed), repeat=True)


def _closest(
    candidates: list[DateIdea], filters: DateFilters, relaxed: Sequence[str]
) -> list[DateIdea]:
    """After relaxing budget or time, keep the (non-empty) ideas that overshoot it least."""
    if "budget" in relaxed and filters.budget is not None:
        ceiling = max(COST_BANDS.index(band) for band in BUDGETS[filters.budget])
        over = {i.id: max(0, COST_BANDS.index(i.cost) - ceiling) for i in candidates}
        least = min(over.values())
        candidates = [i for i in candidates if over[i.id] == least]
    if "time" in relaxed:
        shortest = min(i.minutes for i in candidates)
        candidates = [i for i in candidates if i.minutes <= shortest + TIME_SLACK_MINUTES]
    return candidates


def preference_weight(idea: DateIdea, loved: Sequence[DateIdea], season: str) -> float:
    """How much likelier than a plain idea ``idea`` is to be drawn.

    The boost for loved moods and settings grows with the share of loved ideas
    that have them, so one cozy-and-romantic favourite among five cozy ones
    leans the picks toward cozy, not toward everything it touched.
    """
    weight = SEASON_WEIGHT if season in idea.seasons else 1.0
    if loved:
        mood_share = max(sum(m in other.moods for other in loved) for m in idea.moods) / len(loved)
        setting_share = sum(idea.setting == other.setting for other in loved) / len(loved)
        weight *= 1 + (LOVED_MOOD_WEIGHT - 1) * mood_share
        weight *= 1 + (LOVED_SETTING_WEIGHT - 1) * setting_share
    return weight


def _weighted_choice(
    candidates: Sequence[DateIdea],
    memory: DateMemory,
    ideas: Sequence[DateIdea],
    season: str,
    rng: random.Random,
) -> DateIdea:
    by_id = {i.id: i for i in ideas}
    loved = [by_id[i] for i in memory.loved if i in by_id]
    weights = [preference_weight(i, loved, season) for i in candidates]
    return rng.choices(list(candidates), weights=weights, k=1)[0]
