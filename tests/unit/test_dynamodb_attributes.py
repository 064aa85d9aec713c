"""The store's own JSON ⇄ DynamoDB conversion, checked against boto3's, which it replaces.

boto3's ``TypeSerializer``/``TypeDeserializer`` with floats written as the
Decimal of their repr is what the store used before; :func:`reference_to` and
:func:`reference_from` are that code, kept here as the oracle.
"""

from __future__ import annotations

import math
from decimal import Decimal, DecimalException
from typing import Any

import pytest
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from hypothesis import given
from hypothesis import strategies as st

from skill.storage.attributes import from_attribute, to_attribute

JsonDict = dict[str, Any]

#: Numbers of every size, inside and outside what DynamoDB holds (38 digits, 1e-130..1e126).
numbers = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**45), max_value=10**45),
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
)
scalars = st.one_of(st.none(), st.booleans(), st.text(), numbers)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(), inner, max_size=5)
    ),
    max_leaves=20,
)


def _decimals(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dict):
        return {key: _decimals(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_decimals(item) for item in value]
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value.as_tuple().exponent == 0 else float(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def reference_to(value: Any) -> JsonDict:
    """What boto3 makes of a JSON value, floats given as exact Decimals."""
    serialized: JsonDict = TypeSerializer().serialize(_decimals(value))
    return serialized


def reference_from(attribute: JsonDict) -> Any:
    """What boto3 reads back, Decimals turned into int or float."""
    return _plain(TypeDeserializer().deserialize(attribute))


def storable(value: Any) -> bool:
    """Whether boto3 accepts the value (numbers within DynamoDB's limits)."""
    try:
        reference_to(value)
    except DecimalException:
        return False
    return True


@given(json_values)
def test_writes_what_boto3_writes_and_refuses_what_it_refuses(value: Any) -> None:
    if storable(value):
        assert to_attribute(value) == reference_to(value)
    else:
        with pytest.raises(ValueError, match="38 digits"):
            to_attribute(value)


@given(json_values)
def test_reads_what_boto3_reads(value: Any) -> None:
    if storable(value):
        attribute = reference_to(value)
        assert from_attribute(attribute) == reference_from(attribute)


@given(json_values)
def test_a_stored_value_reads_back_equal_and_ints_stay_ints(value: Any) -> None:
    if storable(value):
        back = from_attribute(to_attribute(value))
        assert back == _plain(_decimals(value)) == value
        if isinstance(value, int) and not isinstance(value, bool):
            assert type(back) is int


@pytest.mark.parametrize("text", ["1E+2", "2", "2.0", "-0.5", "1e-130", "9" * 38])
def test_numbers_dynamodb_respells_read_as_boto3_reads_them(text: str) -> None:
    assert from_attribute({"N": text}) == reference_from({"N": text})


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf, Decimal("NaN")])
def test_nan_and_infinity_are_refused(number: float | Decimal) -> None:
    with pytest.raises(ValueError, match="NaN and infinite"):
        to_attribute({"ratio": number})


@pytest.mark.parametrize("value", [b"bytes", {"a", "set"}, object()])
def test_values_json_cannot_hold_are_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        to_attribute({"field": value})


@pytest.mark.parametrize("attribute", [{"SS": ["a"]}, {"B": b"x"}, {}, {"S": "a", "N": "1"}])
def test_attribute_types_the_store_never_writes_are_refused(attribute: JsonDict) -> None:
    with pytest.raises(TypeError):
        from_attribute(attribute)
