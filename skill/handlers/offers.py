"""Offers the skill makes ("shall I read you a practice?") and what "yes" does with them.

A feature registers an accept function for its offer kind; the state
``{"mode": "offer", "offer": KIND, ...}`` then routes a "yes" to it. This keeps
one Yes handler for the whole skill instead of one per feature.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.turn import Turn, current_turn

OfferAccept = Callable[[HandlerInput, dict[str, Any]], Response]
_OFFERS: dict[str, OfferAccept] = {}


def register_offer(kind: str, accept: OfferAccept) -> None:
    """Make "yes" to an offer of ``kind`` call ``accept(handler_input, state)``."""
    _OFFERS[kind] = accept


def has_offer(turn: Turn) -> bool:
    """Whether the session is waiting for a yes to a known offer."""
    return turn.mode == "offer" and turn.state.get("offer") in _OFFERS


def accept_offer(handler_input: HandlerInput) -> Response:
    """Run the accept function of the pending offer."""
    state = current_turn(handler_input).state
    return _OFFERS[state["offer"]](handler_input, state)
