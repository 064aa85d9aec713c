"""An Echo Show: screens through real requests, touches answered like voice, nothing more read."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path
from typing import Any

import pytest

from skill.app import SkillApp
from skill.local.simulator import Turn
from skill.storage.base import HouseholdRecord, HouseholdStore
from skill.storage.sqlite import SqliteStore
from tests.support.golden import DIALOG_FILES, play_dialog
from tests.support.talk import EVENING, Talk, app_on


def shown(turn: Turn) -> dict[str, object]:
    """The datasource of the turn's screen, which there must be."""
    assert turn.screen is not None, f"no screen after {turn.utterance or turn.request_type!r}"
    return dict(turn.screen["datasources"]["screen"])


def test_launch_shows_home_and_each_choice_answers_as_saying_it_would(app: SkillApp) -> None:
    talk = Talk(app, screen=True)
    home = talk("open heart talks")
    assert home.screen is not None and home.screen["token"] == "home"
    assert set(home.touch_targets) == {"Check in", "Try a practice", "Plan a date"}
    practice = talk.tap("Try a practice")
    assert practice.request["request"]["type"] == "Alexa.Presentation.APL.UserEvent"
    assert practice.screen is not None and practice.screen["token"] == "practice"
    assert talk.session_attributes["state"]["mode"] == "practice"
    # Alexa takes no dialog directive in answer to a touch.
    assert "Dialog.ElicitSlot" not in practice.directives
    step = talk.tap("Begin")
    assert shown(step)["where"] == "Step 1 of 4" and "[pause" in step.speech
    assert talk.session_attributes["state"]["part"] == 1


def test_a_date_idea_by_touch_another_and_save(app: SkillApp) -> None:
    talk = Talk(app, screen=True)
    talk("open heart talks")
    first = talk.tap("Plan a date")
    idea = talk.session_attributes["state"]["idea"]
    assert shown(first)["steps"] and first.card_content is not None
    other = talk.tap("Another one")
    assert talk.session_attributes["state"]["idea"] != idea
    saved = talk.tap("Save it")
    assert "favourites" in saved.speech
    assert "Save it" not in saved.touch_targets and "Another one" in saved.touch_targets
    assert talk.profile().dates.saved == (talk.session_attributes["state"]["idea"],)
    assert other.card_title and other.card_content


def _check_in(talk: Talk, *, by_touch: bool) -> HouseholdRecord:
    """A check-in for two; counts and ratings touched or said, answers said as AnswerIntent."""
    talk("ask heart talks to start a check-in")
    talk.tap("Both of us") if by_touch else talk("both of us")
    for rating, answer in (("4", "we cooked together"), ("2", "work was a lot")):
        talk.tap(rating) if by_touch else talk(rating)
        talk.intent("AnswerIntent", {"answer": answer})
    return talk.stored()


def test_a_check_in_by_touch_keeps_what_saying_it_keeps(sqlite_store: SqliteStore) -> None:
    app = app_on(sqlite_store)
    spoken = _check_in(Talk(app, user_id="amzn1.ask.account.VOICE"), by_touch=False)
    touched = _check_in(Talk(app, user_id="amzn1.ask.account.TOUCH", screen=True), by_touch=True)
    assert touched.nights == spoken.nights
    assert touched.profile["streak_count"] == spoken.profile["streak_count"] == 1


def test_after_a_touch_words_alexa_cannot_place_are_nudged_then_heard(app: SkillApp) -> None:
    """Alexa takes no Dialog.ElicitSlot in answer to a touch, so the words said next are matched
    as any request is; words it cannot place get the check-in's nudge, which elicits again."""
    talk = Talk(app, screen=True)
    talk("ask heart talks to start a check-in")
    talk.tap("Just me")
    asked = talk.tap("4")
    assert "Dialog.ElicitSlot" not in asked.directives
    nudged = talk("we cooked together")
    assert nudged.intent == "AMAZON.FallbackIntent" and "Dialog.ElicitSlot" in nudged.directives
    heard = talk("we cooked together")
    assert heard.intent == "AnswerIntent" and "check-in" in heard.speech.lower()


def test_the_check_in_screen_never_shows_an_answer(app: SkillApp) -> None:
    talk = Talk(app, screen=True)
    talk("ask heart talks to keep our answers")
    talk("yes")
    turns = [talk("ask heart talks to start a check-in"), talk("both of us"), talk("three")]
    turns += [talk("the red umbrella on the balcony"), talk("five"), talk("my sister's visit")]
    assert talk.stored().nights, "the answers were kept"
    for turn in turns:
        assert turn.screen is not None
        text = json.dumps(turn.screen).lower()
        assert "umbrella" not in text and "sister" not in text


def test_progress_shows_the_weeks_and_offers_tonight(app: SkillApp) -> None:
    talk = Talk(app, screen=True, start=EVENING)
    for _ in range(3):
        talk.check_in("a walk", "a call", partners="both of us")
        talk.next_day(at=time(20, 30))
    report = talk("ask heart talks how are we doing")
    data = shown(report)
    assert report.screen is not None and report.screen["token"] == "progress"
    days = [day for week in data["calendar"]["weeks"] for day in week]  # type: ignore[index]
    assert [d["kind"] for d in days[-4:]] == ["done", "done", "done", "today"]
    assert data["streak"] == {"count": 3, "label": "evenings in a row"}
    assert data["chart"]["line"].count("L") == 2  # type: ignore[index]
    assert list(report.touch_targets) == ["Check in tonight"]
    started = talk.tap("Check in tonight")
    assert started.screen is not None and started.screen["token"] == "checkin"


def test_the_night_theme_comes_after_dark(app: SkillApp) -> None:
    evening = Talk(app, screen=True, start=EVENING.replace(hour=21))
    assert evening("open heart talks").screen["document"]["theme"] == "dark"  # type: ignore[index]
    morning = Talk(app, screen=True, start=EVENING.replace(hour=9), user_id="amzn1.ask.account.AM")
    assert morning("open heart talks").screen["document"]["theme"] == "light"  # type: ignore[index]


def test_care_shows_the_help_on_the_card_and_nothing_cheerful(app: SkillApp) -> None:
    talk = Talk(app, screen=True)
    talk("open heart talks")
    talk.tap("Try a practice")
    care = talk("ask heart talks i want to kill myself")
    assert care.screen is not None and care.screen["token"] == "message"
    assert shown(care)["title"] == care.card_title
    assert care.touch_targets == {}


def test_a_touch_the_skill_never_offered_is_not_understood_kindly(app: SkillApp) -> None:
    talk = Talk(app, screen=True)
    talk("open heart talks")
    turn = talk.touch(["launch-missiles", 0])
    assert not turn.ended and turn.screen is not None


def test_no_screen_for_a_speaker_or_an_old_screen(app: SkillApp) -> None:
    speaker = Talk(app)
    assert speaker("open heart talks").screen is None
    old = Talk(app, screen=True, user_id="amzn1.ask.account.OLD")
    runtime = {"Alexa.Presentation.APL": {"runtime": {"maxVersion": "1.4"}}}
    old.simulator.caller = replace(old.caller, supported_interfaces=runtime)
    assert old("open heart talks").screen is None
    any_runtime = {"Alexa.Presentation.APL": {}}
    old.simulator.caller = replace(old.caller, supported_interfaces=any_runtime)
    assert old("open heart talks").screen is not None


def test_cards_hold_the_steps_as_plain_text(app: SkillApp) -> None:
    talk = Talk(app, screen=True)
    talk("open heart talks")
    practice = talk.tap("Try a practice")
    steps = shown(talk.tap("Begin"))
    assert practice.card_content is not None and steps["text"] in practice.card_content
    idea = talk("ask heart talks for a date idea")
    assert idea.card_content is not None
    for step in shown(idea)["steps"]:  # type: ignore[attr-defined]
        assert step in idea.card_content
    assert "<" not in idea.card_content + practice.card_content


# --- the store budget ---------------------------------------------------------------------------


@dataclass
class CountingStore:
    """A store that counts the reads and writes each request makes."""

    inner: HouseholdStore
    counts: list[tuple[int, int]] = field(default_factory=list)

    def load(self, household_id: str, recent_nights: int | None = None) -> HouseholdRecord | None:
        reads, writes = self.counts[-1]
        self.counts[-1] = (reads + 1, writes)
        return self.inner.load(household_id, recent_nights)

    def save(self, record: HouseholdRecord, previous: HouseholdRecord | None) -> int:
        reads, writes = self.counts[-1]
        self.counts[-1] = (reads, writes + 1)
        return self.inner.save(record, previous)

    def delete_household(self, household_id: str) -> None:
        self.inner.delete_household(household_id)

    def ping(self) -> None:
        self.inner.ping()


def counted(store: CountingStore) -> tuple[SkillApp, Any]:
    """The skill on ``store``, and a handle that starts a new count for each request."""
    app = app_on(store)

    def handle(event: dict[str, Any]) -> dict[str, Any]:
        store.counts.append((0, 0))
        return app.handle(event)

    return app, handle


@pytest.mark.parametrize("path", DIALOG_FILES, ids=[p.stem for p in DIALOG_FILES])
def test_a_screen_costs_no_store_call(path: Path, sqlite_store: SqliteStore) -> None:
    costs = []
    for screen in (False, True):
        store = CountingStore(sqlite_store)
        app, handle = counted(store)
        play_dialog(path, app, screen=screen, user_id=f"household-{screen}", handle=handle)
        costs.append(store.counts)
    assert costs[0] == costs[1]
    assert all(reads <= 1 and writes <= 1 for reads, writes in costs[1]), costs[1]


def test_touches_keep_the_store_budget(sqlite_store: SqliteStore) -> None:
    store = CountingStore(sqlite_store)
    app, handle = counted(store)
    talk = Talk(app, screen=True, handle=handle)
    talk("open heart talks")
    for label in ("Plan a date", "Another one", "Save it"):
        talk.tap(label)
    talk("ask heart talks to start a check-in")
    for label in ("Both of us", "4"):
        talk.tap(label)
    assert all(reads <= 1 and writes <= 1 for reads, writes in store.counts), store.counts
