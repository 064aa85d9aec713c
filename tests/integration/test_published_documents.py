"""The privacy policy and terms as Amazon's reviewers and the public reach them.

Served by the self-hosted endpoint at ``GET /privacy`` and ``GET /terms``,
exported for a static host by ``heart-to-heart export-docs``, and shipped in
the wheel: an installed package, far from this checkout, serves the same text
as ``docs/``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from skill.cli import main
from skill.config import Settings
from skill.web.app import create_app
from skill.web.documents import CONTACT_PLACEHOLDER, CONTENT_SECURITY_POLICY, DOCUMENTS

REPO = Path(__file__).resolve().parents[2]


def client_for(tmp_path: Path, contact_email: str | None = None) -> FlaskClient:
    settings = Settings(
        store_url=f"sqlite:///{tmp_path / 'households.db'}",
        verify_signatures=False,
        contact_email=contact_email,
    )
    app = create_app(settings=settings, handle_event=lambda event: event, check_store=lambda: None)
    return app.test_client()


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_the_endpoint_serves_each_document_as_html(tmp_path: Path, name: str) -> None:
    response = client_for(tmp_path, "care@example.org").get(f"/{name}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    page = response.get_data(as_text=True)
    assert "<h1>Heart to Heart: " in page
    assert "mailto:care@example.org" in page and CONTACT_PLACEHOLDER not in page


def test_without_an_address_the_placeholder_shows(tmp_path: Path) -> None:
    page = client_for(tmp_path).get("/privacy").get_data(as_text=True)
    assert CONTACT_PLACEHOLDER in page


def test_other_methods_are_refused_as_json(tmp_path: Path) -> None:
    response = client_for(tmp_path).post("/privacy")
    assert response.status_code == 405
    assert response.get_json() == {"error": "method not allowed"}


def test_export_docs_writes_both_pages_for_a_static_host(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HTH_CONTACT_EMAIL", raising=False)
    assert main(["export-docs", str(tmp_path / "site"), "--contact-email", "us@example.org"]) == 0
    assert capsys.readouterr().out.split() == [
        str(tmp_path / "site" / f"{name}.html") for name in DOCUMENTS
    ]
    served = client_for(tmp_path, "us@example.org").get("/terms").get_data(as_text=True)
    assert (tmp_path / "site" / "terms.html").read_text(encoding="utf-8") == served
    assert main(["export-docs", str(tmp_path / "draft")]) == 0
    assert "pass --contact-email" in capsys.readouterr().err


@pytest.mark.slow
def test_an_installed_wheel_serves_the_documents(tmp_path: Path) -> None:
    source = tmp_path / "source"
    for part in ("skill", "docs"):
        shutil.copytree(REPO / part, source / part, symlinks=True)
    for part in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / part, source / part)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist"), source],
        check=True,
        timeout=300,
        cwd=tmp_path,
    )
    [wheel] = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        for name, file in DOCUMENTS.items():
            info = archive.getinfo(f"skill/web/legal/{file}")
            assert info.external_attr >> 28 != 0o12, f"{file} is a link in the wheel"
            shipped = archive.read(info).decode("utf-8")
            assert shipped == (REPO / "docs" / file).read_text(encoding="utf-8"), name
        archive.extractall(tmp_path / "site-packages")
    script = (
        "import json, skill\n"
        "from skill.config import Settings\n"
        "from skill.web.app import create_app\n"
        "app = create_app(settings=Settings(store_url='sqlite:///h.db', verify_signatures=False),"
        " handle_event=lambda e: e, check_store=lambda: None)\n"
        "pages = {n: app.test_client().get('/' + n) for n in ('privacy', 'terms')}\n"
        "print(json.dumps([skill.__file__] + [[r.status_code, r.get_data(as_text=True)]"
        " for r in pages.values()]))\n"
    )
    done = _from_the_wheel(tmp_path, "-c", script)
    where, *pages = json.loads(done.stdout.splitlines()[-1])
    assert where.startswith(str(tmp_path / "site-packages"))
    for status, page in pages:
        assert status == 200
        assert "<h1>Heart to Heart: " in page
    # The simulator too: its interaction models and content ship inside the package.
    said = _from_the_wheel(
        tmp_path,
        "-c",
        "import sys; from skill.cli import main; sys.exit(main(sys.argv[1:]))",
        "say",
        "--store",
        f"sqlite:///{tmp_path / 'said.db'}",
        "open heart talks",
    )
    assert "Heart to Heart" in said.stdout and "?" in said.stdout


def _from_the_wheel(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Python run with only the unpacked wheel on its path, far from this checkout."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site-packages"), "PATH": "/usr/bin:/bin"},
    )
