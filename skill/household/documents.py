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


#: Values that are their own document; looked up by exact type first, as most values are these.
_LEAVES = frozenset({str, int, bool, float, type(None)})


def to_doc(value: Any) -> Any:
    """The JSON-compatible document of a typed value (dataclasses become objects)."""
    kind = type(value)
    if kind in _LEAVES:
        return value
    # Every save writes the household's documents, most of whose values are leaves: those are
    # taken in place rather than through a call each (a save's encoding took a third less).
    if kind is list or kind is tuple:
        return [item if type(item) in _LEAVES else to_doc(item) for item in value]
    if kind is dict:
        return {
            key if type(key) is str else str(key): item if type(item) in _LEAVES else to_doc(item)
            for key, item in value.items()
        }
    own = getattr(value, "to_doc", None)
    if own is not None and not isinstance(value, type):
        return own()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            name: item if type(item := getattr(value, name)) in _LEAVES else to_doc(item)
            for name in _field_names(type(value))
        }
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
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in _fields(cls))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


#: The leaf types read back as they are, with the check a stored value must pass.
_KEPT_AS_THEY_ARE: dict[Any, Callable[[Any], bool]] = {
    bool: lambda doc: isinstance(doc, bool),
    int: lambda doc: isinstance(doc, int) and not isinstance(doc, bool) and abs(doc) <= MAX_INT,
    str: lambda doc: isinstance(doc, str) and len(doc) <= MAX_TEXT,
}
#: The same checks over a whole list at once, in C loops (``map``, ``min``, ``max``): the profile's
#: prompt memory is some forty lists of small numbers, read on every turn that loads it.
_ALL_KEPT_AS_THEY_ARE: dict[Any, Callable[[list[Any]], bool]] = {
    bool: lambda docs: set(map(type, docs)) <= {bool},
    int: lambda docs: (
        set(map(type, docs)) <= {int}
        and (not docs or (min(docs) >= -MAX_INT and max(docs) <= MAX_INT))
    ),
    str: lambda docs: set(map(type, docs)) <= {str} and max(map(len, docs), default=0) <= MAX_TEXT,
}

#: Reads one value of a type from its document: ``reader(doc, where, lenient)``.
Reader = Callable[[Any, str, bool], Any]


def _read(hint: Any, doc: Any, where: str, lenient: bool) -> Any:
    return _reader(hint)(doc, where, lenient)


@cache
def _reader(hint: Any) -> Reader:
    """The reader of ``hint``, made once per type and kept.

    Every turn reads the household (a profile and up to 16 nights) and the
    session's dialog state; walking the type hints anew for every value of every
    turn was the largest cost of a turn of our own. The checks and messages are
    those the hints imply, decided here once.
    """
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        return _union_reader(typing.get_args(hint))
    if origin is tuple or origin is list:
        item, *rest = typing.get_args(hint)
        if origin is tuple and rest != [Ellipsis]:
            raise TypeError("only tuple[X, ...] is supported")
        return _sequence_reader(_reader(item), origin is tuple, _ALL_KEPT_AS_THEY_ARE.get(item))
    if origin is dict:
        key_type, value_type = typing.get_args(hint)
        if key_type is not str:
            raise TypeError("only dict[str, X] is supported")
        return _map_reader(_reader(value_type))
    if hint is Any:
        # Copied: a value read back never shares anything with the document it came from, so the
        # document can serve as the "before" of a later diff without a copy of its own.
        return lambda doc, where, lenient: copy_doc(doc)
    if isinstance(hint, type):
        return _type_reader(hint)
    raise TypeError(f"unsupported type {hint!r}")


def _union_reader(options: tuple[Any, ...]) -> Reader:
    optional = type(None) in options
    readers = [_reader(option) for option in options if option is not type(None)]
    names = " | ".join(map(_name, options))

    def read(doc: Any, where: str, lenient: bool) -> Any:
        if doc is None and optional:
            return None
        for reader in readers:
            try:
                return reader(doc, where, lenient)
            except DocumentError:
                continue
        raise DocumentError(f"{where}: does not fit {names}")

    return read


def _sequence_reader(
    item: Reader, as_tuple: bool, all_fit: Callable[[list[Any]], bool] | None
) -> Reader:
    """Reads a list; ``all_fit`` (for items read back as they are) checks them all at once, and
    only a list that fails it is read item by item, for the message naming the item."""

    def read(doc: Any, where: str, lenient: bool) -> Any:
        values = _list(doc, where)
        if all_fit is not None and all_fit(values):
            return tuple(values) if as_tuple else list(values)
        items = [item(value, f"{where}[{i}]", lenient) for i, value in enumerate(values)]
        return tuple(items) if as_tuple else items

    return read


def _map_reader(value: Reader) -> Reader:
    def read(doc: Any, where: str, lenient: bool) -> Any:
        items = _map(doc, where)
        try:
            return {key: value(item, where, lenient) for key, item in items}
        except DocumentError:
            # As for a dataclass's fields: the failing key's path only when one fails.
            return {key: value(item, f"{where}.{key}", lenient) for key, item in items}

    return read


def _type_reader(cls: type) -> Reader:
    own: Callable[[Any], Any] | None = getattr(cls, "from_doc", None)
    if own is not None:
        return _own_reader(own)
    if dataclasses.is_dataclass(cls):
        return _dataclass_reader(cls)
    if issubclass(cls, enum.Enum):
        return _enum_reader(cls)
    if cls in _KEPT_AS_THEY_ARE:
        return _leaf_reader(cls.__name__, _KEPT_AS_THEY_ARE[cls], lambda doc: doc)
    if cls is float:
        return _leaf_reader(
            "float",
            lambda doc: (
                isinstance(doc, int | float) and not isinstance(doc, bool) and abs(doc) <= MAX_INT
            ),
            float,
        )
    raise TypeError(f"unsupported type {cls.__name__}")


def _own_reader(own: Callable[[Any], Any]) -> Reader:
    def read(doc: Any, where: str, lenient: bool) -> Any:
        try:
            return own(doc)
        except DocumentError:
            raise
        except (ValueError, TypeError, KeyError) as error:
            raise DocumentError(f"{where}: {error}") from None

    return read


def _enum_reader(cls: type[enum.Enum]) -> Reader:
    def read(doc: Any, where: str, lenient: bool) -> Any:
        try:
            return cls(doc)
        except ValueError:
            raise DocumentError(f"{where}: {doc!r} is not a {cls.__name__}") from None

    return read


def _leaf_reader(name: str, fits: Callable[[Any], bool], value: Callable[[Any], Any]) -> Reader:
    def read(doc: Any, where: str, lenient: bool) -> Any:
        if fits(doc):
            return value(doc)
        raise DocumentError(f"{where}: expected {name}")

    return read


def _dataclass_reader(cls: type) -> Reader:
    hints = _hints(cls)
    names = tuple(field.name for field in _fields(cls))
    known = frozenset(names)
    required = tuple(
        field.name
        for field in _fields(cls)
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    )
    # Readers are looked up on first use: a dataclass may name itself in its own fields.
    readers: dict[str, Reader] = {}

    def read(doc: Any, where: str, lenient: bool) -> Any:
        if not isinstance(doc, dict):
            raise DocumentError(f"{where}: expected an object")
        if not lenient and not known.issuperset(doc):
            unknown = set(doc) - known
            raise DocumentError(f"{where}: unknown key(s) {sorted(unknown)[:3]}")
        values: JsonDict = {}
        for name in names:
            if name in doc:
                reader = readers.get(name) or readers.setdefault(name, _reader(hints[name]))
                try:
                    values[name] = reader(doc[name], where, lenient)
                except DocumentError:
                    # Read again under the field's own path, for a message that names it: the
                    # path is built only then, not for every field of every household read.
                    reader(doc[name], f"{where}.{name}", lenient)
                    raise
        for name in required:
            if name not in values:
                raise DocumentError(f"{where}: missing {name!r}")
        try:
            return cls(**values)
        except (ValueError, TypeError) as error:
            raise DocumentError(f"{where}: {error}") from None

    return read


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
