"""Fixtures of the integration tier (the shared ones are in tests/conftest.py)."""

import pytest

from tests.support.alexa_pki import PKI_TIME, Pki, make_pki


@pytest.fixture(scope="session")
def pki() -> Pki:
    """The tests' own certificate authority and an Alexa-shaped chain, valid at ``PKI_TIME``."""
    return make_pki(PKI_TIME)
