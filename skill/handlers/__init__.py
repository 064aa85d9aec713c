"""The skill's request handlers, in the order the SDK tries them.

Handlers that only apply in a dialog mode (a practice being read, a check-in
under way…) come first, so that "yes", "next" or "stop" mean what the couple
expects in that moment; Alexa's built-in defaults come last.
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler

from skill.handlers import (
    checkin,
    core,
    dates,
    events,
    fight,
    heard,
    journal,
    names,
    practices,
    privacy,
    progress,
    reminders,
    requests,
    save_retry,
    voices,
)
from skill.handlers.offers import Offers


def request_handlers(offers: Offers) -> list[AbstractRequestHandler]:
    """Every request handler, most specific first; ``offers`` is what "yes" does to each offer."""
    return [
        # Care comes first: words of crisis stop whatever was going on.
        checkin.CareHandler(),
        checkin.CareFollowUpHandler(),
        # A launch opens a new session, so no state of one can claim it: answered here, it skips
        # fifty handlers' checks that could never match it (a tenth of a launch's CPU).
        core.LaunchHandler(),
        save_retry.SaveRetryHandler(),
        privacy.EraseAnswerHandler(),
        privacy.ForgetTonightAnswerHandler(),
        voices.VoiceAnswerHandler(offers),
        # Words said in answer to any question, read for where the conversation is.
        heard.HeardWordsHandler(offers),
        names.NamesAnswerHandler(),
        checkin.CheckInStopHandler(),
        checkin.CheckInSessionEndedHandler(),
        checkin.CheckInStepHandler(),
        checkin.CheckInThanksHandler(),
        checkin.StartCheckInHandler(),
        checkin.CheckInOfferHandler(offers),
        checkin.StrayAnswerHandler(),
        progress.ProgressHandler(),
        practices.PracticeNavigationHandler(),
        practices.PracticeByNameHandler(),
        practices.AnyPracticeHandler(),
        practices.PracticeMenuHandler(),
        dates.DateYesNoHandler(),
        dates.FavouritesNextHandler(),
        dates.DateAnotherHandler(),
        dates.DateDetailsHandler(),
        dates.DateFeedbackHandler(),
        dates.DateIdeaHandler(),
        dates.DateFavouritesHandler(),
        dates.DatesStrayHandler(),
        names.NamesHandler(),
        names.ChangeNamesHandler(),
        names.ForgetNamesHandler(),
        voices.SpeakerHandler(),
        reminders.ReminderHandler(),
        reminders.ListRemindersHandler(),
        reminders.StopRemindersHandler(),
        reminders.PermissionAnswerHandler(),
        privacy.DeleteDataHandler(),
        privacy.ForgetTonightHandler(),
        journal.KeepAnswersHandler(),
        journal.StopKeepingAnswersHandler(),
        journal.ReadAnswersHandler(),
        privacy.PrivacyInfoHandler(),
        core.AboutSkillHandler(),
        requests.CounsellingHandler(),
        requests.LastTimeHandler(),
        privacy.SkillDisabledHandler(),
        # Alexa's other events: acknowledged quietly, never an apology or an ERROR line.
        events.SkillEnabledHandler(),
        events.PermissionEventHandler(),
        events.AccountLinkedHandler(),
        events.ProactiveSubscriptionHandler(),
        events.ExceptionEncounteredHandler(),
        fight.FightHandler(),
        core.SmallTalkHandler(),
        core.YesToOfferHandler(offers),
        core.NoOrStrayYesHandler(offers),
        core.SkipOfferHandler(offers),
        core.NextAtMenuHandler(),
        core.HelpHandler(),
        core.StopHandler(),
        core.NavigateHomeHandler(),
        heard.GoBackHandler(),
        core.RepeatHandler(),
        core.FallbackHandler(),
        core.SessionEndedHandler(),
        core.UnexpectedIntentHandler(),
    ]
