"""Configuration, read once from the environment at the edge of the process.

Everything else receives a :class:`Settings` value instead of reading
``os.environ`` itself, so tests can build any configuration explicitly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from skill.storage import default_sqlite_path
from skill.storage.base import StoreConfigError

_FALSE_WORDS = frozenset({"0", "false", "no", "off"})
_TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names it and says what to do."""


@dataclass(frozen=True)
class Settings:
    """The skill's deployment configuration."""

    store_url: str
    skill_id: str | None = None
    verify_signatures: bool = True
    default_timezone: str = "America/New_York"
    locale: str = "en-US"
    #: Where people reach the operator: fills {{CONTACT_EMAIL}} in the privacy policy and terms.
    contact_email: str | None = None
    #: Web endpoint only: answer signed requests for any skill when ``SKILL_ID`` is unset.
    accept_any_skill: bool = False
    #: Web endpoint only: a turn still running after this is answered with a spoken apology.
    turn_deadline_seconds: float = 6.0
    #: Web endpoint only: a turn still running after this marks its process for recycling.
    turn_hard_limit_seconds: float = 20.0
    #: Web endpoint only: threads per process that run turns; more at once are refused (503).
    turn_threads: int = 8
    #: Web endpoint only: a whole request must arrive within this, or it is answered 408.
    request_read_seconds: float = 10.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build settings from environment variables (see the README's table).

        Inside Lambda the store defaults to DynamoDB (table from ``TABLE_NAME``);
        elsewhere to the embedded SQLite file, so a newcomer needs no AWS at all.
        """
        env = os.environ if env is None else env
        store_url = env.get("HTH_STORE", "").strip()
        if not store_url:
            if env.get("AWS_LAMBDA_FUNCTION_NAME"):
                table = env.get("TABLE_NAME", "").strip()
                if not table:
                    raise StoreConfigError(
                        "No store configured: set TABLE_NAME (or HTH_STORE=dynamodb://TABLE) "
                        "for the Lambda function."
                    )
                store_url = f"dynamodb://{table}"
            else:
                store_url = f"sqlite:///{default_sqlite_path()}"
        return cls(
            store_url=store_url,
            skill_id=env.get("SKILL_ID", "").strip() or None,
            verify_signatures=env.get("HTH_VERIFY_SIGNATURES", "true").strip().lower()
            not in _FALSE_WORDS,
            default_timezone=env.get("HTH_DEFAULT_TIMEZONE", "").strip() or cls.default_timezone,
            contact_email=env.get("HTH_CONTACT_EMAIL", "").strip() or None,
            accept_any_skill=env.get("HTH_ACCEPT_ANY_SKILL", "").strip().lower() in _TRUE_WORDS,
            turn_deadline_seconds=_positive(env, "HTH_TURN_DEADLINE", cls.turn_deadline_seconds),
            turn_hard_limit_seconds=_positive(
                env, "HTH_TURN_HARD_LIMIT", cls.turn_hard_limit_seconds
            ),
            turn_threads=int(_positive(env, "HTH_TURN_THREADS", cls.turn_threads, whole=True)),
            request_read_seconds=_positive(
                env, "HTH_REQUEST_READ_TIMEOUT", cls.request_read_seconds
            ),
        )


def _positive(env: Mapping[str, str], name: str, default: float, *, whole: bool = False) -> float:
    """A positive number from the environment (a whole one when ``whole``), or the default."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        value = 0
    if not value > 0 or value == float("inf"):
        kind = "a positive whole number" if whole else "a positive number of seconds"
        raise SettingsError(f"{name} must be {kind}, not {raw!r}")
    return value
