"""Alexa's events outside a conversation are acknowledged on purpose: no speech, no ERROR line.

Before they had handlers, each of these reached the exception handler, which
logged an ERROR and answered with a spoken apology nobody could hear.
"""

from __future__ import annotations

import logging

import pytest

from skill.alexa_api import REMINDERS_SCOPE
from skill.app import SkillApp
from skill.local.envelope import Caller, JsonDict, exception_encountered, skill_event
from skill.storage.sqlite import SqliteStore
from skill.turn import household_id_for

CALLER = Caller()

EVENTS: dict[str, JsonDict] = {
    "enabled": skill_event("AlexaSkillEvent.SkillEnabled", caller=CALLER),
    "permission accepted": skill_event(
        "AlexaSkillEvent.SkillPermissionAccepted",
        {"acceptedPermissions": [{"scope": REMINDERS_SCOPE}]},
        caller=CALLER,
    ),
    "permission changed": skill_event(
        "AlexaSkillEvent.SkillPermissionChanged", {"acceptedPermissions": []}, caller=CALLER
    ),
    "account linked": skill_event(
        "AlexaSkillEvent.SkillAccountLinked", {"accessToken": "secret-token"}, caller=CALLER
    ),
    "proactive subscription changed": skill_event(
        "AlexaSkillEvent.ProactiveSubscriptionChanged",
        {"subscriptions": [{"eventName": "AMAZON.MessageAlert.Activated"}]},
        caller=CALLER,
    ),
    "exception encountered": exception_encountered("INVALID_RESPONSE", caller=CALLER),
}


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_events_are_acknowledged_quietly(
    name: str, app: SkillApp, sqlite_store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    answer = app.handle(EVENTS[name])
    assert answer["response"] == {}, "no speech, no card, no reprompt"
    assert "sessionAttributes" not in answer or not answer["sessionAttributes"]
    records = [r for r in caplog.records if r.name == "skill.handlers.events"]
    assert len(records) == 1
    expected = logging.WARNING if name == "exception encountered" else logging.INFO
    assert records[0].levelno == expected
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    # Nothing is read or made for the household, and no token reaches the log.
    assert sqlite_store.load(household_id_for(CALLER.user_id)) is None
    assert "secret-token" not in caplog.text


def test_the_reminders_permission_is_named_in_the_log(
    app: SkillApp, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    app.handle(EVENTS["permission accepted"])
    app.handle(EVENTS["permission changed"])
    said = [r.getMessage() for r in caplog.records if r.name == "skill.handlers.events"]
    assert said == [
        "skill event: permissions accepted; reminders granted",
        "skill event: permissions changed; reminders not granted",
    ]
