"""What the skill says about date ideas: pitches, details, relaxed filters, favourites.

Pure functions from ideas, picks and prompts to speech, each returning the
question that hands the turn back so the handler can use it as the reprompt.
Filter values are spoken with the small vocabulary below, so "adventurous, at
home and free" reads naturally whichever filters were asked for.
"""

from __future__ import annotations

from collections.abc import Sequence

from skill.content.dates import DateIdea
from skill.content.prompts import Prompts
from skill.conversation.dates import RELAX_ORDER, TIME_LIMITS, DateFilters, DatePick
from skill.conversation.spoken import spoken_list
from skill.speech import Speech

#: How each filter value sounds in "an idea that's …".
_SPOKEN_VALUES = {
    "setting": {"home": "at home", "out": "out of the house"},
    "budget": {"free": "free", "low": "cheap", "medium": "not too pricey", "splurge": "a treat"},
    "time": {
        "quick": "done in half an hour",
        "hour": "done within an hour",
        "evening": "done in an evening",
        "day": "good for a day off",
    },
    "distance": {"apart": "made for being apart"},
}
#: Said of an idea picked for a day off only when it truly fills one (longer than an evening):
#: "a day off" asks for nothing shorter, and an escape room is no whole day.
_WHOLE_DAY = "good for a whole day"
#: How each filter is named when it is relaxed.
_FILTER_NAMES = {
    "mood": "the mood",
    "budget": "the budget",
    "setting": "where it happens",
    "time": "the time limit",
}
#: Spoken order of filters in a description: mood first reads best ("cozy, at home and free").
_DESCRIBE_ORDER = ("mood", "setting", "budget", "time", "distance")
FAVOURITES_PAGE = 3
#: Seconds between spoken steps, so each one lands before the next.
_STEP_PAUSE = 1


def describe(filters: DateFilters, idea: DateIdea | None = None) -> str:
    """The filters as spoken words: "romantic, at home and free" ("" when none are set).

    Said of an ``idea`` that matched them, each word must be true of it: a day off is "good
    for a whole day" only for an idea that takes longer than an evening, and is left unsaid
    for a shorter one (it still suits a day off, but it does not fill one)."""
    words = []
    for name in _DESCRIBE_ORDER:
        value = getattr(filters, name)
        if value is None:
            continue
        if name == "mood":
            words.append(value)
        elif name == "time" and value == "day" and idea is not None:
            if idea.minutes > (TIME_LIMITS["evening"] or 0):
                words.append(_WHOLE_DAY)
        else:
            words.append(_SPOKEN_VALUES[name][value])
    return spoken_list(words)


def suggestion_speech(pick: DatePick, filters: DateFilters, prompts: Prompts) -> tuple[Speech, str]:
    """Why this idea (a relaxed filter or a repeat is owned up to), the pitch, then the question."""
    speech = Speech()
    title = pick.idea.title
    if pick.relaxed:
        dropped = [_FILTER_NAMES[name] for name in RELAX_ORDER if name in pick.relaxed]
        speech.say(
            prompts.say("dates.relaxed", asked=describe(filters), dropped=spoken_list(dropped))
        )
    if pick.repeat:
        speech.say(prompts.say("dates.repeat"))
    matched = describe(filters, pick.idea)
    if matched and not pick.relaxed and not pick.repeat:
        # One lead-in that says both what was asked and what was found, never two in a row.
        lead = prompts.say("dates.pitch.matched", asked=matched, title=title)
    else:
        lead = prompts.say("dates.pitch", title=title)
    question = prompts.say("dates.after_pitch")
    speech.say(lead, pick.idea.pitch, question)
    return speech, question


def details_speech(idea: DateIdea, prompts: Prompts) -> tuple[Speech, str]:
    """The steps of ``idea``, a beat apart, then the offer to save it."""
    speech = Speech().say(prompts.say("dates.details_intro", title=idea.title))
    for step in idea.steps:
        speech.say(step).pause(_STEP_PAUSE)
    question = prompts.say("dates.after_details")
    return speech.say(question), question


def favourites_speech(
    saved: Sequence[DateIdea], offset: int, prompts: Prompts
) -> tuple[Speech, str, bool]:
    """One page of saved ideas (newest first) from ``offset``; True when more remain."""
    page = saved[offset : offset + FAVOURITES_PAGE]
    more = offset + FAVOURITES_PAGE < len(saved)
    intro = "dates.favourites.intro" if offset == 0 else "dates.favourites.next"
    titles = spoken_list([i.title for i in page])
    speech = Speech().say(prompts.say(intro), titles[:1].upper() + titles[1:] + ".")
    if more:
        question = prompts.say("dates.favourites.more")
    else:
        speech.say(prompts.say("dates.favourites.end"))
        question = prompts.say("dates.new_idea_question")
    return speech.say(question), question, more


def card_title(idea: DateIdea) -> str:
    """The idea's title as a card heading."""
    return idea.title[:1].upper() + idea.title[1:]


def card_text(idea: DateIdea) -> str:
    """The whole idea as plain text for the Alexa app card."""
    lines = [idea.pitch, ""]
    lines += [f"{n}. {step}" for n, step in enumerate(idea.steps, start=1)]
    return "\n".join(lines)
