"""The skill's request handlers, in the order the SDK tries them.

Handlers that only apply in a dialog mode (a practice being read, a check-in
under way…) come first, so that "yes", "next" or "stop" mean what the couple
expects in that moment; Alexa's built-in defaults come last.
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler

from skill.handlers import core, practices


def request_handlers() -> list[AbstractRequestHandler]:
    """Every request handler, most specific first."""
    return [
        practices.PracticeNavigationHandler(),
        practices.PracticeByNameHandler(),
        practices.AnyPracticeHandler(),
        practices.PracticeMenuHandler(),
        core.LaunchHandler(),
        core.YesToOfferHandler(),
        core.NoOrStrayYesHandler(),
        core.HelpHandler(),
        core.StopHandler(),
        core.NavigateHomeHandler(),
        core.RepeatHandler(),
        core.FallbackHandler(),
        core.SessionEndedHandler(),
    ]
