"""Which screen fits a turn, and its document and datasource: the presenter's pure half.

A handler may name a screen outright (:class:`HomeScreen` at the welcome,
:class:`ProgressScreen` for "how are we doing"). Otherwise the dialog state
decides: a practice being read, a check-in under way, a date idea on the
table each have their screen, and nothing pending means home. Every other
moment (an offer, a confirmation, care) shows what the response itself said
(:class:`Said`), so a screen never lingers on something no longer true.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from skill.content.dates import date_catalogue
from skill.content.practices import practice_library
from skill.content.questions import question_bank
from skill.content.screens import ScreenWords, screen_words
from skill.conversation.checkin_changes import profile_streak
from skill.conversation.dialog import (
    BrowsingDates,
    CheckingIn,
    CheckInOffer,
    DateStep,
    DialogState,
    Idle,
    Offering,
    ReadingPractice,
)
from skill.conversation.evening import PartOfDay, part_of_day
from skill.conversation.voices import turn_names
from skill.household.model import Household
from skill.screens.checkin import checkin_data
from skill.screens.dates import date_data
from skill.screens.documents import DATASOURCE, JsonDict, ScreenKind, document
from skill.screens.home import home_data
from skill.screens.message import message_data
from skill.screens.practice import practice_data
from skill.screens.progress import progress_data

#: The night theme from this hour of the evening until the morning's.
DARK_FROM, LIGHT_FROM = 19, 7


@dataclass(frozen=True)
class HomeScreen:
    """The welcome's screen: the three choices."""


@dataclass(frozen=True)
class ProgressScreen:
    """ "How are we doing", as of the evening ``evening``."""

    evening: date


Shown = HomeScreen | ProgressScreen


@dataclass(frozen=True)
class Said:
    """What a response said that a screen can show: its question and its card, if any."""

    question: str
    card_title: str | None = None
    card_text: str | None = None


@dataclass(frozen=True)
class Moment:
    """What a turn ended as: everything a screen is chosen and filled from.

    ``household`` is given only when the turn read it anyway (a screen never
    costs a read); ``local`` is the household's local time, for the theme and
    the greeting; ``locale`` is the content's.
    """

    shown: Shown | None
    state: DialogState
    said: Said
    household: Household | None
    local: datetime
    locale: str


@dataclass(frozen=True)
class Rendering:
    """One screen ready to send: which, its whole document and its datasources."""

    kind: ScreenKind
    document: JsonDict
    datasources: JsonDict


def after_dark(local: datetime) -> bool:
    """Whether the night theme fits the household's local time."""
    return local.hour >= DARK_FROM or local.hour < LIGHT_FROM


def _data(moment: Moment, words: ScreenWords) -> tuple[ScreenKind, dict[str, Any]]:
    shown, state, household, locale = moment.shown, moment.state, moment.household, moment.locale
    local, said = moment.local, moment.said
    evening = part_of_day(local) is PartOfDay.EVENING
    if isinstance(shown, ProgressScreen) and household is not None:
        offer = isinstance(state, Offering) and isinstance(state.offer, CheckInOffer)
        streak = profile_streak(household.profile)
        data = progress_data(words, streak, household.nights, shown.evening, offer_checkin=offer)
        return ScreenKind.PROGRESS, data
    if isinstance(shown, HomeScreen):
        return ScreenKind.HOME, home_data(words, evening=evening)
    if isinstance(state, ReadingPractice):
        library = practice_library(locale)
        if library.has(state.practice):
            practice = library.practice(state.practice)
            if state.part <= len(practice.form(alone=state.alone).steps):
                data = practice_data(words, practice, state.part, state.alone)
                return ScreenKind.PRACTICE, data
    if isinstance(state, CheckingIn):
        flow = state.flow
        names = turn_names(state.names, flow.speaker, flow.partners)
        question = checkin_data(words, flow, question_bank(locale), names, evening=evening)
        if question is not None:
            return ScreenKind.CHECK_IN, question
    if isinstance(state, BrowsingDates):
        idea = date_catalogue(locale).get(state.idea)
        if idea is not None:
            kept = household is not None and idea.id in household.profile.dates.saved
            saved = kept or state.step is DateStep.SAVED
            return ScreenKind.DATE, date_data(words, idea, saved=saved)
    if isinstance(state, Idle):
        return ScreenKind.HOME, home_data(words, evening=evening)
    return ScreenKind.MESSAGE, message_data(words, said.question, said.card_title, said.card_text)


def choose(moment: Moment) -> Rendering:
    """The screen for a turn that ended as ``moment``, its document and its datasource."""
    kind, data = _data(moment, screen_words(moment.locale))
    night = after_dark(moment.local)
    return Rendering(kind, document(kind, night=night), {DATASOURCE: data})
