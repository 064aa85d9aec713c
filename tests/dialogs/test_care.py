"""Care: crisis words are noticed, the exercise stops, and real help is named for the country."""

from __future__ import annotations

import re

import pytest

from skill.app import SkillApp
from skill.content import ContentError, load_json
from skill.content.care import KINDS, care_lines, crisis_words, parse_care, parse_crisis_words
from skill.conversation.care import Crisis, detect_crisis
from tests.support.talk import Talk, shared_nlu


@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("I want to kill myself", Crisis.SELF_HARM),
        ("I've been thinking about suicide", Crisis.SELF_HARM),
        ("honestly I just want to die sometimes", Crisis.SELF_HARM),
        ("I don't want to be here anymore", Crisis.SELF_HARM),
        ("everyone would be better off without me", Crisis.SELF_HARM),
        ("I've been hurting myself again", Crisis.SELF_HARM),
        ("he hits me when he drinks", Crisis.VIOLENCE),
        ("my husband pushed me last night", Crisis.VIOLENCE),
        ("he gets violent when he's angry", Crisis.VIOLENCE),
        ("I'm scared of him", Crisis.VIOLENCE),
        ("I don't feel safe at home", Crisis.VIOLENCE),
        ("she threatened to kill me", Crisis.VIOLENCE),
        ("my partner is abusive", Crisis.ABUSE),
        ("he won't let me see my friends", Crisis.ABUSE),
        ("I was sexually assaulted", Crisis.ABUSE),
    ],
)
def test_crisis_words_are_noticed(text: str, crisis: Crisis) -> None:
    assert detect_crisis(text) is crisis


@pytest.mark.parametrize(
    "text",
    [
        "this traffic is killing me",
        "I could kill for a coffee",
        "I'm dying to see that movie",
        "we watched a violent film",
        "my back hurts me today",
        "my boss hurt my feelings",
        "he says this job will make my life hell",
        "ill health runs in the family, so we walk every night",
        "the dinner we cooked together",
        # Near the tuning8 families, kept here rather than among crisis_words.json's ignores:
        # as lines the second ear learns are ordinary, they would teach it that "better off"
        # or "scared when i hear" are everyday words.
        "the kids are better off with someone else driving them, i'm shattered",
        "i get scared when i hear the thunder",
        "which meds do you take and how many a day, the doctor asked",
        "i left a note for the babysitter in case i'm not here when she arrives",
        "i've been giving my old clothes away to the charity shop",
        # Near tuning11's families, likewise: a partner fetching her own things, and one who
        # sheltered the speaker like an umbrella.
        "hang on a sec, she's just grabbing her tea",
        "my wife is grabbing her coat, she'll be right there",
        "she was my umbrella today, the whole day was pouring and she just stood over me",
        # Near the tuning9-11 families of means, plans and control, likewise.
        "next time he'd rather stay home",
        "what happens if i try the practice alone",
        "i've made arrangements for the dog while we're away",
        "we stood at the edge of the lake thinking how lucky we are",
        "thinking about going over to her mum's",
        "the life cover would pay off the mortgage",
        "he doesn't like me going out in the rain without a coat",
        "she times me at parkrun",
        "we sat in the car till she came out of the shop",
        "he squeezed my hand so hard during the film",
        "i'd rather just disappear for the weekend to a spa",
        # Near the tuning13 families: a joking threat over a small choice or mishap, a phone
        # borrowed, keys kept after drinks, scared of a result, eggshells round a parent.
        "he'll throttle me if i choose the documentary again",
        "she never hit me when i said i'd scratched the car",
        "he's threatened to leave if i book another camping trip",
        "she took my phone to call a taxi",
        "he hides my keys when i've had a couple, fair enough",
        "i'm scared of the biopsy but he holds my hand",
        "the kids made me jump off the couch to dance",
        "i'm a burden on the crew this week with my knee",
        "we walk on eggshells around my mum since her fall",
        "i don't want to wake up tomorrow, the alarm's set for five am",
        "after that run i wanted to die, but a good four",
        "he'd destroy me at darts",
        # Near the tuning13 families for means and marks.
        "he jumped out from behind the door to scare me and we both laughed",
        "i'm giving my old books away to the library",
        "we took the door off the kitchen cupboard to paint it",
        "i wrote a note for the milkman",
        # Near the families narrowed and widened for tuning15-17: a grab that saved, a phone
        # taken for a phone-free meal, keys kept on a hook, an inmate or patient at work, a
        # drop in prices, a jump in the pool, a slice cut, a night without me.
        "he grabbed me by the wrist to stop me falling down the stairs",
        "she took my phone off me at dinner, phone free night",
        "she keeps the van keys on the hook so we never lose them",
        "a patient went for me on shift and we had to restrain him",
        "we keep thinking about the drop in house prices",
        "thinking about jumping in the pool tomorrow",
        "she'll cut me a slice of cake",
        "honestly they'd be fine without me for one night",
        "i got slapped with a parking fine",
        "which tablets would do it for a headache",
        # Held by arrangement: keys kept from the one who loses them, a card held at one's own
        # asking, a phone tracked by both, mileage checked for the business.
        "my wife holds onto the house keys since i always lose them",
        "he took the van keys from me so i don't drive home after the party",
        "she has my debit card because i asked her to, it helps my recovery",
        "he tracks my phone on night drives, we both turned it on after the storm",
        "she checks my receipts every evening because we claim them through the business",
        # Not a life: "end it all" taken back, someone else's tablets counted for the week.
        "we're going to end it all, the gym memberships i mean",
        "i counted out dad's pills into his pill box for the week",
        # An eager yes, a bill that strangles, a dog that went for me, a fond or saving grab.
        "go on, hit me",
        "the rent, it's choking us a bit this month",
        "the neighbour's dog went for me on my run but i'm fine",
        "she grabbed me by the hand and we danced in the garden",
        "he grabbed my sleeve and pulled me back when i almost stepped off the kerb",
        "she says if i ever move away she's coming with me",
        "he told me if i go to the match without him he'll never forgive me",
        "nothing tonight",
        "",
        None,
    ],
)
def test_everyday_words_are_not_a_crisis(text: str | None) -> None:
    assert detect_crisis(text) is None


@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("a one, i've quietly stopped caring if i wake up", Crisis.SELF_HARM),
        ("honestly they'd all get along better without me", Crisis.SELF_HARM),
        ("i've got a good stash of my sleeping pills saved up", Crisis.SELF_HARM),
        ("he squeezed my throat, it's fine", Crisis.VIOLENCE),
        ("she's hidden the car keys again and i can't go anywhere", Crisis.VIOLENCE),
        ("he's banging on the door and i'm too scared to open it", Crisis.VIOLENCE),
        # Contractions typed bare: "wont" always, "hell" and "ill" only before a verb.
        ("no point, i wont be here next week", Crisis.SELF_HARM),
        ("if he hears us hell smash the radio", Crisis.VIOLENCE),
        ("if he sees me on here ill pay for it", Crisis.VIOLENCE),
        # A thing thrown that cut, a partner's overdose threat, taking the kids somewhere: heard
        # as violence, not as self-harm.
        ("he hurled a mug at me and it cut my head open", Crisis.VIOLENCE),
        ("he says if i leave he'll take an overdose and come after me", Crisis.ABUSE),
        ("she says the kids will get hurt if i take them to my sister's", Crisis.VIOLENCE),
        # Still heard through the narrowings above.
        ("he takes my bank card and my phone so i can't call anyone", Crisis.VIOLENCE),
        ("he grabbed me by the throat and then tried to kiss me", Crisis.VIOLENCE),
        ("if i ever leave he says he'll find me", Crisis.ABUSE),
        ("i'm going to end it all, i mean it", Crisis.SELF_HARM),
        ("i've been counting my sleeping tablets in the drawer", Crisis.SELF_HARM),
        ("he said if i go to the police he'll hurt the kids", Crisis.VIOLENCE),
    ],
)
def test_crisis_said_sideways_is_noticed_through_the_wider_families(
    text: str, crisis: Crisis
) -> None:
    assert detect_crisis(text) is crisis


def test_the_everyday_exaggerations_the_crisis_words_list_pass_the_whole_detector() -> None:
    # The file checks its own patterns against them on load; the phrasings kept in code
    # must not hear them either.
    for text in load_json("en-US", "crisis_words")["ignores"]:
        assert detect_crisis(text) is None, text


def test_a_broken_crisis_words_file_is_refused() -> None:
    entry = {"why": "Because.", "patterns": ["saving (?:up )?@drugs"], "hears": ["saving pills"]}
    good = {"families": {"drugs": "(?:pills|tablets)"}, "self_harm": [entry], "ignores": ["hi"]}
    assert parse_crisis_words(good).patterns["self_harm"] == ("saving (?:up )?(?:pills|tablets)",)
    with pytest.raises(ContentError, match="unknown family @meds"):
        parse_crisis_words({**good, "self_harm": [{**entry, "patterns": ["saving @meds"]}]})
    with pytest.raises(ContentError, match="not a valid pattern"):
        parse_crisis_words({**good, "self_harm": [{**entry, "patterns": ["saving (pills"]}]})
    with pytest.raises(ContentError, match="hears 'saving pills'"):
        parse_crisis_words({**good, "self_harm": [{**entry, "patterns": ["hoarding @drugs"]}]})
    with pytest.raises(ContentError, match="is heard by"):
        parse_crisis_words({**good, "ignores": ["we're saving tablets for the trip"]})
    with pytest.raises(ContentError, match="unknown key"):
        parse_crisis_words({**good, "selfharm": []})
    assert crisis_words().patterns["violence"]


def test_the_us_answer_names_988_and_a_confidential_line_without_naming_abuse_aloud() -> None:
    lines = care_lines("en-US", "en-US")
    assert "nine eight eight" in lines.say("self_harm")
    assert "Suicide and Crisis Lifeline" in lines.say("self_harm")
    assert "call or text" in lines.say("self_harm")
    for kind in ("violence", "abuse"):
        said = lines.say(kind)
        # The National Domestic Violence Hotline's number, said as any confidential line:
        # someone else may be in the room.
        assert "one, eight hundred, seven nine nine, seven two three three" in said
        assert "nine one one" in said
        assert not re.search(r"domestic|violence|abuse|partner|husband|wife", said, re.I)
        assert len(said.split()) <= 45
    assert "988" in lines.card and "1-800-799-7233" not in lines.card
    for text in [*(lines.say(k) for k in KINDS), lines.card]:
        assert "&" not in text


def test_care_lines_that_name_abuse_aloud_are_refused() -> None:
    entry = {"self_harm": "Call nine eight eight.", "abuse": "Call someone.", "card": "988"}
    with pytest.raises(ContentError, match="must not hear"):
        parse_care(
            {"regions": {"default": {**entry, "violence": "The domestic violence line helps."}}}
        )


def test_other_countries_hear_their_own_numbers() -> None:
    uk = care_lines("en-US", "en-GB")
    assert "Samaritans" in uk.say("self_harm") and "nine nine nine" in uk.say("violence")
    assert "988" not in uk.card
    elsewhere = care_lines("en-US", "en-IN")
    assert "local emergency number" in elsewhere.say("self_harm")


def test_a_broken_care_file_is_refused() -> None:
    entry = {kind: "Call someone." for kind in KINDS} | {"card": "Numbers."}
    with pytest.raises(ContentError, match="default"):
        parse_care({"regions": {"US": entry}})
    with pytest.raises(ContentError, match=r"regions\.default\.abuse"):
        parse_care({"regions": {"default": {**entry, "abuse": ""}}})
    with pytest.raises(ContentError, match="spell numbers"):
        parse_care({"regions": {"default": {**entry, "violence": "Call 911."}}})


def test_a_crisis_answer_stops_the_check_in_and_keeps_nothing(talk: Talk) -> None:
    talk("ask heart talks to start a check in")
    talk("just me")
    talk("a two")
    turn = talk("I think I want to end my life")
    assert turn.intent == "AnswerIntent"
    assert "nine eight eight" in turn.speech and turn.card_title == "Help is available"
    assert talk.session_attributes["state"]["mode"] == "care"
    talk("stop")
    record = talk.record()
    assert record is None or not record.nights


def test_crisis_said_outright_is_answered_anywhere(talk: Talk) -> None:
    talk("ask heart talks to read me a practice")
    # Said while a practice waits for a "ready": the words fill the answer slot, and are heard.
    turn = talk("my partner hits me")
    assert turn.intent == "AnswerIntent"
    assert "seven nine nine, seven two three three" in turn.speech and turn.card_title is None
    assert not turn.ended and str(turn.reprompt).endswith("?")
    again = talk("yes")
    assert "seven nine nine, seven two three three" in again.speech
    closing = talk("no")
    assert closing.ended and "care" in closing.speech


def test_a_uk_household_hears_uk_numbers(app: SkillApp) -> None:
    # No en-GB model yet: the en-US one understands the words, the request says en-GB.
    talk = Talk(app, locale="en-GB", nlu=shared_nlu("en-US"))
    turn = talk("ask heart talks I want to kill myself")
    assert "Samaritans" in turn.speech and "nine eight eight" not in turn.speech
