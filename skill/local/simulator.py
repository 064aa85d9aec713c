"""A local Alexa: typed text in, the skill's answer out, sessions kept as Alexa keeps them.

Each utterance goes the whole way a spoken one would: the interaction model's
NLU (:mod:`skill.local.nlu`) picks the intent and slots, :mod:`skill.local.envelope`
builds the real request envelope, and the same ``handle_event`` function
Lambda calls answers it. So whatever works here works on a device.

Session rules, as on an Echo without a screen:

* Naming the skill ("open heart talks", "ask heart talks to …") always
  starts a new session; a session still open is dropped, as Alexa drops it.
* Inside an open session, plain text is an utterance to the skill, and the
  session attributes of the last response ride along with the next request.
* The session ends when a response says ``shouldEndSession: true`` or leaves
  it unset (a speaker without a screen closes the session then).
* After that (or before the first session), plain text without the invocation
  name is treated as a one-shot request: "teach us about empathy" is sent as if
  the user had said "ask heart talks to teach us about empathy", in a new
  session, and resolved as Alexa resolves a one-shot: from the interaction
  model's intent samples alone (no slot is being elicited, so the skill never
  hears the words of a line no sample matches: it gets ``AMAZON.FallbackIntent``).
  A real Echo would not route such text to the skill at all, but for a test
  bench this is the useful reading; the turn says it was assumed
  (:attr:`Turn.assumed_invocation`), and ``heart-to-heart chat`` says so before
  the answer, so nobody takes it for a line said inside the session.

Request and session ids come from counters and timestamps from an injectable
clock, so a replayed conversation produces byte-identical requests and the
skill's seeded choices repeat.

Besides typed text, the simulator sends what no words produce: an intent with
slots as the NLU would have resolved them (:meth:`Simulator.send_intent`),
Alexa's answer to a permission request (:meth:`Simulator.send_connections_response`),
the end of a session and the SkillDisabled event. Who speaks (:attr:`Simulator.caller`:
another voice, a permission granted) may change between requests.

With ``screen=True`` the simulated device is an Echo Show: its requests list APL among the
supported interfaces, each answer may carry the screen's document, and the screen can be
touched (:meth:`Simulator.touch`): Alexa's UserEvent with what the touched target sends.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from skill.local.envelope import (
    DEFAULT_SKILL_ID,
    DEFAULT_USER_ID,
    SCREEN_INTERFACES,
    Caller,
    JsonDict,
    Session,
    SlotInput,
    connections_response,
    intent_request,
    launch_request,
    session_ended_request,
    skill_disabled_event,
    user_event,
)
from skill.local.nlu import Nlu, Understanding, load_nlu
from skill.speech import ssml_to_text

Handle = Callable[[JsonDict], JsonDict]
#: The directive that draws a screen.
RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
#: Where simulated requests say the Alexa APIs are: a closed loopback port, so the skill's
#: settings and reminders calls fail at once, as offline, and never leave this machine.
OFFLINE_API_ENDPOINT = "http://127.0.0.1:1"
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Turn:
    """One exchange: what was sent, what came back, and its readable parts.

    ``speech`` and ``reprompt`` are plain text with SSML removed and pauses
    shown as ``[pause 60s]``. ``intent`` is the intent sent (None for a
    LaunchRequest or SessionEndedRequest). ``ended`` is true when the session
    is over after this turn. ``assumed_invocation`` is true when the text did not
    name the skill and no session was open, so it was sent as a one-shot ("ask
    heart talks …") that a real Echo would have answered itself.
    """

    utterance: str
    request: JsonDict
    response: JsonDict
    speech: str
    reprompt: str | None
    card_title: str | None
    card_content: str | None
    ended: bool
    understanding: Understanding | None = None
    directives: tuple[str, ...] = field(default_factory=tuple)
    assumed_invocation: bool = False

    @property
    def request_type(self) -> str:
        return str(self.request["request"]["type"])

    @property
    def intent(self) -> str | None:
        intent = self.request["request"].get("intent")
        return None if intent is None else str(intent["name"])

    @property
    def screen(self) -> JsonDict | None:
        """The RenderDocument directive that draws this turn's screen, if any."""
        directives = self.response.get("response", {}).get("directives") or []
        return next((d for d in directives if d.get("type") == RENDER_DOCUMENT), None)

    @property
    def touch_targets(self) -> dict[str, list[Any]]:
        """What can be touched on this turn's screen: label → the arguments it sends."""
        if self.screen is None:
            return {}
        return {
            str(found["label"]): [found["event"], found.get("value", 0)]
            for found in _objects(self.screen.get("datasources"))
            if "label" in found and "event" in found and not found.get("disabled")
        }


class Simulator:
    """Talks to a skill's ``handle`` function the way Alexa would, one utterance at a time."""

    def __init__(
        self,
        handle: Handle,
        *,
        locale: str = "en-US",
        user_id: str = DEFAULT_USER_ID,
        person_id: str | None = None,
        skill_id: str = DEFAULT_SKILL_ID,
        clock: Clock | None = None,
        nlu: Nlu | None = None,
        api_endpoint: str = OFFLINE_API_ENDPOINT,
        screen: bool = False,
    ) -> None:
        self._handle = handle
        self._caller = Caller(
            user_id=user_id,
            skill_id=skill_id,
            locale=locale,
            person_id=person_id,
            api_endpoint=api_endpoint,
            supported_interfaces=SCREEN_INTERFACES if screen else {},
        )
        self._clock = clock or (lambda: datetime.now(UTC))
        self._nlu = nlu or load_nlu(locale)
        self._session: Session | None = None
        #: The (intent, slot) the last response elicited with Dialog.ElicitSlot, if any.
        self._eliciting: tuple[str, str] | None = None
        self._requests = 0
        self._sessions = 0

    @property
    def invocation_name(self) -> str:
        """What the user says to reach the skill ("heart talks")."""
        return self._nlu.invocation_name

    @property
    def session_open(self) -> bool:
        return self._session is not None

    @property
    def session_attributes(self) -> Mapping[str, Any]:
        """What the next request in this session will carry (empty outside a session)."""
        return self._session.attributes if self._session else {}

    @session_attributes.setter
    def session_attributes(self, attributes: Mapping[str, Any]) -> None:
        """Carry other attributes in the open session: Alexa echoes whatever it is given."""
        if self._session is None:
            raise RuntimeError("no session is open to carry attributes")
        self._session = Session(self._session.session_id, False, dict(attributes))

    @property
    def caller(self) -> Caller:
        """Who the next requests come from: account, voice, locale, API endpoint and tokens."""
        return self._caller

    @caller.setter
    def caller(self, caller: Caller) -> None:
        # Another voice, a permission granted…; the NLU stays the one of the start.
        self._caller = caller

    def send(self, text: str) -> Turn:
        """Say one utterance and get the skill's answer."""
        now = self._clock()
        eliciting = self._eliciting if self._session is not None else None
        understanding = self._nlu.understand(text, today=now.date(), eliciting=eliciting)
        assumed = self._session is None and not understanding.invoked
        session = self._session_for(new=understanding.invoked)
        if understanding.request_type == "LaunchRequest":
            request = launch_request(
                caller=self._caller,
                session=session,
                request_id=self._next_request_id(),
                timestamp=now,
            )
        else:
            request = intent_request(
                str(understanding.intent),
                understanding.slots,
                caller=self._caller,
                session=session,
                request_id=self._next_request_id(),
                timestamp=now,
                dialog_state="IN_PROGRESS" if understanding.elicited else None,
            )
        return self._exchange(text, request, understanding, assumed_invocation=assumed)

    def send_intent(
        self,
        intent: str,
        slots: Mapping[str, SlotInput] | None = None,
        *,
        new_session: bool = False,
    ) -> Turn:
        """Send an intent with its slots as the NLU would have resolved them, bypassing it.

        It goes in the open session, or in a new one when none is open or ``new_session`` is
        set (as when the user names the skill again: "ask … to …").
        """
        request = intent_request(
            intent,
            slots,
            caller=self._caller,
            session=self._session_for(new=new_session),
            request_id=self._next_request_id(),
            timestamp=self._clock(),
        )
        return self._exchange("", request, None)

    def send_connections_response(
        self,
        name: str,
        token: str,
        payload: Mapping[str, Any],
        *,
        status_code: str = "200",
        status_message: str = "OK",
    ) -> Turn:
        """Alexa's answer to the skill's ``Connections.SendRequest`` (an ``AskFor`` permission
        request, for one), in the open session or a new one when none is open."""
        request = connections_response(
            name,
            token,
            payload,
            status_code=status_code,
            status_message=status_message,
            caller=self._caller,
            session=self._session_for(new=False),
            request_id=self._next_request_id(),
            timestamp=self._clock(),
        )
        return self._exchange("", request, None)

    def touch(self, arguments: list[Any], token: str = "") -> Turn:
        """Touch the screen: the UserEvent a target's ``SendEvent`` makes, in the open session
        (a new one when none is open); ``token`` names the document touched."""
        request = user_event(
            arguments,
            token=token,
            caller=self._caller,
            session=self._session_for(new=False),
            request_id=self._next_request_id(),
            timestamp=self._clock(),
        )
        return self._exchange("", request, None)

    def start_session(self) -> Turn:
        """Open the skill ("Alexa, open …"): a LaunchRequest in a new session."""
        return self.send(f"open {self._nlu.invocation_name}")

    def end_session(self, reason: str = "USER_INITIATED") -> Turn | None:
        """End the open session as Alexa does (SessionEndedRequest); None when none is open.

        USER_INITIATED is the user leaving, EXCEEDED_MAX_REPROMPTS silence after
        the reprompt, ERROR a failure on Alexa's side.
        """
        if self._session is None:
            return None
        request = session_ended_request(
            reason,
            caller=self._caller,
            session=Session(self._session.session_id, False, self._session.attributes),
            request_id=self._next_request_id(),
            timestamp=self._clock(),
        )
        turn = self._exchange("", request, None)
        self._session = None
        return turn

    def disable_skill(self) -> Turn:
        """The household removes the skill: ``AlexaSkillEvent.SkillDisabled``, outside a session."""
        self._session = None
        event = skill_disabled_event(
            caller=self._caller, request_id=self._next_request_id(), timestamp=self._clock()
        )
        return self._exchange("", event, None)

    def _exchange(
        self,
        text: str,
        request: JsonDict,
        understanding: Understanding | None,
        *,
        assumed_invocation: bool = False,
    ) -> Turn:
        response = self._handle(request)
        body = response.get("response") or {}
        # An event outside any session (SkillDisabled) leaves none open either.
        ended = body.get("shouldEndSession") is not False or self._session is None
        self._eliciting = None if ended else _elicited(body)
        if self._session is not None:
            if ended:
                self._session = None
            else:
                attributes = response.get("sessionAttributes") or {}
                self._session = Session(self._session.session_id, False, attributes)
        card = body.get("card") or {}
        reprompt = (body.get("reprompt") or {}).get("outputSpeech")
        return Turn(
            utterance=text,
            request=request,
            response=response,
            speech=_spoken(body.get("outputSpeech")) or "",
            reprompt=_spoken(reprompt),
            card_title=card.get("title"),
            card_content=card.get("content") or card.get("text"),
            ended=ended,
            understanding=understanding,
            directives=tuple(str(d.get("type")) for d in body.get("directives") or []),
            assumed_invocation=assumed_invocation,
        )

    def _session_for(self, *, new: bool) -> Session:
        """The open session, or a new one when none is open or ``new`` is asked for."""
        if new or self._session is None:
            self._sessions += 1
            self._session = Session(
                session_id=f"amzn1.echo-api.session.simulated-{self._sessions:04d}"
            )
        return self._session

    def _next_request_id(self) -> str:
        self._requests += 1
        return f"amzn1.echo-api.request.simulated-{self._requests:06d}"


def _elicited(body: Mapping[str, Any]) -> tuple[str, str] | None:
    """The (intent, slot) a response elicits with ``Dialog.ElicitSlot``, if it does."""
    for directive in body.get("directives") or []:
        if directive.get("type") == "Dialog.ElicitSlot":
            intent = (directive.get("updatedIntent") or {}).get("name")
            slot = directive.get("slotToElicit")
            if intent and slot:
                return str(intent), str(slot)
    return None


def _objects(value: Any) -> list[Mapping[str, Any]]:
    """Every object inside ``value``, depth first."""
    if isinstance(value, Mapping):
        return [value, *(found for inner in value.values() for found in _objects(inner))]
    if isinstance(value, list):
        return [found for inner in value for found in _objects(inner)]
    return []


def _spoken(speech: Mapping[str, Any] | None) -> str | None:
    """Plain text of an outputSpeech block, pauses shown."""
    if not speech:
        return None
    if speech.get("type") == "PlainText":
        return str(speech.get("text", ""))
    return ssml_to_text(str(speech.get("ssml", "")), show_pauses=True)
