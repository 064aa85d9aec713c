"""Fights, the repair conversation, and patience: the December new-user trial (round 3).

Every test here is what a fresh tester's couple typed into the simulator, in their words: an
argument told with "can you help us", a question about what helps right after the repair
conversation was offered, anger and a partner walking out in the middle of it, two apologies
that ended the session, and a second-language speaker the skill gave up on.
"""

from __future__ import annotations

from skill.conversation.dialog import (
    CheckingIn,
    CheckInOffer,
    Offering,
    ReadingPractice,
    RepairOffer,
)
from tests.support.talk import (
    Talk,
    household_that_said,
    new_household,
    reading_the_repair,
    said,
    state_of,
)

# --- the argument, and the way back ------------------------------------------------------------


def _offered_the_repair(couple: Talk) -> bool:
    state = state_of(couple)
    return isinstance(state, Offering) and isinstance(state.offer, RepairOffer)


def test_an_argument_told_with_can_you_help_us_is_met_as_a_fight() -> None:
    """roughpatch e3 #3-#4: the generic help menu, then "yes please" to the menu."""
    couple = household_that_said("we're Dana and Mike")
    met = couple("we argued again on the way home from his mother's. can you help us")
    assert not said(met.speech, "help.idle"), met.speech
    assert said(met.speech, "fight.heard") and said(met.speech, "fight.pause"), met.speech
    assert said(met.speech, "fight.question") and _offered_the_repair(couple)
    started = couple("yes please")
    assert reading_the_repair(couple).part == 0, started.speech


def test_asking_what_helps_right_after_the_repair_was_offered_starts_it() -> None:
    """roughpatch e1 #11-#12: after a check-in and "we've been fighting about money nonstop",
    the question of what helps was offered a check-in they had already done."""
    couple = household_that_said()
    couple.check_in("when he was at work", "not much")
    offered = couple("we had a really bad week, we've been fighting about money nonstop")
    assert _offered_the_repair(couple), offered.speech
    asked = couple("is there anything that actually helps when you're this angry at each other")
    assert "check-in" not in asked.speech.lower(), asked.speech
    assert reading_the_repair(couple).part == 0, asked.speech
    going_on = couple("yes")
    assert "already a check-in" not in going_on.speech.lower()
    assert reading_the_repair(couple).part == 1, going_on.speech


# --- in the middle of the repair conversation --------------------------------------------------


def _in_the_repair_conversation() -> Talk:
    """roughpatch e2 #3-#4: a massive fight, and "ok" to the repair conversation."""
    couple = household_that_said(
        "I'm not talking to you, I'm talking to the thing. we just had a massive fight", "ok"
    )
    assert reading_the_repair(couple).part == 0
    return couple


def test_too_mad_to_breathe_in_the_repair_conversation_is_met_calmly_with_a_wait() -> None:
    """roughpatch e2 #5: "I didn't quite get that. To carry on with the practice, say next"."""
    couple = _in_the_repair_conversation()
    before = state_of(couple)
    calmed = couple("I don't know. I'm too mad to breathe")
    assert not said(calmed.speech, "fallback.practice"), calmed.speech
    assert said(calmed.speech, "practice.heated"), calmed.speech
    assert "[pause" in calmed.speech, "a real wait"
    assert couple.session_open and state_of(couple) == before
    couple("yes")
    assert reading_the_repair(couple).part == 1


def test_a_partner_walking_out_is_acknowledged_and_the_skill_waits() -> None:
    """roughpatch e2 #6: "Sorry, I'm still not following. Right now I'm reading you a practice"."""
    couple = _in_the_repair_conversation()
    couple("I don't know. I'm too mad to breathe")
    before = state_of(couple)
    left = couple("we didn't. he walked out of the room")
    assert not said(left.speech, "fallback.again"), left.speech
    assert said(left.speech, "practice.partner_left"), left.speech
    assert "[pause" in left.speech, "a real wait"
    assert couple.session_open and state_of(couple) == before
    stopped = couple("no")
    assert not isinstance(state_of(couple), ReadingPractice), stopped.speech


def test_the_thing_where_we_take_turns_goes_on_with_the_repair_conversation() -> None:
    """roughpatch e2 #7-#8: it started a fresh nightly check-in instead, then asked "yes" for a
    number."""
    couple = _in_the_repair_conversation()
    couple("I don't know. I'm too mad to breathe")
    couple("we didn't. he walked out of the room")
    turns = couple("can we just do the thing where we take turns")
    assert not isinstance(state_of(couple), CheckingIn), turns.speech
    assert reading_the_repair(couple).part == 1, turns.speech
    assert "partner one" in turns.speech.lower()
    couple("yes")
    assert reading_the_repair(couple).part == 2


def test_a_check_in_asked_for_by_name_in_the_repair_conversation_still_starts_one() -> None:
    couple = _in_the_repair_conversation()
    couple("can we do the check-in instead")
    assert isinstance(state_of(couple), CheckingIn)


# --- apologies ---------------------------------------------------------------------------------


def test_two_apologies_after_lines_not_understood_are_met_warmly() -> None:
    """roughpatch e3 #6-#8: a new session opened by a line to Mike, then "next", then the two
    apologies ended the session: "I don't want to keep you going in circles"."""
    couple = new_household()
    couple("Mike wait. please. just five minutes. ok we're ready, go on")
    couple("next")
    sorry = couple("he says he's sorry he raised his voice. I'm sorry I brought up his mother")
    assert couple.session_open, sorry.speech
    assert not said(sorry.speech, "fallback.give_up"), sorry.speech
    assert said(sorry.speech, "practice.apology"), sorry.speech
    assert _offered_the_repair(couple), "a way back offered, a yes away"


def test_an_apology_at_the_menu_is_met_warmly_whatever_came_before() -> None:
    couple = household_that_said("we're Dana and Mike")
    sorry = couple("he says he's sorry he raised his voice. I'm sorry I brought up his mother")
    assert said(sorry.speech, "practice.apology") and couple.session_open, sorry.speech


# --- patience ----------------------------------------------------------------------------------


def _missed(couple: Talk, times: int = 2) -> None:
    """As if the last ``times`` lines in a row were not understood."""
    couple.session_attributes = {**couple.session_attributes, "misses": times}


def test_a_third_miss_offers_a_check_in_a_yes_away_instead_of_goodbye() -> None:
    """esl e1 #10: after turns it did not follow, "I'm having trouble understanding right now,
    so let's leave it here" to a second-language speaker."""
    couple = household_that_said()
    _missed(couple)
    offered = couple("I don't know. work is very much")
    assert couple.session_open, offered.speech
    assert not said(offered.speech, "fallback.give_up"), offered.speech
    assert said(offered.speech, "fallback.simple_step.checkin"), offered.speech
    state = state_of(couple)
    assert isinstance(state, Offering) and isinstance(state.offer, CheckInOffer)
    couple("yes")
    assert isinstance(state_of(couple), CheckingIn)


def test_once_tonights_check_in_is_done_the_simple_step_is_a_practice() -> None:
    couple = household_that_said()
    couple.check_in("a walk", "dinner")
    couple("no")
    couple("open heart talks")
    _missed(couple)
    offered = couple("I don't know. work is very much")
    assert said(offered.speech, "fallback.simple_step.practice"), offered.speech
    couple("yes")
    assert isinstance(state_of(couple), ReadingPractice)


def test_the_simple_step_missed_too_the_session_ends_kindly() -> None:
    couple = household_that_said()
    _missed(couple)
    couple("I don't know. work is very much")
    bye = couple("flib flob")
    assert said(bye.speech, "fallback.give_up") and not couple.session_open, bye.speech


def test_a_heartfelt_line_not_understood_never_ends_the_session() -> None:
    couple = household_that_said()
    _missed(couple, 3)  # the simple step was offered, and missed too
    heartfelt = couple("he held my hand the whole way home and it was lovely")
    assert couple.session_open, heartfelt.speech
    assert not said(heartfelt.speech, "fallback.give_up"), heartfelt.speech


def test_in_a_practice_the_simple_step_is_to_go_on() -> None:
    couple = _in_the_repair_conversation()
    _missed(couple)
    offered = couple("flib flob")
    assert said(offered.speech, "fallback.simple_step.practice_on"), offered.speech
    couple("yes")
    assert reading_the_repair(couple).part == 1
