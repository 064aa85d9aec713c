"""Alexa request verification against a certificate authority the tests make themselves.

Each refusal rule has its own test; the happy path uses a real chain, a real
RSA signature over the real body bytes, and the same verifier the web endpoint
uses, with only the trusted root, the download and the clock injected.
"""

from __future__ import annotations

import base64
import http.server
import json
import ssl
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from skill.local.envelope import Caller, JsonDict, launch_request, skill_disabled_event
from skill.web.verification import (
    CertificateCache,
    CertificateDownloadError,
    RequestVerifier,
    TimestampSkewError,
    VerificationError,
    check_application_id,
    check_cert_url,
    download,
    load_trusted_roots,
)
from tests.support.alexa_pki import (
    CERT_URL,
    PKI_TIME,
    SKILL_ID,
    Pki,
    encode,
    make_leaf,
    make_pki,
    rsa_key,
    sign,
)

NOW = PKI_TIME


def alexa_request(at: datetime, application_id: str = SKILL_ID) -> JsonDict:
    """A LaunchRequest stamped ``at``, for this skill unless told otherwise."""
    return launch_request(caller=Caller(skill_id=application_id), timestamp=at)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class FakeDownloads:
    """Serves PEM files by URL and counts downloads, standing in for S3."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.calls: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.calls.append(url)
        if url not in self.files:
            raise CertificateDownloadError("not found")
        return self.files[url]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def downloads(pki: Pki) -> FakeDownloads:
    return FakeDownloads({CERT_URL: pki.chain_pem()})


@pytest.fixture
def certificate_cache(pki: Pki, downloads: FakeDownloads, clock: FakeClock) -> CertificateCache:
    return CertificateCache(trusted_roots=[pki.root], fetch=downloads, clock=clock)


@pytest.fixture
def verifier(certificate_cache: CertificateCache, clock: FakeClock) -> RequestVerifier:
    return RequestVerifier(certificate_cache, clock=clock)


def refusal(verifier: RequestVerifier, body: bytes, signature: str | None, url: str | None) -> str:
    """Run a request that must be refused and return the reason (always a 400 here)."""
    with pytest.raises(VerificationError) as caught:
        verifier.verify(body, signature, url)
    assert caught.value.status == 400
    return caught.value.reason


# --- the valid case --------------------------------------------------------------------------


def test_a_genuine_request_is_accepted_and_parsed(verifier: RequestVerifier) -> None:
    envelope = alexa_request(NOW)
    body = encode(envelope)
    assert verifier.verify(body, sign(body), CERT_URL) == envelope


def test_the_leaf_may_be_signed_directly_by_a_trusted_intermediate(
    pki: Pki, downloads: FakeDownloads, clock: FakeClock
) -> None:
    # Trusting the intermediate itself is a valid path too; the chain file stays the same.
    cache = CertificateCache(trusted_roots=[pki.intermediate], fetch=downloads, clock=clock)
    body = encode(alexa_request(NOW))
    assert RequestVerifier(cache, clock=clock).verify(body, sign(body), CERT_URL)


# --- certificate URL -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "HTTPS://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://S3.AmazonAWS.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/./sub/../echo-api-cert.pem",
    ],
)
def test_amazon_cert_url_variants_are_accepted_in_canonical_form(url: str) -> None:
    assert check_cert_url(url) == "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://s3.amazonaws.com/echo.api/echo-api-cert.pem", "certificate URL not https"),
        ("ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem", "certificate URL not https"),
        ("s3.amazonaws.com/echo.api/echo-api-cert.pem", "certificate URL not https"),
        ("https://notamazon.com/echo.api/echo-api-cert.pem", "certificate URL host not allowed"),
        (
            "https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem",
            "certificate URL host not allowed",
        ),
        ("https://evil.s3.amazonaws.com/echo.api/cert.pem", "certificate URL host not allowed"),
        ("https://s3.amazonaws.com./echo.api/cert.pem", "certificate URL host not allowed"),
        (
            "https://s3.amazonaws.com@evil.example/echo.api/echo-api-cert.pem",
            "certificate URL has credentials",
        ),
        (
            "https://evil.example@s3.amazonaws.com/echo.api/echo-api-cert.pem",
            "certificate URL has credentials",
        ),
        (
            "https://user:pw@s3.amazonaws.com/echo.api/echo-api-cert.pem",
            "certificate URL has credentials",
        ),
        (
            "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
            "certificate URL port not allowed",
        ),
        (
            "https://s3.amazonaws.com:80/echo.api/echo-api-cert.pem",
            "certificate URL port not allowed",
        ),
        ("https://s3.amazonaws.com:99999/echo.api/cert.pem", "certificate URL malformed"),
        ("https://s3.amazonaws.com:x/echo.api/cert.pem", "certificate URL malformed"),
        ("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem", "certificate URL path not allowed"),
        (
            "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
            "certificate URL path not allowed",
        ),
        ("https://s3.amazonaws.com/echo.api/../evil/cert.pem", "certificate URL path not allowed"),
        ("https://s3.amazonaws.com/echo.api/..", "certificate URL path not allowed"),
        (
            "https://s3.amazonaws.com/echo.api/%2e%2e/evil/cert.pem",
            "certificate URL path not allowed",
        ),
        ("https://s3.amazonaws.com/echo.api", "certificate URL path not allowed"),
        ("https://s3.amazonaws.com//echo.api/cert.pem", "certificate URL path not allowed"),
        ("https://s3.amazonaws.com", "certificate URL path not allowed"),
        (
            "https://s3.amazonaws.com/echo.api/cert.pem?versionId=1",
            "certificate URL has query or fragment",
        ),
        ("https://s3.amazonaws.com/echo.api/cert.pem#x", "certificate URL has query or fragment"),
    ],
)
def test_cert_urls_outside_amazons_bucket_are_refused(
    url: str, reason: str, verifier: RequestVerifier, downloads: FakeDownloads
) -> None:
    body = encode(alexa_request(NOW))
    assert refusal(verifier, body, sign(body), url) == reason
    assert downloads.calls == []  # refused before anything is fetched


# --- certificate content ---------------------------------------------------------------------


def verify_with_chain(pki: Pki, chain: bytes, trusted: Pki | None = None) -> str:
    """Refusal reason for a genuine request whose URL serves ``chain``."""
    clock = FakeClock()
    cache = CertificateCache(
        trusted_roots=[(trusted or pki).root], fetch=FakeDownloads({CERT_URL: chain}), clock=clock
    )
    body = encode(alexa_request(NOW))
    return refusal(RequestVerifier(cache, clock=clock), body, sign(body), CERT_URL)


def test_a_leaf_for_another_name_is_refused(pki: Pki) -> None:
    leaf = make_leaf(pki.intermediate, rsa_key("intermediate"), NOW, san="echo-api.evil.example")
    reason = verify_with_chain(pki, pki.chain_pem(leaf))
    assert reason == "certificate not issued for echo-api.amazon.com"


def test_an_expired_leaf_is_refused(pki: Pki) -> None:
    leaf = make_leaf(
        pki.intermediate,
        rsa_key("intermediate"),
        NOW,
        not_before=timedelta(days=-400),
        not_after=timedelta(seconds=-1),
    )
    assert verify_with_chain(pki, pki.chain_pem(leaf)) == "certificate expired"


def test_a_leaf_not_yet_valid_is_refused(pki: Pki) -> None:
    leaf = make_leaf(pki.intermediate, rsa_key("intermediate"), NOW, not_before=timedelta(hours=1))
    assert verify_with_chain(pki, pki.chain_pem(leaf)) == "certificate not yet valid"


def test_a_chain_to_an_untrusted_root_is_refused(pki: Pki) -> None:
    stranger = make_pki(NOW, root_slot="stranger")
    assert verify_with_chain(stranger, stranger.chain_pem(), trusted=pki) == (
        "certificate chain not trusted"
    )


def test_a_chain_missing_its_intermediate_is_refused(pki: Pki) -> None:
    leaf_only = pki.leaf.public_bytes(serialization.Encoding.PEM)
    assert verify_with_chain(pki, leaf_only) == "certificate chain not trusted"


def test_a_self_issued_leaf_is_refused(pki: Pki) -> None:
    # A leaf whose issuer claims to be the trusted intermediate but is signed by another key.
    forged = make_leaf(pki.intermediate, rsa_key("forger"), NOW)
    assert verify_with_chain(pki, pki.chain_pem(forged)) == "certificate chain not trusted"


@pytest.mark.parametrize("chain", [b"", b"not a certificate", b"-----BEGIN CERTIFICATE-----\nAAAA"])
def test_a_malformed_chain_is_refused(pki: Pki, chain: bytes) -> None:
    assert verify_with_chain(pki, chain) == "certificate chain malformed"


# --- signature -------------------------------------------------------------------------------


def test_a_signature_by_another_key_is_refused(verifier: RequestVerifier) -> None:
    body = encode(alexa_request(NOW))
    assert refusal(verifier, body, sign(body, rsa_key("forger")), CERT_URL) == "signature mismatch"


def test_a_tampered_body_is_refused(verifier: RequestVerifier) -> None:
    envelope = alexa_request(NOW)
    signature = sign(encode(envelope))
    envelope["context"]["System"]["user"]["userId"] = "amzn1.ask.account.SOMEONE-ELSE"
    assert refusal(verifier, encode(envelope), signature, CERT_URL) == "signature mismatch"


def test_the_signature_covers_the_raw_bytes_not_the_parsed_json(verifier: RequestVerifier) -> None:
    # Same JSON, different whitespace: a re-serialising verifier would wrongly accept it.
    envelope = alexa_request(NOW)
    signature = sign(json.dumps(envelope).encode())
    reformatted = json.dumps(envelope, indent=2).encode()
    assert refusal(verifier, reformatted, signature, CERT_URL) == "signature mismatch"


@pytest.mark.parametrize(
    "signature", ["%%%not-base64%%%", "abc", "c2hvcnQ=", base64.b64encode(b"x" * 2000).decode()]
)
def test_a_malformed_signature_is_refused_without_any_download(
    verifier: RequestVerifier, downloads: FakeDownloads, signature: str
) -> None:
    body = encode(alexa_request(NOW))
    assert refusal(verifier, body, signature, CERT_URL) == "signature malformed"
    assert downloads.calls == []  # junk never makes the server fetch anything


@pytest.mark.parametrize(
    ("with_signature", "with_url"), [(False, True), (True, False), (False, False)]
)
def test_missing_signature_headers_are_refused(
    verifier: RequestVerifier, with_signature: bool, with_url: bool
) -> None:
    body = encode(alexa_request(NOW))
    signature = sign(body) if with_signature else None
    url = CERT_URL if with_url else ""
    assert refusal(verifier, body, signature, url) == "signature headers missing"


# --- body and timestamp ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"hello", "body is not JSON"),
        (b"\xff\xfe", "body is not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "body is not JSON"),
        (b"[]", "body is not an Alexa request"),
        (b'{"request": {}}', "body is not an Alexa request"),
        (b'{"request": {"type": 5}}', "body is not an Alexa request"),
        (b'{"request": {"type": "LaunchRequest"}}', "timestamp missing"),
        (b'{"request": {"type": "LaunchRequest", "timestamp": "soon"}}', "timestamp malformed"),
    ],
)
def test_malformed_bodies_are_refused(verifier: RequestVerifier, body: bytes, reason: str) -> None:
    assert refusal(verifier, body, sign(body), CERT_URL) == reason


@pytest.mark.parametrize("offset", [-151, 151, -3600, 86400])
def test_a_request_outside_150_seconds_is_refused(verifier: RequestVerifier, offset: int) -> None:
    body = encode(alexa_request(NOW + timedelta(seconds=offset)))
    assert refusal(verifier, body, sign(body), CERT_URL) == "timestamp outside tolerance"


@pytest.mark.parametrize("offset", [-150, -5, 0, 5, 150])
def test_a_request_within_150_seconds_is_accepted(verifier: RequestVerifier, offset: int) -> None:
    body = encode(alexa_request(NOW + timedelta(seconds=offset)))
    assert verifier.verify(body, sign(body), CERT_URL)


def test_timestamps_with_offsets_and_fractions_are_understood(verifier: RequestVerifier) -> None:
    envelope = alexa_request(NOW)
    envelope["request"]["timestamp"] = "2026-03-01T21:30:30.123+01:00"
    body = encode(envelope)
    assert verifier.verify(body, sign(body), CERT_URL)


@pytest.mark.parametrize(("offset", "accepted"), [(-3000, True), (3600, True), (-3601, False)])
def test_skill_events_get_an_hour(verifier: RequestVerifier, offset: int, accepted: bool) -> None:
    envelope = skill_disabled_event(
        caller=Caller(skill_id=SKILL_ID), timestamp=NOW + timedelta(seconds=offset)
    )
    body = encode(envelope)
    if accepted:
        assert verifier.verify(body, sign(body), CERT_URL) == envelope
    else:
        assert refusal(verifier, body, sign(body), CERT_URL) == "timestamp outside tolerance"


# --- application id --------------------------------------------------------------------------


def test_a_request_for_another_skill_is_forbidden() -> None:
    envelope = alexa_request(NOW, application_id="amzn1.ask.skill.someone-else")
    with pytest.raises(VerificationError) as caught:
        check_application_id(envelope, SKILL_ID)
    assert (caught.value.status, caught.value.reason) == (403, "application id not allowed")


def test_a_request_without_any_application_id_is_forbidden_when_one_is_configured() -> None:
    envelope = alexa_request(NOW)
    del envelope["context"], envelope["session"]
    with pytest.raises(VerificationError):
        check_application_id(envelope, SKILL_ID)


def test_the_session_application_id_is_the_fallback() -> None:
    envelope = alexa_request(NOW)
    del envelope["context"]
    check_application_id(envelope, SKILL_ID)
    envelope["session"]["application"]["applicationId"] = "amzn1.ask.skill.someone-else"
    with pytest.raises(VerificationError):
        check_application_id(envelope, SKILL_ID)


def test_the_context_application_id_wins_over_the_session() -> None:
    envelope = alexa_request(NOW)
    envelope["session"]["application"] = {"applicationId": SKILL_ID}
    envelope["context"]["System"]["application"] = {"applicationId": "amzn1.ask.skill.other"}
    with pytest.raises(VerificationError):
        check_application_id(envelope, SKILL_ID)


def test_any_skill_is_accepted_when_none_is_configured() -> None:
    check_application_id(alexa_request(NOW, application_id="amzn1.ask.skill.any"), None)


# --- certificate cache -----------------------------------------------------------------------


def genuine(verifier: RequestVerifier, clock: FakeClock, url: str = CERT_URL) -> None:
    """Verify one genuine request stamped at the clock's current time."""
    body = encode(alexa_request(clock.now))
    verifier.verify(body, sign(body), url)


def test_a_cached_certificate_is_not_downloaded_again(
    verifier: RequestVerifier, downloads: FakeDownloads, clock: FakeClock
) -> None:
    for _ in range(5):
        genuine(verifier, clock)
        clock.now += timedelta(minutes=5)
    assert downloads.calls == [CERT_URL]


def test_url_spellings_of_one_certificate_share_a_cache_entry(
    verifier: RequestVerifier, downloads: FakeDownloads, clock: FakeClock
) -> None:
    genuine(verifier, clock)
    genuine(verifier, clock, "HTTPS://S3.amazonaws.com:443/echo.api/x/../echo-api-cert-test.pem")
    assert downloads.calls == [CERT_URL]


def test_the_cache_checks_again_after_an_hour(
    verifier: RequestVerifier, downloads: FakeDownloads, clock: FakeClock
) -> None:
    genuine(verifier, clock)
    clock.now += timedelta(minutes=59)
    genuine(verifier, clock)
    assert len(downloads.calls) == 1
    clock.now += timedelta(minutes=2)
    genuine(verifier, clock)
    assert len(downloads.calls) == 2


def test_the_cache_never_outlives_the_certificate(pki: Pki, clock: FakeClock) -> None:
    leaf = make_leaf(
        pki.intermediate, rsa_key("intermediate"), NOW, not_after=timedelta(minutes=10)
    )
    downloads = FakeDownloads({CERT_URL: pki.chain_pem(leaf)})
    verifier = RequestVerifier(
        CertificateCache(trusted_roots=[pki.root], fetch=downloads, clock=clock), clock=clock
    )
    genuine(verifier, clock)
    clock.now += timedelta(minutes=11)  # still within the hour, but the leaf has expired
    body = encode(alexa_request(clock.now))
    assert refusal(verifier, body, sign(body), CERT_URL) == "certificate expired"
    assert len(downloads.calls) == 2


def test_the_cache_keeps_only_the_most_recently_used_entries(pki: Pki, clock: FakeClock) -> None:
    urls = [f"https://s3.amazonaws.com/echo.api/cert-{n}.pem" for n in range(3)]
    downloads = FakeDownloads(dict.fromkeys(urls, pki.chain_pem()))
    cache = CertificateCache(trusted_roots=[pki.root], fetch=downloads, clock=clock, max_entries=2)
    verifier = RequestVerifier(cache, clock=clock)
    genuine(verifier, clock, urls[0])
    genuine(verifier, clock, urls[1])
    genuine(verifier, clock, urls[0])  # refreshes cert-0, so cert-1 is now the oldest
    genuine(verifier, clock, urls[2])  # evicts cert-1
    assert len(cache) == 2
    genuine(verifier, clock, urls[0])
    assert downloads.calls == [urls[0], urls[1], urls[2]]
    genuine(verifier, clock, urls[1])
    assert downloads.calls[-1] == urls[1]


def test_a_failed_download_is_remembered_for_five_minutes(
    verifier: RequestVerifier, downloads: FakeDownloads, clock: FakeClock
) -> None:
    files = dict(downloads.files)
    downloads.files.clear()
    for _ in range(10):
        body = encode(alexa_request(clock.now))
        assert refusal(verifier, body, sign(body), CERT_URL) == "certificate download failed"
        clock.now += timedelta(seconds=29)
    assert downloads.calls == [CERT_URL]  # one download, not ten
    downloads.files.update(files)
    clock.now += timedelta(seconds=11)  # five minutes after the failure
    genuine(verifier, clock)
    assert len(downloads.calls) == 2


def test_a_chain_that_failed_is_remembered_too(pki: Pki, clock: FakeClock) -> None:
    stranger = make_pki(NOW, root_slot="stranger")
    downloads = FakeDownloads({CERT_URL: stranger.chain_pem()})
    cache = CertificateCache(trusted_roots=[pki.root], fetch=downloads, clock=clock)
    verifier = RequestVerifier(cache, clock=clock)
    for _ in range(3):
        body = encode(alexa_request(NOW))
        assert refusal(verifier, body, sign(body), CERT_URL) == "certificate chain not trusted"
    assert downloads.calls == [CERT_URL]


def test_remembered_failures_are_bounded(pki: Pki, clock: FakeClock) -> None:
    downloads = FakeDownloads({})
    cache = CertificateCache(trusted_roots=[pki.root], fetch=downloads, clock=clock, max_failures=3)
    verifier = RequestVerifier(cache, clock=clock)
    urls = [f"https://s3.amazonaws.com/echo.api/gone-{n}.pem" for n in range(4)]
    body = encode(alexa_request(NOW))
    for url in [*urls, urls[3], urls[0]]:
        refusal(verifier, body, sign(body), url)
    # The oldest failure made room for the fourth, so it is fetched again; the fourth is not.
    assert downloads.calls == [*urls, urls[0]]


def test_downloads_at_once_are_limited_and_the_next_is_refused_at_once(
    pki: Pki, clock: FakeClock
) -> None:
    release, arrived = threading.Event(), threading.Semaphore(0)
    calls: list[str] = []

    def slow_fetch(url: str) -> bytes:
        calls.append(url)
        arrived.release()
        release.wait(5)
        raise CertificateDownloadError("gone")

    cache = CertificateCache(trusted_roots=[pki.root], fetch=slow_fetch, clock=clock)
    verifier = RequestVerifier(cache, clock=clock)
    body = encode(alexa_request(NOW))
    urls = [f"https://s3.amazonaws.com/echo.api/slow-{n}.pem" for n in range(3)]
    busy = [
        threading.Thread(target=refusal, args=(verifier, body, sign(body), url)) for url in urls[:2]
    ]
    for thread in busy:
        thread.start()
    assert arrived.acquire(timeout=5) and arrived.acquire(timeout=5)
    try:
        started = time.monotonic()
        assert refusal(verifier, body, sign(body), urls[2]) == "certificate downloads busy"
        assert time.monotonic() - started < 0.5
        assert calls == urls[:2]
    finally:
        release.set()
        for thread in busy:
            thread.join(timeout=5)


def test_a_stale_request_is_checked_for_its_signature_first(verifier: RequestVerifier) -> None:
    body = encode(alexa_request(NOW - timedelta(seconds=300)))
    assert refusal(verifier, body, sign(b"forged" + body), CERT_URL) == "signature mismatch"
    with pytest.raises(TimestampSkewError):  # genuine, so the clock watch may count it
        verifier.verify(body, sign(body), CERT_URL)


def test_the_cache_is_safe_under_concurrent_use(
    pki: Pki, downloads: FakeDownloads, clock: FakeClock
) -> None:
    urls = [f"https://s3.amazonaws.com/echo.api/cert-{n}.pem" for n in range(8)]
    downloads.files.update(dict.fromkeys(urls, pki.chain_pem()))
    cache = CertificateCache(
        trusted_roots=[pki.root], fetch=downloads, clock=clock, max_entries=4, max_downloads=8
    )
    verifier = RequestVerifier(cache, clock=clock)
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for n in range(40):
                genuine(verifier, clock, urls[(n + offset) % len(urls)])
        except BaseException as error:  # collected and asserted on below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(cache) == 4


# --- trusted roots ---------------------------------------------------------------------------


def test_trusted_roots_skip_unparseable_entries(pki: Pki, tmp_path: Path) -> None:
    broken = b"-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(broken + pki.root_pem() + pki.chain_pem())
    roots = load_trusted_roots(bundle)
    assert [root.subject for root in roots] == [
        pki.root.subject,
        pki.leaf.subject,
        pki.intermediate.subject,
    ]


def test_a_bundle_without_certificates_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pem"
    empty.write_bytes(b"nothing here")
    with pytest.raises(ValueError):
        load_trusted_roots(empty)


def test_the_system_bundle_is_the_default() -> None:
    assert len(load_trusted_roots()) > 10


def test_the_system_roots_do_not_trust_a_private_ca(pki: Pki, clock: FakeClock) -> None:
    cache = CertificateCache(fetch=FakeDownloads({CERT_URL: pki.chain_pem()}), clock=clock)
    body = encode(alexa_request(NOW))
    reason = refusal(RequestVerifier(cache, clock=clock), body, sign(body), CERT_URL)
    assert reason == "certificate chain not trusted"


# --- the real download -----------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    """Answers by path: a chain, a 404, an oversized file or a slow drip."""

    payload = b""

    def do_GET(self) -> None:
        if self.path == "/echo.api/slow.pem":
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(50):  # 5 s in all, well past the client's budget
                    self.wfile.write(b"-")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass  # the client gave up, which is the point of the test
            return
        body = {"/echo.api/cert.pem": self.payload, "/echo.api/big.pem": b"x" * 100_000}.get(
            self.path
        )
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def https_server(pki: Pki, tmp_path: Path) -> Iterator[tuple[str, ssl.SSLContext]]:
    """A loopback HTTPS server with a test CA certificate, and a client context trusting it."""
    leaf = make_leaf(pki.intermediate, rsa_key("intermediate"), datetime.now(UTC), san="localhost")
    cert_file, key_file = tmp_path / "server.pem", tmp_path / "server.key"
    cert_file.write_bytes(pki.chain_pem(leaf))
    key_file.write_bytes(
        rsa_key("leaf").private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert_file, key_file)
    _Handler.payload = pki.chain_pem()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    client_context = ssl.create_default_context(cadata=pki.root_pem().decode())
    try:
        yield f"https://localhost:{server.server_address[1]}", client_context
    finally:
        server.shutdown()
        server.server_close()


def test_download_fetches_over_verified_https(
    https_server: tuple[str, ssl.SSLContext], pki: Pki
) -> None:
    base, context = https_server
    assert download(f"{base}/echo.api/cert.pem", context=context) == pki.chain_pem()


def test_download_refuses_a_server_it_does_not_trust(
    https_server: tuple[str, ssl.SSLContext],
) -> None:
    base, _ = https_server
    with pytest.raises(CertificateDownloadError):
        download(f"{base}/echo.api/cert.pem", context=ssl.create_default_context())


@pytest.mark.parametrize("path", ["/echo.api/missing.pem", "/echo.api/big.pem"])
def test_download_refuses_errors_and_oversized_files(
    https_server: tuple[str, ssl.SSLContext], path: str
) -> None:
    base, context = https_server
    with pytest.raises(CertificateDownloadError):
        download(f"{base}{path}", context=context)


def test_download_gives_up_within_its_total_budget(
    https_server: tuple[str, ssl.SSLContext],
) -> None:
    base, context = https_server
    started = time.monotonic()
    with pytest.raises(CertificateDownloadError):
        download(f"{base}/echo.api/slow.pem", timeout=0.5, context=context)
    assert time.monotonic() - started < 1.5
