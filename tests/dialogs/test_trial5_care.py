"""Care as the fifth trial (2 December) met it, in the testers' own words.

Robin, alone after midnight, told the skill her partner goes through her phone; later the
self-harm card "Help is available" went to the Alexa app he reads. Asked whether any of it
shows up in the app, the skill read the help line again, twice, with "Thank you for telling
me" said twice in one answer. Taking it back ("he's not violent or anything. I shouldn't have
said it") closed the session.
"""

from __future__ import annotations

from skill.conversation.dialog import BrowsingDates, InCare
from skill.turn import NO_CARDS
from tests.support.talk import Talk, household_that_said, says, state_of

#: What every answer with the help lines names, in the US.
LIFELINE = "nine eight eight"
FREE_LINE = "one, eight hundred, seven nine nine, seven two three three"
#: Robin's disclosure (quiet e4 #4).
GOES_THROUGH_MY_PHONE = (
    "honestly? not much. he goes through my phone most nights, reads my messages. and I have "
    "to ask him for money for like groceries, he keeps all the cards. I don't know. maybe "
    "that's just normal"
)
#: Robin's self-harm words (quiet e4 #8).
A_BURDEN = (
    "a date idea? seriously. I don't know. I just feel like such a burden lately. like "
    "everyone would honestly be better off without me around"
)
SHOW_UP_IN_THE_APP = "wait. does any of this show up in the alexa app? he checks my phone"
CAN_YOU_DELETE_IT = "no I mean will he see it. the card thing on the app. can you delete it"
NOT_LIKE_THAT = "no, it's not like that. he's not violent or anything. I shouldn't have said it"


def robin_at_her_open_question() -> Talk:
    """Robin, alone, rated her day a one and is at her check-in's open question."""
    return household_that_said(
        "start a check-in",
        "yeah. just me again. he's asleep",
        "one I guess. it's been a weird week",
    )


def robin_after_her_disclosure() -> Talk:
    robin = robin_at_her_open_question()
    cared = robin(GOES_THROUGH_MY_PHONE)
    assert FREE_LINE in cared.speech and cared.card_title is None
    return robin


# --- 1. no card once the phone is read -----------------------------------------------------------


def test_after_the_phone_is_said_to_be_read_even_the_self_harm_card_is_not_sent() -> None:
    """Quiet e4 #8: "Help is available" went to the app of a partner who reads her phone."""
    robin = robin_after_her_disclosure()
    robin("yes")
    cared = robin(A_BURDEN)
    assert LIFELINE in cared.speech
    assert cared.card_title is None
    assert robin.session_attributes.get(NO_CARDS)


def test_after_the_phone_is_said_to_be_read_a_date_idea_comes_without_a_card() -> None:
    robin = robin_after_her_disclosure()
    robin("never mind, forget I said anything")
    pitched = robin("suggest a date idea")
    assert pitched.card_title is None, pitched.speech


def test_the_self_harm_card_still_goes_when_nothing_was_said_of_the_phone() -> None:
    robin = robin_at_her_open_question()
    cared = robin(A_BURDEN)
    assert cared.card_title == "Help is available"


# --- 2. "does any of this show up in the alexa app?" ---------------------------------------------


def robin_after_the_card() -> Talk:
    """Robin, whose self-harm words sent the card "Help is available", let it drop."""
    robin = robin_at_her_open_question()
    assert robin(A_BURDEN).card_title == "Help is available"
    robin("no. it's fine. I'm not going to do anything. I'm just tired of everything")
    return robin


def test_asked_whether_it_shows_in_the_app_the_card_sent_is_named_and_how_to_remove_it() -> None:
    """Quiet e4 #10: the help line read again instead of an answer."""
    robin = robin_after_the_card()
    answered = robin(SHOW_UP_IN_THE_APP)
    assert says(answered, "care.app.sent"), answered.speech
    assert "Help is available" in answered.speech
    assert says(answered, "care.app.delete") and says(answered, "care.app.no_more")
    assert answered.card_title is None and robin.session_open
    # "He checks my phone" is heard too: where help is, said once.
    assert FREE_LINE in answered.speech
    assert answered.speech.count("Thank you for telling me") <= 1


def test_asked_again_while_the_numbers_are_offered_it_is_answered_not_the_numbers() -> None:
    """Quiet e4 #11: "Thank you for telling me" twice in one answer, and no answer."""
    robin = robin_after_the_card()
    robin(SHOW_UP_IN_THE_APP)
    assert isinstance(state_of(robin), InCare)
    answered = robin(CAN_YOU_DELETE_IT)
    assert says(answered, "care.app.sent") and says(answered, "care.app.delete"), answered.speech
    assert FREE_LINE not in answered.speech
    assert answered.speech.count("Thank you for telling me") <= 1
    assert isinstance(state_of(robin), InCare) and robin.session_open
    again = robin("yes")
    assert FREE_LINE in again.speech


def test_asked_with_no_card_sent_it_says_none_was() -> None:
    couple = household_that_said()
    answered = couple("does any of this show up in the alexa app?")
    assert says(answered, "care.app.none"), answered.speech
    assert couple.session_open
    assert couple("suggest a date idea").card_title is None


def test_more_said_after_care_never_thanks_twice() -> None:
    """Quiet e4 #11: "I hear you. Thank you for telling me more. This matters. Thank you for
    telling me. It isn't your fault." """
    robin = robin_after_her_disclosure()
    more = robin("no, you don't understand. I'm serious")
    assert FREE_LINE in more.speech
    assert more.speech.count("Thank you for telling me") <= 1, more.speech


# --- 3. taking it back keeps the evening open ----------------------------------------------------


def test_taking_the_disclosure_back_is_met_with_reassurance_not_a_goodbye() -> None:
    """Quiet e4 #5: "Take gentle care tonight" and the session closed."""
    robin = robin_after_her_disclosure()
    answered = robin(NOT_LIKE_THAT)
    assert robin.session_open, answered.speech
    assert says(answered, "care.minimised") and says(answered, "care.minimised.control")
    assert FREE_LINE not in answered.speech


# --- 6. the line named, and its text option -------------------------------------------------------


def test_the_free_line_is_named_and_its_text_option_said_never_its_full_name() -> None:
    """Quiet e4 #4: "it never names the line, so she can't look it up later"; the line takes
    texts too. Its short name only: someone else may hear the speaker."""
    robin = robin_at_her_open_question()
    cared = robin(GOES_THROUGH_MY_PHONE)
    assert "The Hotline" in cared.speech
    assert "text start to eight eight seven eight eight" in cared.speech
    assert "domestic" not in cared.speech.lower() and "violence" not in cared.speech.lower()


# --- 4. never a date idea in the same breath as a help line ---------------------------------------


def test_no_to_the_offer_with_heavy_words_gets_a_quiet_offer_not_a_date_idea() -> None:
    """Quiet e4 #7: 988 and "a new cuisine night" in one answer."""
    robin = household_that_said()
    answered = robin("no. I can't sleep. I just wanted to talk to something I guess")
    assert LIFELINE in answered.speech
    assert not isinstance(state_of(robin), BrowsingDates), answered.speech
    assert answered.card_title is None
    assert says(answered, "feeling.offer"), answered.speech


#: Dana's hurt, mid-practice (rebuild e3 #11): the learned second ear's gentle word still hears
#: it (see the report); whatever help is said, never the three-way menu with it.
NOT_READY = (
    "no. I'm not ready. how am I supposed to believe that when he still won't tell me "
    "everything he said to her"
)


def test_a_help_line_is_never_said_with_the_three_way_menu() -> None:
    couple = household_that_said("read me the practice on sharing your inner world", "yes", "next")
    answered = couple(NOT_READY)
    if FREE_LINE in answered.speech or LIFELINE in answered.speech:
        assert "a check-in, a date idea, or a practice" not in answered.speech, answered.speech
        assert says(answered, "care.numbers.question"), answered.speech
