"""The learned last guess: what no rule understood, the model may still place, among harmless
requests only, when it is sure."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from skill.content import ContentError
from skill.content.guesses import NOTHING, features, parse_request_model, request_model
from skill.content.understanding import vocabulary
from skill.conversation.guessed import guess_request, guessable_requests
from skill.conversation.requests import (
    DeleteDataRequest,
    ForgetNamesRequest,
    ForgetTonightRequest,
    JournalAction,
    JournalRequest,
    ProgressRequest,
    ReminderStopRequest,
    read_request,
)
from tests.support.memory_store import MemoryStore
from tests.support.talk import Talk, app_on

MODEL_FILE = Path(__file__).parents[2] / "skill" / "content" / "en-US" / "request_model.json"
VOCAB = vocabulary("en-US")
#: Written for these tests (not from the phrase corpus): no rule reads a request in them.
HOW_FAR = "show us how far we have come"
BETTER = "have we managed many nights"
EVENING_THING = "can we please do our evening thing"


def test_the_line_used_here_is_understood_by_the_guess_alone() -> None:
    assert read_request(HOW_FAR, VOCAB) is None
    assert guess_request(HOW_FAR, VOCAB) == ProgressRequest()


@pytest.mark.parametrize(("line", "heard"), [(BETTER, "streak"), (EVENING_THING, "check-in")])
def test_a_sure_guess_is_served_instead_of_sorry(line: str, heard: str) -> None:
    assert read_request(line, VOCAB) is None
    talk = Talk(app_on(MemoryStore()))
    talk.launch()
    talk("stop")
    talk.launch()
    answered = talk(line)
    assert heard in answered.speech.lower() and "not sure" not in answered.speech.lower()


@pytest.mark.parametrize("line", ["banana helicopter purple", "the kettle is broken"])
def test_nonsense_is_not_guessed(line: str) -> None:
    assert guess_request(line, VOCAB) is None


def test_nothing_that_changes_or_erases_what_is_kept_can_be_guessed() -> None:
    requests = guessable_requests("en-US").values()
    for kind in (DeleteDataRequest, ForgetTonightRequest, ForgetNamesRequest, ReminderStopRequest):
        assert not any(isinstance(request, kind) for request in requests)
    journal = [r for r in requests if isinstance(r, JournalRequest)]
    assert [r.action for r in journal] == [JournalAction.READ]


def test_the_model_file_is_checked_on_load() -> None:
    raw = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    labels = frozenset(guessable_requests("en-US"))
    parse_request_model(raw, labels)
    destructive = {**raw["labels"], "privacy:delete": raw["labels"][NOTHING]}
    for broken, message in (
        ({**raw, "labels": destructive}, "cannot act on"),
        ({**raw, "trained_on": ["tuning", "heldout"]}, "held-out"),
        ({**raw, "threshold": 0}, "threshold"),
        ({**raw, "features": "letters"}, "scheme"),
        ({**raw, "examples": {"progress": ["banana helicopter purple"]}}, "does not guess"),
    ):
        with pytest.raises(ContentError, match=message):
            parse_request_model(broken, labels)


@pytest.mark.parametrize(
    "line", [HOW_FAR, BETTER, EVENING_THING, "we are bored what can we do", "zebra quantum", "hmm"]
)
def test_a_guess_is_the_naive_bayes_sum_over_every_label(line: str) -> None:
    # The model sums only over the features a line holds; that is the textbook sum over every
    # label's table, with unseen features at their label's floor.
    bayes = request_model("en-US", frozenset(guessable_requests("en-US"))).bayes
    known = features(line) & {f for table in bayes.present.values() for f in table}
    best = bayes.best(line)
    if not known:
        assert best is None
        return
    scores = {
        label: prior + sum(bayes.present[label].get(f, bayes.unseen[label]) for f in known)
        for label, prior in bayes.priors.items()
    }
    top = max(scores.values())
    expected = max(scores, key=scores.__getitem__)
    assert best is not None and best[0] == expected
    assert best[1] == pytest.approx(1 / sum(math.exp(s - top) for s in scores.values()))
