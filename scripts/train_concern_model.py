"""Train the second ear for crisis (skill/content/concern.py) and write its content file.

    python scripts/train_concern_model.py [--check]

Reads the tuning files of the phrase corpus (tests/phrases/tuning*.txt; never
heldout.txt) and the everyday exaggerations of crisis_words.json (as lines that
are not crisis), trains two logistic regressions by AdaGrad with a fixed seed
(so a run always writes the same file), and writes
skill/content/en-US/concern_model.json. Before writing, it measures the model
the honest way available without the held-out half: trained on all tuning
files but one, scored on the one left out, for each file in turn; those
figures go into the file's ``_measured`` entry. ``--check`` trains and
compares with the file instead of writing it (exit 1 if they differ).
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from learned_file import tuning_files, write_or_check  # noqa: E402

from skill.content.concern import FEATURES, SELF_HARM, VIOLENCE, LinearModel, features  # noqa: E402

OUTPUT = REPO / "skill" / "content" / "en-US" / "concern_model.json"
CRISIS_WORDS = REPO / "skill" / "content" / "en-US" / "crisis_words.json"
#: A line sounds like crisis at the lowest of these probabilities at which, scored on tuning
#: files left out, at most FALSE_ALARMS of the other lines would hear the gentle word.
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
FALSE_ALARMS = 0.01
#: A line gets the full care answer from the model alone at the lowest of these at which, scored
#: the same way, at most CARE_FALSE_ALARMS of the other lines would: an eighth of the gentle
#: word's rate, as stopping an evening that needed no stopping costs more than one sentence.
CARE_THRESHOLDS = (0.8, 0.85, 0.9, 0.95, 0.97, 0.99)
CARE_FALSE_ALARMS = FALSE_ALARMS / 8
EPOCHS = 30
LEARNING_RATE = 0.2
L2 = 1e-4
#: Weights smaller than this change no decision worth keeping, and would only make the file big.
SMALLEST_WEIGHT = 0.01
#: The crisis lines the model must hear, per kind, kept in the file for its load-time check.
HEARS_PER_KIND = 5

Line = tuple[str, str | None]  # (utterance, "self_harm" | "violence" | None)


def read_lines(path: Path) -> list[Line]:
    """(utterance, crisis kind or None) of every line of a corpus file."""
    lines: list[Line] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        _, utterance, outcome, *_ = (part.strip() for part in raw.split("|"))
        kind = outcome.removeprefix("crisis:") if outcome.startswith("crisis:") else None
        lines.append((utterance, kind))
    return lines


def everyday_exaggerations() -> list[str]:
    return list(json.loads(CRISIS_WORDS.read_text(encoding="utf-8"))["ignores"])


def train(examples: list[tuple[set[str], int]]) -> LinearModel:
    """Logistic regression by AdaGrad, one pass per epoch in a seeded order."""
    weights: dict[str, float] = defaultdict(float)
    squares: dict[str, float] = defaultdict(lambda: 1e-8)
    bias, bias_square = 0.0, 1e-8
    order = list(examples)
    shuffle = random.Random(1)
    for _ in range(EPOCHS):
        shuffle.shuffle(order)
        for found, label in order:
            score = bias + sum(weights[feature] for feature in found)
            error = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score)))) - label
            for feature in found:
                gradient = error + L2 * weights[feature]
                squares[feature] += gradient * gradient
                weights[feature] -= LEARNING_RATE * gradient / math.sqrt(squares[feature])
            bias_square += error * error
            bias -= LEARNING_RATE * error / math.sqrt(bias_square)
    kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= SMALLEST_WEIGHT}
    return LinearModel(round(bias, 4), kept)


def concern_model(lines: list[Line]) -> LinearModel:
    return train([(features(text), int(kind is not None)) for text, kind in lines])


def kind_model(lines: list[Line]) -> LinearModel:
    return train([(features(text), int(kind == SELF_HARM)) for text, kind in lines if kind])


def left_out_scores(by_file: dict[str, list[Line]], extra: list[Line]) -> list[tuple[float, bool]]:
    """(probability, is crisis) of each tuning line, by a model trained on the other files (and
    the exaggerations)."""
    scored = []
    for name, held in by_file.items():
        rest = [line for other, lines in by_file.items() if other != name for line in lines]
        model = concern_model(rest + extra)
        scored += [(model.probability(features(text)), kind is not None) for text, kind in held]
    return scored


def choose_threshold(
    scored: list[tuple[float, bool]], thresholds: tuple[float, ...], false_alarms: float
) -> tuple[float, dict[str, object]]:
    """The lowest of ``thresholds`` whose false alarms stay within ``false_alarms``, and its
    figures."""
    crises = sum(is_crisis for _, is_crisis in scored)
    others = len(scored) - crises
    for threshold in thresholds:
        caught = sum(p >= threshold for p, is_crisis in scored if is_crisis)
        alarms = sum(p >= threshold for p, is_crisis in scored if not is_crisis)
        if alarms <= false_alarms * others:
            return threshold, {
                "how": "trained on all tuning files but one, scored on the one left out, for each",
                "crisis_lines_heard": f"{caught}/{crises}",
                "other_lines_heard": f"{alarms}/{others}",
            }
    raise SystemExit(f"no threshold keeps false alarms within {false_alarms:.2%}")


def build() -> dict[str, object]:
    by_file = {path.stem: read_lines(path) for path in tuning_files()}
    extra: list[Line] = [(text, None) for text in everyday_exaggerations()]
    lines = [line for lines in by_file.values() for line in lines] + extra
    scored = left_out_scores(by_file, extra)
    threshold, measured = choose_threshold(scored, THRESHOLDS, FALSE_ALARMS)
    care_threshold, care_measured = choose_threshold(scored, CARE_THRESHOLDS, CARE_FALSE_ALARMS)
    concern, kind = concern_model(lines), kind_model(lines)
    heard = sorted(
        ((concern.probability(features(text)), text, k) for text, k in lines if k),
        reverse=True,
    )
    hears = {
        wanted: [text for _, text, k in heard if k == wanted][:HEARS_PER_KIND]
        for wanted in (SELF_HARM, VIOLENCE)
    }
    return {
        "_comment": (
            "Written by scripts/train_concern_model.py; do not edit by hand. A gentle second"
            " ear for crisis (skill/content/concern.py): a line at or above the threshold"
            " gets a short word naming where help is, and the evening goes on; at or above"
            " the care threshold, the full care answer."
        ),
        "_measured": {"threshold": measured, "care_threshold": care_measured},
        "features": FEATURES,
        "trained_on": [*sorted(by_file), "crisis_words.json ignores"],
        "threshold": threshold,
        "care_threshold": care_threshold,
        "hears": hears,
        "ignores": [text for text, _ in extra],
        "concern": {"bias": concern.bias, "weights": concern.weights},
        "kind": {"bias": kind.bias, "weights": kind.weights},
    }


def main() -> None:
    write_or_check(OUTPUT, build, __doc__.splitlines()[0])


if __name__ == "__main__":
    main()
