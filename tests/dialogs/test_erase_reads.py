"""The "yes" that erases everything costs exactly the erase: no load of the household first.

The erase question carries what the yes needs (the nightly reminder's id) in
the session, so the confirming request makes one store call, the erase, and
still deletes the reminder. Counted here at the store interface on SQLite;
``test_store_budget`` counts the same on the wire on DynamoDB Local.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.storage.base import HouseholdRecord, StoreError
from skill.storage.sqlite import SqliteStore
from skill.turn import household_id_for
from tests.support.fake_alexa_api import FakeAlexaApi
from tests.support.talk import CONSENT_TOKEN, Talk, app_on, says


class CountingStore:
    """A store that notes each call it gets, and can be made to fail its next load."""

    def __init__(self, inner: SqliteStore) -> None:
        self.inner = inner
        self.calls: list[str] = []
        self.fail_loads = 0

    def load(self, household_id: str, recent_nights: int | None = None) -> HouseholdRecord | None:
        self.calls.append("load")
        if self.fail_loads:
            self.fail_loads -= 1
            raise StoreError("the store is unreachable")
        return self.inner.load(household_id, recent_nights)

    def save(self, record: HouseholdRecord, previous: HouseholdRecord | None) -> int:
        self.calls.append("save")
        return self.inner.save(record, previous)

    def delete_household(self, household_id: str) -> None:
        self.calls.append("delete_household")
        self.inner.delete_household(household_id)

    def ping(self) -> None:
        self.inner.ping()


@pytest.fixture
def counting_store(tmp_path: Path) -> CountingStore:
    return CountingStore(SqliteStore(tmp_path / "households.db"))


def with_a_reminder(counting_store: CountingStore, fake: FakeAlexaApi) -> Talk:
    talk = Talk(app_on(counting_store), api_endpoint=fake.url, consent_token=CONSENT_TOKEN)
    talk.intent("ReminderIntent", {"time": "21:00"})
    talk.intent("AMAZON.YesIntent")
    assert len(fake.reminders) == 1
    return talk


def test_the_confirming_yes_only_erases(counting_store: CountingStore, fake: FakeAlexaApi) -> None:
    talk = with_a_reminder(counting_store, fake)
    talk.intent("DeleteDataIntent")
    counting_store.calls.clear()
    done = talk.intent("AMAZON.YesIntent")
    assert says(done, "erase.done") and not says(done, "reminder.erase_left")
    assert counting_store.calls == ["delete_household"]
    # The reminder went too, from the id the question carried.
    assert fake.reminders == {}
    assert counting_store.inner.load(household_id_for(talk.user_id)) is None


def test_when_the_question_could_not_read_the_yes_reads_for_itself(
    counting_store: CountingStore, fake: FakeAlexaApi
) -> None:
    talk = with_a_reminder(counting_store, fake)
    counting_store.fail_loads = 1
    talk.intent("DeleteDataIntent")
    counting_store.calls.clear()
    done = talk.intent("AMAZON.YesIntent")
    assert says(done, "erase.done")
    assert counting_store.calls == ["load", "delete_household"]
    assert fake.reminders == {}
