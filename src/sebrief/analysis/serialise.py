"""The brief as JSON for other tools: amounts as strings with two decimals, dates ISO 8601."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from sebrief.brief import Brief

SCHEMA_ID = "https://sebrief.invalid/schema/brief-1.schema.json"


@cache
def _adapter() -> TypeAdapter[Brief]:
    return TypeAdapter(Brief)


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    data = _adapter().dump_python(brief, mode="json")
    assert isinstance(data, dict)
    return data


def brief_to_json(brief: Brief) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2) + "\n"


def brief_json_schema() -> dict[str, Any]:
    schema = _adapter().json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
