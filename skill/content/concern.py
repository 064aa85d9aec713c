"""A second ear for crisis: a small learned model for what the word families do not name.

The crisis words (``crisis_words.json``) hear what they were written for and
nothing else. Measured on lines they had never seen (each new tuning set on
first sight), they caught about six crisis lines in ten. This model is a
logistic regression over the words, pairs and triples of words of a line
(after the crisis words' own normalisation), trained by
``scripts/train_concern_model.py`` on the tuning files of the phrase corpus
only, never the held-out half. It generalises where lists do not, but it
also errs more, so it has two thresholds, both chosen by rule on tuning files
left out. At ``threshold`` (about one ordinary line in a hundred heard) it
gets only a gentle word that names where help is and lets the evening go on
(:mod:`skill.interceptors`). At ``care_threshold`` (about one in eight hundred)
it is sure enough to stop the evening with the full care answer, as the word
families do (:func:`skill.conversation.care.hears_crisis`).

Two weights tables: ``concern`` says whether a line sounds like crisis (its
probability against the thresholds), ``kind`` whether it sounds like self-harm
rather than harm from someone else (which help line to name). The file is
checked on load: its numbers, its feature scheme, and sentences the model
must hear and must not.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from skill.content import ContentError, load_json, require_list
from skill.content.care import crisis_text

#: The feature scheme this code computes; a file trained on another is refused.
FEATURES = "words, pairs and triples of words, after crisis_text"
SELF_HARM = "self_harm"
VIOLENCE = "violence"


def features(text: str) -> set[str]:
    """The words of ``text``, and its pairs and triples of neighbouring words."""
    words = crisis_text(text).split()
    found = set(words)
    found.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    found.update(f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:], strict=False))
    return found


@dataclass(frozen=True)
class LinearModel:
    """One logistic regression: a bias and a weight per feature (absent features weigh 0)."""

    bias: float
    weights: dict[str, float]

    def probability(self, found: set[str]) -> float:
        score = self.bias + sum(self.weights.get(feature, 0.0) for feature in found)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@dataclass(frozen=True)
class ConcernModel:
    """Whether a line sounds like crisis, and which kind."""

    concern: LinearModel
    kind: LinearModel
    threshold: float
    #: At or above this the model is sure enough for the full care answer: it erred on about
    #: one ordinary line in eight hundred it had not seen, against one in a hundred at
    #: ``threshold``.
    care_threshold: float

    def hears(self, text: str) -> str | None:
        """:data:`SELF_HARM` or :data:`VIOLENCE` when ``text`` sounds like crisis, else None."""
        return self.reading(text).kind_at(self.threshold)

    def is_sure_of(self, text: str) -> str | None:
        """The kind when ``text`` sounds like crisis at the care threshold, else None."""
        return self.reading(text).kind_at(self.care_threshold)

    def reading(self, text: str) -> Reading:
        """How much ``text`` sounds like crisis, and of which kind: one reading answers at both
        thresholds (a turn asks at both: the care handler, then the gentle word)."""
        found = features(text)
        if not found:
            return Reading(0.0, VIOLENCE)
        kind = SELF_HARM if self.kind.probability(found) >= 0.5 else VIOLENCE
        return Reading(self.concern.probability(found), kind)


@dataclass(frozen=True)
class Reading:
    """The model's reading of one line: the probability it sounds like crisis, and the kind."""

    probability: float
    kind: str

    def kind_at(self, threshold: float) -> str | None:
        """The kind when the line sounds like crisis at ``threshold``, else None."""
        return self.kind if self.probability >= threshold else None


def _linear(where: str, raw: Any) -> LinearModel:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    bias, weights = raw.get("bias"), raw.get("weights")
    if not isinstance(bias, int | float) or not math.isfinite(bias):
        raise ContentError(f"{where}.bias: must be a finite number")
    if not isinstance(weights, dict) or not weights:
        raise ContentError(f"{where}.weights: must be a non-empty object")
    for feature, weight in weights.items():
        if not isinstance(weight, int | float) or not math.isfinite(weight):
            raise ContentError(f"{where}.weights[{feature!r}]: must be a finite number")
    return LinearModel(float(bias), {str(k): float(v) for k, v in weights.items()})


def parse_concern_model(raw: Any, where: str = "concern_model") -> ConcernModel:
    """Validate the model file and build the model; its own examples must come out right."""
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: must be an object")
    if raw.get("features") != FEATURES:
        raise ContentError(f"{where}.features: trained on another scheme than {FEATURES!r}")
    threshold = raw.get("threshold")
    if not isinstance(threshold, int | float) or not 0.0 < threshold < 1.0:
        raise ContentError(f"{where}.threshold: must be a number between 0 and 1")
    care_threshold = raw.get("care_threshold")
    if not isinstance(care_threshold, int | float) or not threshold <= care_threshold < 1.0:
        raise ContentError(f"{where}.care_threshold: must be from the threshold up to 1")
    trained_on = require_list(f"{where}.trained_on", raw.get("trained_on"))
    if any("heldout" in str(name) for name in trained_on):
        raise ContentError(f"{where}.trained_on: the held-out half is for measuring only")
    model = ConcernModel(
        _linear(f"{where}.concern", raw.get("concern")),
        _linear(f"{where}.kind", raw.get("kind")),
        float(threshold),
        float(care_threshold),
    )
    for kind in (SELF_HARM, VIOLENCE):
        for line in require_list(f"{where}.hears.{kind}", (raw.get("hears") or {}).get(kind)):
            if model.hears(line) != kind:
                raise ContentError(f"{where}.hears.{kind}: does not hear {line!r} as {kind}")
    for line in require_list(f"{where}.ignores", raw.get("ignores")):
        if model.hears(line) is not None:
            raise ContentError(f"{where}.ignores: hears {line!r}")
    return model


@cache
def concern_model(content_locale: str) -> ConcernModel:
    """The locale's model, read and checked once (on the first line heard, not at import)."""
    return parse_concern_model(
        load_json(content_locale, "concern_model"), f"{content_locale}/concern_model.json"
    )
