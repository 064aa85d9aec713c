"""The self-hosted web endpoint: the Flask app (:mod:`skill.web.app`), Alexa request
verification (:mod:`skill.web.verification`) and the server that runs it
(:mod:`skill.web.server`)."""

from skill.web.app import create_app

__all__ = ["create_app"]
