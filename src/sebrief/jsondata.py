"""Values as plain JSON data, the same way for every output that writes dataset values.

Amounts are written with a dot and two decimals (``"9835.60"``; more only if they have them),
dates as ISO 8601 (``"2018-01-19"``), enumerations by their code, models and dataclasses as
objects in the order of their fields, so that the same value always gives the same JSON.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
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

    Objects keep the order of their fields in the model, so the output is stable.
    """
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return amount_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return {name: json_value(getattr(value, name)) for name in type(value).model_fields}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: json_value(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): json_value(item) for key, item in value.items()}
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")
