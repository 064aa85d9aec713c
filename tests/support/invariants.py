"""Rules every response must keep, checked on every turn of every golden dialog."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from skill.content.prompts import prompt_bank
from skill.speech import ssml_to_text

MAX_SPEECH_CHARS = 8000
MAX_RESPONSE_BYTES = 24 * 1024
#: SSML tags Alexa supports (developer docs, "Speech Synthesis Markup Language Reference").
ALEXA_SSML_TAGS = {
    "speak", "break", "p", "s", "say-as", "emphasis", "prosody", "audio", "phoneme", "sub",
    "lang", "voice", "w", "{http://amazon.com/ssml}effect", "{http://amazon.com/ssml}emotion",
    "{http://amazon.com/ssml}domain",
}  # fmt: skip
_BREAK_TIME = re.compile(r"^(\d+)(ms|s)$")
_LEAKS = re.compile(r"\bNone\b|[{}]")


def check_response(envelope: dict[str, Any]) -> list[str]:
    """All broken rules of one response envelope (empty when it is fine)."""
    problems: list[str] = []
    if envelope.get("version") != "1.0" or not isinstance(envelope.get("response"), dict):
        return ["not a response envelope"]
    size = len(json.dumps(envelope).encode())
    if size > MAX_RESPONSE_BYTES:
        problems.append(f"response is {size} bytes, over Alexa's 24 KB")
    response = envelope["response"]
    speech = response.get("outputSpeech")
    if speech is None:
        return problems
    ssml = speech.get("ssml", "")
    problems += _check_ssml("speech", ssml)
    if response.get("shouldEndSession") is False:
        reprompt = (response.get("reprompt") or {}).get("outputSpeech")
        if not reprompt:
            problems.append("session stays open without a reprompt")
        else:
            problems += _check_ssml("reprompt", reprompt.get("ssml", ""))
            if not ssml_to_text(reprompt.get("ssml", "")).endswith("?"):
                problems.append("reprompt is not a question")
    card = response.get("card")
    if card and ("<" in card.get("content", "") or "<" in card.get("title", "")):
        problems.append("card carries markup")
    return problems


def _check_ssml(what: str, ssml: str) -> list[str]:
    problems = []
    if len(ssml) > MAX_SPEECH_CHARS:
        problems.append(f"{what} is {len(ssml)} characters, over 8000")
    try:
        root = ET.fromstring(
            ssml.replace("<speak>", '<speak xmlns:amazon="http://amazon.com/ssml">', 1)
        )
    except ET.ParseError as exc:
        return [*problems, f"{what} SSML does not parse: {exc}"]
    if root.tag != "speak":
        problems.append(f"{what} SSML root is {root.tag}, not speak")
    for element in root.iter():
        if element.tag not in ALEXA_SSML_TAGS:
            problems.append(f"{what} uses unsupported SSML tag {element.tag}")
        if element.tag == "break":
            match = _BREAK_TIME.match(element.get("time", ""))
            seconds = int(match.group(1)) / (1000 if match.group(2) == "ms" else 1) if match else 99
            if seconds > 10:
                problems.append(f"{what} has a break over 10 seconds")
    text = ssml_to_text(ssml)
    if _LEAKS.search(text):
        problems.append(f"{what} leaks None or braces: {text[:80]!r}")
    for key in prompt_bank("en-US").variants:
        if "." in key and key in text:
            problems.append(f"{what} leaks the template name {key}")
    if not text:
        problems.append(f"{what} is empty")
    return problems
