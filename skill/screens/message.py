"""The message screen's datasource, for every moment without a screen of its own.

It shows what the response itself holds: the card's title and lines when
there is a card (the help numbers, the favourites), and always the question
Alexa just asked, so the screen never shows something that is no longer true.
"""

from __future__ import annotations

from typing import Any

from skill.content.screens import ScreenWords


def message_data(
    words: ScreenWords, question: str, card_title: str | None = None, card_text: str | None = None
) -> dict[str, Any]:
    """The card (when there is one) and the question asked."""
    lines = [line.strip() for line in (card_text or "").splitlines() if line.strip()]
    return {"title": card_title or words.text("title"), "lines": lines, "question": question}
