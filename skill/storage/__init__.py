"""Pick a household store from a URL (``HTH_STORE``).

The DynamoDB backend is imported only when a ``dynamodb://`` URL is opened, so
local SQLite users never import boto3 and never need AWS settings.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from skill.storage.base import HouseholdStore, StoreConfigError

_SQLITE = "sqlite://"
_DYNAMODB = "dynamodb://"
# DynamoDB's own rule for table names; checked here so a typo fails at start-up, not mid-dialog.
_TABLE_NAME = re.compile(r"[A-Za-z0-9_.-]{3,255}")


def default_sqlite_path() -> Path:
    """Where the embedded store lives by default: the user's XDG data folder."""
    base = os.environ.get("XDG_DATA_HOME", "")
    # The XDG spec says a relative value is invalid and must be ignored.
    data_home = Path(base) if os.path.isabs(base) else Path.home() / ".local" / "share"
    return data_home / "heart-to-heart" / "households.db"


def open_store(url: str) -> HouseholdStore:
    """Open the store a URL names.

    ``sqlite:///abs/path.db`` is an absolute path; ``sqlite://data/h.db`` and
    ``sqlite://~/h.db`` are relative to the working directory and the home
    folder. ``dynamodb://TABLE`` uses the usual AWS region and endpoint settings.
    """
    if url.startswith(_SQLITE) and len(url) > len(_SQLITE):
        from skill.storage.sqlite import SqliteStore

        raw = url[len(_SQLITE) :]
        # "sqlite:////abs" (SQLAlchemy's absolute form) would otherwise keep a leading "//".
        path = Path(os.path.abspath(os.path.expanduser(re.sub(r"^/+", "/", raw))))
        return SqliteStore(path)
    if url.startswith(_DYNAMODB):
        table = url[len(_DYNAMODB) :]
        if not _TABLE_NAME.fullmatch(table):
            raise StoreConfigError(
                f"HTH_STORE names an invalid DynamoDB table {table!r}: use 3-255 letters,"
                " digits, '_', '-' or '.'."
            )
        from skill.storage.dynamodb import DynamoDbStore

        return DynamoDbStore(table)
    raise StoreConfigError(f"HTH_STORE must be sqlite:///PATH or dynamodb://TABLE, got {url!r}.")
