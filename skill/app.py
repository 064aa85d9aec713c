"""The skill object, built once per process, and the entry every transport calls.

Lambda, the web endpoint and the local simulator all call :func:`handle_event`
with the same request envelope, so they answer identically.

The wiring is all here, in plain lists a reader can follow: every kind of
household change (:data:`CHANGE_KINDS`), what leaving a dialog state does
(:data:`MODE_EXITS`), what "yes" does to each offer (:data:`OFFERS`), and the
handlers in the order the SDK tries them (:func:`skill.handlers.request_handlers`).
Nothing registers itself by being imported.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder

from skill.config import Settings
from skill.conversation import checkin_changes, date_changes, personal_changes, privacy_changes
from skill.conversation.dialog import (
    CheckingIn,
    CheckInOffer,
    DateIdeaOffer,
    JournalOffer,
    PracticeOffer,
    ReadingPractice,
    ReminderOffer,
    RepairOffer,
    ResumeOffer,
    StartCheckInOffer,
    UpdateCheckInOffer,
)
from skill.display.presenter import ScreenPresenter
from skill.display.touches import TouchAsSpoken
from skill.handlers import (
    checkin,
    dates,
    fight,
    journal,
    practices,
    reminders,
    request_handlers,
)
from skill.handlers.errors import SpokenApologyHandler
from skill.handlers.offers import Acceptor, Offers
from skill.household import changes
from skill.interceptors import GentleWord, ModeExit, QuietCards, TurnFinisher, TurnStarter
from skill.request import EnvelopeSerializer
from skill.storage import open_store
from skill.storage.base import HouseholdStore

#: Every kind of change a household can undergo; a change waiting in a session is read back
#: only as one of these.
CHANGE_KINDS = changes.ChangeKinds(
    [
        changes.Visit,
        changes.PracticeHeard,
        changes.PracticeFinished,
        changes.PracticePaused,
        changes.VariantsRemembered,
        checkin_changes.CheckInRecorded,
        checkin_changes.PracticeTaken,
        checkin_changes.PracticeDeclined,
        checkin_changes.ResumeDeclined,
        checkin_changes.QuestionsAsked,
        checkin_changes.RatingCorrected,
        date_changes.DateSuggested,
        date_changes.DateLoved,
        date_changes.DateSaved,
        date_changes.DateDisliked,
        personal_changes.NamesGiven,
        personal_changes.NamesAsked,
        personal_changes.VoiceLearned,
        personal_changes.TimezoneRead,
        personal_changes.ReminderSet,
        personal_changes.ReminderCleared,
        privacy_changes.JournalSwitched,
        privacy_changes.NightForgotten,
    ]
)

#: What leaving a dialog state by any route (stop, timeout, another request) does.
MODE_EXITS: list[ModeExit[Any]] = [
    ModeExit(CheckingIn, checkin.keep_what_was_said),
    ModeExit(ReadingPractice, practices.remember_where_it_stopped),
]

#: What "yes" does to each offer the skill makes.
OFFERS = Offers(
    [
        Acceptor(PracticeOffer, practices.accept_practice_offer, checkin.decline_practice_offer),
        Acceptor(CheckInOffer, checkin.accept_checkin_offer),
        Acceptor(ResumeOffer, checkin.accept_resume_offer),
        Acceptor(StartCheckInOffer, checkin.accept_start_offer, checkin.decline_start_offer),
        Acceptor(UpdateCheckInOffer, checkin.accept_update_offer, checkin.decline_update_offer),
        Acceptor(DateIdeaOffer, dates.accept_date_offer),
        Acceptor(ReminderOffer, reminders.accept_reminder_offer),
        Acceptor(RepairOffer, fight.accept_repair_offer, fight.decline_repair_offer),
        Acceptor(JournalOffer, journal.accept_journal_offer, journal.decline_journal_offer),
    ]
)


class SkillApp:
    """A configured skill: settings, its store and the ASK SDK skill object."""

    def __init__(self, settings: Settings, store: HouseholdStore) -> None:
        self.settings = settings
        self.store = store
        self.skill = build_skill(settings, store)
        self._serializer = EnvelopeSerializer()

    def handle(self, event: dict[str, Any]) -> dict[str, Any]:
        """Answer one request envelope (as JSON-compatible dicts)."""
        envelope = self._serializer.envelope(event)
        response = self.skill.invoke(request_envelope=envelope, context=None)
        answer = self._serializer.serialize(response)
        if not isinstance(answer, dict):
            raise TypeError("the SDK serialised a response that is not an object")
        return answer


def build_skill(settings: Settings, store: HouseholdStore) -> CustomSkill:
    """Assemble handlers, interceptors and the exception handler into a skill."""
    builder = CustomSkillBuilder()
    for handler in request_handlers(OFFERS):
        builder.add_request_handler(handler)
    # In this order: the turn first, then a touch becomes its spoken twin before any handler
    # is chosen; the turn is saved before its screen is drawn from what it ended as.
    builder.add_global_request_interceptor(TurnStarter(settings, store, CHANGE_KINDS))
    builder.add_global_request_interceptor(TouchAsSpoken())
    # The gentle word goes in before the turn is remembered for "repeat that".
    builder.add_global_response_interceptor(GentleWord())
    # After the gentle word (which may say no card may follow), before the screen is drawn.
    builder.add_global_response_interceptor(QuietCards())
    builder.add_global_response_interceptor(TurnFinisher(CHANGE_KINDS, MODE_EXITS))
    builder.add_global_response_interceptor(ScreenPresenter())
    builder.add_exception_handler(SpokenApologyHandler())
    # The SDK refuses requests for any other skill id when one is configured.
    builder.skill_id = settings.skill_id  # type: ignore[assignment]  # the SDK types it as None
    return builder.create()


@cache
def default_app() -> SkillApp:
    """The process-wide skill, configured from the environment on first use."""
    settings = Settings.from_env()
    return SkillApp(settings, open_store(settings.store_url))


def handle_event(event: dict[str, Any]) -> dict[str, Any]:
    """Answer one Alexa request envelope with the process-wide skill."""
    return default_app().handle(event)


def check_store() -> None:
    """Raise :class:`~skill.storage.base.StoreError` when the store is unreachable."""
    default_app().store.ping()
