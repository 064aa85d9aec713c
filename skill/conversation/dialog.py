"""Where the couple is in the conversation: the dialog state a session carries between turns.

Alexa keeps nothing between the turns of a session except the attributes the
skill hands back, so each state below is written into them (:func:`encode_state`)
and read back at the next request (:func:`decode_state`). Reading checks every
value against its type and bounds (:mod:`skill.household.documents`): a session
that carries anything else, forged or stale, is treated as idle rather than
trusted. Each state says what the skill is waiting for; handlers decide with
``isinstance`` which requests mean something in it.

Offers ("shall I read you a practice?") are states too (:class:`Offering`), each
with a typed :data:`Offer` saying what "yes" accepts; what accepting does is
wired by the app (:class:`skill.handlers.offers.Offers`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar

from skill.conversation.care import Crisis
from skill.conversation.checkin import CheckInFlow
from skill.conversation.dates import DateFilters
from skill.household.documents import DocumentError, from_doc, to_doc
from skill.storage.base import JsonDict

logger = logging.getLogger(__name__)

# --- offers: what a "yes" accepts ---------------------------------------------------------


@dataclass(frozen=True)
class PracticeOffer:
    """A practice: ``practice`` when one was named, else one the household has not heard.

    ``checkin`` and ``night`` are set when the offer closes a check-in, so a yes
    is noted on that check-in's entry; ``alone`` when one partner checked in alone, so
    the practice is read in its one-person form.
    """

    KIND: ClassVar[str] = "practice"
    practice: str | None = None
    checkin: str | None = None
    night: str | None = None
    alone: bool = False


@dataclass(frozen=True)
class CheckInOffer:
    """Tonight's check-in (from the evening welcome or the progress report)."""

    KIND: ClassVar[str] = "checkin"


@dataclass(frozen=True)
class ResumeOffer:
    """Picking up tonight's unfinished check-in ``checkin``."""

    KIND: ClassVar[str] = "checkin_resume"
    checkin: str
    night: str


@dataclass(frozen=True)
class StartCheckInOffer:
    """The check-in of ``kind`` that was about to start when the skill asked who is speaking;
    or, ``after_care``, the check-in care stopped, to start again fresh once what was said is let
    drop (a no to it is a warm goodnight)."""

    KIND: ClassVar[str] = "checkin_start"
    kind: str
    after_care: bool = False


@dataclass(frozen=True)
class UpdateCheckInOffer:
    """Tonight's check-in ``checkin`` of ``kind`` is done: doing it again, in its place."""

    KIND: ClassVar[str] = "checkin_update"
    kind: str
    checkin: str


@dataclass(frozen=True)
class DateIdeaOffer:
    """A date-night idea."""

    KIND: ClassVar[str] = "date_idea"


@dataclass(frozen=True)
class ReminderOffer:
    """The nightly reminder at ``at`` ("21:00")."""

    KIND: ClassVar[str] = "reminder"
    at: str


@dataclass(frozen=True)
class RepairOffer:
    """After a fight: the short repair conversation, when they are ready."""

    KIND: ClassVar[str] = "repair"


@dataclass(frozen=True)
class JournalOffer:
    """Keeping their check-in answers, explained after they asked how it works."""

    KIND: ClassVar[str] = "journal"


Offer = (
    PracticeOffer
    | CheckInOffer
    | ResumeOffer
    | StartCheckInOffer
    | UpdateCheckInOffer
    | DateIdeaOffer
    | ReminderOffer
    | RepairOffer
    | JournalOffer
)
OFFER_TYPES: tuple[type[Offer], ...] = (
    PracticeOffer,
    CheckInOffer,
    ResumeOffer,
    StartCheckInOffer,
    UpdateCheckInOffer,
    DateIdeaOffer,
    ReminderOffer,
    RepairOffer,
    JournalOffer,
)


def encode_offer(offer: Offer) -> JsonDict:
    """The session document of ``offer``."""
    return {"offer": offer.KIND, **to_doc(offer)}


def decode_offer(doc: Any, where: str = "offer") -> Offer:
    """The offer a document holds (DocumentError when it holds none)."""
    if not isinstance(doc, dict):
        raise DocumentError(f"{where}: expected an object")
    fields = dict(doc)
    kind = fields.pop("offer", None)
    for offer_type in OFFER_TYPES:
        if kind == offer_type.KIND:
            offer: Offer = from_doc(offer_type, fields, where)
            return offer
    raise DocumentError(f"{where}: unknown offer")


# --- states ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Idle:
    """Nothing pending: any request starts something new."""

    MODE: ClassVar[str] = ""


@dataclass(frozen=True)
class ChoosingPractice:
    """The practice menu was just read ("what can you teach us")."""

    MODE: ClassVar[str] = "menu"


@dataclass(frozen=True)
class ReadingPractice:
    """A practice is being read; ``part`` is the part just said; ``alone`` in its one-person
    form."""

    MODE: ClassVar[str] = "practice"
    practice: str
    part: int = 0
    alone: bool = False

    def __post_init__(self) -> None:
        if not 0 <= self.part <= MAX_PARTS:
            raise ValueError("part: out of range")


@dataclass(frozen=True)
class CheckingIn:
    """A check-in under way; ``names`` are the household's, carried so no turn reads the store."""

    MODE: ClassVar[str] = "checkin"
    flow: CheckInFlow
    names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if len(self.names) > 2 or any(len(name) > MAX_NAME_CHARS for name in self.names):
            raise ValueError("names: at most two short names")


@dataclass(frozen=True)
class Offering:
    """Something was offered; "yes" accepts ``offer``."""

    MODE: ClassVar[str] = "offer"
    offer: Offer


class DateStep(Enum):
    """The question just asked about the idea on the table (what a plain yes or no answers)."""

    PITCHED = "pitched"  # tell you more, or find another?
    DETAILED = "detailed"  # save this one, or find another?
    SAVED = "saved"  # would you like another idea?


@dataclass(frozen=True)
class BrowsingDates:
    """A date idea is on the table, with the filters asked for; ``before`` is the idea pitched
    just before it, for "go back" ("" when there was none)."""

    MODE: ClassVar[str] = "dates"
    idea: str
    filters: DateFilters = field(default_factory=DateFilters)
    step: DateStep = DateStep.PITCHED
    before: str = ""


@dataclass(frozen=True)
class ReadingFavourites:
    """Favourite date ideas are being read a page at a time; ``offset`` is the next page."""

    MODE: ClassVar[str] = "date_favourites"
    offset: int = 0
    more: bool = False


@dataclass(frozen=True)
class AskingNames:
    """ "What are your first names?" was asked."""

    MODE: ClassVar[str] = "names"


@dataclass(frozen=True)
class AskingReminderTime:
    """ "What time shall I remind you each night?" was asked."""

    MODE: ClassVar[str] = "reminder_time"


@dataclass(frozen=True)
class WelcomeQuestion:
    """The welcome that was interrupted by "who's this?": its question, and its offer if any."""

    question: str
    offer: Offer | None = None

    def to_doc(self) -> JsonDict:
        doc: JsonDict = {"question": self.question}
        if self.offer is not None:
            doc["offer"] = encode_offer(self.offer)
        return doc

    @classmethod
    def from_doc(cls, doc: Any) -> WelcomeQuestion:
        if not isinstance(doc, dict) or not set(doc) <= {"question", "offer"}:
            raise DocumentError("welcome: expected a question and an optional offer")
        question = doc.get("question")
        if not isinstance(question, str) or len(question) > MAX_QUESTION_CHARS:
            raise DocumentError("welcome: expected a question")
        offer = doc.get("offer")
        return cls(question, None if offer is None else decode_offer(offer, "welcome.offer"))


@dataclass(frozen=True)
class AskingWhoIsSpeaking:
    """ "Who's this, Sam or Alex?" was asked; ``then`` is what to do once answered."""

    MODE: ClassVar[str] = "voice"
    then: WelcomeQuestion | StartCheckInOffer
    retry: bool = False

    def to_doc(self) -> JsonDict:
        then = encode_offer(self.then) if isinstance(self.then, StartCheckInOffer) else None
        return {
            "then": then if then is not None else to_doc(self.then),
            "retry": self.retry,
        }

    @classmethod
    def from_doc(cls, doc: Any) -> AskingWhoIsSpeaking:
        if not isinstance(doc, dict) or not set(doc) <= {"then", "retry"}:
            raise DocumentError("voice: unexpected keys")
        then_doc = doc.get("then")
        then: WelcomeQuestion | StartCheckInOffer
        if isinstance(then_doc, dict) and "offer" in then_doc and "question" not in then_doc:
            offer = decode_offer(then_doc, "voice.then")
            if not isinstance(offer, StartCheckInOffer):
                raise DocumentError("voice.then: only a check-in start may wait for the answer")
            then = offer
        else:
            then = WelcomeQuestion.from_doc(then_doc)
        retry = doc.get("retry", False)
        if not isinstance(retry, bool):
            raise DocumentError("voice.retry: expected true or false")
        return cls(then, retry)


@dataclass(frozen=True)
class ConfirmingErase:
    """ "Delete our data" is waiting for a yes; ``reminder`` is the reminder id to delete too
    (None when it could not be read then, "" when there is none)."""

    MODE: ClassVar[str] = "erase"
    reminder: str | None = None


@dataclass(frozen=True)
class ConfirmingForget:
    """ "Forget tonight" is waiting for a yes; ``night`` is the evening to forget."""

    MODE: ClassVar[str] = "forget"
    night: str


@dataclass(frozen=True)
class InCare:
    """Words of crisis were answered with care and help; ``crisis`` says which kind."""

    MODE: ClassVar[str] = "care"
    crisis: Crisis = Crisis.SELF_HARM
    #: The kind of check-in the words stopped ("" for none), to offer to carry on with once
    #: the subject is let drop. Carried in the session only, like every dialog state.
    checkin: str = ""


@dataclass(frozen=True)
class AskingToRetrySave:
    """A closing turn could not be saved; "shall I try saving again?" was asked."""

    MODE: ClassVar[str] = "save_retry"


DialogState = (
    Idle
    | ChoosingPractice
    | ReadingPractice
    | CheckingIn
    | Offering
    | BrowsingDates
    | ReadingFavourites
    | AskingNames
    | AskingReminderTime
    | AskingWhoIsSpeaking
    | ConfirmingErase
    | ConfirmingForget
    | InCare
    | AskingToRetrySave
)
STATE_TYPES: tuple[type[DialogState], ...] = (
    Idle,
    ChoosingPractice,
    ReadingPractice,
    CheckingIn,
    Offering,
    BrowsingDates,
    ReadingFavourites,
    AskingNames,
    AskingReminderTime,
    AskingWhoIsSpeaking,
    ConfirmingErase,
    ConfirmingForget,
    InCare,
    AskingToRetrySave,
)
IDLE = Idle()

#: The longest practice reading in parts (why, up to eight steps, the close).
MAX_PARTS = 12
MAX_NAME_CHARS = 30
#: The longest welcome question carried while asking who is speaking.
MAX_QUESTION_CHARS = 400


def encode_state(state: DialogState) -> JsonDict:
    """The session document of ``state`` (``{}`` for idle, as Alexa's first turn has)."""
    if isinstance(state, Idle):
        return {}
    if isinstance(state, CheckingIn):
        return {"mode": state.MODE, **state.flow.to_dict(), "names": list(state.names)}
    if isinstance(state, Offering):
        return {"mode": state.MODE, **encode_offer(state.offer)}
    return {"mode": state.MODE, **to_doc(state)}


def decode_state(doc: Any) -> DialogState:
    """The state a session document holds; idle (logged) when it holds none that is valid."""
    if not doc:
        return IDLE
    try:
        return _decode(doc)
    except DocumentError as error:
        logger.warning("dialog state refused, starting idle: %s", error)
        return IDLE


def _decode(doc: Any) -> DialogState:
    if not isinstance(doc, dict):
        raise DocumentError("state: expected an object")
    fields = dict(doc)
    mode = fields.pop("mode", None)
    if mode == CheckingIn.MODE:
        names = fields.pop("names", [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise DocumentError("checkin.names: expected a list of names")
        try:
            flow = CheckInFlow.from_dict(fields)
            return CheckingIn(flow, tuple(names))
        except (ValueError, TypeError, KeyError) as error:
            raise DocumentError(f"checkin: {error}") from None
    if mode == Offering.MODE:
        return Offering(decode_offer(fields, "offer"))
    for state_type in STATE_TYPES:
        if mode == state_type.MODE:
            state: DialogState = from_doc(state_type, fields, f"state {mode}")
            return state
    raise DocumentError("state: unknown mode")
