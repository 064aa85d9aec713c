"""What a dialog mode does when the couple leaves it by any route.

A check-in can be left by "stop", by a timeout, or by asking for something
else half-way ("suggest a date night"). Rather than every handler of every
feature knowing about every other mode, a mode registers one exit function,
and the response interceptor calls it whenever a request started in that mode
and ends in another. Exit functions must be idempotent: the handler that left
the mode may already have done the same work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from skill.turn import Turn

ModeExit = Callable[[Turn, dict[str, Any]], None]
_EXITS: dict[str, ModeExit] = {}


def on_leaving(mode: str, exit_function: ModeExit) -> None:
    """Call ``exit_function(turn, state_when_the_request_began)`` when ``mode`` is left."""
    _EXITS[mode] = exit_function


def run_mode_exit(turn: Turn) -> None:
    """Run the exit function of the mode the request began in, if the request left it."""
    mode = str(turn.entry_state.get("mode", ""))
    if mode and mode != turn.mode and mode in _EXITS:
        _EXITS[mode](turn, turn.entry_state)
