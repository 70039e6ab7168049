"""The dataset as plain data: a CSV of the table rows and a JSON document of the whole dataset.

Both are deterministic: the same dataset gives the same bytes. Amounts are written with a dot
and two decimals ("9835.60"), dates as ISO 8601 ("2018-01-19"). The PDF embeds exactly the
bytes of ``dataset_json_bytes`` as an attachment.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel

from sebrief.load import ROW_COLUMNS
from sebrief.model import Dataset, TableRow


def amount_text(amount: Decimal) -> str:
    """An amount as exported: a dot and exactly two decimals, e.g. ``9835.60``."""
    return f"{amount:.2f}"


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


def source_text_sha256(dataset: Dataset) -> str:
    """The SHA-256 of the source text (as UTF-8), naming the text the quotes were checked against."""
    return hashlib.sha256(dataset.source_text.encode("utf-8")).hexdigest()


def dataset_json_dict(dataset: Dataset) -> dict[str, Any]:
    """The whole dataset as JSON data.

    The fields of ``dataset.yaml`` (metadata, question, convenant actions, answer, curation
    notes), then ``rows`` (the table rows, shaped as in the model: ``period`` is an object with
    ``start``, ``end`` and ``precision``) and ``source_text_sha256``. The source text itself is
    not included: it is the parliament's document, named by ``metadata.source``.
    """
    data: dict[str, Any] = json_value(dataset.main)
    data["rows"] = [json_value(row) for row in dataset.rows]
    data["source_text_sha256"] = source_text_sha256(dataset)
    return data


def dataset_json_bytes(dataset: Dataset) -> bytes:
    """The dataset as UTF-8 JSON (indented, non-ASCII kept, trailing newline); deterministic."""
    return (json.dumps(dataset_json_dict(dataset), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def row_record(row: TableRow) -> dict[str, str]:
    """A table row as the columns of ``rows.csv``; empty strings for missing values."""
    return {column: _cell(_column_value(row, column)) for column in ROW_COLUMNS}


def _column_value(row: TableRow, column: str) -> object:
    fields = type(row).model_fields
    if column == "pillars":
        return ";".join(str(number) for number in row.pillars)
    if column in fields:
        return getattr(row, column)
    # A column for a part of a field: period_start is period.start, note_en is note.en.
    for name in fields:
        if column.startswith(f"{name}_"):
            part = getattr(row, name)
            return None if part is None else getattr(part, column.removeprefix(f"{name}_"))
    raise KeyError(f"no field of a table row gives the column {column}")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return amount_text(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def rows_csv_bytes(dataset: Dataset) -> bytes:
    """The table rows as UTF-8 CSV: the header of ``rows.csv``, one line per row, ``\\n`` endings."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=ROW_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row_record(row) for row in dataset.rows)
    return buffer.getvalue().encode("utf-8")
