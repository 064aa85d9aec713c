"""AWS Lambda entry point: ``lambda_function.lambda_handler``.

The skill is built on the first invocation and reused by warm ones; the store
defaults to DynamoDB (table from ``TABLE_NAME``) inside Lambda. A missing or
broken store configuration fails with one clear error instead of a traceback
buried in the SDK.
"""

from __future__ import annotations

import gc
import logging
from typing import Any

from skill.app import default_app
from skill.storage.base import StoreConfigError

logging.getLogger().setLevel(logging.INFO)
logger = logging.getLogger(__name__)

# Everything imported so far (modules, classes, functions) lives as long as the container.
# Freezing it keeps the cyclic collector from walking it again and again for nothing: the
# first request sets off a full collection while botocore loads and parses its models, and
# with all of this in sight it costs 15 to 25 ms of the cold start (so does every later one).
gc.freeze()


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Answer one Alexa request envelope.

    A configuration mistake is logged as one ERROR line saying what to set,
    then raised again without the skill's internal frames, so the invocation
    fails visibly (Lambda reports the error) and the log reads as a fix to
    make rather than a crash to debug.
    """
    try:
        app = default_app()
    except StoreConfigError as exc:
        logger.error("configuration error: %s", exc)
        raise StoreConfigError(str(exc)) from None
    return app.handle(event)
