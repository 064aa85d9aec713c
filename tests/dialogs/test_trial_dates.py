"""Date ideas as couples browsed them in the December trial (round 2), in their own words.

Each test began as a line a fresh tester typed while a date idea was on the table, and the skill
got wrong: a check-in asked for heard as a quick date, a rating or a long thought heard as a new
wish that threw away "at home" and "free", a "not for us" whose reason was ignored, a question
about the cost answered with the steps, and "what do you mean" met with "I didn't catch that".
"""

from __future__ import annotations

from skill.conversation.dates import DateFilters
from skill.conversation.dialog import CheckingIn, DateStep, decode_state
from tests.support.talk import browsing, household_that_said, idea_on_the_table, said

#: Couple 1's wish on their second evening (row #14 of the trial).
AT_HOME_AND_FREE = (
    "we're kind of bored, any ideas for tonight that don't cost anything? "
    "kids are asleep so it has to be at home"
)


# --- 1. leaving the dates flow ----------------------------------------------------------------


def test_a_quick_check_in_asked_for_while_browsing_starts_the_check_in() -> None:
    couple = household_that_said(AT_HOME_AND_FREE, "hmm something else", "save it")
    turn = couple("ok and can we do a quick check in too")
    state = decode_state(couple.session_attributes.get("state"))
    assert isinstance(state, CheckingIn), turn.speech


def test_a_rating_said_while_browsing_is_not_a_wish_for_an_evening_idea() -> None:
    couple = household_that_said(AT_HOME_AND_FREE)
    before = browsing(couple)
    turn = couple("honestly a four, this week killed me but tonight's nice")
    after = browsing(couple)
    # No new idea: the one on the table stays, with the filters they asked for.
    assert after.idea == before.idea, turn.speech
    assert (
        after.filters
        == before.filters
        == DateFilters(setting="home", budget="free", time="evening")
    )
    assert turn.speech.rstrip().endswith("?")


# --- 2. the filters asked for are kept -------------------------------------------------------


def test_a_long_thought_with_a_mood_word_keeps_the_filters_and_the_idea() -> None:
    couple = household_that_said(AT_HOME_AND_FREE)
    before = browsing(couple)
    turn = couple("maybe if she told me when she needs a break instead of just getting quiet")
    after = browsing(couple)
    assert after.idea == before.idea, turn.speech
    assert after.filters == before.filters


def test_next_and_something_else_keep_at_home_and_free_all_evening() -> None:
    couple = household_that_said(
        AT_HOME_AND_FREE,
        "ok and can we do a quick check in too",
        "both",
        "honestly a four, this week killed me but tonight's nice",
        "I'm proud of how we handled the sick week",
        "ok me now, I'm a three",
        "the beach last summer",
    )
    # Back to ideas at the practice offered after the check-in: the wish still holds.
    for line in ("another date idea", "next", "something else", "next"):
        turn = couple(line)
        idea = idea_on_the_table(couple)
        assert browsing(couple).filters.setting == "home", (line, turn.speech)
        assert browsing(couple).filters.budget == "free", (line, turn.speech)
        assert (idea.setting, idea.cost) == ("home", "free"), (line, turn.speech)


# --- 3. "not for us", with a reason ----------------------------------------------------------


def test_not_outdoorsy_turns_the_idea_down_and_keeps_to_ideas_at_home() -> None:
    couple = household_that_said(
        "suggest a date night", "something adventurous this weekend, we have like a whole saturday"
    )
    turned_down = browsing(couple).idea
    turn = couple("nah not for us, we're not outdoorsy")
    assert turned_down in couple.profile().dates.disliked
    state = browsing(couple)
    assert state.filters.setting == "home", turn.speech
    assert idea_on_the_table(couple).setting == "home", turn.speech
    assert "at home" in turn.speech.lower()
    another = couple("another one")
    assert idea_on_the_table(couple).setting == "home", another.speech


def test_we_dont_do_loud_restaurants_keeps_every_idea_at_home() -> None:
    couple = household_that_said(
        "we'd like some ideas for our anniversary, something quiet, we don't do loud restaurants"
    )
    assert browsing(couple).filters.setting == "home"
    assert idea_on_the_table(couple).setting == "home"
    turn = couple("another one")
    assert idea_on_the_table(couple).setting == "home", turn.speech


def test_not_into_bars_turns_the_idea_down_and_steers_home() -> None:
    couple = household_that_said("suggest a date night", "something out of the house")
    turned_down = browsing(couple).idea
    turn = couple("we're not into bars")
    assert turned_down in couple.profile().dates.disliked
    assert browsing(couple).filters.setting == "home", turn.speech
    assert idea_on_the_table(couple).setting == "home", turn.speech


# --- 4. what it costs ------------------------------------------------------------------------

_COST_WORDS = {
    "free": "free",
    "low": "cheap",
    "medium": "moderate",
    "splurge": "splurge",
}


def test_how_much_does_that_cost_says_the_cost_not_the_steps() -> None:
    for question in ("how much does that cost", "is it expensive", "what does it cost"):
        couple = household_that_said("something adventurous this weekend")
        idea = idea_on_the_table(couple)
        turn = couple(question)
        assert browsing(couple).idea == idea.id, (question, turn.speech)
        assert browsing(couple).step is not DateStep.DETAILED, (question, turn.speech)
        assert not any(step[:30] in turn.speech for step in idea.steps), (question, turn.speech)
        assert _COST_WORDS[idea.cost] in turn.speech.lower(), (question, turn.speech)
        assert turn.speech.rstrip().endswith("?")
        # "Yes" then reads the steps, as after the pitch.
        couple("yes")
        assert browsing(couple).step is DateStep.DETAILED


# --- 5. confusion --------------------------------------------------------------------------


def test_what_do_you_mean_while_browsing_explains_the_choices() -> None:
    couple = household_that_said(AT_HOME_AND_FREE)
    turn = couple("what do you mean")
    assert not said(turn.speech, "fallback.dates"), turn.speech
    assert said(turn.speech, "dates.explain"), turn.speech
    assert turn.speech.rstrip().endswith("?")
    browsing(couple)


def test_this_is_awkward_while_browsing_gets_a_light_word_and_the_choices() -> None:
    couple = household_that_said(AT_HOME_AND_FREE, "next", "next")
    before = browsing(couple)
    turn = couple("this is awkward")
    assert not said(turn.speech, "fallback.dates"), turn.speech
    assert said(turn.speech, "dates.awkward"), turn.speech
    assert browsing(couple).idea == before.idea
