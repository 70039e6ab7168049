"""The dataset as plain data: a CSV of every table's rows and a JSON document of the whole dataset.

Both are deterministic: the same dataset gives the same bytes. Amounts are written with a dot
and two decimals ("9835.60"; in the CSV for Excel with a decimal comma, "9835,60"), dates as
ISO 8601 ("2018-01-19"). The PDF embeds exactly the
bytes of ``dataset_json_bytes`` as an attachment (made from ``dataset_json_chunks``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from enum import Enum
from typing import Literal

from sebrief.dataset.model import Dataset, Grouping, Row
from sebrief.engine.diff import source_text_sha256
from sebrief.jsondata import amount_text, json_value

# The columns of the CSV export, as in a table's CSV file, with the table first; each grouping
# the tables use adds its column and ``<grouping>_basis`` before ``source_ref``.
LEADING_COLUMNS = (
    "table", "id", "kind", "description", "description_source", "period_start", "period_end", "period_precision",
    "period_text", "status", "beneficiary", "beneficiary_count", "amount", "amount_text", "vat_basis", "vat_text",
    "procedure",
)  # fmt: skip
TRAILING_COLUMNS = ("source_ref", "note_nl", "note_en")
JSON_CHUNK = 1 << 20  # characters of JSON a piece of dataset_json_chunks holds, about


def dataset_json_bytes(dataset: Dataset) -> bytes:
    """The whole dataset as UTF-8 JSON (non-ASCII kept, trailing newline); deterministic.

    The fields of ``dataset.yaml`` (``schema_version``, metadata, question, kinds, groupings,
    answer with its passages and blocks, curation notes), indented; then ``rows``, every table's
    rows shaped as in the model (``table`` names the block, ``period`` is an object with
    ``start``, ``end`` and ``precision``, ``groupings`` maps each grouping to its values), one row
    a line so that a table of 100,000 rows reads and diffs a row at a time; then
    ``source_text_sha256`` (``sebrief.engine.diff.source_text_sha256``). The source text itself
    is not included: it is the parliament's document, named by ``metadata.source``.
    """
    return b"".join(dataset_json_chunks(dataset))


def dataset_json_chunks(dataset: Dataset, size: int = JSON_CHUNK) -> Iterator[bytes]:
    """``dataset_json_bytes`` in pieces of about ``size`` bytes (the same pieces for the same
    dataset), made row by row: the document is never held whole, as Python objects or as bytes."""
    head = json.dumps(json_value(dataset.main), indent=2, ensure_ascii=False)
    pieces = [head.removesuffix("\n}"), ',\n  "rows": [']
    held = sum(map(len, pieces))
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    for at, row in enumerate(dataset.rows):
        line = ("\n    " if at == 0 else ",\n    ") + encode(json_value(row))
        pieces.append(line)
        held += len(line)
        if held >= size:
            yield "".join(pieces).encode("utf-8")
            pieces, held = [], 0
    pieces.append("\n  ]," if dataset.rows else "],")
    pieces.append(f'\n  "source_text_sha256": "{source_text_sha256(dataset)}"\n}}\n')
    yield "".join(pieces).encode("utf-8")


def used_groupings(dataset: Dataset) -> tuple[Grouping, ...]:
    """The groupings some table's rows carry, in the dataset's order."""
    used = {grouping for table in dataset.main.tables() for grouping in table.groupings}
    return tuple(grouping for grouping in dataset.main.groupings if grouping.id in used)


def csv_columns(dataset: Dataset) -> tuple[str, ...]:
    groupings = [g.id for g in used_groupings(dataset)]
    return (*LEADING_COLUMNS, *groupings, *(f"{g}_basis" for g in groupings), *TRAILING_COLUMNS)


def row_record(row: Row, columns: tuple[str, ...]) -> dict[str, str]:
    """A table row as CSV columns, written as in a table's CSV file; empty strings for missing values."""
    period = row.period
    values: dict[str, object] = {
        "period_start": period.start if period else None,
        "period_end": period.end if period else None,
        "period_precision": period.precision if period else None,
        "note_nl": row.note.nl if row.note else None,
        "note_en": row.note.en if row.note else None,
    }
    for grouping, chosen in row.groupings.items():
        values[grouping] = ";".join(chosen)
    for grouping, basis in row.grouping_basis.items():
        values[f"{grouping}_basis"] = basis
    record = {}
    for column in columns:
        value = values[column] if column in values else getattr(row, column, None)
        record[column] = _cell(value)
    return record


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


# How a CSV export is written: "standard" (RFC 4180 style: commas, UTF-8, "\n", amounts 9835.60)
# for other tools, or "excel" for a spreadsheet in Belgium: Excel there splits fields on ';', reads a
# file as UTF-8 only after a BOM (else "België" comes out garbled), and reads 9835,60 as a number.
CsvDialect = Literal["excel", "standard"]
CSV_DIALECTS: tuple[CsvDialect, ...] = ("excel", "standard")


def rows_csv_bytes(dataset: Dataset, dialect: CsvDialect = "standard") -> bytes:
    """Every table's rows as CSV, in the tables' order: one header line, one line per row.

    ``standard``: comma-separated UTF-8 without BOM, ``\\n`` endings, amounts like 9835.60.
    ``excel``: what Excel in Belgium opens in columns with its accents right: ';'-separated UTF-8
    with a BOM, ``\\r\\n`` endings, amounts with a decimal comma like 9835,60.
    Without the ``table`` column and the groupings a table does not carry, a table's lines are a
    valid CSV file for that table, in either dialect."""
    columns = csv_columns(dataset)
    excel = dialect == "excel"
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(
        buffer, fieldnames=columns, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n"
    )
    writer.writeheader()
    for table in dataset.main.tables():
        for row in dataset.rows_of(table.id):
            record = row_record(row, columns)
            if excel:
                record["amount"] = record["amount"].replace(".", ",")
            writer.writerow(record)
    return (b"\xef\xbb\xbf" if excel else b"") + buffer.getvalue().encode("utf-8")
