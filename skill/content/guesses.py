"""A learned last guess at a request the word lists did not understand.

When nothing the skill reads by rule fits what was said (no control, no reply,
no request), it used to say it did not catch that. This model, a naive Bayes
over the words and pairs of words of a line (after the crisis words' own
normalisation), trained by ``scripts/train_request_model.py`` on the tuning
files of the phrase corpus only, guesses which of a few harmless requests was
meant: a practice, a date idea, the check-in, progress, help… Only a guess it
is sure of is taken (its probability against ``threshold``); anything that
changes or erases what is kept (the journal, names, deleting data) is never
guessed, and neither is crisis, which the word families and the second ear hear
before any of this.

The file is checked on load: its scheme, its labels (each one the code knows),
its numbers, never trained on the held-out half, and sentences it must guess
as their labels.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from skill.content import ContentError, load_json, require_list
from skill.content.care import crisis_text

#: The feature scheme this code computes; a file trained on another is refused.
FEATURES = "words and pairs of words, after crisis_text"
#: The label of everything that is not one of the guessable requests.
NOTHING = "none"


def features(text: str) -> set[str]:
    """The words of ``text`` and its pairs of neighbouring words."""
    words = crisis_text(text).split()
    return set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}


@dataclass(frozen=True)
class NaiveBayes:
    """A log prior per label, and per label the log probability of each feature seen with it."""

    priors: dict[str, float]
    #: label → feature → log P(feature present | label); absent features use ``unseen``.
    present: dict[str, dict[str, float]]
    unseen: dict[str, float]

    @cached_property
    def _by_feature(self) -> dict[str, tuple[tuple[str, float], ...]]:
        """Feature → the labels it was seen with, and how much more its presence says for each
        than an unseen feature would: a line holds a dozen features of thousands, so a score is
        summed over what the line holds rather than over every label's table. Features seen
        with no label say nothing about any and are not here."""
        labels: dict[str, list[tuple[str, float]]] = {}
        for label, table in self.present.items():
            for feature, log_p in table.items():
                labels.setdefault(feature, []).append((label, log_p - self.unseen[label]))
        return {feature: tuple(pairs) for feature, pairs in labels.items()}

    def best(self, text: str) -> tuple[str, float] | None:
        """The most likely label of ``text`` and its probability (None: no feature known)."""
        by_feature = self._by_feature
        found = [feature for feature in features(text) if feature in by_feature]
        if not found:
            return None
        scores = {
            label: prior + len(found) * self.unseen[label] for label, prior in self.priors.items()
        }
        for feature in found:
            for label, more in by_feature[feature]:
                scores[label] += more
        best = max(scores, key=scores.__getitem__)
        top = scores[best]
        return best, 1.0 / sum(math.exp(score - top) for score in scores.values())


@dataclass(frozen=True)
class RequestModel:
    """The trained naive Bayes, and how sure it must be for a guess to be taken."""

    bayes: NaiveBayes
    threshold: float

    def guess(self, text: str) -> str | None:
        """The label ``text`` most likely means, when sure enough and not :data:`NOTHING`."""
        found = self.bayes.best(text)
        if found is None or found[0] == NOTHING or found[1] < self.threshold:
            return None
        return found[0]


def _number(where: str, value: Any) -> float:
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise ContentError(f"{where}: must be a finite number")
    return float(value)


def parse_request_model(
    raw: Any, labels: frozenset[str], where: str = "request_model"
) -> RequestModel:
    """Validate the model file against the ``labels`` the code can act on."""
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    if raw.get("features") != FEATURES:
        raise ContentError(f"{where}.features: trained on another scheme than {FEATURES!r}")
    threshold = _number(f"{where}.threshold", raw.get("threshold"))
    if not 0.0 < threshold < 1.0:
        raise ContentError(f"{where}.threshold: must be between 0 and 1")
    trained_on = require_list(f"{where}.trained_on", raw.get("trained_on"))
    if any("heldout" in str(name) for name in trained_on):
        raise ContentError(f"{where}.trained_on: the held-out half is for measuring only")
    classes = raw.get("labels")
    if not isinstance(classes, dict) or NOTHING not in classes:
        raise ContentError(f"{where}.labels: needs an object with {NOTHING!r}")
    unknown = set(classes) - labels - {NOTHING}
    if unknown:
        raise ContentError(f"{where}.labels: the skill cannot act on {sorted(unknown)}")
    priors: dict[str, float] = {}
    present: dict[str, dict[str, float]] = {}
    unseen: dict[str, float] = {}
    for label, entry in classes.items():
        at = f"{where}.labels.{label}"
        if not isinstance(entry, dict) or not isinstance(entry.get("present"), dict):
            raise ContentError(f"{at}: needs prior, unseen and present")
        priors[label] = _number(f"{at}.prior", entry.get("prior"))
        unseen[label] = _number(f"{at}.unseen", entry.get("unseen"))
        present[label] = {
            str(feature): _number(f"{at}.present[{feature!r}]", value)
            for feature, value in entry["present"].items()
        }
    model = RequestModel(NaiveBayes(priors, present, unseen), threshold)
    examples = raw.get("examples")
    if not isinstance(examples, dict) or not examples:
        raise ContentError(f"{where}.examples: needs sentences for the labels")
    for label, lines in examples.items():
        for line in require_list(f"{where}.examples.{label}", lines):
            if model.guess(line) != label:
                raise ContentError(f"{where}.examples.{label}: does not guess {line!r}")
    return model


@cache
def request_model(content_locale: str, labels: frozenset[str]) -> RequestModel:
    """The locale's model, read and checked once (on the first line not understood)."""
    return parse_request_model(
        load_json(content_locale, "request_model"), labels, f"{content_locale}/request_model.json"
    )
