"""Things couples said freely in the new-user trials, each answered as a person would.

Every test here began as a line a fresh tester typed into the simulator and the skill got
wrong: a "not tonight" heard as a wish for an evening idea, a "no" that came with what they
wanted instead, a check-in put off till tomorrow.
"""

from __future__ import annotations

import re
from datetime import time

import pytest

from skill.content.practices import practice_library
from skill.content.understanding import vocabulary
from skill.conversation.dates import DateFilters
from skill.conversation.dialog import (
    BrowsingDates,
    CheckingIn,
    InCare,
    Offering,
    PracticeOffer,
    ReadingFavourites,
    ReadingPractice,
)
from skill.conversation.requests import (
    AboutSkillRequest,
    CheckInRequest,
    DateFavouritesRequest,
    DateFollowUp,
    DateRequest,
    FightRequest,
    NamesRequest,
    PracticeRequest,
    PrivacyInfoRequest,
    ProgressRequest,
    ReminderRequest,
    ReminderStopRequest,
    SmallTalk,
    SmallTalkRequest,
    SpeakerRequest,
    asks_for_another,
    read_date_follow_up,
    read_request,
)
from skill.conversation.understanding import (
    Control,
    Reply,
    read_control,
    read_reply,
    speaks_of_a_fight,
)
from tests.support.talk import Talk, household_that_said, new_household, said, state_of


def test_not_tonight_after_a_date_idea_ends_the_evening_without_another_idea() -> None:
    couple = household_that_said("suggest a date idea")
    put_off = couple("actually no, not tonight")
    assert not couple.session_open, put_off.speech
    assert "what about" not in put_off.speech.lower()


def test_a_no_that_says_what_they_want_instead_gets_it() -> None:
    couple = new_household()
    couple.launch()  # a first visit: the welcome offers something, a yes-or-no question
    pitched = couple("no budget, we want something adventurous")
    state = state_of(couple)
    assert isinstance(state, BrowsingDates), pitched.speech
    # "No budget" sets no limit; it is not a wish for a free or cheap evening.
    assert state.filters == DateFilters(mood="adventurous")


def test_that_one_sounds_nice_is_taken_as_liking_the_idea() -> None:
    couple = household_that_said("something adventurous")
    liked = couple("ok that one sounds nice")
    assert said(liked.speech, "dates.loved"), liked.speech


def test_a_value_that_starts_a_sentence_starts_with_a_capital() -> None:
    couple = household_that_said("something adventurous")
    liked = couple("ok that one sounds nice")
    assert not re.search(r"[.!?] [a-z]", liked.speech), liked.speech


def test_a_check_in_put_off_till_tomorrow_stops_kindly() -> None:
    couple = household_that_said("start a check-in")
    put_off = couple("can we do this tomorrow instead")
    assert not couple.session_open, put_off.speech
    assert "number" not in put_off.speech.lower()


def test_an_open_answer_that_mentions_tomorrow_is_still_the_answer() -> None:
    couple = household_that_said("start a check-in", "both of us", "a four")
    answered = couple("we're going to the beach tomorrow")
    assert couple.session_open and "from one to five" in answered.speech.lower()


def test_a_practice_put_off_till_another_time_pauses() -> None:
    couple = household_that_said("teach us about validation", "next")
    assert isinstance(state_of(couple), ReadingPractice)
    paused = couple("can we do this tomorrow instead")
    assert not isinstance(state_of(couple), ReadingPractice), paused.speech
    assert said(paused.speech, "practice.paused"), paused.speech


@pytest.mark.parametrize("asked", ["practice", "the practice", "teach us something"])
def test_the_menus_own_word_for_a_practice_gets_one(asked: str) -> None:
    couple = household_that_said("no")
    couple(asked)
    assert isinstance(state_of(couple), ReadingPractice), asked


def test_a_practice_named_beats_the_word_practice_around_it() -> None:
    couple = household_that_said("teach us something about validation")
    state = state_of(couple)
    assert isinstance(state, ReadingPractice) and state.practice == "validation"


@pytest.mark.parametrize("asked", ["how long does this take", "what's a check-in"])
def test_questions_about_how_it_works_are_answered_not_started(asked: str) -> None:
    couple = household_that_said("no")
    answer = couple(asked)
    assert said(answer.speech, "help.idle"), answer.speech
    assert couple.session_open


@pytest.mark.parametrize("doubt", ["this is dumb", "this is awkward", "I hate this"])
def test_a_doubt_mid_practice_is_met_with_encouragement_and_the_reading_stays(doubt: str) -> None:
    couple = household_that_said("teach us about validation", "next")
    answered = couple(doubt)
    assert said(answered.speech, "practice.doubt"), answered.speech
    state = state_of(couple)
    assert isinstance(state, ReadingPractice) and state.part == 1
    couple("yes")
    after = state_of(couple)
    assert isinstance(after, ReadingPractice) and after.part == 2


def test_this_is_a_word_of_the_moment_is_not_taken_for_a_name() -> None:
    assert read_request("this is awkward", vocabulary("en-US")) is None
    assert read_request("it's late", vocabulary("en-US")) is None
    assert read_request("it's Marc", vocabulary("en-US")) == SpeakerRequest("Marc")


@pytest.mark.parametrize(
    ("before", "said_then"),
    [
        (["start a check-in", "just me"], "he'd be really angry if he knew I was doing this"),
        (["start a check-in", "just me", "one"], "I have to be careful what I say around him"),
        (["start a check-in", "both of us", "a two"], "I feel like giving up on everything"),
        ([], "sometimes he gets really angry and I have to be careful what I say"),
        # The second trial: no apostrophes, simple English, a partner named.
        (
            ["start a check-in", "just me", "a one"],
            "honestly whats the point anymore, I am so tired of everything, I dont see a way out",
        ),
        ([], "my wife she is sleeping. maybe better if I am not here anymore"),
        (
            ["start a check-in", "just me"],
            "to be honest Im a bit scared of how Sam gets when he drinks",
        ),
        # The fourth trial, where the skill was asked to hear what a crisis-line volunteer would.
        (
            ["start a check-in", "just me"],
            "one. he's got my car keys again and says I'm not to see my sister",
        ),
        (
            ["start a check-in", "just me", "a two"],
            "I've been putting my tablets aside in a drawer, just in case it all gets too much",
        ),
        (
            ["start a check-in", "just me", "a two"],
            "been doing the thing with the razor again. kinda helps tbh",
        ),
        (
            ["our names are Sam and Alex"],
            "he doesn't really take no for an answer at night, I just lie still till it's over",
        ),
        (["remind us every night"], "some nights the river looks easier"),
        (
            ["start a check-in", "just me"],
            "two. wouldn't matter much if I didn't wake up tomorrow, to be honest",
        ),
        (
            ["start a check-in", "just me", "a three"],
            "he gets nasty if I say I'm not in the mood, so I just go along with it now",
        ),
        (
            ["teach us about validation", "next"],
            "when it gets too loud in my head I take a lighter to my arm. sorry. carry on",
        ),
        ([], "some days I just want to fall asleep and not wake up"),
        (["suggest a date idea"], "I feel like I can't keep doing this"),
        # The second safety trial.
        (
            ["start a check-in", "just me"],
            "three i guess, he keeps making me do stuff in bed i say no to",
        ),
        (
            ["teach us about validation", "next"],
            "im so tired of everything, i looked up how high the bridge is",
        ),
        ([], "my ex keeps turning up outside my work and my mums house"),
        (
            ["suggest a date idea"],
            "i can't leave, he has all the money and my papers, where would i go",
        ),
        (
            ["start a check-in", "just me", "three"],
            "i burn myself with a lighter when it gets too much",
        ),
        (
            ["teach us about validation", "next"],
            "I've written letters to everyone, just so they have something after",
        ),
        (
            ["start a check-in", "just me"],
            "5 lol. nah, one. i dont see the point of being alive anymore",
        ),
        (
            ["suggest a date idea"],
            "i have my dad's old gun in the closet and i keep thinking about it",
        ),
        ([], "sometimes I think it is easier if I disappear"),
        (["teach us about validation", "next"], "I did the cutting thing again last night"),
        (["start a check-in", "just me"], "two. he told me he'd burn the house down with me in it"),
        ([], "my boy's been doing stuff to himself with a razor, his arms"),
        ([], "can you talk quieter, he's asleep, and if he wakes up I'm in trouble"),
        (["start a check-in", "just me", "a three"], "I pretend to be asleep so he won't want sex"),
        ([], "I gave away my guitar and wrote Jen a letter in case something happens"),
    ],
)
def test_distress_said_sideways_in_the_trials_gets_care(before: list[str], said_then: str) -> None:
    couple = household_that_said()
    for line in before:
        couple(line)
    answered = couple(said_then)
    assert isinstance(state_of(couple), InCare), answered.speech
    assert "good beginning" not in answered.speech.lower()


def test_names_given_in_the_middle_of_a_check_in_are_kept_and_the_check_in_goes_on() -> None:
    couple = household_that_said("start a check-in", "both of us")
    named = couple("I'm Dana and he's Marc")
    assert isinstance(state_of(couple), CheckingIn), named.speech
    assert said(named.speech, "names.saved") and "Dana," in named.speech
    assert couple.profile().names == ["Dana", "Marc"]
    rated = couple("four")
    assert isinstance(state_of(couple), CheckingIn) and "Dana" in rated.speech, rated.speech


def test_a_feeling_said_when_asked_for_a_number_does_not_leave_the_check_in() -> None:
    couple = household_that_said(
        "start a check-in", "both of us", "I miss how we used to go for walks"
    )
    assert isinstance(state_of(couple), CheckingIn)
    # Asked for outright, a practice still leaves the check-in.
    couple("how do we get better at listening")
    assert isinstance(state_of(couple), ReadingPractice)


@pytest.mark.parametrize(
    ("said_so", "names"),
    [
        ("we're both here, I'm Dana and he's Marc", ("Dana", "Marc")),
        ("hi it's Jordan and Lee", ("Jordan", "Lee")),
        ("I'm Tom, my wife Ana is in the kitchen", ("Tom", "Ana")),
        ("Dana and Marc here", ("Dana", "Marc")),
    ],
)
def test_two_names_said_the_way_people_say_them_are_heard(
    said_so: str, names: tuple[str, str]
) -> None:
    assert read_request(said_so, vocabulary("en-US")) == NamesRequest(names)


@pytest.mark.parametrize(
    "not_names", ["it's cold and rainy", "we're tired, I'm off to bed", "this is awkward"]
)
def test_words_about_the_evening_are_not_taken_for_names(not_names: str) -> None:
    assert not isinstance(read_request(not_names, vocabulary("en-US")), NamesRequest)


def test_misunderstood_again_it_says_what_can_be_said_then_a_simple_step_then_goodbye() -> None:
    couple = household_that_said("no")
    first = couple("k")
    assert not said(first.speech, "fallback.again") and couple.session_open
    second = couple("whatever")
    assert said(second.speech, "fallback.again") and said(second.speech, "help.idle")
    third = couple("ugh")
    assert said(third.speech, "fallback.simple_step.checkin") and couple.session_open
    fourth = couple("blorp")
    assert said(fourth.speech, "fallback.give_up") and not couple.session_open


def test_one_understood_turn_between_misses_starts_the_count_again() -> None:
    couple = household_that_said("no", "k", "whatever", "what can you do")
    again = couple("ugh")
    assert not said(again.speech, "fallback.again") and couple.session_open


def test_a_forged_miss_count_in_the_session_is_read_as_none() -> None:
    couple = household_that_said("no")
    couple.session_attributes = {**couple.session_attributes, "misses": 10**12}
    answered = couple("k")
    assert couple.session_open and not said(answered.speech, "fallback.give_up")


def test_both_numbers_said_at_once_the_speakers_own_is_taken_first() -> None:
    couple = household_that_said("start a check-in", "both of us", "I'd say four and he says two")
    state = state_of(couple)
    assert isinstance(state, CheckingIn) and state.flow.ratings[0] == 4
    assert state.flow.partners == 2


# --- the second trial -------------------------------------------------------------------------


def test_unsure_after_care_hears_where_help_is_once_more_and_a_request_goes_ahead() -> None:
    couple = household_that_said()
    cared = couple("he checks my phone and controls the money")
    unsure = couple("I dont know")
    # Since the second December trial, not knowing keeps the session open, gently (numbers
    # again on a yes): tests/dialogs/test_trial2_care.py.
    assert said(unsure.speech, "care.unsure") and couple.session_open
    couple = household_that_said(
        "he checks my phone and controls the money", "um, a practice I guess"
    )
    assert isinstance(state_of(couple), ReadingPractice)
    assert said(cared.speech, "care.question")


@pytest.mark.parametrize(
    ("asked", "partners"),
    [("check in, just me tonight", 1), ("lets do the check in, both of us here", 2)],
)
def test_who_is_here_said_with_the_request_is_not_asked_again(asked: str, partners: int) -> None:
    couple = household_that_said()
    started = couple(asked)
    state = state_of(couple)
    assert isinstance(state, CheckingIn) and state.flow.partners == partners
    assert "one to five" in started.reprompt.lower()


def test_honestly_is_a_way_of_speaking_not_a_request_for_the_honesty_practice() -> None:
    heard = read_request("honestly the dinner he made, that was sweet", vocabulary("en-US"))
    assert heard != PracticeRequest(practice="be_honest")


def test_a_check_in_asked_for_with_a_shrug_at_a_practice_offer_is_a_check_in() -> None:
    couple = new_household()
    couple.launch()  # a first visit: the welcome offers a short practice
    couple("um hi, we wanna do the nightly thing I guess")
    assert isinstance(state_of(couple), CheckingIn)


@pytest.mark.parametrize(
    ("said_so", "expected"),
    [
        ("how are we doin", ProgressRequest()),
        ("well, yall, we keep fightin about money", FightRequest()),
    ],
)
def test_dropped_endings_are_heard(said_so: str, expected: object) -> None:
    assert read_request(said_so, vocabulary("en-US")) == expected


def test_please_more_slow_mid_practice_slows_down() -> None:
    couple = household_that_said("teach us about validation", "next")
    slower = couple("sorry, please more slow")
    assert said(slower.speech, "practice.slower") and isinstance(state_of(couple), ReadingPractice)


def test_thats_it_for_tonight_ends_the_evening() -> None:
    couple = household_that_said("okay cool, thanks, that is it for tonight")
    assert not couple.session_open


def test_nah_with_another_kind_of_evening_asks_for_that_kind() -> None:
    couple = household_that_said(
        "something adventurous", "nah, something we can do at home, like, tonight"
    )
    state = state_of(couple)
    assert isinstance(state, BrowsingDates) and state.filters.setting == "home"


def test_doesnt_have_to_be_free_sets_no_budget() -> None:
    request = read_request(
        "something outdoorsy for the weekend, doesnt have to be free", vocabulary("en-US")
    )
    assert isinstance(request, DateRequest) and "budget" not in request.filters


def test_back_after_a_pause_mid_practice_hears_the_step_again_not_the_one_before() -> None:
    couple = household_that_said("teach us about validation")
    step = couple("next")
    couple("hang on")
    back = couple("ok we are back")
    state = state_of(couple)
    assert isinstance(state, ReadingPractice) and state.part == 1
    first_step = practice_library("en-US").practice("validation").steps[0].say
    assert first_step in step.speech and first_step in back.speech


def test_someone_on_their_own_is_not_told_bye_you_two() -> None:
    for night in range(6):  # afternoon and evening in turn
        alone = new_household()
        alone.now = alone.now.replace(hour=14) if night % 2 else alone.now
        alone.launch()
        alone("check in, just me tonight")
        bye = alone("stop")
        key = "goodbye.alone" if night % 2 else "goodbye.evening.alone"
        assert said(bye.speech, key), bye.speech
        assert not re.search(r"you two|both of you|each other|yourselves", bye.speech), bye.speech


def test_names_said_before_a_request_are_kept_and_the_request_is_done() -> None:
    couple = household_that_said()
    started = couple("hello, we are Anjali and Rohit, kindly do the weekly check-in")
    state = state_of(couple)
    assert isinstance(state, CheckingIn) and state.flow.kind == "weekly", started.speech
    assert state.flow.partners == 2
    assert couple.profile().names == ["Anjali", "Rohit"]


# --- the third trial --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said_so", "expected"),
    [
        ("remind us to check in at half nine", ReminderRequest(time(21, 30))),
        ("cancel the reminder", ReminderStopRequest()),
        ("stop the nightly reminder", ReminderStopRequest()),
        ("actually call me Samuel from now on", NamesRequest(("Samuel",))),
        ("my name is Aleksander, not Olek, please change", NamesRequest(("Aleksander",))),
        ("give us a check in", CheckInRequest()),
    ],
)
def test_requests_as_the_third_trial_said_them(said_so: str, expected: object) -> None:
    assert read_request(said_so, vocabulary("en-US")) == expected


@pytest.mark.parametrize("bye", ["cheerio", "okay, see you later"])
def test_goodbyes_from_around_the_english_speaking_world_end_the_evening(bye: str) -> None:
    couple = household_that_said()
    couple(bye)
    assert not couple.session_open


def test_cancel_the_reminder_is_about_the_reminder_not_a_goodbye() -> None:
    couple = household_that_said()
    answered = couple("cancel the reminder")
    assert said(answered.speech, "reminders.none_to_stop"), answered.speech


def test_a_practice_left_to_come_back_later_pauses() -> None:
    couple = household_that_said("teach us about validation", "next")
    paused = couple("pause, the baby is crying, we come back later")
    assert said(paused.speech, "practice.paused"), paused.speech


def test_whats_on_our_list_reads_the_list_instead_of_saving_the_idea() -> None:
    couple = household_that_said("something adventurous", "save it", "another one")
    listed = couple("whats on our list again")
    assert isinstance(state_of(couple), ReadingFavourites), listed.speech


@pytest.mark.parametrize(
    "asked",
    [
        "can we finish the practice from yesterday",
        "we want to finish the listening one from yesterday",
    ],
)
def test_a_practice_left_part_way_is_finished_where_it_stopped_another_evening(asked: str) -> None:
    couple = household_that_said("teach us about active listening", "next", "next", "stop")
    couple.next_day()
    couple.launch()
    resumed = couple(asked)
    state = state_of(couple)
    assert isinstance(state, ReadingPractice), resumed.speech
    assert state.practice == "active_listening" and state.part == 2
    assert said(resumed.speech, "practice.resumed")


def test_with_nothing_left_part_way_finishing_says_so() -> None:
    couple = household_that_said()
    answered = couple("can we finish the practice from yesterday")
    assert said(answered.speech, "practice.nothing_paused") and couple.session_open


def _alone_at_the_practice_offer() -> Talk:
    alone = household_that_said("start a check-in", "just me", "four", "fine")
    assert isinstance(state_of(alone), Offering)
    return alone


def test_other_one_at_a_practice_offer_reads_another_in_the_form_offered() -> None:
    alone = _alone_at_the_practice_offer()
    offered = state_of(alone)
    assert isinstance(offered, Offering) and isinstance(offered.offer, PracticeOffer)
    alone("no, I dont like this, other one")
    state = state_of(alone)
    assert isinstance(state, ReadingPractice) and state.alone
    assert state.practice != offered.offer.practice


def test_a_trouble_asked_about_at_a_practice_offer_gets_its_practice_for_one() -> None:
    alone = _alone_at_the_practice_offer()
    alone("he never says sorry, what can we do about that")
    state = state_of(alone)
    assert isinstance(state, ReadingPractice), state
    assert state.practice == "forgiveness" and state.alone


def test_love_you_while_browsing_dates_is_a_warm_word_not_a_romantic_wish() -> None:
    couple = household_that_said("suggest a date")
    answered = couple("love you")
    assert said(answered.speech, "small_talk.love"), answered.speech


def test_again_in_a_complaint_is_not_a_request_for_another_idea() -> None:
    words = "ach, this relationship is doomed, he put the milk back empty AGAIN"
    assert read_date_follow_up(words, vocabulary("en-US")) is not DateFollowUp.ANOTHER


def test_what_are_our_names_is_answered_before_and_after_they_are_given() -> None:
    couple = household_that_said()
    before = couple("what are our names")
    assert said(before.speech, "names.unknown"), before.speech
    couple("our names are Sam and Alex")
    after = couple("what are our names")
    assert said(after.speech, "names.known") and "Sam and Alex" in after.speech


@pytest.mark.parametrize("asked", ["is this call free", "I'm a man, those lines are for women"])
def test_a_question_about_the_help_line_is_answered_and_the_numbers_said_again(asked: str) -> None:
    couple = household_that_said("he checks my phone and takes my wage")
    answered = couple(asked)
    assert said(answered.speech, "care.about_the_line"), answered.speech
    assert isinstance(state_of(couple), InCare)


@pytest.mark.parametrize("taken_back", ["forget I said that", "no it's fine"])
def test_a_disclosure_taken_back_is_let_be_without_the_numbers_again(taken_back: str) -> None:
    """Let drop kindly, and the evening stays open (the third trial: ending the session at once
    was abrupt; see test_trial3_care)."""
    couple = household_that_said("he checks my phone and takes my wage")
    answered = couple(taken_back)
    assert said(answered.speech, "care.let_it_be") and not said(answered.speech, "care.once_more")
    assert couple.session_open


@pytest.mark.parametrize(
    "in_fun",
    [
        "we fought like cats and dogs over the remote last night, it was hilarious",
        "we'd be fighting over who drives, we always do, it's our thing",
    ],
)
def test_a_squabble_told_as_a_joke_is_not_met_as_a_fight(in_fun: str) -> None:
    assert not speaks_of_a_fight(in_fun, vocabulary("en-US"))
    assert speaks_of_a_fight("we had a big fight last night", vocabulary("en-US"))


def test_not_that_one_declines_and_another_one_asks_for_another() -> None:
    assert not asks_for_another("no, not that one")
    assert asks_for_another("no, I dont like this, other one")


def test_dont_set_one_after_all_takes_the_reminder_back() -> None:
    couple = household_that_said("remind us every night")
    answered = couple("don't set one after all")
    assert said(answered.speech, "offer.declined"), answered.speech


@pytest.mark.parametrize(
    "done",
    ["we are done", "ok we are finished, thank you so much", "right im knackered, night"],
)
def test_everyday_ways_of_saying_we_are_done_end_the_evening(done: str) -> None:
    couple = household_that_said("suggest a date")
    couple(done)
    assert not couple.session_open


@pytest.mark.parametrize("answer", ["we had a lovely night", "he works the night shift"])
def test_an_answer_that_ends_in_night_is_still_an_answer(answer: str) -> None:
    assert read_control(answer, vocabulary("en-US")) is None


@pytest.mark.parametrize(
    ("said_so", "expected"),
    [
        ("what ideas did we save", DateFavouritesRequest()),
        ("how am I doing overall", ProgressRequest()),
        ("are you like a therapist", AboutSkillRequest()),
    ],
)
def test_plain_words_for_favourites_progress_and_what_it_is(said_so: str, expected: object) -> None:
    assert read_request(said_so, vocabulary("en-US")) == expected


def test_what_do_you_mean_at_a_practice_introduction_says_it_simply() -> None:
    couple = household_that_said("teach us about forgiveness")
    simply = couple("what do you mean by that")
    assert said(simply.speech, "practice.explain.intro"), simply.speech
    assert isinstance(state_of(couple), ReadingPractice)


def test_no_wait_i_meant_two_after_the_question_came_changes_the_rating() -> None:
    couple = household_that_said("start a check-in", "both of us", "four", "no wait, I meant two")
    state = state_of(couple)
    assert isinstance(state, CheckingIn) and state.flow.ratings[0] == 2
    assert state.flow.step is not None and state.flow.step.kind == "question"


@pytest.mark.parametrize(
    ("said_so", "expected"),
    [
        ("my partner is asleep, just me", CheckInRequest(partners=1)),
        ("can you change it to nine", ReminderRequest(time(21, 0))),
    ],
)
def test_the_fifth_trials_requests(said_so: str, expected: object) -> None:
    assert read_request(said_so, vocabulary("en-US")) == expected


def test_under_twenty_bucks_is_a_small_budget() -> None:
    heard = read_request("date night, cosy at home, under 20 bucks", vocabulary("en-US"))
    assert isinstance(heard, DateRequest) and heard.filters.get("budget") == "low"


@pytest.mark.parametrize(
    ("said_so", "expected"),
    [
        ("hiya, can ye set us a reminder for the check in like", ReminderRequest(None)),
        ("cancel my reminder", ReminderStopRequest()),
        ("how many check ins have we done", ProgressRequest()),
        ("is there some exercise for that", PracticeRequest()),
        ("okay lets do a short practice then", PracticeRequest()),
    ],
)
def test_the_sixth_trials_requests(said_so: str, expected: object) -> None:
    assert read_request(said_so, vocabulary("en-US")) == expected


def test_the_sixth_trials_small_words() -> None:
    vocab = vocabulary("en-US")
    assert read_reply("yeah okay", vocab) is Reply.YES
    assert not speaks_of_a_fight("we had a small fight about the dishes, nothing big", vocab)
    verdict = read_date_follow_up("she says I never listen, which, fair", vocab)
    assert verdict is not DateFollowUp.DISLIKE


def test_a_dinner_mentioned_when_asked_for_a_number_keeps_the_check_in() -> None:
    couple = household_that_said("start a check-in", "both of us")
    couple("yeah i felt a bit ignored at dinner tbh")
    assert isinstance(state_of(couple), CheckingIn)
    couple("actually suggest a date night instead")
    assert isinstance(state_of(couple), BrowsingDates)


# --- the seventh trial ----------------------------------------------------------------------


def test_no_i_mean_permanently_after_care_is_heard_not_taken_for_a_goodbye() -> None:
    couple = household_that_said("honestly I don't see the point of anything anymore")
    assert isinstance(state_of(couple), InCare)
    more = couple("no I mean like, permanently")
    assert couple.session_open and isinstance(state_of(couple), InCare), more.speech
    assert "nine eight eight" in more.speech


@pytest.mark.parametrize(
    "feeling",
    [
        "my mother is very sick in the hospital, I am so sad",
        "ugh this week is killing me",
        "I'm exhausted, my dad's cancer came back and I've been at the hospital every night",
    ],
)
def test_a_feeling_said_outside_any_question_is_met_kindly_with_a_check_in_offered(
    feeling: str,
) -> None:
    couple = household_that_said("stop")
    couple.launch()
    answered = couple(feeling)
    said = answered.speech.lower()
    assert "catch that" not in said and "not sure i can help" not in said, answered.speech
    assert not isinstance(state_of(couple), InCare)
    assert "check-in" in said
    started = couple("yes")
    assert isinstance(state_of(couple), CheckingIn), started.speech


@pytest.mark.parametrize(
    ("said_so", "expected"),
    [
        ("does amazon hear all this", PrivacyInfoRequest()),
        ("can my mom see our answers", PrivacyInfoRequest()),
        ("what is your name", AboutSkillRequest()),
        ("how are you today", SmallTalkRequest(SmallTalk.HELLO)),
    ],
)
def test_the_seventh_trials_questions(said_so: str, expected: object) -> None:
    assert read_request(said_so, vocabulary("en-US")) == expected


def test_the_seventh_trials_times_and_goodbyes() -> None:
    vocab = vocabulary("en-US")
    # "the reminder to eight" is no "twenty to eight": minutes come before "to".
    assert read_request("change the reminder to eight thirty", vocab) == ReminderRequest(
        time(20, 30)
    )
    couple = household_that_said("teach us about empathy", "next")
    assert isinstance(state_of(couple), ReadingPractice)
    couple("that will do for tonight, thank you")
    assert not couple.session_open


def test_the_seventh_trials_controls_and_someone_alone() -> None:
    vocab = vocabulary("en-US")
    assert read_control("wait what was that again", vocab) is Control.REPEAT_QUESTION
    assert read_control("wait, give us a minute", vocab) is Control.WAIT
    alone = read_request("I am alone today, my husband is working", vocab)
    assert alone == CheckInRequest(partners=1)
    assert read_request("i did it by myself", vocab) is None
    # Not an evening date, nor a couple called By and Tonight.
    assert read_request("i am by myself tonight", vocab) == CheckInRequest(partners=1)


def test_the_practice_please_after_an_offer_reads_the_one_offered() -> None:
    couple = household_that_said("start a check-in", "just me", "a four", "a quiet dinner")
    state = state_of(couple)
    assert isinstance(state, Offering) and isinstance(state.offer, PracticeOffer)
    offered = state.offer.practice
    couple("the practice please")
    reading = state_of(couple)
    assert isinstance(reading, ReadingPractice) and reading.practice == offered


# --- the third safety trial -----------------------------------------------------------------


def test_after_a_disclosure_someone_overheard_gets_a_short_goodbye_and_no_numbers() -> None:
    couple = household_that_said("I am scared of him, he hits me")
    assert isinstance(state_of(couple), InCare)
    bye = couple("what if he hears")
    assert not couple.session_open
    assert "eight hundred" not in bye.speech and len(bye.speech) < 40


def test_after_the_gentle_word_asking_for_the_number_gets_the_full_care_answer() -> None:
    couple = household_that_said("start a check-in", "both of us", "a three", "a quiet dinner")
    gentle = couple("I keep my keys in my hand when he comes home")
    assert "eight hundred" in gentle.speech
    again = couple("what was that number again")
    assert isinstance(state_of(couple), InCare) and "eight hundred" in again.speech
