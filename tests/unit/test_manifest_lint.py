"""The manifest's example phrases: each certification rule refuses a broken manifest, clearly."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from skill.cli import main
from skill.local.manifest_lint import (
    Invocation,
    checkout_manifest,
    lint_manifest,
    lint_manifest_file,
    parse_invocation,
)
from skill.local.nlu import models_dir

Json = dict[str, Any]

GOOD_PHRASES = [
    "Alexa, open heart talks",
    "Alexa, ask heart talks to start a check-in",
    "Alexa, ask heart talks for a date idea",
]


def model(locale: str = "en-US") -> Json:
    loaded: Json = json.loads((models_dir() / f"{locale}.json").read_text(encoding="utf-8"))
    return loaded


def manifest(phrases: list[Any] | None = None, locales: tuple[str, ...] = ("en-US",)) -> Json:
    listing = {
        "name": "Heart to Heart",
        "examplePhrases": list(GOOD_PHRASES if phrases is None else phrases),
    }
    return {
        "manifest": {
            "publishingInformation": {"locales": {loc: copy.deepcopy(listing) for loc in locales}}
        }
    }


def problems(phrases: list[Any]) -> list[str]:
    return lint_manifest(manifest(phrases), {"en-US": model()})


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Alexa, open heart talks", Invocation("open")),
        ("Alexa, talk to heart talks", Invocation("talk to")),
        ("Alexa, launch Heart Talks.", Invocation("launch")),
        ("Alexa, ask heart talks to start a check-in", Invocation("ask", "to", "start a check in")),
        ("Alexa, ask heart talks for a date idea", Invocation("ask", "for", "a date idea")),
        ("Alexa, ask heart talks how are we doing", Invocation("ask", "", "how are we doing")),
        ("Alexa, tell heart talks that we're ready", Invocation("tell", "that", "we're ready")),
        ("Alexa, tell heart talks start a check-in", Invocation("tell", "", "start a check in")),
        ("Alexa, open heart talks and suggest a date", Invocation("open", "and", "suggest a date")),
        ("Alexa, ask heart talks", None),
        ("Alexa, open heart talks to suggest a date", None),
        ("Alexa, heart talks", None),
        ("Alexa, start a check-in using heart talks", None),
        ("Alexa, open heart to heart", None),
    ],
)
def test_phrases_are_taken_apart_by_launch_pattern(
    phrase: str, expected: Invocation | None
) -> None:
    assert parse_invocation(phrase, "heart talks") == expected


def test_phrases_in_every_supported_pattern_pass() -> None:
    assert problems(GOOD_PHRASES) == []
    assert problems(["Alexa, start heart talks", "Alexa, tell heart talks start a check-in"]) == []
    assert problems(["Alexa, talk to heart talks", "Alexa, ask heart talks how are we doing"]) == []


LABEL = "skill.json: en-US"


@pytest.mark.parametrize(
    ("phrases", "line"),
    [
        ([], f"{LABEL} has no example phrases"),
        (
            [*GOOD_PHRASES, "Alexa, ask heart talks to suggest a date night"],
            f"{LABEL} has 4 example phrases; at most 3 are allowed",
        ),
        (
            ["open heart talks"],
            f"{LABEL} example phrase 1 'open heart talks' must start with the wake word: 'Alexa, '",
        ),
        (
            ["Alexa, open heart to heart"],
            f"{LABEL} example phrase 1 'Alexa, open heart to heart' does not say the invocation "
            "name 'heart talks'",
        ),
        (
            ["Alexa, open heart talks", "Alexa, ask heart talks"],
            f"{LABEL} example phrase 2 'Alexa, ask heart talks' does not use a supported launch "
            'pattern: "Alexa, open heart talks", "Alexa, ask heart talks to …", '
            '"Alexa, tell heart talks …"',
        ),
        (
            ["Alexa, ask heart talks to start a check-in"],
            f"{LABEL} example phrase 1 'Alexa, ask heart talks to start a check-in' must simply "
            'open the skill, as in "Alexa, open heart talks"',
        ),
        (
            ["Alexa, open heart talks", "Alexa, launch heart talks"],
            f"{LABEL} example phrase 2 'Alexa, launch heart talks' only opens the skill: after "
            "the first, each phrase shows a request",
        ),
        (
            ["Alexa, open heart talks", "Alexa, ask heart talks to juggle flaming torches"],
            f"{LABEL} example phrase 2 'Alexa, ask heart talks to juggle flaming torches': "
            "'juggle flaming torches' is not a sample utterance of en-US.json (or a slot value "
            "in it is not one of its type's values)",
        ),
        (
            ["Alexa, open heart talks", "Alexa, ask heart talks to teach us about juggling"],
            f"{LABEL} example phrase 2 'Alexa, ask heart talks to teach us about juggling': "
            "'teach us about juggling' is not a sample utterance of en-US.json (or a slot value "
            "in it is not one of its type's values)",
        ),
        (
            ["Alexa, open heart talks", "Alexa, ask heart talks for help"],
            f"{LABEL} example phrase 2 'Alexa, ask heart talks for help': 'help' is only "
            "Alexa's own phrase for AMAZON.HelpIntent, not a sample utterance of en-US.json",
        ),
        (
            ["Alexa, open heart talks", "Alexa, Open Heart Talks."],
            f"{LABEL} example phrase 2 'Alexa, Open Heart Talks.' repeats an earlier one",
        ),
        (["Alexa, open heart talks", 7], f"{LABEL} example phrase 2 7 is not text"),
    ],
)
def test_each_broken_rule_is_one_clear_line(phrases: list[Any], line: str) -> None:
    assert problems(phrases) == [line]


def test_slot_values_must_be_values_of_the_slot_type() -> None:
    valid = "Alexa, ask heart talks to remind us to check in every night at nine"
    assert problems(["Alexa, open heart talks", valid]) == []
    invalid = "Alexa, ask heart talks to remind us to check in every night at banana"
    assert len(problems(["Alexa, open heart talks", invalid])) == 1


def test_every_locale_is_checked_with_its_own_model() -> None:
    renamed = model("en-GB")
    renamed["interactionModel"]["languageModel"]["invocationName"] = "couple talks"
    found = lint_manifest(
        manifest(locales=("en-US", "en-GB")), {"en-US": model(), "en-GB": renamed}
    )
    assert found == [
        "skill.json: en-GB example phrase 1 'Alexa, open heart talks' does not say the invocation "
        "name 'couple talks'",
        "skill.json: en-GB example phrase 2 'Alexa, ask heart talks to start a check-in' does not "
        "say the invocation name 'couple talks'",
        "skill.json: en-GB example phrase 3 'Alexa, ask heart talks for a date idea' does not say "
        "the invocation name 'couple talks'",
    ]


def test_listings_and_models_must_pair_up() -> None:
    assert lint_manifest(manifest(locales=("en-US", "de-DE")), {"en-US": model()}) == [
        "skill.json: de-DE has no interaction model (de-DE.json)"
    ]
    assert lint_manifest(manifest(), {"en-US": model(), "en-GB": model("en-GB")}) == [
        "skill.json: en-GB.json has no listing in publishingInformation.locales"
    ]
    assert lint_manifest({"manifest": {}}, {"en-US": model()}) == [
        "skill.json: missing manifest.publishingInformation.locales"
    ]


def test_the_repository_manifest_passes() -> None:
    found = checkout_manifest()
    assert found is not None
    assert lint_manifest_file(found, models_dir()) == []


def test_check_model_refuses_a_broken_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = manifest(["Alexa, open heart to heart"], locales=("en-US", "en-GB"))
    (tmp_path / "skill.json").write_text(json.dumps(broken))
    assert main(["check-model", "--manifest", str(tmp_path / "skill.json")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"skill.json: {locale} example phrase 1 'Alexa, open heart to heart' does not say the "
        "invocation name 'heart talks'"
        for locale in ("en-GB", "en-US")
    ]


def test_check_model_reads_the_checkout_manifest_by_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check-model"]) == 0
    assert (
        capsys.readouterr()
        .out.splitlines()[-1]
        .endswith("example phrases in " + str(checkout_manifest()))
    )
