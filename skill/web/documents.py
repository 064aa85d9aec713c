"""The privacy policy and terms of use, as plain HTML pages: ``GET /privacy``, ``GET /terms``.

Amazon's certification asks for both at public HTTPS addresses
(``privacyPolicyUrl`` and ``termsOfUseUrl`` in the manifest). Their one source is
Markdown in the repository's ``docs/``; the package carries them as data
(``skill/web/legal/``, links to ``docs/`` that a wheel stores as files), so an
installed endpoint serves exactly what the repository says. For a Lambda
deployment, ``heart-to-heart export-docs DIR`` writes the same pages for any
static host.

The Markdown is turned into HTML here, by a deliberately small converter for
what the documents use (headings, paragraphs, lists, bold, links) that escapes
every character of text: no raw HTML passes through, links are kept only for
``https``, ``http`` and ``mailto``, and the page loads nothing from
elsewhere. ``{{CONTACT_EMAIL}}`` is replaced by the operator's address
(``HTH_CONTACT_EMAIL``) and stays visible as a placeholder until it is set.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from html import escape
from importlib import resources
from pathlib import Path

from flask import Flask, Response

#: URL path (and exported file name) → Markdown file in ``skill/web/legal/``.
DOCUMENTS = {"privacy": "privacy.md", "terms": "terms.md"}
CONTACT_PLACEHOLDER = "{{CONTACT_EMAIL}}"
_SAFE_LINK = re.compile(r"(?:https?://|mailto:)[^\s\"'<>]+", re.IGNORECASE)
_INLINE = re.compile(
    r"\[(?P<label>[^\]]+)\]\((?P<url>[^)\s]+)\)|\*\*(?P<strong>.+?)\*\*|\*(?P<em>[^*\s][^*]*)\*"
)
_HEADING = re.compile(r"(#{1,3}) +(.+)")
_BULLET = re.compile(r"[-*] +(.*)")
_NUMBERED = re.compile(r"\d+\. +(.*)")

_STYLE = (
    "body{margin:0;background:#fff8f3;color:#2b1d22;"
    "font:17px/1.6 -apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}"
    "main{max-width:42rem;margin:0 auto;padding:2rem 1.25rem 4rem}"
    "h1{color:#9e1f45;line-height:1.25}h2{color:#9e1f45;margin-top:2rem}"
    "a{color:#9e1f45}li{margin:.35rem 0}"
)
#: The only thing a page may load: its own inline style, named by hash.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'sha256-"
    + base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
    + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def source(name: str) -> str:
    """The Markdown of one document (``"privacy"`` or ``"terms"``), as the package ships it."""
    legal = resources.files("skill.web").joinpath("legal", DOCUMENTS[name])
    return legal.read_text(encoding="utf-8")


def render_page(markdown: str, contact_email: str | None = None) -> str:
    """A complete, self-contained HTML page for a Markdown document."""
    if contact_email:
        markdown = markdown.replace(CONTACT_PLACEHOLDER, contact_email)
    body = markdown_to_html(markdown)
    title = next((m[2] for line in markdown.splitlines() if (m := _HEADING.fullmatch(line))), "")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(_plain(title))}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def markdown_to_html(markdown: str) -> str:
    """Headings (``#`` to ``###``), paragraphs, bullet and numbered lists, **bold**, *em*, links.

    A list item continues on indented lines; a blank line ends a paragraph or list.
    """
    html: list[str] = []
    block: list[str] = []
    kind = ""  # "p", "ul" or "ol": the block being gathered

    def close() -> None:
        nonlocal kind
        if kind == "p":
            html.append(f"<p>{_inline(' '.join(block))}</p>\n")
        elif kind:
            items = "".join(f"<li>{_inline(item)}</li>\n" for item in block)
            html.append(f"<{kind}>\n{items}</{kind}>\n")
        block.clear()
        kind = ""

    for raw in markdown.splitlines():
        line = raw.strip()
        heading = _HEADING.fullmatch(line)
        item = _BULLET.fullmatch(line) or _NUMBERED.fullmatch(line)
        if not line or heading:
            close()
            if heading:
                level = len(heading[1])
                html.append(f"<h{level}>{_inline(heading[2])}</h{level}>\n")
        elif item:
            list_kind = "ul" if _BULLET.fullmatch(line) else "ol"
            if kind != list_kind:
                close()
                kind = list_kind
            block.append(item[1])
        elif kind in ("ul", "ol") and raw[:1].isspace():
            block[-1] += " " + line
        else:
            if kind != "p":
                close()
                kind = "p"
            block.append(line)
    close()
    return "".join(html)


def _inline(text: str) -> str:
    """Escaped text with **bold**, *em* and [links](url); unsafe links stay as plain text."""
    out: list[str] = []
    position = 0
    for found in _INLINE.finditer(text):
        out.append(escape(text[position : found.start()]))
        if found["label"] is not None:
            url = found["url"]
            if _SAFE_LINK.fullmatch(url):
                out.append(f'<a href="{escape(url)}">{_inline(found["label"])}</a>')
            else:
                out.append(escape(found[0]))
        elif found["strong"] is not None:
            out.append(f"<strong>{_inline(found['strong'])}</strong>")
        else:
            out.append(f"<em>{_inline(found['em'])}</em>")
        position = found.end()
    out.append(escape(text[position:]))
    return "".join(out)


def _plain(text: str) -> str:
    return re.sub(r"[*_`]", "", text)


def register_documents(app: Flask, contact_email: str | None) -> None:
    """Serve ``GET /privacy`` and ``GET /terms`` (rendered once, here)."""
    for name in DOCUMENTS:
        page = render_page(source(name), contact_email)
        app.add_url_rule(f"/{name}", f"document_{name}", _serve(page), methods=["GET"])


def _serve(page: str) -> Callable[[], Response]:
    def document() -> Response:
        response = Response(page, content_type="text/html; charset=utf-8")
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response

    return document


def export(directory: Path, contact_email: str | None = None) -> list[Path]:
    """Write ``privacy.html`` and ``terms.html`` into ``directory`` for a static host."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in DOCUMENTS:
        path = directory / f"{name}.html"
        path.write_text(render_page(source(name), contact_email), encoding="utf-8")
        written.append(path)
    return written
