"""Every screen the skill sends, checked by Amazon's own APL validator, and its size.

The documents and datasources are the ones real requests got back: every golden dialog
played on an Echo Show, and a tour that reaches each screen in both themes (home, a whole
practice with its pauses, date ideas touched and saved, the nightly and weekly check-ins,
progress after a week, care, favourites). ``apl-suggester``'s StaticAplTemplateValidator
must find nothing at all in any of them: no error, and no warning (none is excused).
"""

from __future__ import annotations

import hashlib
import json
from datetime import time
from pathlib import Path
from typing import Any

import pytest

from skill.app import SkillApp
from skill.local.simulator import Turn
from tests.support.apl_validator import validate
from tests.support.golden import DIALOG_FILES, play_dialog
from tests.support.invariants import MAX_RESPONSE_BYTES
from tests.support.talk import EVENING, Talk

pytestmark = pytest.mark.slow


def _tour(app: SkillApp) -> list[Turn]:
    """Each screen, each kind of touch, in the evening (night theme) and in the morning."""
    turns: list[Turn] = []
    for hour, user in ((21, "NIGHT"), (9, "DAY")):
        talk = Talk(app, screen=True, start=EVENING.replace(hour=hour), user_id=f"tour-{user}")
        turns.append(talk("open heart talks"))
        turns.append(talk.tap("Try a practice"))
        for _ in range(8):
            if "Another practice" in (talk.last.touch_targets if talk.last else {}):
                break
            turns.append(talk.tap(next(iter(talk.last.touch_targets))))  # type: ignore[union-attr]
        turns += [talk.tap("Another practice"), talk("ask heart talks for a date idea")]
        turns += [talk.tap("Another one"), talk.tap("Save it"), talk("tell me more")]
        turns.append(talk("what are our favourite date ideas"))
        turns.append(talk("ask heart talks to start our weekly check-in"))
        turns += [
            talk.tap("Both of us"),
            talk("I appreciate your patience"),
            talk.tap("Skip this one"),
        ]
        talk.end_session()
        for _ in range(3):
            talk.check_in("a walk", "a call")
            talk.next_day(at=time(hour, 0))
        turns.append(talk("ask heart talks how are we doing"))
        turns.append(talk.tap("Check in tonight"))
        turns += [talk.tap("5"), talk("ask heart talks i want to hurt myself")]
    return turns


def _sent(app: SkillApp) -> dict[str, tuple[dict[str, Any], int]]:
    """Each distinct screen sent, with the size of the largest whole response that carried it."""
    turns = _tour(app)
    for path in DIALOG_FILES:
        turns += play_dialog(path, app, screen=True, user_id=f"golden-{path.stem}")[0]
    sent: dict[str, tuple[dict[str, Any], int]] = {}
    for turn in turns:
        if turn.screen is None:
            continue
        digest = hashlib.sha256(json.dumps(turn.screen, sort_keys=True).encode()).hexdigest()
        name = f"{turn.screen['token']}-{digest[:10]}"
        size = len(json.dumps(turn.response).encode())
        sent[name] = (turn.screen, max(size, sent.get(name, (turn.screen, 0))[1]))
    return sent


def test_every_screen_sent_passes_amazons_validator_and_fits(app: SkillApp) -> None:
    sent = _sent(app)
    assert {name.split("-")[0] for name in sent} == {
        "home", "practice", "date", "checkin", "progress", "message",
    }  # fmt: skip
    findings = validate({name: directive for name, (directive, _) in sent.items()})
    assert set(findings) == set(sent)
    problems = [f"{name}: {f}" for name, found in findings.items() for f in found]
    assert not problems, "\n".join(problems)
    largest = max(size for _, size in sent.values())
    assert largest < MAX_RESPONSE_BYTES, f"largest response with a screen: {largest} bytes"


def test_the_validator_does_find_what_is_wrong(tmp_path: Path) -> None:
    broken = {
        "document": {
            "type": "APL",
            "version": "1.8",
            "mainTemplate": {
                "parameters": ["screen"],
                "items": [{"type": "Container", "items": [
                    {"type": "NoSuchLayout"},
                    {"type": "Text", "text": "hi", "fontSize": "huge"},
                ]}],
            },
        },
        "datasources": {"screen": "not an object"},
    }  # fmt: skip
    found = validate({"broken": broken})["broken"]
    assert {f.level for f in found} == {"ERROR", "WARNING"}
    assert any("NoSuchLayout" in f.message for f in found)
    assert any(f.path.endswith("fontSize") for f in found)
    assert any("DataSources" in f.message for f in found)
