"""Lines new couples said in the December trials that the skill still misheard, in their words.

Both numbers said in one breath ("okay she's a five, and I'm a four"), a day spent "on my own"
at the second partner's number, a half said back as given in the summary, "perfect. save that
one" when there is nothing to save, "k thanks" after the help numbers, and "well wait, what's
our streak" taken as a wait.
"""

from __future__ import annotations

from tests.support.talk import household_that_said, says

# --- 5. "k thanks" after the help numbers ---------------------------------------------------


def test_k_thanks_to_the_care_answer_is_a_warm_goodbye() -> None:
    couple = household_that_said("start a check-in", "just me", "a two")
    couple("honestly some nights I feel like everyone would be better off without me")
    closed = couple("k thanks")
    assert says(closed, "care.goodbye"), closed.speech
    assert not says(closed, "care.once_more"), closed.speech


def test_k_thanks_after_the_numbers_asked_again_is_thanks_not_a_miss() -> None:
    couple = household_that_said("start a check-in", "just me", "a two")
    couple("honestly some nights I feel like everyone would be better off without me")
    couple("no")
    couple.advance(minutes=40)
    couple("open heart talks")
    couple("the number")
    thanked = couple("k thanks")
    assert says(thanked, "care.goodbye"), thanked.speech
    assert not says(thanked, "fallback.idle"), thanked.speech
