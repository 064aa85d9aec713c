"""What "yes" does with each offer the skill makes ("shall I read you a practice?").

An offer is a typed value (:data:`skill.conversation.dialog.Offer`) kept in the
:class:`~skill.conversation.dialog.Offering` state; each feature provides an
accept function for its own offers, and the app lists them once in an
:class:`Offers` (see :mod:`skill.app`), handed to the handlers that accept
offers. One Yes handler serves the whole skill.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.conversation.dialog import Offer

O = TypeVar("O", bound=Offer)  # noqa: E741 - the usual name of a type variable for offers


@dataclass(frozen=True)
class Acceptor(Generic[O]):
    """What "yes" to an offer of ``offer_type`` does, and "no" when the offer needs its own."""

    offer_type: type[O]
    accept: Callable[[HandlerInput, O], Response]
    decline: Callable[[HandlerInput, O], Response] | None = None


class Offers:
    """Every offer the skill makes, with what accepting it does."""

    def __init__(self, acceptors: Sequence[Acceptor[Any]]) -> None:
        self._acceptors: dict[type[Offer], Acceptor[Any]] = {}
        for acceptor in acceptors:
            if acceptor.offer_type in self._acceptors:
                raise ValueError(f"two acceptors for {acceptor.offer_type.__name__}")
            self._acceptors[acceptor.offer_type] = acceptor

    def knows(self, offer: Offer) -> bool:
        """Whether "yes" to ``offer`` does something."""
        return type(offer) in self._acceptors

    def accept(self, handler_input: HandlerInput, offer: Offer) -> Response:
        """Do what "yes" to ``offer`` means (KeyError for an offer nobody accepts)."""
        accept = cast(
            Callable[[HandlerInput, Offer], Response], self._acceptors[type(offer)].accept
        )
        return accept(handler_input, offer)

    def decline(self, handler_input: HandlerInput, offer: Offer) -> Response | None:
        """Do what "no" to ``offer`` means, when the offer says; None: the usual kind word."""
        acceptor = self._acceptors.get(type(offer))
        if acceptor is None or acceptor.decline is None:
            return None
        decline = cast(Callable[[HandlerInput, Offer], Response], acceptor.decline)
        return decline(handler_input, offer)
