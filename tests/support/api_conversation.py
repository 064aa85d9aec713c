"""Drive the skill with real request envelopes whose ``apiEndpoint`` is a local fake.

The simulator speaks to Alexa's default endpoint; tests of flows that call the
Alexa APIs need the envelope to point at :class:`tests.support.fake_alexa_api.FakeAlexaApi`,
and need requests the simulator does not make (``Connections.Response``).
A :class:`Conversation` keeps the session attributes from turn to turn as
Alexa does, and checks every response against the response invariants.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from skill.app import SkillApp
from skill.content.prompts import prompt_bank
from skill.local.envelope import (
    Caller,
    JsonDict,
    Session,
    SlotInput,
    intent_request,
    launch_request,
    skill_disabled_event,
)
from skill.speech import ssml_to_text
from tests.support.invariants import check_response

API_TOKEN = "api-token-for-this-request"


class Conversation:
    """One household talking to ``app``, its requests carrying ``api_endpoint``."""

    def __init__(
        self,
        app: SkillApp,
        api_endpoint: str,
        clock: datetime,
        consent_token: str | None = None,
        user_id: str = "amzn1.ask.account.TEST-HOUSEHOLD",
    ) -> None:
        self.app = app
        self.caller = Caller(
            user_id=user_id,
            api_endpoint=api_endpoint,
            api_access_token=API_TOKEN,
            consent_token=consent_token,
        )
        self.clock = clock
        self.session: Session | None = None
        self._count = 0

    def grant_reminders(self) -> None:
        """From now on requests carry a consent token, as after the household said yes."""
        self.caller = replace(self.caller, consent_token="consent-token")

    def launch(self) -> JsonDict:
        """ "Alexa, open heart talks", in a new session."""
        self.session = Session(session_id=f"session-{self._count}")
        return self._send(lambda **kw: launch_request(**kw))

    def say(self, intent: str, slots: dict[str, SlotInput] | None = None) -> JsonDict:
        """One intent in the current session (a new one when none is open)."""
        return self._send(lambda **kw: intent_request(intent, slots, **kw))

    def permission_answer(self, status: str, token: str, code: str = "200") -> JsonDict:
        """Alexa's ``Connections.Response`` to the voice permission request."""

        def build(**kw: Any) -> JsonDict:
            envelope = launch_request(**kw)
            request = envelope["request"]
            envelope["request"] = {
                "type": "Connections.Response",
                "requestId": request["requestId"],
                "timestamp": request["timestamp"],
                "locale": request["locale"],
                "name": "AskFor",
                "status": {"code": code, "message": "OK" if code == "200" else "error"},
                "token": token,
                "payload": {
                    "permissionScopes": [
                        {
                            "permissionScope": "alexa::alerts:reminders:skill:readwrite",
                            "consentLevel": "ACCOUNT",
                        }
                    ],
                    "status": status,
                },
            }
            return envelope

        return self._send(build)

    def disable(self) -> JsonDict:
        """``AlexaSkillEvent.SkillDisabled``, outside any session."""
        self.session = None
        self._count += 1
        return self.app.handle(
            skill_disabled_event(
                caller=self.caller, request_id=f"request-{self._count}", timestamp=self.clock
            )
        )

    def _send(self, build: Any) -> JsonDict:
        self._count += 1
        self.clock += timedelta(seconds=5)
        session = self.session or Session(session_id=f"session-{self._count}")
        answer: JsonDict = self.app.handle(
            build(
                caller=self.caller,
                session=session,
                request_id=f"request-{self._count}",
                timestamp=self.clock,
            )
        )
        problems = check_response(answer)
        assert not problems, problems
        response = answer["response"]
        if response.get("shouldEndSession") is False:
            attributes = answer.get("sessionAttributes") or {}
            self.session = Session(session.session_id, False, attributes)
        else:
            self.session = None
        return answer


def speech(answer: JsonDict) -> str:
    """The plain text of an answer's speech ("" when it says nothing)."""
    output = answer["response"].get("outputSpeech") or {}
    return ssml_to_text(str(output.get("ssml", "")))


def directives(answer: JsonDict) -> list[JsonDict]:
    """The directives of an answer."""
    return list(answer["response"].get("directives") or [])


def said(text: str, key: str, locale: str = "en-US") -> bool:
    """Whether ``text`` holds one of the phrasings of prompt ``key`` (placeholders filled)."""
    for phrasing in prompt_bank(locale).phrasings(key):
        pattern = re.sub(r"\\\{\w+\\\}", ".+?", re.escape(phrasing))
        if re.search(pattern, text):
            return True
    return False


def says(answer: JsonDict, key: str) -> bool:
    """Whether the answer's speech holds one of the phrasings of prompt ``key``."""
    return said(speech(answer), key)
