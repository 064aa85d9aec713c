"""The privacy policy and terms as HTML: a small Markdown converter that escapes everything."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from skill.web.documents import (
    CONTACT_PLACEHOLDER,
    DOCUMENTS,
    markdown_to_html,
    render_page,
    source,
)

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"


def test_headings_paragraphs_lists_and_emphasis() -> None:
    markdown = (
        "# Title\n\nFirst line\nsame paragraph.\n\n## Part\n\n- one **bold**\n  continued\n"
        "- two *soft*\n\n1. first\n2. second\n"
    )
    assert markdown_to_html(markdown) == (
        "<h1>Title</h1>\n<p>First line same paragraph.</p>\n<h2>Part</h2>\n"
        "<ul>\n<li>one <strong>bold</strong> continued</li>\n<li>two <em>soft</em></li>\n</ul>\n"
        "<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n"
    )


def test_every_character_of_text_is_escaped() -> None:
    html = markdown_to_html('<script>alert("x")</script> & <b>not bold</b>')
    assert html == (
        "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
        "&lt;b&gt;not bold&lt;/b&gt;</p>\n"
    )


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        (
            "[site](https://example.org/a?b=1&c=2)",
            '<a href="https://example.org/a?b=1&amp;c=2">site</a>',
        ),
        ("[mail](mailto:us@example.org)", '<a href="mailto:us@example.org">mail</a>'),
        ("[bad](javascript:alert(1))", "[bad](javascript:alert(1))"),
        ("[bad](data:text/html,x)", "[bad](data:text/html,x)"),
        ('[q](https://x.org/"onmouseover=")', "[q](https://x.org/&quot;onmouseover=&quot;)"),
        ("[<i>](https://x.org)", '<a href="https://x.org">&lt;i&gt;</a>'),
    ],
)
def test_only_web_and_mail_links_become_links(markdown: str, html: str) -> None:
    assert markdown_to_html(markdown) == f"<p>{html}</p>\n"


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_the_page_is_self_contained_and_titled(name: str) -> None:
    page = render_page(source(name))
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<meta charset="utf-8">' in page
    title = re.search(r"<title>(.*)</title>", page)
    assert title is not None and title[1].startswith("Heart to Heart: ")
    # Nothing is loaded from anywhere: no scripts, images, frames or stylesheets.
    assert not re.search(r"<(script|img|iframe|link|object|embed)\b|\bsrc=|@import", page)
    assert re.findall(r'href="([^"]*)"', page) == [
        f"mailto:{CONTACT_PLACEHOLDER}" for _ in re.findall(r'href="', page)
    ]


def test_the_contact_address_fills_the_placeholder() -> None:
    page = render_page(source("privacy"), "care@example.org")
    assert CONTACT_PLACEHOLDER not in page
    assert '<a href="mailto:care@example.org">care@example.org</a>' in page


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_the_package_ships_the_documents_in_docs(name: str) -> None:
    assert source(name) == (DOCS / DOCUMENTS[name]).read_text(encoding="utf-8")
