"""Phrase sets: the quick tree of shared beginnings answers exactly as the plain list of phrases.

The reference here is the plain alternation, phrase after phrase, longest first, that
:class:`~skill.content.understanding.PhraseSet` was first written with. Every phrase set of the
vocabulary is asked about every line of the phrase corpus's tuning files (and a few lines
written here to reach wildcards and apostrophes), and must answer every question the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from skill.content.understanding import PhraseSet, Vocabulary, vocabulary
from skill.conversation.understanding import normalise
from tests.support.phrases import load


class PlainPhraseSet:
    """The phrases as one flat alternation, longest first: the behaviour to keep."""

    def __init__(self, phrases: tuple[str, ...]) -> None:
        words = []
        for phrase in phrases:
            parts = []
            for word in phrase.split():
                stem = re.escape(word.rstrip("*")).replace("'", "'?")
                parts.append(stem + (r"\w*" if word.endswith("*") else ""))
            words.append(" ".join(parts))
        alternatives = "|".join(words) or r"(?!x)x"
        self.any = re.compile(rf"\b(?:{alternatives})\b")
        self.start = re.compile(rf"^(?:{alternatives})\b")
        self.end = re.compile(rf"\b(?:{alternatives})$")
        self.whole = re.compile(rf"^(?:{alternatives})$")

    def answers(self, text: str) -> tuple[object, ...]:
        spans = [m.span() for m in self.any.finditer(text)]
        start, end = self.start.match(text), self.end.search(text)
        return (
            self.any.search(text) is not None,
            max((len(m.group(0).split()) for m in self.any.finditer(text)), default=0),
            spans,
            start.group(0) if start else None,
            end.group(0) if end else None,
            self.whole.match(text) is not None,
        )


def quick_answers(phrases: PhraseSet, text: str) -> tuple[object, ...]:
    return (
        phrases.found(text),
        phrases.longest(text),
        phrases.spans(text),
        phrases.starts(text),
        phrases.ends(text),
        phrases.is_whole(text),
    )


def every_set(vocab: Vocabulary) -> Iterator[tuple[str, PhraseSet]]:
    yield "fillers", vocab.fillers
    yield "fight", vocab.fight
    yield "practice_doubts", vocab.practice_doubts
    yield "thanks_alone", vocab.thanks_alone
    for group_name in (
        "controls",
        "answers",
        "partners",
        "ratings",
        "requests",
        "practices",
        "pillars",
        "date_follow_ups",
        "tones",
    ):
        for name, phrases in getattr(vocab, group_name).items():
            yield f"{group_name}.{name}", phrases
    for dimension, values in vocab.date_filters.items():
        for name, phrases in values.items():
            yield f"date_filters.{dimension}.{name}", phrases


LINES_WRITTEN_HERE = (
    "dont know",
    "don't know",
    "we're lovin it",
    "help",
    "hello hello",
    "skip skip it",
    "um ok skip it please um",
)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    corpus = [normalise(p.utterance) for half in ("tuning", "tuning5") for p in load(half)]
    return sorted({*corpus, *LINES_WRITTEN_HERE})


def test_every_set_answers_as_its_plain_list_of_phrases(texts: list[str]) -> None:
    for name, phrases in every_set(vocabulary("en-US")):
        plain = PlainPhraseSet(phrases.phrases)
        for text in texts:
            assert quick_answers(phrases, text) == plain.answers(text), (name, text)


@pytest.mark.parametrize(
    ("phrases", "text", "expected"),
    [
        (("help", "hello"), "well hello there", (True, 1, [(5, 10)], None, None, False)),
        (
            ("me", "me and my wife"),
            "me and my wife",
            (True, 4, [(0, 14)], "me and my wife", "me and my wife", True),
        ),
        (("don't know",), "i dont know", (True, 2, [(2, 11)], None, "dont know", False)),
        (("lov*",), "we're loving it", (True, 1, [(6, 12)], None, None, False)),
        ((), "anything", (False, 0, [], None, None, False)),
    ],
)
def test_small_sets_answer_as_expected(
    phrases: tuple[str, ...], text: str, expected: tuple[object, ...]
) -> None:
    assert quick_answers(PhraseSet(phrases), text) == expected
