"""Voices: "who's this, Sam or Alex?" once per voice profile, then greetings and check-ins by voice.

Golden dialogs speak with one voice per file, so the conversations here switch
the Alexa voice profile (``personId``) between turns.
"""

from __future__ import annotations

import re
from datetime import time

import pytest

from skill.conversation.personal_changes import NamesGiven, VoiceLearned
from skill.conversation.voices import (
    MAX_VOICES,
    NOT_TOLD,
    match_speaker,
    remember_voice,
    should_ask_voice,
    speaker_index,
    turn_names,
    voice_key,
    voices_after_renaming,
)
from skill.household.model import Household, Profile
from skill.turn import household_id_for
from tests.support.store_dump import everything
from tests.support.talk import Talk

EVENING = time(20, 30)
SAM, ALEX = "amzn1.ask.person.SAM-VOICE", "amzn1.ask.person.ALEX-VOICE"
WHO = re.compile(r"(who's this|which of you is speaking), sam or alex\?$", re.I)


# --- pure logic ---------------------------------------------------------------------------


def test_a_voice_is_kept_as_a_short_one_way_key() -> None:
    key = voice_key(SAM)
    assert key == voice_key(SAM) and key != voice_key(ALEX)
    assert len(key) == 16 and "SAM" not in key


def test_the_question_needs_a_voice_two_names_and_a_voice_not_met() -> None:
    named = Profile(names=["Sam", "Alex"])
    assert should_ask_voice(named, SAM)
    assert not should_ask_voice(named, None)
    assert not should_ask_voice(Profile(names=["Sam"]), SAM)
    assert not should_ask_voice(Profile(), SAM)
    assert not should_ask_voice(Profile(names=["Sam", "Alex"], voices={voice_key(SAM): 0}), SAM)
    # Asked once and not told: never asked again.
    asked = Profile(names=["Sam", "Alex"], voices={voice_key(SAM): NOT_TOLD})
    assert not should_ask_voice(asked, SAM)
    assert speaker_index(asked, SAM) is None


def test_the_speaker_is_known_only_for_a_matched_voice_within_the_names() -> None:
    profile = Profile(names=["Sam", "Alex"], voices={voice_key(ALEX): 1, voice_key("old"): 5})
    assert speaker_index(profile, ALEX) == 1
    assert speaker_index(profile, SAM) is None
    assert speaker_index(profile, "old") is None
    assert speaker_index(profile, None) is None


@pytest.mark.parametrize(
    ("spoken", "index"),
    [
        ("Sam", 0),
        ("it's alex", 1),
        ("this is Alex speaking", 1),
        ("ALEX!", 1),
        ("Sam and Alex", None),
        ("Chris", None),
        ("", None),
        (None, None),
        ("samantha", None),
    ],
)
def test_the_answer_names_exactly_one_partner(spoken: str | None, index: int | None) -> None:
    assert match_speaker(["Sam", "Alex"], spoken) == index


def test_a_two_word_name_is_matched_whole() -> None:
    assert match_speaker(["Anne Marie", "Jo"], "it's anne marie") == 0
    assert match_speaker(["Anne Marie", "Jo"], "it's anne") is None


def test_remembered_voices_are_bounded_and_most_recent_last() -> None:
    voices: dict[str, int] = {}
    for n in range(MAX_VOICES + 3):
        voices = remember_voice(voices, f"v{n}", n % 2)
    assert list(voices) == [f"v{n}" for n in range(3, MAX_VOICES + 3)]
    again = remember_voice(voices, "v3", 0)
    assert list(again)[-1] == "v3" and len(again) == MAX_VOICES


def test_renaming_keeps_only_voices_whose_person_stayed_at_their_place() -> None:
    voices = {"a": 0, "b": 1, "c": NOT_TOLD}
    assert voices_after_renaming(voices, ["Sam", "Alex"], ["Sam", "Jo"]) == {"a": 0}
    assert voices_after_renaming(voices, ["Sam", "Alex"], ["sam", "alex"]) == {"a": 0, "b": 1}
    assert voices_after_renaming(voices, ["Sam", "Alex"], []) == {}


@pytest.mark.parametrize(
    ("names", "speaker", "partners", "expected"),
    [
        (["Sam", "Alex"], None, 2, ["Sam", "Alex"]),
        (["Sam", "Alex"], 1, 2, ["Alex", "Sam"]),
        (["Sam", "Alex"], 1, 1, ["Alex"]),
        (["Sam", "Alex"], None, 1, []),
        (["Sam"], None, 1, ["Sam"]),
        (["Sam"], None, 2, []),
        ([], None, 2, []),
        (["Sam", "Alex"], None, 0, []),
    ],
)
def test_who_is_named_in_turn_order(
    names: list[str], speaker: int | None, partners: int, expected: list[str]
) -> None:
    assert turn_names(names, speaker, partners) == expected


def test_the_voice_change_is_checked_and_idempotent() -> None:
    household = Household("h", profile=Profile(names=["Sam", "Alex"]))
    change = VoiceLearned(voice=voice_key(ALEX), index=1)
    change.apply(household)
    change.apply(household)
    assert household.profile.voices == {voice_key(ALEX): 1}
    # An index with no name behind it is refused.
    VoiceLearned(voice=voice_key(SAM), index=3).apply(household)
    assert voice_key(SAM) not in household.profile.voices


def test_changing_the_names_forgets_the_voices_of_who_is_no_longer_there() -> None:
    household = Household("h", profile=Profile(names=["Sam", "Alex"]))
    VoiceLearned(voice=voice_key(SAM), index=0).apply(household)
    VoiceLearned(voice=voice_key(ALEX), index=1).apply(household)
    NamesGiven(("Sam", "Jo")).apply(household)
    assert household.profile.voices == {voice_key(SAM): 0}
    NamesGiven(()).apply(household)
    assert household.profile.voices == {}


# --- conversations ------------------------------------------------------------------------


@pytest.fixture
def couple(talk: Talk) -> Talk:
    """A household that told its names, without a voice profile, last evening."""
    talk.launch()
    talk("we're sam and alex")
    talk.next_day(at=EVENING)
    return talk


def test_without_a_voice_profile_nothing_changes(couple: Talk) -> None:
    welcome = couple.launch()
    assert not WHO.search(welcome.speech)
    assert "Sam and Alex" in welcome.speech
    couple("yes")
    assert "Sam, " in couple("both of us").speech
    assert couple.profile().voices == {}


def test_without_two_names_no_voice_is_asked(talk: Talk) -> None:
    talk.launch()
    talk.next_day(at=EVENING)
    talk.speak_as(ALEX)
    assert not WHO.search(talk.launch().speech)
    assert not WHO.search(talk("start a check-in").speech)


def test_the_welcome_asks_once_then_greets_and_starts_with_the_speaker(couple: Talk) -> None:
    couple.speak_as(ALEX)
    welcome = couple.launch()
    assert WHO.search(welcome.speech) and WHO.search(welcome.reprompt or "")
    learned = couple("it's alex")
    assert "Alex" in learned.speech and "tonight's check-in?" in learned.speech
    # The welcome's offer still stands: yes starts tonight's check-in, Alex first.
    couple("yes")
    assert re.search(r"Alex, (on a scale of|from) one to five", couple("both of us").speech)
    stored = couple.profile()
    assert stored.voices == {voice_key(ALEX): 1}
    assert ALEX not in everything(couple.app.store, household_id_for(couple.user_id))
    couple.next_day(at=EVENING)
    again = couple.launch()
    assert not WHO.search(again.speech)
    assert re.search(r"evening, Alex\.", again.speech) and "Sam" not in again.speech


def test_a_skipped_question_is_not_asked_again(couple: Talk) -> None:
    couple.speak_as(SAM)
    assert WHO.search(couple.launch().speech)
    skipped = couple("skip")
    assert "won't ask" in skipped.speech
    assert skipped.speech.endswith("tonight's check-in?")
    couple.next_day(at=EVENING)
    welcome = couple.launch()
    assert not WHO.search(welcome.speech) and "Sam and Alex" in welcome.speech
    assert couple.profile().voices == {voice_key(SAM): NOT_TOLD}


def test_a_check_in_asks_first_and_then_starts_with_whoever_spoke(couple: Talk) -> None:
    couple.speak_as(ALEX)
    asked = couple("ask heart talks to start a check-in")
    assert WHO.search(asked.speech) and "go first" in asked.speech
    started = couple("it's alex")
    assert started.speech.startswith(("Hi, Alex.", "Lovely to hear you, Alex."))
    assert re.search(r"check.in", started.speech.lower())
    assert re.search(r"Alex, (on a scale of|from) one to five", couple("both of us").speech)


def test_an_unclear_answer_is_asked_once_more_then_let_go(couple: Talk) -> None:
    couple.speak_as("amzn1.ask.person.GUEST")
    couple.launch()
    retry = couple("hello there")
    assert "speaking" in retry.speech and WHO.search(retry.speech)
    let_go = couple("it's charlie")
    assert "won't ask" in let_go.speech
    assert couple.profile().voices == {voice_key("amzn1.ask.person.GUEST"): NOT_TOLD}


def test_saying_who_is_speaking_corrects_a_wrong_answer(couple: Talk) -> None:
    couple.speak_as(SAM)
    couple.launch()
    couple("it's alex")
    assert couple.profile().voices == {voice_key(SAM): 1}
    fixed = couple("this is sam speaking")
    assert "Sam" in fixed.speech
    assert couple.profile().voices == {voice_key(SAM): 0}


def test_saying_who_is_speaking_without_a_voice_profile_explains(couple: Talk) -> None:
    said = couple("this is sam speaking")
    assert "recognise your voice" in said.speech or "knows your voice" in said.speech
    assert couple.profile().voices == {}


def test_changed_names_mean_the_voice_is_asked_about_again(couple: Talk) -> None:
    couple.speak_as(ALEX)
    couple.launch()
    couple("it's alex")
    couple("our names are sam and jo")
    couple.next_day(at=EVENING)
    assert re.search(r"sam or jo\?$", couple.launch().speech, re.I)


def test_many_voices_keep_the_profile_bounded(couple: Talk) -> None:
    for n in range(MAX_VOICES + 2):
        couple.speak_as(f"amzn1.ask.person.VOICE-{n}")
        couple.launch()
        couple("skip")
        couple("stop")
    assert len(couple.profile().voices) == MAX_VOICES
