"""The engine's brief as JSON for other tools, and the JSON Schema of that JSON.

Amounts in euro are strings with exactly two decimals (``"9835.60"``), other decimals (shares,
durations, counts, FTE) strings as exact as they are (``"0.3361"``), dates ISO 8601
(``"2018-01-19"``). Pairs such as a row's groupings are arrays of two. The same brief always gives
the same bytes. The schema is generated from the brief's dataclasses and made strict: every field
is required, no other field is allowed, and amounts must have two decimals.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from sebrief.engine.brief import Brief

SCHEMA_ID = "https://sebrief.invalid/schema/brief-5.schema.json"
MONEY_PATTERN = r"^-?[0-9]+\.[0-9]{2}$"
DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"

# The fields that hold amounts in euro, by dataclass name.
MONEY_FIELDS: dict[str, frozenset[str]] = {
    "RowEntry": frozenset({"amount", "amount_excl_vat", "amount_incl_vat"}),
    "BasisAmount": frozenset({"amount", "incl_vat_estimate"}),
    "GroupTotal": frozenset({"amounts", "procurement_excl_vat"}),
    "Signal": frozenset({"amount"}),
    "Threshold": frozenset({"amount"}),
}


def _is_money(owner: object, name: str) -> bool:
    kind = type(owner).__name__
    if name in MONEY_FIELDS.get(kind, ()):
        return True
    if kind == "FigureView" and name == "value":
        return bool(getattr(owner, "unit").code == "eur")  # noqa: B009 - any dataclass named FigureView
    if kind == "FigureDelta" and name in ("previous", "current", "delta"):
        return bool(getattr(owner, "is_money"))  # noqa: B009
    return False


def _decimal(value: Decimal, money: bool) -> str:
    """An amount with exactly two decimals; any other decimal as exact as it is, never with an exponent."""
    return f"{value.quantize(Decimal('0.01')):f}" if money else f"{value:f}"


def brief_value(value: Any, money: bool = False) -> Any:
    """``value`` (a brief, or any part of it) as plain JSON data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: brief_value(getattr(value, field.name), _is_money(value, field.name))
            for field in dataclasses.fields(value)
        }
    if isinstance(value, (tuple, list)):
        return [brief_value(item, money) for item in value]
    if isinstance(value, Decimal):
        return _decimal(value, money)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    data = brief_value(brief)
    assert isinstance(data, dict)
    return data


def brief_to_json(brief: Brief) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2) + "\n"


@cache
def _schema() -> str:
    schema = TypeAdapter(Brief).json_schema(mode="serialization")
    definitions = schema.get("$defs", {})
    classes = _dataclasses(Brief)
    for name, definition in [("Brief", schema), *definitions.items()]:
        cls = classes.get(name)
        if cls is None or definition.get("type") != "object":
            continue
        properties = definition.get("properties", {})
        definition["required"] = list(properties)
        definition["additionalProperties"] = False
        for field in dataclasses.fields(cls):
            prop = properties.get(field.name)
            if prop is None:
                continue
            prop.pop("default", None)
            if field.default is not dataclasses.MISSING and field.name == "kind" and isinstance(field.default, str):
                prop.clear()
                prop.update({"const": field.default})
            _set_decimal_patterns(prop, MONEY_PATTERN if field.name in MONEY_FIELDS.get(name, ()) else None)
    full = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
    return json.dumps(full, sort_keys=False)


def _set_decimal_patterns(node: Any, money: str | None) -> None:
    """Decimal strings anywhere under ``node`` get the money pattern (for an amount) or a plain one."""
    if isinstance(node, dict):
        if node.get("type") == "string" and "pattern" in node and "format" not in node:
            node["pattern"] = money or DECIMAL_PATTERN
        for child in node.values():
            _set_decimal_patterns(child, money)
    elif isinstance(node, list):
        for child in node:
            _set_decimal_patterns(child, money)


def _dataclasses(root: type) -> dict[str, type]:
    """Every dataclass reachable from ``root``'s fields, by name."""
    import typing

    found: dict[str, type] = {}
    stack: list[Any] = [root]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and dataclasses.is_dataclass(current):
            if current.__name__ in found:
                continue
            found[current.__name__] = current
            stack.extend(typing.get_type_hints(current).values())
        else:
            stack.extend(typing.get_args(current))
    return found


def brief_json_schema() -> dict[str, Any]:
    """The JSON Schema of ``sebrief analyse --json`` (a copy is in data/brief.schema.json)."""
    data: dict[str, Any] = json.loads(_schema())
    return data
