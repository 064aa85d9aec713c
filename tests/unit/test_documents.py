"""Typed values to JSON documents and back, refusing what does not fit the type."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

import pytest

from skill.household.documents import MAX_ITEMS, MAX_TEXT, DocumentError, from_doc, to_doc


class Colour(Enum):
    RED = "red"
    BLUE = "blue"


@dataclass(frozen=True)
class Inner:
    name: str
    count: int = 0


@dataclass(frozen=True)
class Outer:
    inner: Inner
    tags: tuple[str, ...] = ()
    scores: dict[str, int] = field(default_factory=dict)
    colour: Colour = Colour.RED
    note: str | None = None
    flag: bool = False
    items: list[int] = field(default_factory=list)


def test_a_value_round_trips() -> None:
    value = Outer(Inner("a", 2), ("x", "y"), {"k": 1}, Colour.BLUE, "n", True, [1, 2])
    doc = to_doc(value)
    assert doc == {
        "inner": {"name": "a", "count": 2},
        "tags": ["x", "y"],
        "scores": {"k": 1},
        "colour": "blue",
        "note": "n",
        "flag": True,
        "items": [1, 2],
    }
    assert from_doc(Outer, doc) == value


def test_missing_fields_take_their_defaults() -> None:
    assert from_doc(Outer, {"inner": {"name": "a"}}) == Outer(Inner("a"))


@pytest.mark.parametrize(
    "doc",
    [
        {"inner": {"name": "a"}, "extra": 1},  # a key the type does not declare
        {"inner": {"name": 3}},  # a number where text belongs
        {"inner": {"name": "a", "count": True}},  # a flag is not a count
        {"inner": {"name": "a", "count": 1e308}},  # nor is a float
        {"inner": {"name": "a", "count": 10**12}},  # a count no one needs
        {"inner": {"name": "a" * (MAX_TEXT + 1)}},  # text longer than anything the skill writes
        {"inner": {"name": "a"}, "tags": ["x"] * (MAX_ITEMS + 1)},  # a list grown without bound
        {"inner": {"name": "a"}, "colour": "green"},  # not one of the enum's values
        {"inner": {"name": "a"}, "scores": {"k": "1"}},
        {"inner": {"name": "a"}, "flag": "yes"},
        {"inner": "a"},
        {},  # a required field missing
        [],
    ],
)
def test_documents_that_do_not_fit_are_refused(doc: object) -> None:
    with pytest.raises(DocumentError):
        from_doc(Outer, doc)


def test_lenient_reading_ignores_unknown_keys_but_not_wrong_types() -> None:
    assert from_doc(Inner, {"name": "a", "added_later": 1}, lenient=True) == Inner("a")
    with pytest.raises(DocumentError):
        from_doc(Inner, {"name": 1, "added_later": 1}, lenient=True)


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"inner": {"name": "a"}, "items": [1, 2, True]}, r"document\.items\[2\]: expected int"),
        ({"inner": {"name": "a"}, "items": [1, 10**12]}, r"document\.items\[1\]: expected int"),
        ({"inner": {"name": "a"}, "tags": ["x", 3]}, r"document\.tags\[1\]: expected str"),
    ],
)
def test_a_list_of_plain_values_names_the_item_that_does_not_fit(doc: object, message: str) -> None:
    # Lists of plain values are checked in one pass; one that fails is read item by item.
    with pytest.raises(DocumentError, match=message):
        from_doc(Outer, doc)


def test_a_list_read_back_is_a_copy_of_the_document() -> None:
    doc = {"inner": {"name": "a"}, "items": [1, 2]}
    value = from_doc(Outer, doc)
    doc["items"].append(3)
    assert value.items == [1, 2] and isinstance(from_doc(Outer, doc).tags, tuple)


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"inner": {"name": "a", "count": True}}, r"^document\.inner\.count: expected int$"),
        ({"inner": {"name": "a"}, "scores": {"k": 1, "j": "1"}}, r"^document\.scores\.j: "),
        ({"inner": {"name": "a"}, "tags": ["x", 3]}, r"^document\.tags\[1\]: expected str$"),
    ],
)
def test_a_value_that_does_not_fit_is_named_by_its_whole_path(doc: object, message: str) -> None:
    # Paths are built only when something fails; the message still names the whole of it.
    with pytest.raises(DocumentError, match=message):
        from_doc(Outer, doc)
