"""The skill a Python author would otherwise write: the ASK SDK with its DynamoDB persistence
adapter, reading and saving the household's attributes on launch.

The cold-start target compares ours with it, measured in the same run: the
baseline's two handlers (bench/baseline.py), and a launch that reads the
persistent attributes, counts the visit and saves them, through
``ask_sdk_dynamodb``'s ``DynamoDbAdapter`` as its documentation shows it. The
adapter builds a boto3 resource when it is imported (its default argument), and
reads with GetItem and writes with PutItem on a table keyed by ``id`` (the
bench makes one; TABLE_NAME names it). Requests go through the same harness
(:class:`bench.baseline.BaselineSkill`: deserialize, invoke, serialize).
"""

from __future__ import annotations

import os
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_core.utils import is_request_type
from ask_sdk_dynamodb.adapter import DynamoDbAdapter
from ask_sdk_model import Response

from bench.baseline import QUESTION, SENTENCE, BaselineSkill, HelloIntentHandler

#: The stock adapter's own key name: its table has a partition key ``id`` and nothing else.
PARTITION_KEY = "id"


class CountingLaunchHandler(AbstractRequestHandler):
    """LaunchRequest: read the attributes, count the visit, save them, say the sentence."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        attributes = handler_input.attributes_manager.persistent_attributes
        attributes["visits"] = int(attributes.get("visits", 0)) + 1
        handler_input.attributes_manager.save_persistent_attributes()
        builder = handler_input.response_builder
        return builder.speak(f"{SENTENCE} {QUESTION}").ask(QUESTION).response


def build_skill() -> CustomSkill:
    """The stock skill object: the adapter on TABLE_NAME, the launch above, any intent."""
    adapter = DynamoDbAdapter(table_name=os.environ["TABLE_NAME"], create_table=False)
    builder = CustomSkillBuilder(persistence_adapter=adapter)
    builder.add_request_handler(CountingLaunchHandler())
    builder.add_request_handler(HelloIntentHandler())
    return builder.create()


#: Built at import, as a Lambda skill builds its skill once per container.
_SKILL = BaselineSkill(build_skill())


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """The stock skill's Lambda entry point (used by the cold-start measurement)."""
    return _SKILL.handle(event)
