"""The requests the skill may act on from a learned guess, and the guess itself.

Only requests that change and erase nothing: a practice, a date idea, the
check-in, progress, help, what is kept, a friendly word. The journal switched
on or off, names, reminders, deleting data or tonight: never from a guess.
"""

from __future__ import annotations

from functools import cache

from skill.content.guesses import request_model
from skill.content.practices import PILLAR_IDS, practice_library
from skill.content.understanding import Vocabulary
from skill.conversation.requests import (
    WEEKLY,
    CheckInRequest,
    DateFavouritesRequest,
    DateRequest,
    FightRequest,
    HelpRequest,
    JournalAction,
    JournalRequest,
    PracticeMenuRequest,
    PracticeRequest,
    PrivacyInfoRequest,
    ProgressRequest,
    ReminderListRequest,
    Request,
    SmallTalk,
    SmallTalkRequest,
)

_HARMLESS: dict[str, Request] = {
    "practice:any": PracticeRequest(),
    "practice_menu": PracticeMenuRequest(),
    "checkin": CheckInRequest(),
    "weekly_checkin": CheckInRequest(WEEKLY),
    "date": DateRequest(),
    "date:favourites": DateFavouritesRequest(),
    "progress": ProgressRequest(),
    "privacy:info": PrivacyInfoRequest(),
    "journal:read": JournalRequest(JournalAction.READ),
    "help": HelpRequest(),
    "fight": FightRequest(),
    "reminder:list": ReminderListRequest(),
    **{f"smalltalk:{kind.value}": SmallTalkRequest(kind) for kind in SmallTalk},
}


@cache
def guessable_requests(content_locale: str) -> dict[str, Request]:
    """Each label the model may guess (the phrase corpus's outcome tokens) and its request."""
    practices = practice_library(content_locale).practices
    return {
        **_HARMLESS,
        **{f"practice:{p.id}": PracticeRequest(practice=p.id) for p in practices},
        **{f"pillar:{pillar}": PracticeRequest(pillar=pillar) for pillar in PILLAR_IDS},
    }


def guess_request(text: str, vocab: Vocabulary) -> Request | None:
    """The request ``text`` most likely makes, when the model is sure, or None."""
    requests = guessable_requests(vocab.locale)
    label = request_model(vocab.locale, frozenset(requests)).guess(text)
    return None if label is None else requests[label]
