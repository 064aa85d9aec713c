"""The self-hosted web endpoint: the Flask app Alexa posts to.

``POST /alexa`` verifies the request (see :mod:`skill.web.verification`), then
hands the envelope to the same :func:`skill.app.handle_event` Lambda calls, so
both deployments answer identically. Everything that is not a skill answer is
a small JSON body: Alexa and load balancers read JSON, and an HTML error page
would only leak framework details.

Status codes: 400 for a request that fails verification or is malformed, 403
for an authentic request meant for another skill, 413 for a body over 128 KiB,
415 for a content type other than JSON, 503 when every turn thread is busy, and 503
for a ``SkillDisabled`` event whose erasure could not reach the store (so Alexa sees it
failed; every other failure of the skill is still a spoken apology with 200).
Each refusal logs exactly one line with fixed text, never anything from the
request.

Every turn runs under a deadline (:class:`~skill.web.guards.TurnPool`): one
that overruns is answered with the spoken apology, and ``GET /healthz``
reports the store (checked with a timeout), the clock and stuck turns.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from flask import Flask, Response, abort, jsonify, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge, UnsupportedMediaType
from werkzeug.wrappers import Response as WerkzeugResponse

from skill.config import Settings, SettingsError
from skill.household.context import ErasureFailed
from skill.web.documents import register_documents
from skill.web.guards import (
    ClockWatch,
    EndpointGuards,
    StoreProbe,
    TurnOverran,
    TurnPool,
    TurnRefused,
)
from skill.web.verification import (
    CertificateCache,
    RequestVerifier,
    TimestampSkewError,
    VerificationError,
    check_application_id,
    parse_envelope,
)

logger = logging.getLogger(__name__)

JsonDict = dict[str, Any]
EventHandler = Callable[[JsonDict], JsonDict]
StoreCheck = Callable[[], None]

#: Alexa's requests are a few kilobytes; 128 KiB leaves room and stops memory abuse.
MAX_BODY_BYTES = 128 * 1024
_KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"})
#: Where the app keeps its :class:`EndpointGuards` (``app.extensions``), for the server.
GUARDS_KEY = "heart_to_heart"

# Fixed words, spoken when the skill itself failed in a way its own exception handler
# could not catch (for example a request shape the SDK cannot read).
_APOLOGY_SSML = (
    "<speak>I'm sorry, something went wrong on my side. Please try again in a little while.</speak>"
)


def spoken_apology() -> JsonDict:
    """A complete response envelope that apologises and ends the session.

    It ends the session rather than asking a question because the skill could
    not run at all, so there is nothing it could do with an answer.
    """
    return {
        "version": "1.0",
        "response": {
            "outputSpeech": {"type": "SSML", "ssml": _APOLOGY_SSML},
            "shouldEndSession": True,
        },
    }


def create_app(
    *,
    settings: Settings | None = None,
    verifier: RequestVerifier | None = None,
    handle_event: EventHandler | None = None,
    check_store: StoreCheck | None = None,
) -> Flask:
    """Build the web endpoint; with no arguments it is configured from the environment.

    The environment is read once, here, so a running server never changes
    behaviour underneath its workers. The arguments exist for tests and the
    load benchmark, which inject a private certificate authority and store.
    """
    settings = settings or Settings.from_env()
    require_skill_id(settings)
    if handle_event is None or check_store is None:
        from skill import app as skill_app  # the SDK import is heavy; only when not injected

        handle_event = handle_event or skill_app.handle_event
        check_store = check_store or skill_app.check_store
    if settings.verify_signatures:
        verifier = verifier or RequestVerifier(CertificateCache())
        if settings.skill_id is None:
            logger.warning(
                "SKILL_ID is not set and HTH_ACCEPT_ANY_SKILL is on: signed requests for any "
                "skill will be answered."
            )
    else:
        verifier = None
        logger.warning(
            "!!! HTH_VERIFY_SIGNATURES is off: this endpoint answers unsigned requests from "
            "anyone. Use it only for local development, never where Alexa or the internet "
            "can reach it. !!!"
        )

    guards = EndpointGuards(
        turns=TurnPool(
            settings.turn_threads,
            settings.turn_deadline_seconds,
            settings.turn_hard_limit_seconds,
        ),
        store=StoreProbe(check_store),
        clock=ClockWatch(),
        read_deadline=settings.request_read_seconds,
    )
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the skill's key order
    app.extensions[GUARDS_KEY] = guards
    _register_error_handlers(app)
    _register_routes(app, settings.skill_id, verifier, handle_event, guards)
    register_documents(app, settings.contact_email)  # GET /privacy and /terms
    return app


def require_skill_id(settings: Settings) -> None:
    """Refuse to build a verifying endpoint that would answer any skill, unless told to.

    A valid signature proves only that Alexa sent the request, not that it is
    meant for this skill: without ``SKILL_ID`` anyone's skill could use this
    endpoint (and its store). Verification off is local development, where
    the id is often unknown.
    """
    if settings.verify_signatures and settings.skill_id is None and not settings.accept_any_skill:
        raise SettingsError(
            "SKILL_ID is not set: set it to this skill's id (amzn1.ask.skill.…), or set "
            "HTH_ACCEPT_ANY_SKILL=true (serve --accept-any-skill) to answer every skill."
        )


def endpoint_guards(app: Any) -> EndpointGuards | None:
    """The guards of an app made by :func:`create_app` (None for any other WSGI app)."""
    extensions = getattr(app, "extensions", None)
    guards = extensions.get(GUARDS_KEY) if isinstance(extensions, dict) else None
    return guards if isinstance(guards, EndpointGuards) else None


def _register_routes(
    app: Flask,
    skill_id: str | None,
    verifier: RequestVerifier | None,
    handle_event: EventHandler,
    guards: EndpointGuards,
) -> None:
    """``POST /alexa`` and ``GET /healthz``."""

    @app.post("/alexa")
    def alexa() -> Response:
        if request.mimetype != "application/json":
            raise UnsupportedMediaType()
        body = _read_body()
        if verifier is not None:
            envelope = _verify(verifier, guards.clock, body)
        else:
            envelope = parse_envelope(body)
        # Before dispatch: the SDK's own check raises, which would read as a skill failure.
        check_application_id(envelope, skill_id)
        return jsonify(_dispatch(handle_event, envelope, guards.turns))

    @app.get("/healthz")
    def healthz() -> tuple[Response, int]:
        if not guards.store.healthy():
            return jsonify(status="unavailable"), 503
        if guards.turns.stuck():
            return jsonify(status="degraded", reason="stuck"), 503
        if guards.clock.degraded():
            logger.warning("health check degraded: most genuine requests fail the timestamp check")
            return jsonify(status="degraded", reason="clock"), 503
        return jsonify(status="ok"), 200


def _verify(verifier: RequestVerifier, clock: ClockWatch, body: bytes) -> JsonDict:
    """Verify a request, noting for the clock watch whether a genuine one was on time."""
    try:
        envelope = verifier.verify(
            body,
            request.headers.get("Signature-256"),
            request.headers.get("SignatureCertChainUrl"),
        )
    except TimestampSkewError:
        clock.record(skewed=True)
        raise
    clock.record(skewed=False)
    return envelope


def _read_body() -> bytes:
    """The raw body, refused with 413 past :data:`MAX_BODY_BYTES`.

    ``MAX_CONTENT_LENGTH`` refuses a declared ``Content-Length`` up front, but
    Werkzeug skips the limit on streams the server has already delimited, as
    gunicorn does for chunked uploads; so the cap is also enforced while
    reading, never holding more than the cap plus one byte.
    """
    stream = request.stream
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(min(64 * 1024, MAX_BODY_BYTES + 1 - size)):
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise RequestEntityTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


def _dispatch(handle_event: EventHandler, envelope: JsonDict, turns: TurnPool) -> JsonDict:
    """Run the skill under its deadline; if it fails or overruns, answer with a spoken apology.

    The skill's own exception handler already turns handler errors into speech;
    this catches what happens outside it. The log line names the exception type
    and where it was raised, never its message, which may quote the request.
    When every turn thread is busy the request is refused (503) at once rather
    than queued behind turns that may never end.
    """
    try:
        return turns.run(lambda: handle_event(envelope))
    except TurnRefused:
        abort(503)
    except ErasureFailed:
        # Only this failure is not answered 200: Alexa must see the event was not handled.
        logger.error("skill event failed: the household could not be erased; answered 503")
        abort(503)
    except TurnOverran:
        logger.warning("turn overran its %g s deadline: answered with an apology", turns.deadline)
        return spoken_apology()
    except Exception as error:
        frame = traceback.extract_tb(error.__traceback__)[-1]
        logger.error(
            "skill failed: %s at %s:%s", type(error).__name__, frame.filename, frame.lineno
        )
        return spoken_apology()


def _register_error_handlers(app: Flask) -> None:
    """Make every refusal and failure a JSON body with one log line, never an HTML page."""

    def route() -> str:
        # The matched rule, not the raw path, and a known method or none: both are whatever
        # the caller chose to send.
        rule = request.url_rule
        method = request.method if request.method in _KNOWN_METHODS else "(other method)"
        return f"{method} {rule.rule if rule else '(no route)'}"

    @app.errorhandler(VerificationError)
    def refused(error: VerificationError) -> tuple[Response, int]:
        logger.warning("refused %s: %d %s", route(), error.status, error.reason)
        return jsonify(error=_phrase(error.status), reason=error.reason), error.status

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> WerkzeugResponse:
        status = error.code or 500
        logger.warning("refused %s: %d %s", route(), status, _phrase(status))
        response = error.get_response()  # keeps headers such as Allow on a 405
        response.set_data(jsonify(error=_phrase(status)).get_data())
        response.content_type = "application/json"
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[Response, int]:
        frame = traceback.extract_tb(error.__traceback__)[-1]
        logger.error(
            "failed %s: %s at %s:%s", route(), type(error).__name__, frame.filename, frame.lineno
        )
        return jsonify(error=_phrase(500)), 500


def _phrase(status: int) -> str:
    """The standard reason phrase in lower case ("bad request"), a safe and stable error text."""
    return HTTPStatus(status).phrase.lower()
