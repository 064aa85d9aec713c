"""A private certificate authority that signs requests the way Alexa does.

The verification tests, the web tests and the web load benchmark all need
signed requests that the real verifier accepts, without Amazon's private key:
this module makes a root, an intermediate and an ``echo-api.amazon.com`` leaf
shaped like a public web PKI chain (so ``cryptography``'s strict path
validation accepts them), and signs request bodies with the leaf key.
"""

from __future__ import annotations

import base64
import functools
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000001"
#: When the ``pki`` fixture's chain (tests/integration/conftest.py) is valid.
PKI_TIME = datetime(2026, 3, 1, 20, 30, tzinfo=UTC)


@functools.cache
def rsa_key(slot: str) -> rsa.RSAPrivateKey:
    """A 2048-bit key per named slot, made once per process (key generation is the slow part)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _builder(
    subject: str,
    issuer: x509.Certificate | None,
    key: rsa.RSAPrivateKey,
    start: datetime,
    end: datetime,
) -> x509.CertificateBuilder:
    """Fields every certificate of the chain shares; the web PKI profile needs the key ids."""
    public = key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer.subject if issuer else _name(subject))
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
    )
    if issuer is not None:
        ski = issuer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
    return builder


def _ca_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )


def make_ca(
    name: str,
    key: rsa.RSAPrivateKey,
    now: datetime,
    issuer: tuple[x509.Certificate, rsa.RSAPrivateKey] | None = None,
) -> x509.Certificate:
    """A root (no issuer) or an intermediate CA valid for years around ``now``."""
    start, end = now - timedelta(days=365), now + timedelta(days=3650)
    builder = (
        _builder(name, issuer[0] if issuer else None, key, start, end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_ca_usage(), critical=True)
    )
    return builder.sign(issuer[1] if issuer else key, hashes.SHA256())


def make_leaf(
    issuer: x509.Certificate,
    issuer_key: rsa.RSAPrivateKey,
    now: datetime,
    *,
    san: str = "echo-api.amazon.com",
    not_before: timedelta = timedelta(days=-30),
    not_after: timedelta = timedelta(days=300),
) -> x509.Certificate:
    """A request-signing leaf; dates are offsets from ``now`` so tests can move them."""
    key = rsa_key("leaf")
    builder = (
        _builder(san, issuer, key, now + not_before, now + not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=True,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(san)]), critical=False)
    )
    return builder.sign(issuer_key, hashes.SHA256())


@dataclass(frozen=True)
class Pki:
    """A root, an intermediate under it, and a leaf under that: Amazon's chain shape."""

    root: x509.Certificate
    intermediate: x509.Certificate
    leaf: x509.Certificate

    def chain_pem(self, leaf: x509.Certificate | None = None) -> bytes:
        """The file Amazon serves: the leaf first, then the intermediate."""
        return b"".join(
            cert.public_bytes(serialization.Encoding.PEM)
            for cert in (leaf or self.leaf, self.intermediate)
        )

    def root_pem(self) -> bytes:
        """The root alone, for a process that must be told to trust it."""
        return self.root.public_bytes(serialization.Encoding.PEM)


def make_pki(now: datetime, root_slot: str = "root") -> Pki:
    """A complete test chain valid at ``now``; another ``root_slot`` gives an unrelated CA."""
    root_key = rsa_key(root_slot)
    root = make_ca(f"Test Root {root_slot}", root_key, now)
    intermediate = make_ca("Test Intermediate", rsa_key("intermediate"), now, (root, root_key))
    return Pki(root, intermediate, make_leaf(intermediate, rsa_key("intermediate"), now))


def sign(body: bytes, key: rsa.RSAPrivateKey | None = None) -> str:
    """The ``Signature-256`` header value for a body: base64 of RSA PKCS#1 v1.5 SHA-256."""
    signer = key or rsa_key("leaf")
    return base64.b64encode(signer.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode()


def encode(envelope: dict[str, Any]) -> bytes:
    """Serialise an envelope the way it goes over the wire."""
    return json.dumps(envelope).encode()


def signed_headers(body: bytes, cert_url: str = CERT_URL) -> dict[str, str]:
    """The headers Alexa adds to a request with this body."""
    return {
        "Content-Type": "application/json; charset=utf-8",
        "Signature-256": sign(body),
        "SignatureCertChainUrl": cert_url,
    }
