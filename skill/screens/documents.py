"""The APL documents, kept as JSON in ``apl/`` and put together for each response.

``apl/shared.json`` is the package every screen shares: colours for a night and
a day theme, text styles and the layouts used on more than one screen (the
page, buttons, chips). Each screen's file holds its own ``mainTemplate`` and
whatever layouts or vector graphics only it uses. :func:`document` joins a
screen to the shared parts it actually uses, so a response carries nothing a
screen does not draw, and sets the theme.

Everything is checked when first loaded (:func:`load_documents`): each
component type is a primitive or a known layout, each style, graphic and
``@resource`` exists, and every screen reads one datasource, ``screen``. A
broken document fails the tests, never a request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

JsonDict = dict[str, Any]

APL_ROOT = Path(__file__).parent / "apl"
#: The APL version the documents are written for; devices reporting an older runtime get none.
APL_VERSION = "1.8"
#: The one datasource every screen binds, as ``${screen.…}``.
DATASOURCE = "screen"
PRIMITIVES = frozenset(
    {
        "Container",
        "Frame",
        "Text",
        "TouchWrapper",
        "VectorGraphic",
        "ScrollView",
        "Sequence",
        "GridSequence",
        "Image",
        "Pager",
    }
)
_RESOURCE = re.compile(r"^@([A-Za-z][\w]*)$")


class ScreenKind(Enum):
    """Every screen the skill draws; the value names its file and is the document's token."""

    HOME = "home"
    PRACTICE = "practice"
    DATE = "date"
    CHECK_IN = "checkin"
    PROGRESS = "progress"
    MESSAGE = "message"


class DocumentError(ValueError):
    """An APL file breaks the rules above."""


@dataclass(frozen=True)
class Documents:
    """The shared package and every screen's own part, checked."""

    shared: JsonDict
    screens: Mapping[ScreenKind, JsonDict]


def _read(name: str) -> JsonDict:
    try:
        doc = json.loads((APL_ROOT / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise DocumentError(f"apl/{name}.json: {error}") from None
    if not isinstance(doc, dict):
        raise DocumentError(f"apl/{name}.json: must be an object")
    return doc


def _walk(value: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair anywhere inside ``value``."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key, inner
            yield from _walk(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _walk(inner)


#: The keys under which APL nests components (commands and parameters have a type too).
_CHILD_KEYS = ("item", "items", "firstItem", "lastItem")


def _components(holder: Any) -> Iterator[JsonDict]:
    """Every component under ``holder`` (a template, a layout or a component), depth first."""
    for key in _CHILD_KEYS:
        children = holder.get(key) if isinstance(holder, dict) else None
        for child in children if isinstance(children, list) else [children]:
            if isinstance(child, dict) and "type" in child:
                yield child
                yield from _components(child)


def _all_components(part: JsonDict) -> Iterator[JsonDict]:
    """Every component of a file: its main template's and its layouts'."""
    if "mainTemplate" in part:
        yield from _components(part["mainTemplate"])
    for layout in part.get("layouts", {}).values():
        yield from _components(layout)


def _names(value: Any, key: str) -> set[str]:
    return {inner for found, inner in _walk(value) if found == key and isinstance(inner, str)}


def _resource_names(resources: list[JsonDict]) -> set[str]:
    return {name for block in resources for kind in block.values() if isinstance(kind, dict)
            for name in kind}  # fmt: skip


def check_part(name: str, part: JsonDict, shared: JsonDict) -> None:
    """Raise :class:`DocumentError` unless ``part`` (a file of ``apl/``) keeps the rules above."""
    layouts = {**shared.get("layouts", {}), **part.get("layouts", {})}
    styles = shared.get("styles", {})
    graphics = {**shared.get("graphics", {}), **part.get("graphics", {})}
    resources = _resource_names(shared.get("resources", []))
    where = f"apl/{name}.json"
    body = {key: part[key] for key in ("mainTemplate", "layouts") if key in part}
    for component in _all_components(part):
        kind = component["type"]
        if isinstance(kind, str) and kind not in PRIMITIVES and kind not in layouts:
            raise DocumentError(f"{where}: unknown component or layout {kind!r}")
    for style in _names(part, "style") - set(styles):
        raise DocumentError(f"{where}: unknown style {style!r}")
    for source in _names(body, "source") - set(graphics):
        raise DocumentError(f"{where}: unknown vector graphic {source!r}")
    for _, value in _walk(part):
        match = _RESOURCE.match(value) if isinstance(value, str) else None
        if match and match.group(1) not in resources:
            raise DocumentError(f"{where}: unknown resource {value!r}")
    if "mainTemplate" in part and part["mainTemplate"].get("parameters") != [DATASOURCE]:
        raise DocumentError(f"{where}: mainTemplate must take the one parameter {DATASOURCE!r}")


@cache
def load_documents() -> Documents:
    """Read and check ``apl/``: the shared package and one file per :class:`ScreenKind`."""
    shared = _read("shared")
    check_part("shared", shared, shared)
    screens = {}
    for kind in ScreenKind:
        part = _read(kind.value)
        if "mainTemplate" not in part:
            raise DocumentError(f"apl/{kind.value}.json: needs a mainTemplate")
        check_part(kind.value, part, shared)
        screens[kind] = part
    return Documents(shared, screens)


def _used_layouts(value: Any, layouts: Mapping[str, Any]) -> dict[str, Any]:
    """The layouts ``value`` uses, and the layouts those use in turn."""
    used: dict[str, Any] = {}
    waiting = [value]
    while waiting:
        for component in _components(waiting.pop()):
            kind = component["type"]
            if kind in layouts and kind not in used:
                used[kind] = layouts[kind]
                waiting.append(layouts[kind])
    return dict(sorted(used.items()))


def _used_styles(value: Any, styles: Mapping[str, Any]) -> dict[str, Any]:
    used = {}
    waiting = sorted(_names(value, "style"))
    while waiting:
        name = waiting.pop()
        if name in styles and name not in used:
            used[name] = styles[name]
            extends = styles[name].get("extends", [])
            waiting += [extends] if isinstance(extends, str) else list(extends)
    return dict(sorted(used.items()))


def document(kind: ScreenKind, *, night: bool) -> JsonDict:
    """The whole APL document for ``kind``: its template with the shared parts it uses."""
    docs = load_documents()
    part = docs.screens[kind]
    layouts = _used_layouts(
        part["mainTemplate"], {**docs.shared["layouts"], **part.get("layouts", {})}
    )
    body = [part["mainTemplate"], *layouts.values()]
    styles = _used_styles(body, docs.shared["styles"])
    graphics = {**docs.shared.get("graphics", {}), **part.get("graphics", {})}
    used_graphics = {name: graphics[name] for name in sorted(_names(body, "source"))}
    doc: JsonDict = {
        "type": "APL",
        "version": APL_VERSION,
        "theme": "dark" if night else "light",
        "description": part.get("description", kind.value),
        "resources": docs.shared["resources"],
        "styles": styles,
        "layouts": layouts,
    }
    if used_graphics:
        doc["graphics"] = used_graphics
    doc["mainTemplate"] = part["mainTemplate"]
    return doc
