"""Controls and small talk in the second December trial (dec2), each answered as a person would.

Every test here is a line a fresh tester typed into the simulator, in their words: "go back"
with nothing to go back to, "skip" at a practice offer, "night" to end it, "uh huh" to start a
practice, "what" after a miss, a thank-you in the middle of a reading, a practice from
yesterday to finish, and plain questions about the skill at the welcome.
"""

from __future__ import annotations

import pytest

from skill.conversation.dialog import (
    BrowsingDates,
    CheckingIn,
    Idle,
    Offering,
    PracticeOffer,
    ReadingPractice,
    UpdateCheckInOffer,
)
from tests.support.talk import household_that_said, new_household, said, state_of


def _not_a_miss(speech: str) -> bool:
    lowered = speech.lower()
    return not any(
        miss in lowered
        for miss in ("not sure i can help", "didn't quite", "didn't catch", "not catching")
    )


# --- go back -----------------------------------------------------------------------------------


def test_go_back_at_the_menu_says_there_is_nothing_to_go_back_to() -> None:
    couple = household_that_said("hello")
    back = couple("go back")
    assert said(back.speech, "back.nothing"), back.speech
    assert said(back.speech, "reprompt.idle"), back.speech
    assert isinstance(state_of(couple), Idle)


def test_go_back_after_the_check_in_closed_offers_to_do_it_again_not_the_practice() -> None:
    couple = household_that_said(
        "start a check-in", "both of us", "a three", "we had dinner", "a four", "we walked"
    )
    assert isinstance(state_of(couple), Offering)
    couple("it's Walt now, um, I'd give it a, oh, maybe a three, no, make it a four")
    back = couple("go back, I want to change mine")
    state = state_of(couple)
    assert not isinstance(state, ReadingPractice), back.speech
    assert isinstance(state, Offering) and isinstance(state.offer, UpdateCheckInOffer)
    assert said(back.speech, "checkin.already_tonight.question"), back.speech
    couple("yes")
    assert isinstance(state_of(couple), CheckingIn)


def test_go_back_with_a_date_idea_on_the_table_brings_back_the_one_before() -> None:
    couple = household_that_said("suggest a date idea")
    first = state_of(couple)
    assert isinstance(first, BrowsingDates)
    couple("another one")
    back = couple("go back")
    state = state_of(couple)
    assert isinstance(state, BrowsingDates) and state.idea == first.idea, back.speech
    assert _not_a_miss(back.speech), back.speech


def test_go_back_at_the_only_date_idea_pitches_it_again() -> None:
    couple = household_that_said("suggest a date idea", "tell me more")
    first = state_of(couple)
    assert isinstance(first, BrowsingDates)
    back = couple("go back")
    state = state_of(couple)
    assert isinstance(state, BrowsingDates) and state.idea == first.idea
    assert _not_a_miss(back.speech), back.speech
    assert said(back.speech, "dates.after_pitch"), back.speech


# --- skip, night, soft yeses -------------------------------------------------------------------


def test_skip_at_the_practice_offer_is_a_no_to_it() -> None:
    couple = household_that_said("start a check-in", "just me", "a three", "long day")
    assert isinstance(state_of(couple), Offering)
    skipped = couple("skip")
    assert _not_a_miss(skipped.speech), skipped.speech
    state = state_of(couple)
    assert not (isinstance(state, Offering) and isinstance(state.offer, PracticeOffer))
    assert not isinstance(state, ReadingPractice)


def test_night_in_the_middle_of_a_practice_says_goodnight() -> None:
    couple = household_that_said("teach us about validation", "yes")
    night = couple("night")
    assert not couple.session_open, night.speech
    assert _not_a_miss(night.speech), night.speech


def test_goodnight_from_both_of_us_after_a_thank_you_ends_the_session() -> None:
    couple = household_that_said("suggest a date idea", "tell me more")
    bye = couple("that was nice, thank you. goodnight from both of us")
    assert not couple.session_open, bye.speech
    assert "check-in, a date idea, or a practice" not in bye.speech


@pytest.mark.parametrize("soft_yes", ["uh huh", "mm hmm", "yep go"])
def test_a_soft_yes_at_the_start_of_a_practice_starts_it(soft_yes: str) -> None:
    couple = household_that_said("teach us about active listening")
    started = couple(soft_yes)
    state = state_of(couple)
    assert isinstance(state, ReadingPractice) and state.part == 1, (soft_yes, started.speech)


# --- say it again ------------------------------------------------------------------------------


def test_what_after_a_miss_says_the_question_not_the_miss_again() -> None:
    couple = household_that_said("hello")
    # (The trial's own line here, "okay he's saying... four? yeah four", now starts the check-in
    # with that rating: see test_trial3_welcome.py. Another line the menu cannot place.)
    couple("okay he's saying... the blue one? yeah the blue one")
    again = couple("what")
    assert _not_a_miss(again.speech), again.speech
    assert said(again.speech, "reprompt.idle"), again.speech


def test_what_was_the_last_thing_you_asked_at_the_rating_asks_it_again() -> None:
    couple = household_that_said("start a check-in", "both of us")
    again = couple("sorry, the call cut out, what was the last thing you asked")
    assert not said(again.speech, "checkin.retry.rating"), again.speech
    assert "need a number" not in again.speech.lower(), again.speech
    state = state_of(couple)
    assert isinstance(state, CheckingIn) and state.flow.ratings == [None, None]


# --- thanks in the middle of a practice --------------------------------------------------------


@pytest.mark.parametrize("thanks", ["that's lovely, thank you", "ok cool, thanks dude"])
def test_thanks_in_the_middle_of_a_practice_is_welcomed_and_it_goes_on(thanks: str) -> None:
    couple = household_that_said("teach us about active listening", "yes")
    before = state_of(couple)
    assert isinstance(before, ReadingPractice) and before.part == 1
    welcomed = couple(thanks)
    assert said(welcomed.speech, "small_talk.thanks"), welcomed.speech
    assert said(welcomed.speech, "practice.next_step"), welcomed.speech
    assert state_of(couple) == before
    couple("yes")
    after = state_of(couple)
    assert isinstance(after, ReadingPractice) and after.part == 2


# --- practices ---------------------------------------------------------------------------------


def test_finish_the_practice_from_yesterday_resumes_the_one_left_whatever_else_is_said() -> None:
    couple = household_that_said("tell us about sharing your inner world", "yes", "next", "stop")
    couple.next_day()
    couple.launch()
    resumed = couple("okay um can we finish the practice from yesterday? the dog interrupted")
    state = state_of(couple)
    assert isinstance(state, ReadingPractice), resumed.speech
    assert state.practice == "share_your_inner_world" and state.part == 2, resumed.speech


def test_with_no_practice_left_to_finish_one_is_offered() -> None:
    couple = household_that_said()
    answered = couple("can we finish the practice from yesterday? the dog interrupted")
    assert said(answered.speech, "practice.nothing_paused"), answered.speech
    state = state_of(couple)
    assert isinstance(state, Offering) and isinstance(state.offer, PracticeOffer)
    couple("yes")
    assert isinstance(state_of(couple), ReadingPractice)


def test_a_practice_we_havent_heard_yet_is_one_never_started() -> None:
    couple = household_that_said("teach us about active listening", "yes", "stop")
    couple.next_day()
    couple.launch()
    answered = couple("read me a practice we haven't heard yet")
    state = state_of(couple)
    assert isinstance(state, ReadingPractice), answered.speech
    assert state.practice not in couple.profile().heard_practices[:-1]
    assert state.practice != "active_listening"


def test_how_are_we_doing_overall_with_a_date_idea_on_the_table_is_the_progress() -> None:
    couple = household_that_said("suggest a date idea")
    answered = couple("how are we doing overall")
    assert not said(answered.speech, "dates.details_intro"), answered.speech
    assert not isinstance(state_of(couple), BrowsingDates), answered.speech


# --- questions about the skill -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "answer"),
    [
        ("oh hello there, well, um, what exactly do you do", "question.what_it_does"),
        (
            "hi, I just got off a night shift, is it weird to do this in the morning",
            "question.time_of_day",
        ),
        (
            "hi, so my boyfriend is on speakerphone, he's in Seattle, can we still do this",
            "question.speakerphone",
        ),
    ],
)
def test_a_question_about_the_skill_at_the_welcome_gets_a_short_answer(
    asked: str, answer: str
) -> None:
    couple = new_household()
    couple.launch()
    answered = couple(asked)
    assert said(answered.speech, answer), answered.speech
    assert said(answered.speech, "reprompt.idle"), answered.speech
    assert "all ears" not in answered.speech
