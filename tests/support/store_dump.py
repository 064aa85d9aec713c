"""What a store really holds for a household, read past the store's own code.

Erasure tests must not trust ``load`` (which hides expired nights and knows
what to look for): they read the SQLite tables and scan the DynamoDB table
directly, and search everything the household has for what should be gone.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from skill.storage.sqlite import SqliteStore

if TYPE_CHECKING:
    # Only for types: sessions without DynamoDB tests never import boto3.
    from skill.storage.dynamodb import DynamoDbStore


def sqlite_rows(store: SqliteStore, household_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of the household in every table of the SQLite file, by table."""
    with sqlite3.connect(store.path) as conn:
        conn.row_factory = sqlite3.Row
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            table: [
                dict(row)
                for row in conn.execute(
                    f"SELECT * FROM {table} WHERE household_id = ?", (household_id,)
                )
            ]
            for table in tables
        }


def dynamodb_items(store: DynamoDbStore, household_id: str) -> list[dict[str, Any]]:
    """Every item of the household's partition, found by a full scan of the table (through a
    botocore client of its own: the store's small client knows only the store's calls)."""
    from skill.storage.dynamodb import default_client

    pages = default_client().get_paginator("scan").paginate(TableName=store.table_name)
    pk = f"HOUSEHOLD#{household_id}"
    return [item for page in pages for item in page["Items"] if item["pk"]["S"] == pk]


def everything(store: SqliteStore | DynamoDbStore, household_id: str) -> str:
    """All the household holds in ``store``, as one searchable text."""
    if isinstance(store, SqliteStore):
        return json.dumps(sqlite_rows(store, household_id), default=str)
    return json.dumps(dynamodb_items(store, household_id), default=str)


def night_keys(store: SqliteStore | DynamoDbStore, household_id: str) -> set[str]:
    """The evenings the store holds a night document for (expired or not)."""
    if isinstance(store, SqliteStore):
        return {row["day"] for row in sqlite_rows(store, household_id)["nights"]}
    return {
        item["sk"]["S"].removeprefix("NIGHT#")
        for item in dynamodb_items(store, household_id)
        if item["sk"]["S"].startswith("NIGHT#")
    }
