"""Alexa request verification for the self-hosted web endpoint.

Alexa signs every request it posts to a web service; anyone else can post too,
so the endpoint must prove each request is Amazon's before acting on it. The
ASK SDK's own verifier (``ask-sdk-webservice-support``) cannot be imported on
OpenSSL 3.0.10 and newer (its ``oscrypto`` dependency misreads the version), so
this module rebuilds the documented checks on ``cryptography``:

1. ``SignatureCertChainUrl`` points into Amazon's ``/echo.api/`` bucket path;
2. the certificate chain found there leads to a trusted root, names
   ``echo-api.amazon.com`` and is within its validity dates;
3. ``Signature-256`` is the leaf key's RSA PKCS#1 v1.5 SHA-256 signature of the
   raw body bytes;
4. the request timestamp is recent (replays of old captures are refused);
5. the application id is this skill's, when one is configured.

Every refusal is a :class:`VerificationError` whose reason is fixed text, so
it can be logged as is without leaking anything the caller sent.

The certificate download is the one thing a stranger can make this server do
for them, so it is rationed: a URL whose download or chain failed is
remembered for five minutes (and refused without a second download), and at
most two downloads run at once; a request that would need a third is refused
at once rather than queued.
"""

from __future__ import annotations

import base64
import binascii
import http.client
import json
import posixpath
import re
import ssl
import threading
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509 import DNSName
from cryptography.x509.verification import PolicyBuilder, Store
from cryptography.x509.verification import VerificationError as ChainError

JsonDict = dict[str, Any]
Clock = Callable[[], datetime]
Fetch = Callable[[str], bytes]

#: The only name Amazon's request-signing certificate may carry.
ALEXA_SIGNING_NAME = "echo-api.amazon.com"
CERT_URL_HOST = "s3.amazonaws.com"
CERT_URL_PATH_PREFIX = "/echo.api/"
#: Alexa's documented tolerance for ordinary requests, in either direction.
REQUEST_MAX_SKEW = timedelta(seconds=150)
#: Skill events (enable, disable, permission changes…) may be delivered up to an hour late.
SKILL_EVENT_MAX_SKEW = timedelta(seconds=3600)
SKILL_EVENT_PREFIX = "AlexaSkillEvent."
#: A download budget: a voice turn has about 8 s in all, so a slow S3 must not eat it.
DOWNLOAD_TIMEOUT_SECONDS = 2.0
#: Amazon's chain is a few kilobytes; anything far larger is not it.
DOWNLOAD_MAX_BYTES = 64 * 1024
#: See :class:`CertificateCache` for why cached certificates are re-checked hourly.
CACHE_MAX_AGE = timedelta(hours=1)
CACHE_MAX_ENTRIES = 32
#: A certificate URL that failed is refused without a download for this long.
FAILURE_MEMORY = timedelta(minutes=5)
FAILURE_MAX_ENTRIES = 1024
#: Downloads in progress at once, per process; one more is refused, not queued.
MAX_CONCURRENT_DOWNLOADS = 2
#: Sizes of RSA signatures from 1024- to 8192-bit keys (Amazon's is 2048: 256 bytes).
SIGNATURE_MIN_BYTES = 128
SIGNATURE_MAX_BYTES = 1024
SYSTEM_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")

_PEM_BLOCK = re.compile(rb"-----BEGIN CERTIFICATE-----\s.+?\s-----END CERTIFICATE-----", re.DOTALL)


class VerificationError(Exception):
    """A request failed verification.

    ``status`` is the HTTP status to answer with; ``reason`` is short fixed text
    that names the broken rule and never contains anything from the request.
    """

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"{status} {reason}")
        self.status = status
        self.reason = reason


class TimestampSkewError(VerificationError):
    """A signed request whose timestamp is outside tolerance.

    :meth:`RequestVerifier.verify` checks the timestamp after the signature,
    so this error means the request was genuinely Alexa's: when most requests
    fail this way, the server's own clock is the likely culprit.
    """

    def __init__(self) -> None:
        super().__init__(400, "timestamp outside tolerance")


class CertificateDownloadError(Exception):
    """The certificate chain could not be downloaded (network, status, size or time)."""


def utc_now() -> datetime:
    """The default clock: an aware UTC datetime, so comparisons never mix naive and aware."""
    return datetime.now(UTC)


def _refuse(reason: str) -> VerificationError:
    """A 400 refusal: Alexa's documentation asks for Bad Request on every failed check."""
    return VerificationError(400, reason)


# --- certificate URL -------------------------------------------------------------------------


def check_cert_url(url: str) -> str:
    """Return the canonical form of an acceptable ``SignatureCertChainUrl``, or refuse it.

    Only Amazon's bucket path may be trusted to hold the signing chain, so the
    URL must be https on ``s3.amazonaws.com`` (any case), port 443 if given,
    with a path under ``/echo.api/`` once percent-escapes and ``..`` segments
    are resolved. Credentials, queries and fragments are refused outright:
    Amazon never sends them and each is a way to make the URL mean something
    else than it seems. The canonical URL is what gets downloaded, so what was
    checked is exactly what is fetched.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise _refuse("certificate URL malformed") from None
    if parts.scheme.lower() != "https":
        raise _refuse("certificate URL not https")
    if "@" in parts.netloc or parts.username is not None or parts.password is not None:
        raise _refuse("certificate URL has credentials")
    if (parts.hostname or "") != CERT_URL_HOST:
        raise _refuse("certificate URL host not allowed")
    if port is not None and port != 443:
        raise _refuse("certificate URL port not allowed")
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise _refuse("certificate URL has query or fragment")
    # Decode first: "%2e%2e" must not slip past the normalisation as a literal name.
    path = posixpath.normpath(unquote(parts.path)) if parts.path else ""
    if not path.startswith(CERT_URL_PATH_PREFIX):
        raise _refuse("certificate URL path not allowed")
    return f"https://{CERT_URL_HOST}{quote(path, safe='/')}"


# --- certificate download --------------------------------------------------------------------


def download(
    url: str,
    *,
    timeout: float = DOWNLOAD_TIMEOUT_SECONDS,
    max_bytes: int = DOWNLOAD_MAX_BYTES,
    context: ssl.SSLContext | None = None,
) -> bytes:
    """GET an https URL within a total time budget and size limit.

    ``http.client`` rather than ``urllib``: a socket timeout only bounds each
    read, so a server dripping one byte a second could hold a request thread
    forever; here every step gets only what is left of the budget. Redirects
    are not followed (S3 has no reason to send one, and following it would
    leave the host the URL check approved).
    """
    deadline = time.monotonic() + timeout

    def remaining() -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise CertificateDownloadError("certificate download timed out")
        return left

    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise CertificateDownloadError("certificate download needs an https URL")
    connection = http.client.HTTPSConnection(
        parts.hostname,
        parts.port or 443,
        timeout=remaining(),
        context=context or ssl.create_default_context(),
    )
    try:
        connection.connect()
        # Kept apart: http.client drops its own reference once a closing response arrives.
        sock = connection.sock
        assert sock is not None  # connect() either sets it or raises
        sock.settimeout(remaining())
        connection.request("GET", parts.path or "/", headers={"Accept": "*/*"})
        response = connection.getresponse()
        if response.status != 200:
            raise CertificateDownloadError(f"certificate download answered {response.status}")
        chunks: list[bytes] = []
        size = 0
        while True:
            sock.settimeout(remaining())
            chunk = response.read1(8192)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise CertificateDownloadError("certificate download too large")
            chunks.append(chunk)
        return b"".join(chunks)
    except (OSError, http.client.HTTPException) as error:
        raise CertificateDownloadError(
            f"certificate download failed: {type(error).__name__}"
        ) from error
    finally:
        connection.close()


# --- trusted roots ---------------------------------------------------------------------------


def load_trusted_roots(path: Path | None = None) -> list[x509.Certificate]:
    """Read a PEM bundle of root certificates (default: the system CA bundle).

    Certificates are parsed one by one and unparseable ones skipped: system
    bundles carry a few legacy roots (negative serial numbers…) that newer
    ``cryptography`` releases refuse, and one odd root must not disable
    verification altogether.
    """
    if path is None:
        default = ssl.get_default_verify_paths().cafile
        path = Path(default) if default else SYSTEM_CA_BUNDLE
    roots: list[x509.Certificate] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CryptographyDeprecationWarning)
        for block in _PEM_BLOCK.findall(path.read_bytes()):
            try:
                roots.append(x509.load_pem_x509_certificate(block))
            except ValueError:
                continue
    if not roots:
        raise ValueError(f"no usable root certificates in {path}")
    return roots


# --- chain and signature ---------------------------------------------------------------------


@dataclass(frozen=True)
class TrustedCertificate:
    """A leaf that passed every certificate check, and until when that result may be reused."""

    public_key: rsa.RSAPublicKey
    not_before: datetime
    use_until: datetime


def parse_pem_chain(pem: bytes) -> tuple[x509.Certificate, list[x509.Certificate]]:
    """Split Amazon's PEM file into the leaf (first) and the intermediates after it."""
    try:
        certificates = x509.load_pem_x509_certificates(pem)
    except ValueError:
        raise _refuse("certificate chain malformed") from None
    return certificates[0], certificates[1:]


def _has_signing_name(leaf: x509.Certificate) -> bool:
    """Whether the leaf's SAN lists ``echo-api.amazon.com`` (DNS names are case-insensitive)."""
    try:
        san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return False
    return any(name.lower() == ALEXA_SIGNING_NAME for name in san.get_values_for_type(x509.DNSName))


def verify_chain(
    pem: bytes, store: Store, now: datetime, max_age: timedelta = CACHE_MAX_AGE
) -> TrustedCertificate:
    """Check a downloaded chain and return the leaf's key with how long to trust it.

    The SAN and validity dates are checked explicitly first only to give the log
    a precise reason; ``cryptography``'s path validation then checks them again
    along with the signatures up to a trusted root, key usage and the rest of
    RFC 5280, which is the check that actually matters.
    """
    leaf, intermediates = parse_pem_chain(pem)
    if now < leaf.not_valid_before_utc:
        raise _refuse("certificate not yet valid")
    if now > leaf.not_valid_after_utc:
        raise _refuse("certificate expired")
    if not _has_signing_name(leaf):
        raise _refuse("certificate not issued for echo-api.amazon.com")
    verifier = (
        PolicyBuilder().store(store).time(now).build_server_verifier(DNSName(ALEXA_SIGNING_NAME))
    )
    try:
        chain = verifier.verify(leaf, intermediates)
    except ChainError:
        raise _refuse("certificate chain not trusted") from None
    public_key = leaf.public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise _refuse("certificate key is not RSA")
    expires = min(certificate.not_valid_after_utc for certificate in chain)
    return TrustedCertificate(public_key, leaf.not_valid_before_utc, min(expires, now + max_age))


def decode_signature(signature_b64: str) -> bytes:
    """The ``Signature-256`` header's bytes, refused unless it is base64 of an RSA signature's size.

    Checked before any certificate is fetched, so junk never costs a download.
    """
    try:
        signature = base64.b64decode(signature_b64.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise _refuse("signature malformed") from None
    if not SIGNATURE_MIN_BYTES <= len(signature) <= SIGNATURE_MAX_BYTES:
        raise _refuse("signature malformed")
    return signature


def check_signature(public_key: rsa.RSAPublicKey, signature_b64: str, body: bytes) -> None:
    """Check ``Signature-256``: RSA PKCS#1 v1.5 with SHA-256 over the exact bytes received."""
    signature = decode_signature(signature_b64)
    try:
        public_key.verify(signature, body, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise _refuse("signature mismatch") from None


# --- certificate cache -----------------------------------------------------------------------


class CertificateCache:
    """Downloads, verifies and remembers signing certificates by URL.

    Alexa signs with one certificate for months, so verifying its chain on
    every request would be pure waste: a verified leaf is kept until the
    earliest ``not_valid_after`` of its chain, but never longer than
    ``max_age`` (one hour). The cap matters because nothing here checks
    revocation: a revoked certificate, or a root removed from the bundle,
    stops being trusted within the hour, at the cost of one download an hour.
    The cache is a bounded LRU so URLs that pass the URL check cannot grow it
    without limit. Concurrent misses for the same URL may each download once;
    that is rare, harmless, and keeps the lock off the network path.

    Failures are remembered too, briefly (``failure_memory``, five minutes, in
    a bounded LRU): anyone can send a certificate URL under ``/echo.api/``,
    and without this every such request would make the server fetch it again.
    At most ``max_downloads`` run at once; one more is refused at once, so a
    flood of new URLs cannot tie up request threads waiting on S3.
    """

    def __init__(
        self,
        *,
        trusted_roots: Sequence[x509.Certificate] | None = None,
        fetch: Fetch = download,
        clock: Clock = utc_now,
        max_age: timedelta = CACHE_MAX_AGE,
        max_entries: int = CACHE_MAX_ENTRIES,
        failure_memory: timedelta = FAILURE_MEMORY,
        max_failures: int = FAILURE_MAX_ENTRIES,
        max_downloads: int = MAX_CONCURRENT_DOWNLOADS,
    ) -> None:
        roots = list(trusted_roots) if trusted_roots is not None else load_trusted_roots()
        self._store = Store(roots)
        self._fetch = fetch
        self._clock = clock
        self._max_age = max_age
        self._max_entries = max_entries
        self._failure_memory = failure_memory
        self._max_failures = max_failures
        self._entries: OrderedDict[str, TrustedCertificate] = OrderedDict()
        self._failures: OrderedDict[str, tuple[datetime, str]] = OrderedDict()
        self._downloads = threading.BoundedSemaphore(max_downloads)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def get(self, cert_chain_url: str) -> TrustedCertificate:
        """Return the trusted leaf behind a ``SignatureCertChainUrl``, downloading if needed."""
        url = check_cert_url(cert_chain_url)
        now = self._clock()
        with self._lock:
            cached = self._entries.get(url)
            if cached is not None and cached.not_before <= now < cached.use_until:
                self._entries.move_to_end(url)
                return cached
            failed = self._failures.get(url)
            if failed is not None and now < failed[0]:
                raise _refuse(failed[1])
        if not self._downloads.acquire(blocking=False):
            raise _refuse("certificate downloads busy")
        try:
            trusted = verify_chain(self._download(url), self._store, now, self._max_age)
        except VerificationError as error:
            self._remember_failure(url, now, error.reason)
            raise
        finally:
            self._downloads.release()
        with self._lock:
            self._failures.pop(url, None)
            self._entries[url] = trusted
            self._entries.move_to_end(url)
            while len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)
        return trusted

    def _download(self, url: str) -> bytes:
        try:
            return self._fetch(url)
        except CertificateDownloadError:
            raise _refuse("certificate download failed") from None

    def _remember_failure(self, url: str, now: datetime, reason: str) -> None:
        with self._lock:
            self._failures[url] = (now + self._failure_memory, reason)
            self._failures.move_to_end(url)
            while len(self._failures) > self._max_failures:
                self._failures.popitem(last=False)


# --- the request envelope --------------------------------------------------------------------


def parse_envelope(body: bytes) -> JsonDict:
    """Parse the body as an Alexa request envelope, refusing anything else.

    Deeply nested JSON raises ``RecursionError`` in the parser; it is a
    malformed request like any other, not a server error.
    """
    try:
        envelope: JsonDict = json.loads(body)
    except (ValueError, RecursionError):
        raise _refuse("body is not JSON") from None
    request = envelope.get("request") if isinstance(envelope, dict) else None
    if not isinstance(request, dict) or not isinstance(request.get("type"), str):
        raise _refuse("body is not an Alexa request")
    return envelope


def _request_time(envelope: JsonDict) -> datetime:
    """The envelope's ``request.timestamp`` as an aware datetime (naive means UTC)."""
    raw = envelope["request"].get("timestamp")
    if not isinstance(raw, str):
        raise _refuse("timestamp missing")
    try:
        stamp = datetime.fromisoformat(raw)
    except ValueError:
        raise _refuse("timestamp malformed") from None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def check_timestamp(envelope: JsonDict, now: datetime) -> None:
    """Refuse requests stamped too long ago or too far ahead: captured requests cannot be replayed.

    Skill events get an hour because Alexa may queue them before delivery.
    """
    skew = abs(now - _request_time(envelope))
    is_event = envelope["request"]["type"].startswith(SKILL_EVENT_PREFIX)
    if skew > (SKILL_EVENT_MAX_SKEW if is_event else REQUEST_MAX_SKEW):
        raise TimestampSkewError()


def _application_id_at(node: Any) -> str | None:
    """``node.application.applicationId`` if it is there and a string."""
    application = node.get("application") if isinstance(node, dict) else None
    value = application.get("applicationId") if isinstance(application, dict) else None
    return value if isinstance(value, str) else None


def application_id(envelope: JsonDict) -> str | None:
    """The skill id a request is for: ``context.System`` first, the session as a fallback.

    Skill events and some requests carry no session, so the context is the primary source.
    """
    context = envelope.get("context")
    system = context.get("System") if isinstance(context, dict) else None
    return _application_id_at(system) or _application_id_at(envelope.get("session"))


def check_application_id(envelope: JsonDict, skill_id: str | None) -> None:
    """Refuse requests for another skill.

    A valid Amazon signature only proves the request came from Alexa, not that
    it is meant for this skill: anyone can point their own skill at this URL.
    403 because the request is authentic but not allowed here.
    """
    if skill_id is not None and application_id(envelope) != skill_id:
        raise VerificationError(403, "application id not allowed")


# --- putting it together ---------------------------------------------------------------------


class RequestVerifier:
    """Runs every signature-related check on one request (the skill id is checked separately).

    Cheap checks run first (headers, JSON shape, signature encoding) so junk
    never reaches the certificate download. The timestamp is checked after the
    signature: a sender can write any timestamp, so checking it first would
    stop no attacker, while checking it last means a :class:`TimestampSkewError`
    is always about a genuine request, which is what the clock watch needs.
    """

    def __init__(self, certificates: CertificateCache, clock: Clock = utc_now) -> None:
        self._certificates = certificates
        self._clock = clock

    def verify(self, body: bytes, signature: str | None, cert_chain_url: str | None) -> JsonDict:
        """Return the parsed envelope of an authentic, fresh request; raise otherwise."""
        if not signature or not cert_chain_url:
            raise _refuse("signature headers missing")
        envelope = parse_envelope(body)
        decode_signature(signature)
        trusted = self._certificates.get(cert_chain_url)
        check_signature(trusted.public_key, signature, body)
        check_timestamp(envelope, self._clock())
        return envelope
