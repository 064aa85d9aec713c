"""The floor for a skill kept in DynamoDB: the baseline plus one client, one Query, one PutItem.

The cold-start target compares ours with bench/baseline.py, which calls no
store at all. Any skill that keeps its state in a table also pays, on its
first request, for a botocore client and its first calls. This is that skill
at its smallest, measured beside ours so the gap splits into what DynamoDB
costs any skill and what is our own: the baseline's skill and imports, and on
the first request one botocore client (made as skill/storage/dynamodb.py
makes it, from a botocore session), one Query and one PutItem on TABLE_NAME.
"""

from __future__ import annotations

import os
from typing import Any

import botocore.session
from botocore.client import BaseClient

from bench.baseline import BaselineSkill

#: The one item the reference reads and writes: the same key at every cold start.
KEY = {"pk": {"S": "HOUSEHOLD#bench-reference"}, "sk": {"S": "PROFILE"}}

#: Built at import, as a Lambda skill builds its skill once per container.
_SKILL = BaselineSkill()
#: Created on the first request, as our store creates its client.
_client: BaseClient | None = None


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """One Query and one PutItem on TABLE_NAME, then the baseline's answer."""
    global _client
    if _client is None:
        _client = botocore.session.get_session().create_client("dynamodb")
    table = os.environ["TABLE_NAME"]
    _client.query(
        TableName=table,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": KEY["pk"]},
    )
    _client.put_item(TableName=table, Item=KEY)
    return _SKILL.handle(event)
