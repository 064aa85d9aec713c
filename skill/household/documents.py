"""Typed values to and from JSON documents, checked on the way in.

Changes waiting in the session, the dialog state and the household's stored
shapes all travel as JSON (session attributes, DynamoDB maps, SQLite text) and
come back from places the skill does not fully control: a session attribute is
echoed by Alexa, but a forged or replayed request can carry anything. So every
typed value is rebuilt from its document by :func:`from_doc`, which follows the
dataclass's own type hints and refuses what does not fit them: a wrong type,
an unknown key, a string or a list longer than any the skill writes, a number
outside the range it could use. A refused document raises :class:`DocumentError`
and its owner falls back to something safe (an idle dialog, a dropped change).

Supported field types: ``str``, ``int``, ``bool``, ``float``, ``None`` in
unions, enums (by value), ``tuple[X, ...]``, ``list[X]``, ``dict[str, X]``, nested
dataclasses, and classes that bring their own ``to_doc``/``from_doc``.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar, cast

from skill.storage.base import copy_doc

JsonDict = dict[str, Any]
T = TypeVar("T")

#: Longest string a document may hold (an answer is at most 300 characters; ids are short).
MAX_TEXT = 2000
#: Most items a list or map in a document may hold (the longest the skill keeps is 64).
MAX_ITEMS = 100
#: Integers in documents are counts, indexes and versions: nothing needs more.
MAX_INT = 10**9


class DocumentError(ValueError):
    """A document does not have the shape its type requires (the message names where)."""


def to_doc(value: Any) -> Any:
    """The JSON-compatible document of a typed value (dataclasses become objects)."""
    own = getattr(value, "to_doc", None)
    if own is not None and not isinstance(value, type):
        return own()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: to_doc(getattr(value, field.name)) for field in _fields(type(value))}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_doc(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_doc(item) for key, item in value.items()}
    return value


def from_doc(cls: type[T], doc: Any, where: str = "document", *, lenient: bool = False) -> T:
    """Rebuild a ``cls`` (a dataclass, or a class with ``from_doc``) from its document.

    ``lenient`` ignores keys the dataclasses do not declare, for documents the
    skill stored itself: a newer version may have added a field, and rolling
    back must not make a household unreadable. Session documents stay strict.
    """
    return cast(T, _read(cls, doc, where, lenient))


def read_hinted(hint: Any, doc: Any, where: str, *, lenient: bool = False) -> Any:
    """Read one value of the type ``hint`` (a field's annotation) from its document."""
    return _read(hint, doc, where, lenient)


def type_hints(cls: type) -> dict[str, Any]:
    """The resolved annotations of ``cls`` (cached: they never change)."""
    return _hints(cls)


@cache
def _fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    return tuple(f for f in dataclasses.fields(cls) if f.init)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _read(hint: Any, doc: Any, where: str, lenient: bool) -> Any:
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        return _read_union(typing.get_args(hint), doc, where, lenient)
    if origin is tuple or origin is list:
        item, *rest = typing.get_args(hint)
        if origin is tuple and rest != [Ellipsis]:
            raise TypeError(f"{where}: only tuple[X, ...] is supported")
        items = [
            _read(item, value, f"{where}[{i}]", lenient)
            for i, value in enumerate(_list(doc, where))
        ]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        key_type, value_type = typing.get_args(hint)
        if key_type is not str:
            raise TypeError(f"{where}: only dict[str, X] is supported")
        return {
            key: _read(value_type, value, f"{where}.{key}", lenient)
            for key, value in _map(doc, where)
        }
    if hint is Any:
        # Copied: a value read back never shares anything with the document it came from, so the
        # document can serve as the "before" of a later diff without a copy of its own.
        return copy_doc(doc)
    if isinstance(hint, type):
        return _read_type(hint, doc, where, lenient)
    raise TypeError(f"{where}: unsupported type {hint!r}")


def _read_union(options: tuple[Any, ...], doc: Any, where: str, lenient: bool) -> Any:
    if doc is None and type(None) in options:
        return None
    for option in options:
        if option is type(None):
            continue
        try:
            return _read(option, doc, where, lenient)
        except DocumentError:
            continue
    raise DocumentError(f"{where}: does not fit {' | '.join(map(_name, options))}")


def _read_type(cls: type, doc: Any, where: str, lenient: bool) -> Any:
    own: Callable[[Any], Any] | None = getattr(cls, "from_doc", None)
    if own is not None:
        try:
            return own(doc)
        except DocumentError:
            raise
        except (ValueError, TypeError, KeyError) as error:
            raise DocumentError(f"{where}: {error}") from None
    if dataclasses.is_dataclass(cls):
        return _read_dataclass(cls, doc, where, lenient)
    if issubclass(cls, enum.Enum):
        try:
            return cls(doc)
        except ValueError:
            raise DocumentError(f"{where}: {doc!r} is not a {cls.__name__}") from None
    if cls is bool:
        if isinstance(doc, bool):
            return doc
    elif cls is int:
        if isinstance(doc, int) and not isinstance(doc, bool) and abs(doc) <= MAX_INT:
            return doc
    elif cls is float:
        if isinstance(doc, int | float) and not isinstance(doc, bool) and abs(doc) <= MAX_INT:
            return float(doc)
    elif cls is str:
        if isinstance(doc, str) and len(doc) <= MAX_TEXT:
            return doc
    else:
        raise TypeError(f"{where}: unsupported type {cls.__name__}")
    raise DocumentError(f"{where}: expected {cls.__name__}")


def _read_dataclass(cls: type, doc: Any, where: str, lenient: bool) -> Any:
    if not isinstance(doc, dict):
        raise DocumentError(f"{where}: expected an object")
    hints = _hints(cls)
    known = {field.name for field in _fields(cls)}
    unknown = set(doc) - known
    if unknown and not lenient:
        raise DocumentError(f"{where}: unknown key(s) {sorted(unknown)[:3]}")
    values: JsonDict = {}
    for field in _fields(cls):
        if field.name in doc:
            where_field = f"{where}.{field.name}"
            values[field.name] = _read(hints[field.name], doc[field.name], where_field, lenient)
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise DocumentError(f"{where}: missing {field.name!r}")
    try:
        return cls(**values)
    except (ValueError, TypeError) as error:
        raise DocumentError(f"{where}: {error}") from None


def _list(doc: Any, where: str) -> list[Any]:
    if not isinstance(doc, list) or len(doc) > MAX_ITEMS:
        raise DocumentError(f"{where}: expected a list of at most {MAX_ITEMS} items")
    return doc


def _map(doc: Any, where: str) -> list[tuple[str, Any]]:
    if not isinstance(doc, dict) or len(doc) > MAX_ITEMS:
        raise DocumentError(f"{where}: expected an object of at most {MAX_ITEMS} keys")
    if any(not isinstance(key, str) or len(key) > MAX_TEXT for key in doc):
        raise DocumentError(f"{where}: keys must be short strings")
    return list(doc.items())


def _name(hint: Any) -> str:
    return getattr(hint, "__name__", str(hint))
