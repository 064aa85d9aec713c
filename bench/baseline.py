"""The floor: a "hello world" skill on the same ASK SDK, driven by the same harness.

Every figure of the benchmark is read against this skill, measured in the same
run on the same machine, so a busy or slow machine moves both sides alike.
It has what the smallest useful ASK SDK skill has and nothing more: one
LaunchRequest handler and one handler for any IntentRequest, both answering a
fixed sentence, no interceptors and no store. Requests go through
:meth:`BaselineSkill.handle`, a copy of :meth:`skill.app.SkillApp.handle`
(deserialize, invoke, serialize), so the two differ only in the skill itself.

It imports boto3 at the top, as a typical Lambda skill does, so its cold start
pays the same import our Lambda path pays; it never creates a client.
"""

from __future__ import annotations

import json
from typing import Any

import boto3  # noqa: F401 - imported for the cold start a typical skill pays, never used
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import RequestEnvelope, Response

SENTENCE = "Hello from the baseline skill."
QUESTION = "Shall I say it again?"


class HelloLaunchHandler(AbstractRequestHandler):
    """LaunchRequest: the fixed sentence and a question."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        builder = handler_input.response_builder
        return builder.speak(f"{SENTENCE} {QUESTION}").ask(QUESTION).response


class HelloIntentHandler(AbstractRequestHandler):
    """Any IntentRequest: the same fixed sentence."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("IntentRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        builder = handler_input.response_builder
        return builder.speak(f"{SENTENCE} {QUESTION}").ask(QUESTION).response


def build_skill() -> CustomSkill:
    """The baseline skill object: two request handlers, nothing else."""
    builder = CustomSkillBuilder()
    builder.add_request_handler(HelloLaunchHandler())
    builder.add_request_handler(HelloIntentHandler())
    return builder.create()


class BaselineSkill:
    """The baseline behind the same harness as :class:`skill.app.SkillApp`."""

    def __init__(self, skill: CustomSkill | None = None) -> None:
        """``skill``: another skill behind the same harness (the stock one); by default this."""
        self.skill = skill or build_skill()

    def handle(self, event: dict[str, Any]) -> dict[str, Any]:
        """Answer one request envelope, exactly as ``SkillApp.handle`` does."""
        serializer = self.skill.serializer
        envelope = serializer.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
        response = self.skill.invoke(request_envelope=envelope, context=None)
        answer: dict[str, Any] = serializer.serialize(response)
        return answer


#: Built at import, as a Lambda skill builds its skill once per container.
_SKILL = BaselineSkill()


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """The baseline's Lambda entry point (used by the cold-start measurement)."""
    return _SKILL.handle(event)
