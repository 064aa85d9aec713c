"""Train the last guess at a request (skill/content/guesses.py) and write its content file.

    python scripts/train_request_model.py [--check]

Reads the tuning files of the phrase corpus (tests/phrases/tuning*.txt; never
heldout.txt). Each line's expected outcome becomes its label when it is one of
the requests the skill may act on from a guess (GUESSABLE); every other line
(answers, ratings, names, crisis, replies, and requests that change or erase
what is kept) is labelled "none", so the model also learns what is not a
request. The model is multinomial naive Bayes with add-half smoothing. The
threshold is the lowest probability at which guesses were right at least
PRECISION of the time when each tuning file was scored by a model trained on
the others; those figures go into the file's ``_measured`` entry. ``--check``
compares with the file instead of writing it (exit 1 if they differ).
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from learned_file import tuning_files, write_or_check  # noqa: E402

from skill.content.guesses import FEATURES, NOTHING, NaiveBayes, features  # noqa: E402
from skill.conversation.guessed import guessable_requests  # noqa: E402

GUESSABLE = frozenset(guessable_requests("en-US"))
OUTPUT = REPO / "skill" / "content" / "en-US" / "request_model.json"
SMOOTHING = 0.5
#: Guesses taken must be right at least this often (scored on tuning files left out).
PRECISION = 0.9
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99)
EXAMPLES_PER_LABEL = 2

Line = tuple[str, str]  # (utterance, label)


def label_of(outcome: str) -> str:
    """The outcome as a label: a date with filters is a date; others as they are, or none."""
    if re.fullmatch(r"date( \w+=\w+)*", outcome):
        return "date"
    return outcome if outcome in GUESSABLE else NOTHING


def read_lines(path: Path) -> list[Line]:
    lines: list[Line] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            _, utterance, outcome, *_ = (part.strip() for part in raw.split("|"))
            lines.append((utterance, label_of(outcome)))
    return lines


def train(lines: list[Line]) -> NaiveBayes:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    per_label: Counter[str] = Counter()
    for text, label in lines:
        per_label[label] += 1
        counts[label].update(features(text))
    vocabulary = set().union(*counts.values())
    priors: dict[str, float] = {}
    unseen: dict[str, float] = {}
    present: dict[str, dict[str, float]] = {}
    for label in sorted(per_label):
        total = sum(counts[label].values()) + SMOOTHING * len(vocabulary)
        priors[label] = round(math.log(per_label[label] / len(lines)), 4)
        unseen[label] = round(math.log(SMOOTHING / total), 4)
        present[label] = {
            f: round(math.log((n + SMOOTHING) / total), 4) for f, n in sorted(counts[label].items())
        }
    return NaiveBayes(priors, present, unseen)


def best(model: NaiveBayes, text: str) -> tuple[str, float]:
    """The best label and its probability; a line with no feature seen in training is none."""
    return model.best(text) or (NOTHING, 1.0)


def left_out(by_file: dict[str, list[Line]]) -> list[tuple[str, float, str]]:
    """(guess, probability, truth) of every line, by a model trained on the other files."""
    scored = []
    for name, held in by_file.items():
        model = train([line for other, lines in by_file.items() if other != name for line in lines])
        for text, truth in held:
            guess, probability = best(model, text)
            scored.append((guess, probability, truth))
    return scored


def choose_threshold(scored: list[tuple[str, float, str]]) -> tuple[float, dict[str, str]]:
    for threshold in THRESHOLDS:
        taken = [(g, t) for g, p, t in scored if g != NOTHING and p >= threshold]
        right = sum(g == t for g, t in taken)
        if taken and right / len(taken) >= PRECISION:
            requests = sum(t != NOTHING for _, _, t in scored)
            return threshold, {
                "how": "each tuning file scored by a model trained on the others",
                "guesses_taken": str(len(taken)),
                "guesses_right": f"{right}/{len(taken)}",
                "requests_guessed_right": f"{right}/{requests}",
                "lines_that_are_no_guessable_request_guessed_as_one": str(
                    sum(t == NOTHING for _, t in taken)
                ),
            }
    raise SystemExit(f"no threshold reaches a precision of {PRECISION}")


def build() -> dict[str, object]:
    by_file = {path.stem: read_lines(path) for path in tuning_files()}
    threshold, measured = choose_threshold(left_out(by_file))
    lines = [line for lines in by_file.values() for line in lines]
    model = train(lines)
    examples: dict[str, list[str]] = defaultdict(list)
    for text, label in lines:
        if label != NOTHING and len(examples[label]) < EXAMPLES_PER_LABEL:
            guess, probability = best(model, text)
            if guess == label and probability >= threshold:
                examples[label].append(text)
    return {
        "_comment": (
            "Written by scripts/train_request_model.py; do not edit by hand. The last guess at"
            " a request nothing else understood (skill/content/guesses.py)."
        ),
        "_measured": measured,
        "features": FEATURES,
        "trained_on": sorted(by_file),
        "threshold": threshold,
        "examples": dict(sorted(examples.items())),
        "labels": {
            label: {
                "prior": model.priors[label],
                "unseen": model.unseen[label],
                "present": model.present[label],
            }
            for label in model.priors
        },
    }


def main() -> None:
    write_or_check(OUTPUT, build, __doc__.splitlines()[0])


if __name__ == "__main__":
    main()
