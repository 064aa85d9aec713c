"""JSON documents as DynamoDB attribute values, and back.

The DynamoDB store keeps each household document as one map attribute. boto3's
``TypeSerializer`` could do this, but importing it imports all of boto3 (its
resource layer and s3transfer included), a cost every Lambda cold start would
pay for a handful of conversions. JSON needs only six attribute types (S, N,
BOOL, NULL, M and L), done here with boto3's own number rules: at most 38
significant digits, magnitudes within 1e-130..1e126, nothing ever rounded.
The tests check both directions against boto3's serializer and deserializer.
"""

from __future__ import annotations

from decimal import (
    Clamped,
    Context,
    Decimal,
    DecimalException,
    Inexact,
    Overflow,
    Rounded,
    Underflow,
)
from typing import Any

JsonDict = dict[str, Any]

#: boto3's ``DYNAMODB_CONTEXT``: DynamoDB's number limits, where any rounding is an error.
NUMBER_CONTEXT = Context(
    Emin=-128, Emax=126, prec=38, traps=[Clamped, Overflow, Inexact, Rounded, Underflow]
)


def to_attribute(value: Any) -> JsonDict:
    """The attribute value of a JSON value; floats are written exactly (as their repr)."""
    if value is None:
        return {"NULL": True}
    # bool before int: True is an int too, but DynamoDB has a type of its own for it.
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, int | float | Decimal):
        return {"N": _number(value)}
    if isinstance(value, dict):
        return {"M": {key: to_attribute(item) for key, item in value.items()}}
    if isinstance(value, list | tuple):
        return {"L": [to_attribute(item) for item in value]}
    raise TypeError(f"A {type(value).__name__} is not a JSON value; the store cannot keep it.")


def from_attribute(attribute: JsonDict) -> Any:
    """The JSON value of an attribute value this store wrote.

    A number written without a fraction or exponent (how ints are stored) comes
    back as int, any other as float. DynamoDB may respell a number (``2.0`` as
    ``2``), so callers can rely on equal values, not on int versus float.
    """
    if len(attribute) != 1:
        raise TypeError("An attribute value has exactly one type key.")
    [(kind, value)] = attribute.items()
    if kind == "S" or kind == "BOOL":
        return value
    if kind == "N":
        number = NUMBER_CONTEXT.create_decimal(value)
        return int(number) if number.as_tuple().exponent == 0 else float(number)
    if kind == "NULL":
        return None
    if kind == "M":
        return {key: from_attribute(item) for key, item in value.items()}
    if kind == "L":
        return [from_attribute(item) for item in value]
    raise TypeError(f"Attribute type {kind!r} is not one this store writes.")


def _number(value: int | float | Decimal) -> str:
    """DynamoDB's spelling of a number, refusing what DynamoDB cannot hold rather than rounding."""
    # repr is the shortest string that reads back as the same float.
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError("NaN and infinite numbers cannot be stored.")
    try:
        return str(NUMBER_CONTEXT.create_decimal(number))
    except DecimalException:
        raise ValueError(
            "A number has more than 38 digits or lies outside 1e-130..1e126,"
            " which DynamoDB cannot store."
        ) from None
