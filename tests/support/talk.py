"""The tests' one conversation driver: a household talking to a :class:`SkillApp`.

Every request takes the real path: typed text goes through the simulator (the
interaction model's NLU, a real request envelope, sessions kept as Alexa keeps
them), and a test that must bypass the NLU sends an intent with its slots
instead. Every response is held to the response invariants
(:mod:`tests.support.invariants`). The clock stands still during a turn and
moves five seconds after it; a test moves it on or sets it. Who speaks (the
account, the voice, the locale, where the Alexa APIs are and the tokens for
them) is set at the start and may change between turns.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any

from skill.app import SkillApp
from skill.config import Settings
from skill.content.dates import DateIdea, date_catalogue
from skill.content.practices import practice_library
from skill.content.prompts import prompt_bank
from skill.conversation.dialog import (
    BrowsingDates,
    CheckingIn,
    DialogState,
    ReadingPractice,
    decode_state,
)
from skill.household.model import Profile
from skill.local.envelope import DEFAULT_USER_ID, Caller, JsonDict, SlotInput
from skill.local.nlu import Nlu, load_nlu
from skill.local.simulator import OFFLINE_API_ENDPOINT, Simulator, Turn
from skill.storage.base import HouseholdRecord, HouseholdStore
from skill.turn import household_id_for
from tests.support.invariants import check_response
from tests.support.memory_store import MemoryStore

#: Where a conversation starts unless a test says otherwise: a weekday evening.
EVENING = datetime.fromisoformat("2026-11-25T20:30:00-05:00")
#: How long each turn takes.
STEP = timedelta(seconds=5)
#: The access token every request carries for the Alexa APIs (a fake API records it).
API_TOKEN = "api-token-for-this-request"
#: What requests carry once the household granted the reminders permission.
CONSENT_TOKEN = "consent-token"
REMINDERS_SCOPE = "alexa::alerts:reminders:skill:readwrite"

Handle = Callable[[JsonDict], JsonDict]


def app_on(store: HouseholdStore, **settings: Any) -> SkillApp:
    """The skill on ``store``, configured as the tests configure it (``settings`` add to that)."""
    return SkillApp(Settings(store_url="test://", **settings), store)


@functools.cache
def shared_nlu(locale: str) -> Nlu:
    """One NLU per locale for the whole run: it only reads, and compiling the model is slow."""
    return load_nlu(locale)


class BrokenResponse(AssertionError):
    """A response that breaks the invariants; the turn is kept for whoever reports it."""

    def __init__(self, turn: Turn, problems: list[str]) -> None:
        super().__init__(f"{turn.utterance or turn.request_type!r}: {problems}")
        self.turn = turn
        self.problems = problems


class Talk:
    """One household talking to ``app``; every answer is checked.

    ``handle`` carries each request to the app (``app.handle`` unless a test
    wraps it, to time or count requests). ``api_endpoint`` is where the
    requests say the Alexa APIs are: by default a closed port, so the APIs
    fail at once; a :class:`~tests.support.fake_alexa_api.FakeAlexaApi`'s
    ``url`` to play them, with ``api_access_token`` and, once the household
    granted reminders, ``consent_token``. ``nlu`` understands the typed text
    (by default the model of ``locale``). With ``screen`` the household talks to an
    Echo Show, whose screen :meth:`tap` touches.
    """

    def __init__(
        self,
        app: SkillApp,
        *,
        start: datetime = EVENING,
        handle: Handle | None = None,
        user_id: str = DEFAULT_USER_ID,
        person_id: str | None = None,
        locale: str = "en-US",
        nlu: Nlu | None = None,
        api_endpoint: str = OFFLINE_API_ENDPOINT,
        api_access_token: str = API_TOKEN,
        consent_token: str | None = None,
        screen: bool = False,
    ) -> None:
        self.app = app
        self.now = start
        #: The last turn, None before the first.
        self.last: Turn | None = None
        self.simulator = Simulator(
            handle or app.handle,
            locale=locale,
            user_id=user_id,
            person_id=person_id,
            clock=lambda: self.now,
            nlu=nlu or shared_nlu(locale),
            api_endpoint=api_endpoint,
            screen=screen,
        )
        self._as(api_access_token=api_access_token, consent_token=consent_token)

    # --- requests ------------------------------------------------------------------------

    def __call__(self, text: str) -> Turn:
        """Say ``text``: the NLU picks the intent and slots ("open …" starts a new session)."""
        return self._checked(self.simulator.send(text))

    def intent(
        self, name: str, slots: Mapping[str, SlotInput] | None = None, *, new_session: bool = False
    ) -> Turn:
        """Send intent ``name`` with ``slots`` as resolved, bypassing the NLU.

        In the open session, or a new one when none is open or ``new_session`` is set.
        """
        return self._checked(self.simulator.send_intent(name, slots, new_session=new_session))

    def tap(self, label: str) -> Turn:
        """Touch what the last screen shows as ``label`` (a button, a choice)."""
        targets = self.last.touch_targets if self.last is not None else {}
        if label not in targets:
            raise AssertionError(f"no {label!r} on the screen; it shows {sorted(targets)}")
        screen = self.last.screen if self.last is not None else None
        token = str(screen.get("token", "")) if screen else ""
        return self._checked(self.simulator.touch(targets[label], token))

    def touch(self, arguments: list[Any]) -> Turn:
        """A UserEvent with ``arguments``, whatever the screen shows (a stale or forged one)."""
        return self._checked(self.simulator.touch(arguments))

    def launch(self) -> Turn:
        """ "Alexa, open …": a LaunchRequest in a new session."""
        return self._checked(self.simulator.start_session())

    def end_session(self, reason: str = "USER_INITIATED") -> Turn | None:
        """Alexa ends the open session (SessionEndedRequest with ``reason``); None if none is."""
        turn = self.simulator.end_session(reason)
        return None if turn is None else self._checked(turn)

    def disable(self) -> Turn:
        """The household removes the skill: ``AlexaSkillEvent.SkillDisabled``."""
        return self._checked(self.simulator.disable_skill())

    def permission_answer(self, status: str, token: str, code: str = "200") -> Turn:
        """Alexa's ``Connections.Response`` to the reminders permission request ("AskFor")."""
        payload = {
            "permissionScopes": [{"permissionScope": REMINDERS_SCOPE, "consentLevel": "ACCOUNT"}],
            "status": status,
        }
        message = "OK" if code == "200" else "error"
        return self._checked(
            self.simulator.send_connections_response(
                "AskFor", token, payload, status_code=code, status_message=message
            )
        )

    def check_in(self, *answers: str, partners: str = "both of us") -> None:
        """Start a check-in and give each partner's rating (a four) and answer, in turn."""
        self("start a check-in")
        self(partners)
        for answer in answers:
            self("a four")
            self(answer)

    # --- the clock -----------------------------------------------------------------------

    def advance(self, **delta: float) -> None:
        """Move the clock on (``seconds=``, ``minutes=``, ``days=``… as for ``timedelta``)."""
        self.now += timedelta(**delta)

    def next_day(self, at: time | None = None) -> None:
        """The household leaves (the open session ends) and comes back a day later, at ``at``."""
        self.end_session()
        self.now += timedelta(days=1)
        if at is not None:
            self.now = self.now.replace(hour=at.hour, minute=at.minute, second=at.second)

    # --- who speaks ----------------------------------------------------------------------

    @property
    def caller(self) -> Caller:
        """Who the next requests come from."""
        return self.simulator.caller

    @property
    def user_id(self) -> str:
        return self.caller.user_id

    def speak_as(self, person_id: str | None) -> None:
        """From the next turn on, Alexa recognises this voice profile (None: no voice)."""
        self._as(person_id=person_id)

    def grant_reminders(self, consent_token: str = CONSENT_TOKEN) -> None:
        """From now on requests carry a consent token, as after the household said yes."""
        self._as(consent_token=consent_token)

    # --- the session and the store -------------------------------------------------------

    @property
    def session_open(self) -> bool:
        return self.simulator.session_open

    @property
    def session_attributes(self) -> Mapping[str, Any]:
        """What the next request of the open session carries (empty outside a session)."""
        return self.simulator.session_attributes

    @session_attributes.setter
    def session_attributes(self, attributes: Mapping[str, Any]) -> None:
        self.simulator.session_attributes = attributes

    def record(self) -> HouseholdRecord | None:
        """What the app's store holds for this household (None: nothing)."""
        return self.app.store.load(household_id_for(self.user_id))

    def stored(self) -> HouseholdRecord:
        """What the app's store holds for this household, which must be there."""
        record = self.record()
        assert record is not None, "nothing is stored for the household"
        return record

    def profile(self) -> Profile:
        """The household's stored profile, read back as the skill reads it."""
        return Profile.from_dict(self.stored().profile)

    def _as(self, **changes: Any) -> None:
        self.simulator.caller = replace(self.simulator.caller, **changes)

    def _checked(self, turn: Turn) -> Turn:
        self.last = turn
        self.now += STEP
        problems = check_response(turn.response)
        if problems:
            raise BrokenResponse(turn, problems)
        return turn


def said(text: str, key: str, locale: str = "en-US") -> bool:
    """Whether ``text`` holds one of the phrasings of prompt ``key`` (placeholders filled)."""
    for phrasing in prompt_bank(locale).phrasings(key):
        pattern = re.sub(r"\\\{\w+\\\}", ".+?", re.escape(phrasing))
        if re.search(pattern, text):
            return True
    return False


def says(turn: Turn, key: str) -> bool:
    """Whether the turn's speech holds one of the phrasings of prompt ``key``."""
    return said(turn.speech, key)


def directives(turn: Turn) -> list[JsonDict]:
    """The directives of the turn's response, whole."""
    return list(turn.response["response"].get("directives") or [])


def new_household(**options: Any) -> Talk:
    """A new household talking to a skill on a store of its own (in memory); ``options`` as
    for :class:`Talk` (``locale``, ``start``, ``screen``…)."""
    return Talk(app_on(MemoryStore()), **options)


def household_that_said(*lines: str, **options: Any) -> Talk:
    """A new household (``options`` as for :func:`new_household`) that opened the skill and
    said ``lines``, in order."""
    couple = new_household(**options)
    couple.launch()
    for line in lines:
        couple(line)
    return couple


def state_of(talking: Talk) -> DialogState:
    """The dialog state the household's session attributes carry."""
    return decode_state(talking.session_attributes.get("state"))


def checking_in(talking: Talk) -> CheckingIn:
    """The check-in under way (the test fails when there is none)."""
    state = state_of(talking)
    assert isinstance(state, CheckingIn), state
    return state


def reading(talking: Talk) -> ReadingPractice:
    """The practice being read (the test fails, with the last answer, when none is)."""
    state = state_of(talking)
    assert isinstance(state, ReadingPractice), (
        state,
        talking.last.speech if talking.last else "",
    )
    return state


def reading_the_repair(talking: Talk) -> ReadingPractice:
    """The repair conversation being read (the test fails when it is not)."""
    state = reading(talking)
    assert state.practice == "repair", state
    return state


def browsing(talking: Talk) -> BrowsingDates:
    """The date ideas being browsed (the test fails when none are)."""
    state = state_of(talking)
    assert isinstance(state, BrowsingDates), state
    return state


def idea_on_the_table(talking: Talk) -> DateIdea:
    """The date idea last pitched, from the en-US catalogue."""
    idea = date_catalogue("en-US").get(browsing(talking).idea)
    assert idea is not None
    return idea


def practice_step(practice: str, index: int, *, alone: bool = False) -> str:
    """What step ``index`` (1 = the first step) of ``practice`` says, in the form read."""
    return practice_library("en-US").practice(practice).form(alone=alone).steps[index - 1].say


def at_practice_step(practice: str, name: str, index: int) -> Talk:
    """A couple reading ``practice`` (asked for by ``name``), its step ``index`` just read."""
    couple = household_that_said(f"read us the {name} practice")
    for _ in range(index):
        couple("next")
    state = reading(couple)
    assert (state.practice, state.part, state.alone) == (practice, index, False)
    return couple


def robin_alone_at_the_first_step() -> Talk:
    """Robin (trial 5, quiet e1), alone after midnight: her check-in alone, then tonight's
    practice in its one-person form, its first step just read."""
    robin = household_that_said(
        "um, it's just me, he's asleep. can I still do the check in on my own?",
        "I dunno. three maybe. he was working late again",
        "that I'd kind of like to go back to work part time. I haven't brought it up. "
        "he likes me being home",
    )
    robin("sure. read it. quietly though")
    robin("yes")
    state = reading(robin)
    assert state.alone and state.part == 1, state
    return robin


def robin_alone_then_a_date_idea() -> Talk:
    """Robin at the second step of her practice alone, then a date idea asked for: the reading
    was left part-way."""
    robin = robin_alone_at_the_first_step()
    robin("mm. my sister, I guess. she just let me talk. ok next")
    state = reading(robin)
    assert (state.part, state.alone) == (2, True), state
    robin("suggest a date idea")
    browsing(robin)
    return robin
