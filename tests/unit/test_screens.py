"""The screens' pure half: documents as checked data, each datasource, the chart, touches."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from skill.content.dates import date_catalogue
from skill.content.practices import practice_library
from skill.content.questions import question_bank
from skill.content.screens import screen_words
from skill.conversation.checkin import NIGHTLY, WEEKLY, Answer, CheckInFlow, Rating
from skill.conversation.dialog import (
    IDLE,
    BrowsingDates,
    CheckingIn,
    DateStep,
    InCare,
    ReadingPractice,
)
from skill.conversation.streak import Streak
from skill.household.documents import from_doc
from skill.household.model import Household, Night, Profile
from skill.screens import chart
from skill.screens.checkin import checkin_data
from skill.screens.choose import (
    HomeScreen,
    Moment,
    ProgressScreen,
    Rendering,
    Said,
    Shown,
    after_dark,
)
from skill.screens.choose import choose as choose_for
from skill.screens.dates import date_data, time_words
from skill.screens.documents import (
    DocumentError,
    ScreenKind,
    check_part,
    document,
    load_documents,
)
from skill.screens.practice import practice_data
from skill.screens.progress import calendar_days, evenings, nightly_ratings, progress_data
from skill.screens.touch import Tap, Touch, read_tap, spoken_twin
from tests.support.smapi_schema import REPO

WORDS = screen_words("en-US")
PRACTICES = practice_library("en-US")
IDEAS = date_catalogue("en-US").ideas
BANK = question_bank("en-US")
SUNDAY = date(2026, 11, 29)
NIGHT = datetime(2026, 11, 29, 21, 0, tzinfo=ZoneInfo("America/New_York"))


def choose(
    shown: Shown | None,
    state: Any,
    said: Said,
    household: Household | None = None,
    local: datetime = NIGHT,
    locale: str = "en-US",
) -> Rendering:
    return choose_for(Moment(shown, state, said, household, local, locale))


def nights(*by_day: tuple[int, list[int | None]]) -> dict[str, Night]:
    """Nights of November 2026: (day of month, the ratings given that evening)."""
    return {
        f"2026-11-{day:02d}": from_doc(
            Night, {"entries": {"c": {"ratings": list(ratings), "answered": 1, "complete": True}}}
        )
        for day, ratings in by_day
    }


# --- documents -------------------------------------------------------------------------------


def test_every_screen_has_a_checked_document_with_only_what_it_uses() -> None:
    docs = load_documents()
    for kind in ScreenKind:
        doc = document(kind, night=False)
        assert doc["type"] == "APL" and doc["mainTemplate"]["parameters"] == ["screen"]
        for name in doc["layouts"]:
            others = [doc["mainTemplate"], *(v for k, v in doc["layouts"].items() if k != name)]
            assert f'"type": "{name}"' in json.dumps(others), (kind, name)
    # The home screen draws no calendar day and no rating chart.
    home = document(ScreenKind.HOME, night=True)
    assert "Day" not in home["layouts"] and "ratings" not in home.get("graphics", {})
    assert set(docs.screens) == set(ScreenKind)


def test_the_theme_follows_the_night() -> None:
    assert document(ScreenKind.PRACTICE, night=True)["theme"] == "dark"
    assert document(ScreenKind.PRACTICE, night=False)["theme"] == "light"
    assert after_dark(NIGHT) and not after_dark(NIGHT.replace(hour=10))
    assert after_dark(NIGHT.replace(hour=3))


@pytest.mark.parametrize(
    ("part", "message"),
    [
        ({"mainTemplate": {"parameters": ["screen"], "items": [{"type": "Nope"}]}}, "Nope"),
        ({"mainTemplate": {"parameters": ["payload"], "items": []}}, "one parameter"),
        (
            {"mainTemplate": {"parameters": ["screen"], "items": [{"type": "Text", "style": "x"}]}},
            "unknown style",
        ),
        (
            {"mainTemplate": {"parameters": ["screen"], "item": {"type": "Text", "color": "@red"}}},
            "unknown resource",
        ),
        (
            {
                "mainTemplate": {
                    "parameters": ["screen"],
                    "items": [{"type": "VectorGraphic", "source": "x"}],
                }
            },
            "vector graphic",
        ),
    ],
)
def test_a_broken_document_is_refused_when_loaded(part: dict[str, Any], message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        check_part("broken", part, load_documents().shared)


def test_commands_and_parameters_are_not_taken_for_components() -> None:
    part = {
        "mainTemplate": {
            "parameters": ["screen"],
            "items": [{"type": "TouchWrapper", "onPress": [{"type": "SendEvent"}]}],
        }
    }
    check_part("fine", part, load_documents().shared)


# --- datasources -----------------------------------------------------------------------------


def test_home_offers_the_three_choices_as_touches() -> None:
    data = choose(HomeScreen(), IDLE, Said("What now?"), None, NIGHT, "en-US").datasources["screen"]
    assert [c["event"] for c in data["choices"]] == ["checkin", "practice", "date"]
    assert data["greeting"] == "Good evening"


def test_a_practice_shows_why_then_each_step_with_a_quiet_pause() -> None:
    practice = PRACTICES.practice("active_listening")
    why = practice_data(WORDS, practice, 0)
    assert why["text"] == practice.why and not why["large"] and why["pause"]["seconds"] == 0
    second = practice_data(WORDS, practice, 2)
    step = practice.steps[1]
    assert second["text"] == step.say and second["large"]
    assert second["where"] == f"Step 2 of {len(practice.steps)}"
    pause = second["pause"]
    assert pause["seconds"] == step.pause_seconds == 60
    # The light starts once the step is read (150 words a minute) and breathes through the pause.
    assert pause["delay"] == round(len(step.say.split()) * 400)
    assert (pause["breaths"] + 1) * 4 >= 60 > pause["breaths"] * 4
    last = practice_data(WORDS, practice, len(practice.steps))
    assert last["after"] == practice.closing_question
    assert [b["event"] for b in last["buttons"]] == ["next"]
    with pytest.raises(IndexError):
        practice_data(WORDS, practice, len(practice.steps) + 1)


def test_someone_alone_sees_the_one_person_form_being_read() -> None:
    practice = PRACTICES.practice("validation")
    solo = practice.form(alone=True)
    first = practice_data(WORDS, practice, 1, alone=True)
    assert first["text"] == solo.steps[0].say != practice.steps[0].say
    assert first["where"] == f"Step 1 of {len(solo.steps)}"
    last = practice_data(WORDS, practice, len(solo.steps), alone=True)
    assert last["after"] == solo.closing_question


def test_a_date_idea_shows_its_facts_and_steps_and_save_turns_quiet_once_saved() -> None:
    idea = IDEAS[0]
    data = date_data(WORDS, idea, saved=False)
    assert data["steps"] == list(idea.steps) and data["pitch"] == idea.pitch
    assert data["facts"] == ["Costs a little", "About 2 hours", "At home"]
    assert [(b["event"], b["disabled"]) for b in data["buttons"]] == [
        ("another", False),
        ("save", False),
    ]
    saved = date_data(WORDS, idea, saved=True)["buttons"][1]
    assert (saved["label"], saved["disabled"]) == ("Saved", True)


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (30, "About 30 minutes"),
        (60, "About an hour"),
        (75, "About 75 minutes"),
        (180, "About 3 hours"),
    ],
)
def test_time_is_told_in_minutes_then_hours(minutes: int, words: str) -> None:
    assert time_words(WORDS, minutes) == words


def _flow(kind: str = NIGHTLY, partners: int = 2, keep: bool = False) -> CheckInFlow:
    questions = [q.id for q in BANK.questions[:2]]
    flow, _ = CheckInFlow.begin(
        "c1", "2026-11-29", kind, partners, questions, [False, False], keep=keep
    )
    return flow


def test_the_check_in_shows_the_question_whose_turn_and_the_answers_a_touch_can_give() -> None:
    flow = _flow()
    rating = checkin_data(WORDS, flow, BANK, ["Sam", "Alex"])
    assert rating is not None
    assert rating["question"] == "How connected did you feel today?"
    assert rating["turn"] == "Sam, this is yours"
    assert [(b["event"], b["value"]) for b in rating["buttons"]] == [
        ("rating", n) for n in range(1, 6)
    ]
    flow.handle(Rating(4))
    question = checkin_data(WORDS, flow, BANK, [])
    assert question is not None
    assert question["question"] == BANK.questions[0].text and question["turn"] == "First one of you"
    assert [b["event"] for b in question["buttons"]] == ["skip"] and question["scale"]["low"] == ""
    partners = checkin_data(WORDS, _flow(partners=0), BANK, [])
    assert partners is not None and [b["value"] for b in partners["buttons"]] == [1, 2]
    weekly = checkin_data(WORDS, _flow(WEEKLY), BANK, [])
    assert weekly is not None and weekly["question"] == WORDS.text("checkin.appreciation")


def test_the_check_in_screen_never_shows_an_answer() -> None:
    flow = _flow(keep=True)
    flow.handle(Rating(3))
    flow.handle(Answer("we argued about the red sofa"))
    data = checkin_data(WORDS, flow, BANK, [])
    assert flow.answers and "red sofa" not in json.dumps(data)


def test_the_calendar_marks_check_ins_the_forgiven_evening_and_tonight() -> None:
    streak = Streak(count=3, last="2026-11-28", forgiven="2026-11-26")
    days = calendar_days(streak, nights((25, [4]), (27, [5]), (28, [None])), SUNDAY)
    kinds = {d["label"]: d["kind"] for d in days}
    assert len(days) == 28 and days[0]["label"] == "2" and days[-1]["label"] == "29"
    assert (kinds["25"], kinds["26"], kinds["27"], kinds["28"], kinds["29"]) == (
        "done",
        "forgiven",
        "done",
        "done",
        "today",
    )
    assert kinds["24"] == "missed"


def test_progress_shows_the_streak_the_weeks_and_the_chart() -> None:
    streak = Streak(count=2, last="2026-11-29")
    data = progress_data(
        WORDS, streak, nights((28, [4, 2]), (29, [5])), SUNDAY, offer_checkin=False
    )
    assert data["streak"] == {"count": 2, "label": "evenings in a row"}
    assert data["week"] == "This week, about 3.7 out of five"
    # Four weeks of seven, the weekday letters starting on the first evening shown (a Monday).
    assert [len(w) for w in data["calendar"]["weeks"]] == [7, 7, 7, 7]
    assert data["calendar"]["weekdays"] == ["M", "T", "W", "T", "F", "S", "S"]
    assert data["chart"]["line"] != chart.NOTHING and data["chart"]["empty"] == ""
    assert data["buttons"] == []
    empty = progress_data(WORDS, Streak(), {}, SUNDAY, offer_checkin=True)
    assert empty["chart"]["line"] == empty["chart"]["dots"] == chart.NOTHING
    assert empty["chart"]["empty"] and empty["streak"]["count"] == 0
    assert [b["event"] for b in empty["buttons"]] == ["checkin"]


def test_an_evening_is_rated_by_the_mean_of_its_ratings() -> None:
    ratings = nightly_ratings(nights((28, [4, 2]), (29, [5])), SUNDAY)
    assert ratings[-2:] == [3.0, 5.0] and ratings[:-2] == [None] * 26
    assert evenings(SUNDAY)[0] == SUNDAY - timedelta(days=27)


# --- the chart ------------------------------------------------------------------------------


def test_the_chart_draws_inside_its_viewport_five_high() -> None:
    assert chart.y_of(5) == chart.TOP and chart.y_of(1) == chart.HEIGHT - chart.BOTTOM
    assert chart.grid_path().count("M") == 5
    ratings: list[float | None] = [None] * 28
    ratings[0], ratings[13], ratings[27] = 1, 3.5, 5
    line = chart.line_path(ratings)
    assert line == "M24,144 L162.7,64 L312,16"
    assert chart.dots_path(ratings).count("M") == 3
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", line)]
    assert all(0 <= n <= chart.WIDTH for n in numbers)


def test_one_rating_is_a_dot_without_a_line() -> None:
    ratings: list[float | None] = [None] * 27 + [4]
    assert chart.line_path(ratings) == chart.NOTHING
    assert chart.dots_path(ratings).startswith("M308,48 a4,4")


# --- choosing -----------------------------------------------------------------------------------


def test_the_dialog_state_picks_the_screen() -> None:
    said = Said("Shall I?", "Help is available", "Call 988.\n\nText HOME to 741741.")
    flow = _flow()
    cases = {
        ScreenKind.HOME: IDLE,
        ScreenKind.PRACTICE: ReadingPractice("validation", 1),
        ScreenKind.CHECK_IN: CheckingIn(flow),
        ScreenKind.DATE: BrowsingDates(IDEAS[3].id, step=DateStep.SAVED),
        ScreenKind.MESSAGE: InCare(),
    }
    for kind, state in cases.items():
        rendering = choose(None, state, said, None, NIGHT, "en-US")
        assert rendering.kind is kind, state
    care = choose(None, InCare(), said, None, NIGHT, "en-US").datasources["screen"]
    assert care == {
        "title": "Help is available",
        "lines": ["Call 988.", "Text HOME to 741741."],
        "question": "Shall I?",
    }
    saved = choose(None, cases[ScreenKind.DATE], said, None, NIGHT, "en-US")
    assert saved.datasources["screen"]["buttons"][1]["disabled"] is True


# --- touches --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "tap"),
    [
        (["save", 0], Tap(Touch.SAVE_DATE)),
        (["rating", 4], Tap(Touch.RATING, 4)),
        (["rating", "4"], Tap(Touch.RATING, 4)),
        (["partners", 2], Tap(Touch.PARTNERS, 2)),
        (["rating", 9], None),
        (["partners", 3], None),
        (["dance", 0], None),
        ([], None),
        (None, None),
        ([{"type": "x"}], None),
    ],
)
def test_a_touch_is_read_from_what_send_event_sent(arguments: Any, tap: Tap | None) -> None:
    assert read_tap(arguments) == tap


def test_every_touch_stands_for_an_intent_and_slots_the_model_knows() -> None:
    model = json.loads((REPO / "skill/interaction_models/en-US.json").read_text())
    language = model["interactionModel"]["languageModel"]
    intents = {
        i["name"]: {s["name"]: s["type"] for s in i.get("slots", [])} for i in language["intents"]
    }
    types = {t["name"]: {v.get("id") for v in t["values"]} for t in language["types"]}
    for touch in Touch:
        twin = spoken_twin(Tap(touch, {Touch.RATING: 3, Touch.PARTNERS: 1}.get(touch, 0)))
        assert twin.intent in intents, touch
        for name, fill in twin.slots.items():
            assert name in intents[twin.intent]
            if fill.type_name is not None:
                assert intents[twin.intent][name] == fill.type_name
                assert fill.id in types[fill.type_name]


# --- sizes ---------------------------------------------------------------------------------

#: A screen (document and datasources) may take half of Alexa's 24 KB for a whole response,
#: leaving the other half for speech, reprompt, card and session.
MAX_SCREEN_BYTES = 12 * 1024


def _size(rendering: Any) -> int:
    return len(json.dumps({"document": rendering.document, "datasources": rendering.datasources}))


def test_every_screen_of_every_content_fits_in_half_a_response() -> None:
    said = Said("What would you like to do?")
    sizes = [
        _size(choose(None, ReadingPractice(p.id, part), said, None, NIGHT, "en-US"))
        for p in PRACTICES.everything
        for part in range(len(p.steps) + 1)
    ]
    sizes += [_size(choose(None, BrowsingDates(i.id), said, None, NIGHT, "en-US")) for i in IDEAS]
    flow = _flow()
    for question in BANK.questions:
        flow.questions = [question.id, question.id]
        flow.pos = 1
        sizes.append(
            _size(choose(None, CheckingIn(flow, ("A" * 30, "B" * 30)), said, None, NIGHT, "en-US"))
        )
    # Four full weeks of check-ins, every rating different: the longest chart there is.
    household = Household("h", profile=Profile(streak_count=28, streak_last=SUNDAY.isoformat()))
    household.nights = nights(*((day, [day % 5 + 1, (day + 2) % 5 + 1]) for day in range(2, 30)))
    progress = choose(ProgressScreen(SUNDAY), CheckingIn(flow), said, household, NIGHT, "en-US")
    assert progress.kind is ScreenKind.PROGRESS
    sizes.append(_size(progress))
    assert max(sizes) <= MAX_SCREEN_BYTES, max(sizes)
