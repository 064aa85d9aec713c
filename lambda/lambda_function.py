"""AWS Lambda entry point: ``lambda_function.lambda_handler``.

The skill is built on the first invocation and reused by warm ones; the store
defaults to DynamoDB (table from ``TABLE_NAME``) inside Lambda. A missing or
broken store configuration fails with one clear error instead of a traceback
buried in the SDK.
"""

from __future__ import annotations

import logging
from typing import Any

from skill.app import handle_event

logging.getLogger().setLevel(logging.INFO)


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Answer one Alexa request envelope."""
    return handle_event(event)
