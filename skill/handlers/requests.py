"""Serving a request the couple made in their own words, exactly as its intent would be served.

:func:`skill.conversation.requests.read_request` turns "we want less phone" into
a typed request; :func:`serve` hands it to the same function the matching
intent's handler calls, so a request said in free words and one Alexa matched
to an intent end in the same place.
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from skill.conversation.dates import DateFilters
from skill.conversation.requests import (
    AboutSkillRequest,
    ChangeNamesRequest,
    CheckInRequest,
    DateFavouritesRequest,
    DateRequest,
    DeleteDataRequest,
    FightRequest,
    ForgetNamesRequest,
    ForgetTonightRequest,
    HelpRequest,
    JournalAction,
    JournalRequest,
    LastTimeRequest,
    NamesKnownRequest,
    NamesRequest,
    PracticeCountRequest,
    PracticeMenuRequest,
    PracticeRequest,
    PracticeResumeRequest,
    PrivacyInfoRequest,
    ProgressRequest,
    ReminderListRequest,
    ReminderRequest,
    ReminderStopRequest,
    Request,
    SkillQuestion,
    SkillQuestionRequest,
    SmallTalkRequest,
    SpeakerRequest,
)
from skill.handlers import (
    checkin,
    core,
    dates,
    fight,
    journal,
    names,
    practices,
    privacy,
    progress,
    reminders,
    voices,
)
from skill.storage.base import StoreError
from skill.turn import current_turn


def serve(handler_input: HandlerInput, request: Request) -> Response:
    """Do what ``request`` asks, as its intent's handler would."""
    match request:
        case CheckInRequest(kind=kind, partners=partners):
            return checkin.start_checkin(handler_input, kind, partners=partners)
        case PracticeRequest(practice=practice, pillar=pillar):
            return practices.serve_practice(handler_input, practice, pillar)
        case PracticeResumeRequest(practice=practice):
            return practices.resume_paused(handler_input, practice)
        case PracticeMenuRequest():
            return practices.practice_menu(handler_input)
        case PracticeCountRequest():
            return practices.count_practices(handler_input)
        case DateRequest(filters=filters):
            return dates.suggest(handler_input, DateFilters.from_dict(filters))
        case DateFavouritesRequest():
            return dates.favourites(handler_input)
        case ProgressRequest():
            return progress.report_progress(handler_input)
        case LastTimeRequest():
            return progress.report_last_time(handler_input)
        case PrivacyInfoRequest():
            return privacy.explain_privacy(handler_input)
        case AboutSkillRequest():
            return core.about_skill(handler_input)
        case SkillQuestionRequest(question=SkillQuestion.WHO_HEARS):
            return core.about_skill(handler_input, _who_hears(handler_input))
        case SkillQuestionRequest(question=SkillQuestion.LONELY):
            return core.feeling_lonely(handler_input)
        case SkillQuestionRequest(question=question):
            return core.about_skill(handler_input, f"question.{question.value}")
        case DeleteDataRequest():
            return privacy.ask_to_erase(handler_input)
        case ForgetTonightRequest():
            return privacy.ask_to_forget_tonight(handler_input)
        case JournalRequest(action=JournalAction.ON):
            return journal.keep_answers(handler_input)
        case JournalRequest(action=JournalAction.ASK):
            return journal.explain_keeping(handler_input)
        case JournalRequest(action=JournalAction.OFF):
            return journal.stop_keeping_answers(handler_input)
        case JournalRequest(action=JournalAction.READ):
            return journal.read_answers(handler_input)
        case NamesRequest(names=(name,), instead_of=wrong) if wrong:
            return names.correct_name(handler_input, name, wrong)
        case NamesRequest(names=said):
            return names.take_names(handler_input, said)
        case SpeakerRequest(name=name):
            return voices.identify_speaker(handler_input, [name])
        case ForgetNamesRequest():
            return names.forget_names(handler_input)
        case NamesKnownRequest():
            return names.say_names_known(handler_input)
        case ChangeNamesRequest():
            return names.ask_for_names(handler_input)
        case ReminderRequest(at=at):
            return reminders.offer_reminder(handler_input, at)
        case ReminderListRequest():
            return reminders.list_reminders(handler_input)
        case ReminderStopRequest():
            return reminders.stop_reminders(handler_input)
        case HelpRequest():
            return core.help_here(handler_input)
        case SmallTalkRequest(kind=kind, news=news):
            return core.small_talk(handler_input, kind, news)
        case FightRequest():
            return fight.meet_a_fight(handler_input)
    raise TypeError(f"no way to serve {request!r}")


def _who_hears(handler_input: HandlerInput) -> str:
    """The answer to "is he going to hear what I said?": nothing said is kept or passed on, or,
    with the journal on, what it keeps and how to delete it."""
    try:
        journal = current_turn(handler_input).household.household.profile.keep_answers
    except StoreError:
        journal = False
    return "question.who_hears.journal" if journal else "question.who_hears"


class CounsellingHandler(AbstractRequestHandler):
    """ "Should we be seeing a couples counsellor?", asked as a one-shot: answered as in a
    session."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("CounsellingIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return serve(handler_input, SkillQuestionRequest(SkillQuestion.COUNSELLING))


class LastTimeHandler(AbstractRequestHandler):
    """ "What did we do last time?", asked as a one-shot: answered as in a session."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("LastTimeIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return serve(handler_input, LastTimeRequest())
