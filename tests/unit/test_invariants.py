"""The response checker itself must catch what it claims to catch."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.invariants import check_response


def envelope(
    ssml: str, reprompt: str | None = "<speak>Shall we?</speak>", ends: bool = False
) -> dict[str, Any]:
    response: dict[str, Any] = {
        "outputSpeech": {"type": "SSML", "ssml": ssml},
        "shouldEndSession": ends,
    }
    if reprompt:
        response["reprompt"] = {"outputSpeech": {"type": "SSML", "ssml": reprompt}}
    return {"version": "1.0", "response": response}


def test_a_good_response_passes() -> None:
    assert check_response(envelope('<speak>Hello. <break time="10s"/> Shall we?</speak>')) == []


@pytest.mark.parametrize(
    ("ssml", "reprompt", "problem"),
    [
        ("<speak>Hi</speak>", None, "without a reprompt"),
        ("<speak>Hi</speak>", "<speak>Okay.</speak>", "not a question"),
        ("<speak>Tom & Jerry</speak>", "<speak>Shall we?</speak>", "does not parse"),
        (
            "<speak><marquee>Hi</marquee></speak>",
            "<speak>Shall we?</speak>",
            "unsupported SSML tag",
        ),
        ('<speak><break time="20s"/>Hi</speak>', "<speak>Shall we?</speak>", "over 10 seconds"),
        ("<speak>Hello None</speak>", "<speak>Shall we?</speak>", "leaks None"),
        ("<speak>Hello {name}</speak>", "<speak>Shall we?</speak>", "leaks None or braces"),
        ("<speak>say welcome.first now</speak>", "<speak>Shall we?</speak>", "template name"),
        ("<speak>" + "a" * 8001 + "</speak>", "<speak>Shall we?</speak>", "over 8000"),
    ],
)
def test_each_broken_rule_is_caught(ssml: str, reprompt: str | None, problem: str) -> None:
    assert any(problem in p for p in check_response(envelope(ssml, reprompt)))


def test_a_closing_response_needs_no_reprompt() -> None:
    assert check_response(envelope("<speak>Goodnight.</speak>", None, ends=True)) == []
