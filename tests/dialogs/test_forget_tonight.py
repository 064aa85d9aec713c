"""'Forget tonight': confirmed by voice, then nothing of the evening is left in either store."""

from __future__ import annotations

from datetime import date, datetime

from skill.app import SkillApp
from skill.conversation.privacy_changes import NightForgotten, streak_without
from skill.household.documents import from_doc
from skill.household.model import Household, Night, Profile
from skill.local.envelope import DEFAULT_USER_ID
from skill.storage.base import HouseholdRecord, HouseholdStore
from skill.turn import household_id_for
from tests.support.store_dump import everything, night_keys
from tests.support.talk import Talk

TONIGHT = "2026-11-25"
HOUSEHOLD = household_id_for(DEFAULT_USER_ID)


def answered_doc(*ratings: int) -> dict:
    return {"entries": {"x": {"answered": 1, "ratings": list(ratings), "complete": True}}}


def answered(*ratings: int) -> Night:
    return from_doc(Night, answered_doc(*ratings))


def three_evenings() -> Household:
    household = Household(
        "h",
        profile=Profile(
            streak_count=3,
            streak_last=TONIGHT,
            recent_questions={"q-old": "2026-11-23", "q-tonight": TONIGHT},
        ),
        nights={"2026-11-23": answered(4), "2026-11-24": answered(3), TONIGHT: answered(5)},
    )
    return household


# --- the change -----------------------------------------------------------------------------


def test_forgetting_a_night_removes_it_and_its_traces_in_the_profile() -> None:
    household = three_evenings()
    change = NightForgotten(TONIGHT)
    change.apply(household)
    assert set(household.nights) == {"2026-11-23", "2026-11-24"}
    assert household.profile.recent_questions == {"q-old": "2026-11-23"}
    assert (household.profile.streak_count, household.profile.streak_last) == (2, "2026-11-24")
    before = household.to_record()
    change.apply(household)
    assert household.to_record() == before


def test_an_evening_that_did_not_count_leaves_the_streak_alone() -> None:
    household = three_evenings()
    household.nights["2026-11-26"] = from_doc(
        Night, {"entries": {"y": {"answered": 0, "complete": False}}}
    )
    NightForgotten("2026-11-26").apply(household)
    assert (household.profile.streak_count, household.profile.streak_last) == (3, TONIGHT)


def test_the_streak_is_rebuilt_by_the_usual_rule() -> None:
    household = three_evenings()
    # A missed evening before the last one was forgiven; the rebuilt streak says so again.
    household.nights = {"2026-11-21": answered(4), "2026-11-23": answered(4), TONIGHT: answered(2)}
    streak = streak_without(household, TONIGHT)
    assert (streak.count, streak.last, streak.forgiven) == (2, "2026-11-23", "2026-11-22")
    assert streak_without(Household("h"), TONIGHT).count == 0
    assert date.fromisoformat(streak.last) < date.fromisoformat(TONIGHT)


# --- the conversation, and what the stores hold afterwards -------------------------------


def seed_yesterday(store: HouseholdStore) -> None:
    """A household that checked in last night, with the journal on."""
    profile = Profile(
        visits=3, streak_count=1, streak_last="2026-11-24", keep_answers=True
    ).to_dict()
    nights = {
        "2026-11-24": {
            "entries": {
                "y": {
                    **answered_doc(4)["entries"]["x"],
                    "partners": 1,
                    "answers": [{"step": "question:0", "text": "yesterday's words"}],
                }
            }
        }
    }
    store.save(HouseholdRecord(HOUSEHOLD, profile=profile, nights=nights), None)


def assert_tonight_is_gone(store: HouseholdStore) -> None:
    assert night_keys(store, HOUSEHOLD) == {"2026-11-24"}
    held = everything(store, HOUSEHOLD)
    assert "the soup you made" not in held and "yesterday's words" in held
    record = store.load(HOUSEHOLD)
    assert record is not None
    assert record.profile["streak_last"] == "2026-11-24"
    assert TONIGHT not in record.profile["recent_questions"].values()


def test_yes_forgets_tonight_and_leaves_last_night(
    each_app: SkillApp, each_store: HouseholdStore
) -> None:
    seed_yesterday(each_store)
    talk = Talk(each_app)
    talk.check_in("I appreciated the soup you made", partners="just me")
    talk("no")
    assert night_keys(each_store, HOUSEHOLD) == {"2026-11-24", TONIGHT}
    asked = talk("forget tonight")
    assert asked.speech.endswith("yes or no?")
    kept = talk("no")
    assert "tonight" in kept.speech.lower() and night_keys(each_store, HOUSEHOLD) == {
        "2026-11-24",
        TONIGHT,
    }
    talk("forget tonight")
    done = talk("yes")
    assert "forgotten" in done.speech or "Nothing from tonight" in done.speech
    assert_tonight_is_gone(each_store)


def test_forgetting_in_the_middle_of_a_check_in_leaves_nothing_of_it(
    each_app: SkillApp, each_store: HouseholdStore
) -> None:
    seed_yesterday(each_store)
    talk = Talk(each_app)
    talk.check_in("I appreciated the soup you made", partners="just me")
    # "Forget tonight" before the check-in is over: what it gathered is offered for deletion.
    assert talk("forget tonight").speech.endswith("yes or no?")
    talk("yes")
    assert_tonight_is_gone(each_store)
    # Nothing is left to pick up either.
    welcome = talk("open heart talks")
    assert "halfway" not in welcome.speech


def test_a_yes_after_four_in_the_morning_still_forgets_the_evening_asked_about(
    each_app: SkillApp, each_store: HouseholdStore
) -> None:
    seed_yesterday(each_store)
    talk = Talk(each_app)
    talk.check_in("I appreciated the soup you made", partners="just me")
    talk("no")
    talk.now = datetime.fromisoformat("2026-11-26T03:59:55-05:00")
    talk("forget tonight")
    talk("yes")
    assert_tonight_is_gone(each_store)
