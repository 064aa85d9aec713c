"""An erasure that cannot reach the store is never answered as done.

By voice the couple hears that nothing was erased yet and can try again; the
``SkillDisabled`` event, which nobody hears, fails the request instead (an error
out of ``SkillApp.handle``, so the Lambda invocation fails, and 503 from the web
endpoint), so that Alexa can deliver it again. Every other failure is still a
spoken apology.
"""

from __future__ import annotations

import pytest

from skill.household.context import ErasureFailed
from skill.storage.sqlite import SqliteStore
from skill.turn import household_id_for
from tests.support.fakes import EraseFails, UnreachableStore
from tests.support.talk import Talk, app_on, says


def test_a_confirmed_erase_that_fails_says_so_and_can_be_tried_again(
    sqlite_store: SqliteStore,
) -> None:
    store = EraseFails(sqlite_store)
    talk = Talk(app_on(store))
    talk.launch()
    talk("delete our data")
    failed = talk("yes")
    assert says(failed, "erase.failed") and not says(failed, "erase.done")
    assert not failed.ended and failed.reprompt and failed.reprompt.endswith("?")
    assert talk.record() is not None, "nothing was erased"
    # The store is back: "yes" to "shall I try again?" erases.
    store.failing = False
    done = talk("yes")
    assert says(done, "erase.done") and done.ended
    assert talk.record() is None


def test_a_confirmed_erase_that_fails_is_kept_with_a_no(sqlite_store: SqliteStore) -> None:
    talk = Talk(app_on(EraseFails(sqlite_store)))
    talk.launch()
    talk("delete our data")
    talk("yes")
    kept = talk("no")
    assert says(kept, "erase.kept")
    assert talk.record() is not None


def test_skill_disabled_that_cannot_erase_fails_the_request(sqlite_store: SqliteStore) -> None:
    store = EraseFails(sqlite_store)
    talk = Talk(app_on(store))
    talk.launch()
    with pytest.raises(ErasureFailed):
        talk.disable()
    assert talk.record() is not None
    # Delivered again once the store answers, it erases.
    store.failing = False
    answer = talk.disable()
    assert "outputSpeech" not in answer.response["response"]
    assert sqlite_store.load(household_id_for(talk.user_id)) is None


def test_other_events_and_turns_still_apologise_when_the_store_is_down() -> None:
    talk = Talk(app_on(UnreachableStore()))
    welcome = talk.launch()
    assert "sorry" in welcome.speech.lower()
