"""Leftovers of the December new-user trials: a last part read again, "next" to the repair
conversation, a check-in let drop after care, a story told at the menu, a pronoun kept as a
name, and a date idea that named the hour.

Each test is what a fresh tester's couple said, in their words.
"""

from __future__ import annotations

import re
from datetime import datetime

from skill.content.practices import practice_library
from skill.conversation.checkin import RATING
from skill.conversation.dialog import (
    BrowsingDates,
    CheckingIn,
    CheckInOffer,
    Idle,
    InCare,
    Offering,
    ReadingPractice,
    StartCheckInOffer,
)
from skill.conversation.names import partner_names
from skill.household.model import Profile
from skill.local.envelope import DEFAULT_USER_ID
from skill.storage.base import HouseholdRecord
from skill.turn import household_id_for
from tests.dialogs.test_trial3_care import GOES_THROUGH_MY_PHONE, mel_at_her_open_question
from tests.support.memory_store import MemoryStore
from tests.support.talk import (
    Talk,
    app_on,
    checking_in,
    household_that_said,
    reading_the_repair,
    said,
    state_of,
)

# --- in the middle of a practice -----------------------------------------------------------------


def test_read_that_last_part_again_mid_practice_reads_the_step_again() -> None:
    """first smart speaker: "would you read that last part again please" was not understood."""
    couple = household_that_said("teach us about validation")
    step = couple("next")
    first_step = practice_library("en-US").practice("validation").form(alone=False).steps[0].say
    assert first_step in step.speech
    again = couple("would you read that last part again please")
    assert first_step in again.speech, again.speech
    state = state_of(couple)
    assert isinstance(state, ReadingPractice) and state.part == 1, state
    again = couple("would you read that last part again please, i missed it")
    assert first_step in again.speech, again.speech


# --- the repair conversation's offer -------------------------------------------------------------


def test_next_to_the_repair_conversations_offer_starts_it() -> None:
    """roughpatch: "next" at "Shall we try it now?" ended the evening ("take the time you need")."""
    couple = household_that_said("we just had a massive fight")
    assert isinstance(state_of(couple), Offering)
    started = couple("next")
    assert not said(started.speech, "fight.later"), started.speech
    assert couple.session_open and reading_the_repair(couple).part == 0, started.speech
    couple("next")
    assert reading_the_repair(couple).part == 1


def test_next_to_the_repair_offered_after_a_check_in_starts_it() -> None:
    couple = household_that_said()
    couple.check_in("when he was at work", "not much")
    offered = couple("we had a really bad week, we've been fighting about money nonstop")
    assert isinstance(state_of(couple), Offering), offered.speech
    started = couple("ok next please")
    assert couple.session_open and reading_the_repair(couple).part == 0, started.speech


def test_skip_to_the_repair_conversations_offer_still_declines_it() -> None:
    """A skip in words of its own is a no. ("Skip" said whole is Alexa's built-in next, as
    "next" is: it starts the reading, whose opening asks again whether to begin.)"""
    couple = household_that_said("we just had a massive fight")
    declined = couple("let's skip this one")
    assert said(declined.speech, "fight.later"), declined.speech


# --- a check-in stopped by care, and let drop ----------------------------------------------------


def _mel_lets_it_drop() -> tuple[Talk, str]:
    """Hidden e2 #6: Mel, alone at her check-in's open question, answered with care, then "never
    mind. forget I said anything"."""
    mel = mel_at_her_open_question()
    cared = mel(GOES_THROUGH_MY_PHONE)
    assert isinstance(state_of(mel), InCare), cared.speech
    dropped = mel("never mind. forget I said anything")
    state = state_of(mel)
    assert isinstance(state, Offering) and isinstance(state.offer, StartCheckInOffer), state
    return mel, dropped.speech


def test_let_drop_after_care_the_check_in_is_offered_as_what_happens_a_fresh_start() -> None:
    """The offer was to "carry on with the check-in", but nothing of it is kept: it starts
    over from the number."""
    mel, offered = _mel_lets_it_drop()
    assert "carry on" not in offered.lower(), offered
    assert said(offered, "care.start_again"), offered
    again = mel("yes")
    flow = checking_in(mel).flow
    assert flow.pos == 0 and flow.step is not None and flow.step.kind == RATING, again.speech


def test_no_to_a_fresh_check_in_after_care_is_a_warm_goodnight_not_the_menu() -> None:
    mel, _ = _mel_lets_it_drop()
    closed = mel("no")
    assert not mel.session_open, closed.speech
    assert said(closed.speech, "care.goodbye"), closed.speech
    assert "check-in, a date idea" not in closed.speech, closed.speech


# --- a story told at the menu --------------------------------------------------------------------

TOMS_SHOPPING = "today Tom help me with the shopping and he carry everything, it was nice"


def _at_the_menu() -> Talk:
    couple = household_that_said("my name is Katarzyna and he is Tom")
    assert isinstance(state_of(couple), Idle)
    return couple


def test_a_warm_story_at_the_menu_is_met_warmly_and_the_check_in_offered() -> None:
    """esl e1 #6: "Sorry, I'm still not following. I can help in three ways"."""
    couple = _at_the_menu()
    heard = couple(TOMS_SHOPPING)
    assert "not following" not in heard.speech and "didn't catch" not in heard.speech
    assert said(heard.speech, "feeling.warm"), heard.speech
    assert said(heard.speech, "feeling.warm_offer"), heard.speech
    state = state_of(couple)
    assert isinstance(state, Offering) and isinstance(state.offer, CheckInOffer), state
    started = couple("yes")
    assert isinstance(state_of(couple), CheckingIn), started.speech


def test_a_request_told_with_a_warm_story_is_still_the_request() -> None:
    couple = _at_the_menu()
    couple("we had a lovely walk today, give us a date idea for the weekend")
    assert isinstance(state_of(couple), BrowsingDates)


def test_a_crisis_told_with_warm_words_at_the_menu_still_gets_care() -> None:
    couple = _at_the_menu()
    cared = couple(
        "he was so kind today, but honestly I'm so tired of everything, I just want to go to "
        "sleep and not wake up"
    )
    assert isinstance(state_of(couple), InCare), cared.speech
    assert not said(cared.speech, "feeling.warm"), cared.speech


# --- a pronoun kept as a name ------------------------------------------------------------------

#: What "my name is Katarzyna and he is Tom" stored before names stopped taking "he" (esl e1 #4).
KEPT_WITH_A_PRONOUN = ["Katarzyna", "He"]


def test_a_pronoun_stored_as_a_name_is_never_used_as_one() -> None:
    assert partner_names(Profile(names=KEPT_WITH_A_PRONOUN)) == ["Katarzyna"]
    for pronoun in ("He", "She", "Him", "Her", "he", "HER"):
        assert partner_names(Profile(names=["Tom", pronoun])) == ["Tom"], pronoun
    # Names that only begin like one are names.
    assert partner_names(Profile(names=["Henry", "Sherry"])) == ["Henry", "Sherry"]


def test_a_household_that_kept_he_as_a_name_no_longer_hears_it() -> None:
    """esl e1 #4 and #7: "Lovely to meet you, Katarzyna and He", then "I already know you as
    Katarzyna and He", said again on every visit after."""
    store = MemoryStore()
    profile = {"names": KEPT_WITH_A_PRONOUN, "names_asked": True, "visits": 3}
    store.save(HouseholdRecord(household_id_for(DEFAULT_USER_ID), profile=profile), None)
    couple = Talk(app_on(store))
    spoken = [couple.launch().speech]
    spoken.append(couple("what are our names").speech)
    assert "Katarzyna" in spoken[-1], spoken[-1]
    couple("start a check-in")
    spoken.append(couple("both of us").speech)
    for speech in spoken:
        assert not re.search(r"\bHe\b", speech), speech


# --- a date idea pitched late --------------------------------------------------------------------


def test_the_power_down_evening_pitched_at_nine_names_no_hour() -> None:
    """It said "at six o'clock" though it was pitched at nine in the evening."""
    couple = Talk(app_on(MemoryStore()), start=datetime.fromisoformat("2026-11-25T21:00:00-05:00"))
    couple.launch()
    pitch = couple("a cozy free date night at home")
    for _ in range(12):
        if "power-down evening" in pitch.speech:
            break
        pitch = couple("another one")
    assert "power-down evening" in pitch.speech, "the idea was never pitched"
    assert "o'clock" not in pitch.speech and " six" not in pitch.speech, pitch.speech
    steps = couple("tell me more")
    assert "o'clock" not in steps.speech and "dinner" not in steps.speech, steps.speech
