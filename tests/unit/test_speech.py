"""SSML assembly and plain-text rendering."""

from __future__ import annotations

from skill.speech import Speech, pause, ssml_to_text


def test_pauses_are_runs_of_alexa_sized_breaks() -> None:
    assert pause(25) == '<break time="10s"/><break time="10s"/><break time="5s"/>'
    assert pause(0) == ""


def test_text_is_escaped_once() -> None:
    assert Speech().say("Salt & pepper <3").ssml() == "Salt &amp; pepper &lt;3"


def test_plain_text_shows_pauses_for_the_simulator() -> None:
    ssml = Speech().say("Breathe in.").pause(60).say("And out.").ssml()
    assert ssml_to_text(f"<speak>{ssml}</speak>", show_pauses=True) == (
        "Breathe in. [pause 60s] And out."
    )
    assert ssml_to_text(f"<speak>{ssml}</speak>") == "Breathe in. And out."
