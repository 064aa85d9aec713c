"""Date ideas as couples browsed them in the third December trial, in their own words.

Each test began as a line a fresh tester typed and the skill got wrong: the weather taken as a
verdict on the idea, "we don't go out much" heard as a wish to go out, "will you remember it for
us" heard as a yes to another idea, "too expensive" answered with another treat, "sounds fun
but he hates that kind of thing" saved as a favourite, and "pardon?", "what is fondue?" or
"could you speak up, or slower" met with "I didn't catch that".
"""

from __future__ import annotations

from skill.content.dates import DateIdea
from skill.conversation.dates import BUDGETS
from skill.conversation.dialog import DateStep
from skill.turn import SLOW
from tests.support.talk import browsing, household_that_said, idea_on_the_table, said


def is_pitched(speech: str, idea: DateIdea) -> bool:
    return idea.pitch[:40] in speech


# --- the weather is no verdict on the idea (newlyweds, evening 2, #6) -----------------------


def test_freezing_out_turns_to_ideas_at_home_without_turning_the_idea_down() -> None:
    couple = household_that_said(
        "hey it's us again. we're broke this week lol, any date ideas we can do at home",
        "oh right the playlist. ok something outdoors maybe, it's cold though",
    )
    outdoors = idea_on_the_table(couple)
    assert outdoors.setting == "out"
    turn = couple("no way it's freezing out. something indoors then")
    # They turned down the cold, not the idea: it is not "not for us".
    assert outdoors.id not in couple.profile().dates.disliked, turn.speech
    assert not said(turn.speech, "dates.disliked"), turn.speech
    assert browsing(couple).filters.setting == "home", turn.speech
    assert idea_on_the_table(couple).setting == "home", turn.speech
    assert "out of the house" not in turn.speech
    assert "at home" in turn.speech
    another = couple("another one")
    assert idea_on_the_table(couple).setting == "home", another.speech


# --- "we don't go out much" is an evening in (seventies, evening 2, #3) ---------------------


def test_we_dont_go_out_much_anymore_gets_an_idea_at_home() -> None:
    couple = household_that_said("hello again, it's Harold and June")
    turn = couple("what's a date night at our age? we don't go out much anymore, Harold's knees")
    assert browsing(couple).filters.setting == "home", turn.speech
    idea = idea_on_the_table(couple)
    assert idea.setting == "home", turn.speech
    assert "out of the house" not in turn.speech


# --- "will you remember it for us" keeps it (seventies, evening 2, #8) ----------------------


def test_will_you_remember_it_for_us_keeps_the_idea_rather_than_pitching_another() -> None:
    couple = household_that_said("suggest a date night")
    idea = idea_on_the_table(couple)
    couple("save it")
    assert browsing(couple).step is DateStep.SAVED
    turn = couple("we'll try it on Sunday. will you remember it for us")
    assert browsing(couple).idea == idea.id, turn.speech
    assert idea.id in couple.profile().dates.saved
    assert idea.title in turn.speech, turn.speech
    assert "favourites" in turn.speech, turn.speech


def test_will_you_remember_it_saves_an_idea_not_yet_saved() -> None:
    couple = household_that_said("suggest a date night")
    idea = idea_on_the_table(couple)
    turn = couple("we'll try it on Sunday. will you remember it for us")
    assert idea.id in couple.profile().dates.saved, turn.speech
    assert browsing(couple).idea == idea.id
    assert "favourites" in turn.speech


# --- "too expensive", and what the skill is (newlyweds, evening 1, #8) ----------------------


def test_too_expensive_brings_a_cheaper_idea_and_says_what_the_skill_is() -> None:
    couple = household_that_said(
        "suggest a date night",
        "ok and what about something fancy for our anniversary, it's in february",
    )
    assert browsing(couple).filters.budget == "splurge"
    turn = couple(
        "sam says that's too expensive haha. what are you anyway, like are you a therapist?"
    )
    idea = idea_on_the_table(couple)
    assert idea.cost in BUDGETS["low"], (idea.id, turn.speech)
    assert browsing(couple).filters.budget == "low", turn.speech
    assert "a treat" not in turn.speech, turn.speech
    assert said(turn.speech, "about.skill"), turn.speech
    assert is_pitched(turn.speech, idea), turn.speech


def test_too_expensive_alone_brings_a_cheaper_idea() -> None:
    couple = household_that_said("something fancy for our anniversary")
    turn = couple("sam says that's too expensive haha")
    assert idea_on_the_table(couple).cost in BUDGETS["low"], turn.speech
    assert "a treat" not in turn.speech


# --- "sounds fun but he hates that kind of thing. another one" (newlyweds, evening 1, #4) ---


HATES_IT = "ooh that sounds fun but sam hates that kind of thing, he's lazy. another one"


def test_sounds_fun_but_he_hates_it_another_one_is_not_saved_and_brings_another() -> None:
    couple = household_that_said("suggest a date night")
    first = idea_on_the_table(couple)
    turn = couple(HATES_IT)
    assert first.id not in couple.profile().dates.saved, turn.speech
    assert first.id not in couple.profile().dates.loved, turn.speech
    assert browsing(couple).idea != first.id, turn.speech
    assert is_pitched(turn.speech, idea_on_the_table(couple))


def test_another_one_at_the_menu_brings_an_idea() -> None:
    couple = household_that_said("um maybe later")
    turn = couple(HATES_IT)
    assert not said(turn.speech, "dates.no_idea"), turn.speech
    assert is_pitched(turn.speech, idea_on_the_table(couple)), turn.speech


# --- what is it, say it again, slower (esl e3 #6; seventies e2 #4, #9) ----------------------


def test_what_is_fondue_i_not_know_explains_the_idea_on_the_table() -> None:
    couple = household_that_said(
        "good. now we want idea for date, not expensive, we have small money this month"
    )
    idea = idea_on_the_table(couple)
    turn = couple("what is fondue? I not know")
    assert browsing(couple).idea == idea.id, turn.speech
    assert browsing(couple).step is DateStep.DETAILED, turn.speech
    assert idea.steps[0][:30] in turn.speech, turn.speech


def test_pardon_what_was_that_says_the_idea_again() -> None:
    couple = household_that_said(
        "what's a date night at our age? we don't go out much anymore, Harold's knees"
    )
    idea = idea_on_the_table(couple)
    turn = couple("pardon? what was that, a soundtrack?")
    assert browsing(couple).idea == idea.id, turn.speech
    assert is_pitched(turn.speech, idea), turn.speech


def test_could_you_speak_up_a_bit_or_slower_says_it_again_slower() -> None:
    couple = household_that_said("suggest a date night")
    idea = idea_on_the_table(couple)
    turn = couple("could you speak up a bit, or slower")
    assert couple.session_attributes.get(SLOW) is True, turn.speech
    assert said(turn.speech, "checkin.slower"), turn.speech
    assert is_pitched(turn.speech, idea), turn.speech
    assert browsing(couple).idea == idea.id
