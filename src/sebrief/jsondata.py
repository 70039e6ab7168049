"""Values as plain JSON data, the same way for every output that writes dataset values.

Amounts are written with a dot and two decimals (``"9835.60"``; more only if they have them),
dates as ISO 8601 (``"2018-01-19"``), enumerations by their code, models and dataclasses as
objects in the order of their fields, so that the same value always gives the same JSON.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel


def amount_text(amount: Decimal) -> str:
    """An amount as exported: a dot and two decimals, e.g. ``9835.60``; more only if it has them."""
    exponent = amount.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return f"{amount:.{places}f}"


def json_value(value: Any) -> Any:
    """``value`` as JSON data: amounts as two-decimal strings, dates ISO, models as objects.

    Objects keep the order of their fields in the model, so the output is stable. How a value is
    written is decided once per type (a dataset's 100,000 rows share a handful of types).
    """
    kind = type(value)
    if kind is str or value is None or kind is int or kind is bool:
        return value
    convert = _CONVERTERS.get(kind)
    if convert is None:
        convert = _CONVERTERS[kind] = _converter(kind)
    return convert(value)


def _converter(kind: type) -> Callable[[Any], Any]:
    """How ``json_value`` writes a value of type ``kind`` (checked in the order of its docstring)."""
    if issubclass(kind, Enum):
        return _enum_value
    if issubclass(kind, (bool, int, str)):
        return _same
    if issubclass(kind, Decimal):
        return amount_text
    if issubclass(kind, dt.date):
        return _iso
    if issubclass(kind, BaseModel):
        return _fields_writer(tuple(kind.model_fields))
    if dataclasses.is_dataclass(kind):
        return _fields_writer(tuple(field.name for field in dataclasses.fields(kind)))
    if issubclass(kind, (tuple, list)):
        return _items
    if issubclass(kind, dict):
        return _mapping
    raise TypeError(f"cannot write a {kind.__name__} as JSON")


def _enum_value(value: Enum) -> Any:
    return value.value


def _same(value: Any) -> Any:
    return value


def _iso(value: dt.date) -> str:
    return value.isoformat()


def _items(value: tuple[Any, ...] | list[Any]) -> list[Any]:
    return [json_value(item) for item in value]


def _mapping(value: dict[Any, Any]) -> dict[str, Any]:
    return {str(key): json_value(item) for key, item in value.items()}


def _fields_writer(names: tuple[str, ...]) -> Callable[[Any], dict[str, Any]]:
    def write(value: Any) -> dict[str, Any]:
        written = {}
        for name in names:
            item = getattr(value, name)
            kind = type(item)
            # Plain values inline: most fields of a row are text, a number or nothing.
            written[name] = item if kind is str or item is None or kind is int or kind is bool else json_value(item)
        return written

    return write


_CONVERTERS: dict[type, Callable[[Any], Any]] = {}
