"""The golden dialogs as recorded request envelopes, each turn labelled with its kind.

The benchmark measures the turns real conversations are made of, so it plays
``tests/dialogs/golden/*.dialog`` once through the simulator (interaction-model NLU,
real envelopes) exactly as the golden-dialog tests do, and keeps each request
with the answer it got. Replays then send these envelopes again, without the
NLU, under a fresh user id per replay so every replay starts from a new
household, as each dialog file does. Requests are seeded by their ids and
carry their own timestamps, so a replay gives the recorded answers again; the
benchmark checks that it does.

The skill calls the Alexa settings API (a household's time zone, once), so
every request is sent with ``apiEndpoint`` pointing at a local stand-in for
that API: a real loopback round trip, as on Alexa, and never a wait on a
host this machine cannot reach.

Kinds are found at run time from the request type, the intent name and the
dialog mode the request was sent in, so features that land later (dates,
check-ins, progress) are measured as soon as a golden dialog uses them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from skill.app import SkillApp
from skill.config import Settings
from skill.local.simulator import Simulator
from skill.storage.base import HouseholdStore
from tests.support.golden import DIALOGS, parse_dialog

JsonDict = dict[str, Any]

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "skill" / "interaction_models" / "en-US.json"
#: The clock of dialogs that set none, as in tests/support/golden.py.
DEFAULT_CLOCK = datetime.fromisoformat("2026-11-25T20:30:00-05:00")
#: Seconds Alexa's timestamps move on between turns, as in the golden-dialog tests.
SECONDS_PER_TURN = 5

#: The kinds the issue asks for, in the order the table shows them.
PRIMARY_KINDS = ("launch", "practice", "date idea", "check-in answer", "progress")
#: Intents that keep their usual meaning inside a check-in (they are not answers).
_NOT_ANSWERS = re.compile(
    r"AMAZON\.(Help|Stop|Cancel|Repeat|NavigateHome|Fallback)Intent|.*CheckIn.*"
)
#: (kind, intent-name pattern), tried in order after the request-type and mode rules.
_INTENT_KINDS = (
    ("check-in start", re.compile(r".*CheckIn.*")),
    ("progress", re.compile(r".*Progress.*")),
    ("date idea", re.compile(r"Date(Idea|Another)Intent")),
    ("date follow-up", re.compile(r"Date.*")),
    ("practice", re.compile(r".*Practice.*")),
)


@dataclass(frozen=True)
class RecordedTurn:
    """One request of a golden dialog and the answer it got when recorded."""

    dialog: str
    kind: str
    label: str
    request: JsonDict
    response: JsonDict


@dataclass(frozen=True)
class Dialog:
    """A golden dialog's turns, in order."""

    name: str
    turns: tuple[RecordedTurn, ...]

    def kinds(self) -> set[str]:
        return {turn.kind for turn in self.turns}


def turn_label(request: JsonDict) -> str:
    """The intent name, or the request type when there is no intent."""
    body = request["request"]
    intent = body.get("intent")
    return str(intent["name"]) if intent else str(body["type"])


def dialog_mode(request: JsonDict) -> str:
    """The dialog mode (session attribute ``state.mode``) a request was sent in."""
    attributes = (request.get("session") or {}).get("attributes") or {}
    return str((attributes.get("state") or {}).get("mode", ""))


def classify(request: JsonDict) -> str:
    """The kind of turn a request is, from its type, intent and the dialog mode."""
    request_type = request["request"]["type"]
    if request_type == "LaunchRequest":
        return "launch"
    if request_type != "IntentRequest":
        return "session end" if request_type == "SessionEndedRequest" else "other event"
    label = turn_label(request)
    mode = dialog_mode(request)
    if mode == "checkin" and not _NOT_ANSWERS.fullmatch(label):
        return "check-in answer"
    for kind, pattern in _INTENT_KINDS:
        if pattern.fullmatch(label):
            return kind
    # Next, previous, yes… while a practice is being read are steps of that practice.
    return "practice" if mode == "practice" else "built-ins"


def model_intents(path: Path = MODEL) -> list[str]:
    """Every intent of the interaction model."""
    model = json.loads(path.read_text(encoding="utf-8"))
    return [intent["name"] for intent in model["interactionModel"]["languageModel"]["intents"]]


def kinds_in_model(intents: list[str]) -> set[str]:
    """The kinds the interaction model can produce at all (a kind may lack a golden dialog)."""
    kinds = {"launch"}
    for intent in intents:
        kinds.update(kind for kind, pattern in _INTENT_KINDS if pattern.fullmatch(intent))
    if "check-in start" in kinds:
        kinds.add("check-in answer")
    return kinds


def record(path: Path, store: HouseholdStore, api_endpoint: str) -> Dialog:
    """Play one dialog file through the simulator on a fresh skill and keep every exchange.

    The stepping (clock, new sessions, five seconds per turn) is the golden
    tests' own, so the recorded requests are the ones those tests send, save
    for the Alexa API endpoint.
    """
    app = SkillApp(Settings(store_url="bench://"), store)
    exchanges: list[tuple[JsonDict, JsonDict]] = []

    def handle(sent: JsonDict) -> JsonDict:
        request = with_api_endpoint(sent, api_endpoint)
        response = app.handle(request)
        exchanges.append((request, response))
        return response

    now = [DEFAULT_CLOCK]
    simulator = Simulator(handle, clock=lambda: now[0])
    for step in parse_dialog(path.read_text(encoding="utf-8"), path.name):
        if step.clock is not None and step.clock > now[0]:
            now[0] = step.clock
        if step.new_session_before and simulator.session_open:
            simulator.end_session()
        simulator.send(step.utterance)
        now[0] += timedelta(seconds=SECONDS_PER_TURN)
    turns = tuple(
        RecordedTurn(path.stem, classify(request), turn_label(request), request, response)
        for request, response in exchanges
    )
    return Dialog(path.stem, turns)


def record_all(new_store: Callable[[str], HouseholdStore], api_endpoint: str) -> list[Dialog]:
    """Every golden dialog, each recorded on its own fresh store."""
    return [
        record(path, new_store(path.stem), api_endpoint)
        for path in sorted(DIALOGS.glob("*.dialog"))
    ]


def with_api_endpoint(request: JsonDict, api_endpoint: str) -> JsonDict:
    """The same request with ``context.System.apiEndpoint`` replaced."""
    context = dict(request["context"])
    context["System"] = dict(context["System"], apiEndpoint=api_endpoint)
    return dict(request, context=context)


def for_user(request: JsonDict, user_id: str) -> JsonDict:
    """The same request from another Alexa account (so from another household).

    Only the dicts on the way to the two user ids are copied; the rest is
    shared with the recording, which nothing mutates.
    """
    copy = dict(request)
    if "session" in request:
        copy["session"] = dict(request["session"])
        copy["session"]["user"] = dict(request["session"]["user"], userId=user_id)
    context = dict(request["context"])
    context["System"] = dict(context["System"])
    context["System"]["user"] = dict(context["System"]["user"], userId=user_id)
    copy["context"] = context
    return copy
