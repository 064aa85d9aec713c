"""What the privacy policy and terms of use promise, checked against the code that keeps it.

The documents (``docs/privacy.md``, ``docs/terms.md``) are read by people
deciding whether to trust the skill, and by Amazon's reviewers: every figure
and every voice command they quote is checked here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from samtranslator.yaml_helper import yaml_parse

from skill.content.care import care_lines
from skill.local.nlu import load_nlu
from skill.storage.base import INACTIVE_HOUSEHOLD_MONTHS, NIGHT_RETENTION_DAYS

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"


def privacy() -> str:
    return " ".join((DOCS / "privacy.md").read_text(encoding="utf-8").split())


def terms() -> str:
    return " ".join((DOCS / "terms.md").read_text(encoding="utf-8").split())


def test_retention_periods_are_the_ones_the_code_applies() -> None:
    assert f"deleted automatically {NIGHT_RETENTION_DAYS} days after that evening" in privacy()
    assert f"deleted {INACTIVE_HOUSEHOLD_MONTHS} months after your last visit" in privacy()
    template = yaml_parse((REPO / "infra" / "template.yaml").read_text(encoding="utf-8"))
    log_days = template["Parameters"]["LogRetentionInDays"]["Default"]
    assert f"they are deleted after {log_days} days" in privacy()


def test_the_invocation_name_quoted_is_the_models() -> None:
    name = load_nlu("en-US").invocation_name
    for text in (privacy(), terms()):
        assert f'"Alexa, open {name}"' in text


@pytest.mark.parametrize(
    ("phrase", "intent"),
    [
        ("delete our data", "DeleteDataIntent"),
        ("forget tonight", "ForgetTonightIntent"),
        ("forget our names", "ForgetNamesIntent"),
        ("keep our answers", "KeepAnswersIntent"),
        ("stop keeping our answers", "StopKeepingAnswersIntent"),
        ("what did we say last night?", "ReadAnswersIntent"),
        ("call me Sam", "NamesIntent"),
    ],
)
def test_every_voice_command_the_policy_quotes_works(phrase: str, intent: str) -> None:
    assert f'"{phrase}"' in privacy()
    for locale in ("en-US", "en-GB"):
        assert load_nlu(locale).understand(phrase).intent == intent


@pytest.mark.parametrize("country", ["en-US", "en-GB"])
def test_both_documents_name_the_crisis_lines_the_skill_gives(country: str) -> None:
    card = care_lines("en-US", country).card
    numbers = re.findall(r"\d[\d -]*\d", card)
    assert numbers
    for number in numbers:
        assert number in privacy(), number
        assert number in terms(), number
