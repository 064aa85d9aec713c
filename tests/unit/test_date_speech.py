"""What the skill says around a date idea: the wish, relaxations owned up to, favourites."""

from __future__ import annotations

import random

from skill.content.dates import date_catalogue
from skill.content.prompts import Prompts, prompt_bank
from skill.conversation.date_speech import (
    FAVOURITES_PAGE,
    card_text,
    describe,
    details_speech,
    favourites_speech,
    suggestion_speech,
)
from skill.conversation.dates import DateFilters, DatePick
from skill.household.date_memory import DateMemory
from skill.speech import ssml_to_text

IDEAS = date_catalogue("en-US").ideas


def prompts(seed: int = 1) -> Prompts:
    return Prompts(prompt_bank("en-US"), random.Random(seed), {})


def test_filters_are_spoken_as_one_natural_phrase() -> None:
    assert describe(DateFilters()) == ""
    assert describe(DateFilters(budget="low", setting="home")) == "at home and cheap"
    assert (
        describe(DateFilters(mood="romantic", setting="out", budget="free", time="hour"))
        == "romantic, out of the house, free and done within an hour"
    )


def test_a_relaxed_filter_is_named_with_the_reason() -> None:
    filters = DateFilters(mood="adventurous", time="quick")
    pick = DatePick(IDEAS[0], relaxed=("mood",))
    for seed in range(4):
        speech, question = suggestion_speech(pick, filters, prompts(seed))
        text = ssml_to_text(speech.ssml())
        assert "adventurous and done in half an hour" in text
        assert "the mood" in text
        assert text.endswith(question) and question.endswith("?")
        assert IDEAS[0].title in text and IDEAS[0].pitch in text


def test_a_repeat_is_owned_up_to() -> None:
    speech, _ = suggestion_speech(DatePick(IDEAS[0], repeat=True), DateFilters(), prompts())
    assert "again" in speech.ssml() or "heard before" in speech.ssml()


def test_details_read_every_step_and_offer_to_save() -> None:
    speech, question = details_speech(IDEAS[0], prompts())
    text = ssml_to_text(speech.ssml())
    assert all(step in text for step in IDEAS[0].steps)
    assert "save" in question and text.endswith(question)
    assert all(step in card_text(IDEAS[0]) for step in IDEAS[0].steps)


def test_favourites_are_read_newest_first_a_page_at_a_time() -> None:
    memory = DateMemory()
    for idea in IDEAS[:5]:
        memory = memory.saved_it(idea.id)
    by_id = {i.id: i for i in IDEAS}
    newest_first = [by_id[i] for i in reversed(memory.saved)]
    assert newest_first[0] == IDEAS[4]
    first, question, more = favourites_speech(newest_first, 0, prompts())
    text = ssml_to_text(first.ssml())
    titles = [i.title for i in IDEAS[4:1:-1]]
    assert more and question.endswith("?")
    positions = [text.lower().index(t.lower()) for t in titles]
    assert positions == sorted(positions)
    assert IDEAS[1].title not in text
    rest, question, more = favourites_speech(newest_first, FAVOURITES_PAGE, prompts())
    assert not more and question.endswith("?")
    assert IDEAS[1].title in ssml_to_text(rest.ssml()).lower()
