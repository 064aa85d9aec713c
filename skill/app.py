"""The skill object, built once per process, and the entry every transport calls.

Lambda, the web endpoint and the local simulator all call :func:`handle_event`
with the same request envelope, so they answer identically.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model import RequestEnvelope

from skill.config import Settings
from skill.handlers import request_handlers
from skill.handlers.errors import SpokenApologyHandler
from skill.interceptors import TurnFinisher, TurnStarter
from skill.storage import open_store
from skill.storage.base import HouseholdStore


class SkillApp:
    """A configured skill: settings, its store and the ASK SDK skill object."""

    def __init__(self, settings: Settings, store: HouseholdStore) -> None:
        self.settings = settings
        self.store = store
        self.skill = build_skill(settings, store)

    def handle(self, event: dict[str, Any]) -> dict[str, Any]:
        """Answer one request envelope (as JSON-compatible dicts)."""
        serializer = self.skill.serializer
        envelope = serializer.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
        response = self.skill.invoke(request_envelope=envelope, context=None)
        answer: dict[str, Any] = serializer.serialize(response)
        return answer


def build_skill(settings: Settings, store: HouseholdStore) -> CustomSkill:
    """Assemble handlers, interceptors and the exception handler into a skill."""
    builder = CustomSkillBuilder()
    for handler in request_handlers():
        builder.add_request_handler(handler)
    builder.add_global_request_interceptor(TurnStarter(settings, store))
    builder.add_global_response_interceptor(TurnFinisher())
    builder.add_exception_handler(SpokenApologyHandler())
    # The SDK refuses requests for any other skill id when one is configured.
    builder.skill_id = settings.skill_id
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
