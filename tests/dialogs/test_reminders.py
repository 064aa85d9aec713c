"""The nightly reminder end to end, against a local fake of the Alexa Reminders API."""

from __future__ import annotations

from datetime import datetime, time
from time import monotonic

import pytest

from skill.app import SkillApp
from skill.conversation.reminders import (
    DEFAULT_TIME,
    consent_status,
    consent_token,
    evening_time,
    reminders_granted,
    spoken_time,
    time_from_consent_token,
)
from tests.support.fake_alexa_api import FakeAlexaApi
from tests.support.talk import (
    API_TOKEN,
    CONSENT_TOKEN,
    REMINDERS_SCOPE,
    Talk,
    directives,
    says,
)

EVENING = datetime.fromisoformat("2026-11-25T18:30:00-08:00")


def household(app: SkillApp, fake: FakeAlexaApi, consent_token: str | None = None) -> Talk:
    """A household on the evening of :data:`EVENING`, its Alexa APIs played by ``fake``."""
    return Talk(app, start=EVENING, api_endpoint=fake.url, consent_token=consent_token)


@pytest.fixture
def granted(app: SkillApp, fake: FakeAlexaApi) -> Talk:
    """A household that granted the reminders permission already."""
    return household(app, fake, CONSENT_TOKEN)


# --- pure helpers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("09:00", time(21, 0)),
        ("21:30", time(21, 30)),
        ("08:15", time(20, 15)),
        ("12:00", time(12, 0)),
        ("00:00", time(0, 0)),
        ("NI", time(21, 0)),
        ("EV", time(19, 0)),
        ("soon", None),
        (None, None),
    ],
)
def test_a_bare_hour_means_the_evening(value: str | None, expected: time | None) -> None:
    assert evening_time(value) == expected


def test_times_are_said_the_way_people_say_them() -> None:
    assert spoken_time(time(21, 0)) == "9 PM"
    assert spoken_time(time(20, 30)) == "8:30 PM"
    assert spoken_time(time(7, 5)) == "7:05 AM"
    assert spoken_time(time(12, 0)) == "noon"
    assert spoken_time(time(0, 0)) == "midnight"


def test_the_agreed_time_rides_in_the_permission_token() -> None:
    assert time_from_consent_token(consent_token(time(20, 45))) == time(20, 45)
    assert time_from_consent_token("someone-else") is None
    assert time_from_consent_token(None) is None


def test_the_consent_status_is_read_from_either_payload_version() -> None:
    assert consent_status({"permissionScope": REMINDERS_SCOPE, "status": "ACCEPTED"}) == "ACCEPTED"
    assert consent_status({"permissionScopes": [{"status": "DENIED"}]}) == "DENIED"
    assert consent_status({}) == "NOT_ANSWERED"
    assert consent_status(None) == "NOT_ANSWERED"


def test_a_granted_scope_wins_over_a_bare_consent_token() -> None:
    assert reminders_granted("token", None, REMINDERS_SCOPE)
    assert not reminders_granted(None, None, REMINDERS_SCOPE)
    assert not reminders_granted("token", {REMINDERS_SCOPE: "DENIED"}, REMINDERS_SCOPE)
    assert reminders_granted(None, {REMINDERS_SCOPE: "GRANTED"}, REMINDERS_SCOPE)


# --- creating -----------------------------------------------------------------------------


def test_a_reminder_is_offered_first_and_created_only_after_a_yes(
    granted: Talk, fake: FakeAlexaApi
) -> None:
    offer = granted.intent("ReminderIntent", {"time": "09:00"})
    assert "every night at 9 PM" in offer.speech
    assert offer.speech.endswith("?")
    assert fake.calls("POST") == []
    done = granted.intent("AMAZON.YesIntent")
    assert says(done, "reminder.set")
    assert "9 PM" in done.speech
    (post,) = fake.calls("POST", "/v1/alerts/reminders")
    assert post.token == API_TOKEN
    trigger = post.body["trigger"]
    assert trigger["type"] == "SCHEDULED_ABSOLUTE"
    # The settings API said Los Angeles (the fake's zone), so the reminder rings there.
    assert trigger["timeZoneId"] == "America/Los_Angeles"
    assert trigger["recurrence"]["recurrenceRules"] == [
        "FREQ=DAILY;BYHOUR=21;BYMINUTE=0;BYSECOND=0;INTERVAL=1;"
    ]
    assert trigger["recurrence"]["startDateTime"] == "2026-11-25T21:00:00.000"
    assert post.body["alertInfo"]["spokenInfo"]["content"][0]["locale"] == "en-US"
    profile = granted.stored().profile
    assert profile["reminder_id"] in fake.reminders
    assert profile["reminder_at"] == "21:00"


def test_when_the_zone_is_unknown_the_reminder_follows_the_device(
    granted: Talk, fake: FakeAlexaApi
) -> None:
    fake.fail_next(500, path_prefix="/v2/devices/")
    granted.intent("ReminderIntent", {"time": "21:00"})
    assert says(granted.intent("AMAZON.YesIntent"), "reminder.set")
    trigger = fake.calls("POST")[0].body["trigger"]
    assert "timeZoneId" not in trigger


def test_no_to_the_offer_creates_nothing(granted: Talk, fake: FakeAlexaApi) -> None:
    granted.intent("ReminderIntent", {"time": None})
    answer = granted.intent("AMAZON.NoIntent")
    assert answer.response["response"]["shouldEndSession"] is False
    assert fake.calls("POST") == []


def test_without_a_time_the_time_is_asked_first(granted: Talk, fake: FakeAlexaApi) -> None:
    asked = granted.intent("ReminderIntent", {"time": None}).speech
    assert "what time" in asked.lower() and not fake.calls("POST")
    assert spoken_time(DEFAULT_TIME) in granted.intent("AnswerIntent", {"answer": "nine"}).speech
    granted.intent("AMAZON.YesIntent")
    assert "BYHOUR=21;" in fake.calls("POST")[0].body["trigger"]["recurrence"]["recurrenceRules"][0]


def test_a_new_time_replaces_the_reminder_made_before(granted: Talk, fake: FakeAlexaApi) -> None:
    granted.intent("ReminderIntent", {"time": "21:00"})
    granted.intent("AMAZON.YesIntent")
    first = granted.stored().profile["reminder_id"]
    offer = granted.intent("ReminderIntent", {"time": "20:30"})
    assert "9 PM" in offer.speech and "8:30 PM" in offer.speech
    granted.intent("AMAZON.YesIntent")
    assert first not in fake.reminders
    assert list(fake.reminders) == [granted.stored().profile["reminder_id"]]
    assert says(granted.intent("ReminderIntent", {"time": "20:30"}), "reminder.already")


# --- permission ---------------------------------------------------------------------------


def test_without_permission_the_skill_asks_the_alexa_way(app: SkillApp, fake: FakeAlexaApi) -> None:
    talk = household(app, fake)
    talk.intent("ReminderIntent", {"time": "20:00"})
    answer = talk.intent("AMAZON.YesIntent")
    assert fake.calls("POST") == []
    assert says(answer, "reminder.permission")
    card = answer.response["response"]["card"]
    assert card == {"type": "AskForPermissionsConsent", "permissions": [REMINDERS_SCOPE]}
    (directive,) = directives(answer)
    assert directive["type"] == "Connections.SendRequest"
    assert directive["name"] == "AskFor"
    assert directive["payload"] == {
        "@type": "AskForPermissionsConsentRequest",
        "@version": "2",
        "permissionScopes": [{"permissionScope": REMINDERS_SCOPE, "consentLevel": "ACCOUNT"}],
    }
    # Alexa speaks its own question next: the skill must not add a reprompt.
    assert "reprompt" not in answer.response["response"]
    # The household agrees; Alexa's answer carries the agreed time back in the token.
    talk.grant_reminders()
    done = talk.permission_answer("ACCEPTED", directive["token"])
    assert says(done, "reminder.set")
    assert "8 PM" in done.speech
    (post,) = fake.calls("POST")
    assert "BYHOUR=20;" in post.body["trigger"]["recurrence"]["recurrenceRules"][0]


def test_a_denied_permission_is_taken_kindly(app: SkillApp, fake: FakeAlexaApi) -> None:
    answer = household(app, fake).permission_answer("DENIED", consent_token(time(21, 0)))
    assert says(answer, "reminder.denied")
    assert answer.response["response"]["shouldEndSession"] is False
    assert fake.requests == []


def test_an_unanswered_permission_request_sets_nothing(granted: Talk, fake: FakeAlexaApi) -> None:
    answer = granted.permission_answer("NOT_ANSWERED", consent_token(time(21, 0)))
    assert says(answer, "reminder.not_answered")
    assert fake.requests == []


def test_a_failed_permission_request_is_said_plainly(granted: Talk, fake: FakeAlexaApi) -> None:
    answer = granted.permission_answer("ACCEPTED", consent_token(time(21, 0)), code="500")
    assert says(answer, "reminder.failed_set")
    assert fake.calls("POST") == []


@pytest.mark.parametrize("status", [401, 403])
def test_a_token_without_the_permission_leads_to_the_permission_request(
    granted: Talk, fake: FakeAlexaApi, status: int
) -> None:
    granted.intent("ReminderIntent", {"time": "21:00"})
    fake.fail_next(status, path_prefix="/v1/alerts/reminders")
    answer = granted.intent("AMAZON.YesIntent")
    assert [d["name"] for d in directives(answer)] == ["AskFor"]


def test_a_refusal_right_after_consent_does_not_ask_again(
    granted: Talk, fake: FakeAlexaApi
) -> None:
    fake.fail_next(403, path_prefix="/v1/alerts/reminders")
    answer = granted.permission_answer("ACCEPTED", consent_token(time(21, 0)))
    assert directives(answer) == []
    assert says(answer, "reminder.no_permission")


# --- API errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (429, "alexa_api.busy"),
        (500, "alexa_api.broken"),
        (503, "alexa_api.broken"),
        (400, "alexa_api.broken"),
    ],
)
def test_api_errors_while_creating_are_said_in_plain_words(
    granted: Talk, fake: FakeAlexaApi, status: int, reason: str
) -> None:
    granted.intent("ReminderIntent", {"time": "21:00"})
    fake.fail_next(status, path_prefix="/v1/alerts/reminders")
    answer = granted.intent("AMAZON.YesIntent")
    assert says(answer, "reminder.failed_set")
    assert says(answer, reason)
    assert answer.response["response"]["shouldEndSession"] is False
    assert fake.reminders == {}
    assert granted.stored().profile["reminder_id"] == ""


def test_a_stalled_reminders_api_is_a_timeout_said_plainly(
    granted: Talk, fake: FakeAlexaApi
) -> None:
    granted.intent("ReminderIntent", {"time": "21:00"})
    fake.stall_seconds = 2.0  # past the client's 1.5 s budget
    started = monotonic()
    answer = granted.intent("AMAZON.YesIntent")
    # The time zone read stalls first; the reminder call then gives up at once.
    assert monotonic() - started < 2.5
    fake.stall_seconds = 0
    assert says(answer, "reminder.failed_set")
    assert says(answer, "alexa_api.unreachable")
    assert answer.response["response"]["shouldEndSession"] is False


# --- listing and stopping -----------------------------------------------------------------


def test_listing_reads_the_time_from_the_api(granted: Talk, fake: FakeAlexaApi) -> None:
    assert says(granted.intent("ListRemindersIntent"), "reminder.none")
    fake.add_reminder(21, 30)
    answer = granted.intent("ListRemindersIntent")
    assert says(answer, "reminder.listed")
    assert "9:30 PM" in answer.speech
    (call, *_) = fake.calls("GET", "/v1/alerts/reminders")
    assert call.token == API_TOKEN


def test_a_reminder_deleted_in_the_alexa_app_is_forgotten(
    granted: Talk, fake: FakeAlexaApi
) -> None:
    granted.intent("ReminderIntent", {"time": "21:00"})
    granted.intent("AMAZON.YesIntent")
    fake.reminders.clear()
    granted.intent("ListRemindersIntent")
    assert granted.stored().profile["reminder_id"] == ""


def test_stopping_deletes_every_reminder_of_the_skill(granted: Talk, fake: FakeAlexaApi) -> None:
    granted.intent("ReminderIntent", {"time": "21:00"})
    granted.intent("AMAZON.YesIntent")
    fake.add_reminder(7)
    answer = granted.intent("StopRemindersIntent")
    assert says(answer, "reminder.stopped")
    assert fake.reminders == {}
    assert len(fake.calls("DELETE")) == 2
    assert granted.stored().profile["reminder_id"] == ""
    assert says(granted.intent("StopRemindersIntent"), "reminder.nothing_to_stop")


@pytest.mark.parametrize(
    ("intent", "lead"),
    [
        ("ListRemindersIntent", "reminder.failed_list"),
        ("StopRemindersIntent", "reminder.failed_stop"),
    ],
)
@pytest.mark.parametrize(
    ("status", "reason"),
    [(401, "reminder.no_permission"), (429, "alexa_api.busy"), (500, "alexa_api.broken")],
)
def test_listing_and_stopping_errors_are_said_plainly(
    granted: Talk, fake: FakeAlexaApi, intent: str, lead: str, status: int, reason: str
) -> None:
    if intent == "StopRemindersIntent":
        # One the skill set: with none of its own, it says so whatever Alexa's list holds.
        granted.intent("ReminderIntent", {"time": "21:00"})
        granted.intent("AMAZON.YesIntent")
    else:
        fake.add_reminder(21)
    fake.fail_next(status)
    answer = granted.intent(intent)
    assert says(answer, lead)
    assert says(answer, reason)
    assert answer.response["response"]["shouldEndSession"] is False
    assert len(fake.reminders) == 1


def test_a_request_without_an_api_endpoint_is_said_plainly(app: SkillApp) -> None:
    talk = Talk(app, start=EVENING, api_endpoint="", consent_token=CONSENT_TOKEN)
    answer = talk.intent("ListRemindersIntent")
    assert says(answer, "reminder.failed_list")
    assert says(answer, "alexa_api.unreachable")
