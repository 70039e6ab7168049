"""A dataset's table rows kept in columns, each row built when it is asked for.

Checking a long table does not need its rows as objects: the rules go through it a column at a time
and name the few rows they find a problem in. ``sebrief validate`` loads a dataset with its rows
kept this way (a list per field of ``Row``, in the rows' order): a table of 135,000 rows then costs
neither the quarter of a second nor the hundred megabytes its row objects would. The rows are built
(all at once, as the loader builds them otherwise) when something asks the dataset for them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from typing import Any, overload

from sebrief.dataset.fields import shared_fields_set
from sebrief.dataset.model import Row

__all__ = ["ROW_FIELDS", "TableRows", "rows_from_columns"]

ROW_FIELDS = tuple(Row.model_fields)  # a column each, in this order
_new = object.__new__
_set = object.__setattr__


class TableRows(Sequence[Row]):
    """Rows kept as columns: a list per field of ``Row``. Each row asked for by its position is built
    then (and not kept); ``rows`` builds them all."""

    def __init__(self) -> None:
        self._columns: dict[str, list[Any]] = {field: [] for field in ROW_FIELDS}

    def extend(self, columns: Mapping[str, Sequence[Any]]) -> None:
        """Rows given as columns, a sequence for each field of ``Row``, all of the same length."""
        for field, column in self._columns.items():
            column.extend(columns[field])

    def append(self, row: Row) -> None:
        """One row given as an object."""
        fields = row.__dict__
        for field, column in self._columns.items():
            column.append(fields[field])

    def column(self, field: str) -> Sequence[Any]:
        """The values of one field, in the rows' order (not to be changed)."""
        return self._columns[field]

    def split(self, keys: Sequence[Hashable]) -> dict[Hashable, TableRows]:
        """The rows in parts, by their ``keys`` (a key for each row: a column, such as their tables'),
        each part in the rows' order, the parts in the order of their first rows."""
        positions: dict[Hashable, list[int]] = {}
        for index, key in enumerate(keys):
            positions.setdefault(key, []).append(index)
        parts = {}
        for key, indices in positions.items():
            part = parts[key] = TableRows()
            for field, column in self._columns.items():
                part._columns[field] = list(map(column.__getitem__, indices))
        return parts

    def rows(self) -> tuple[Row, ...]:
        """Every row, built."""
        return tuple(rows_from_columns(self._columns))  # type: ignore[arg-type]  # (none skipped: no None)

    def __len__(self) -> int:
        return len(self._columns["id"])

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | Sequence[Row]:
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(len(self)))]
        values = {field: column[index] for field, column in self._columns.items()}  # (IndexError as a list's)
        return _row(values)

    def __iter__(self) -> Iterator[Row]:
        for values in zip(*self._columns.values(), strict=True):
            yield _row(dict(zip(ROW_FIELDS, values, strict=True)))


def rows_from_columns(columns: Mapping[str, Sequence[Any]], skip: Sequence[int] | None = None) -> list[Row | None]:
    """The rows made of ``columns`` (a sequence for each field of ``Row``), None in the place of each
    row ``skip`` marks (not 0): what validating each row's values would make of them, values that are
    known to pass it."""
    fields = shared_fields_set(ROW_FIELDS)
    new, put = _new, _set
    rows: list[Row | None] = []
    append = rows.append
    values = zip(*(columns[field] for field in ROW_FIELDS), strict=True)
    for flaw, (
        row_id, table, kind, description, source, period, period_text, status, beneficiary, count, amount, words,
        vat_basis, vat_text, procedure, groupings, basis, ref, note, own,
    ) in zip(skip or bytes(len(columns["id"])), values, strict=True):  # fmt: skip
        if flaw:
            append(None)
            continue
        row = new(Row)
        put(
            row,
            "__dict__",
            {
                "id": row_id,
                "table": table,
                "kind": kind,
                "description": description,
                "description_source": source,
                "period": period,
                "period_text": period_text,
                "status": status,
                "beneficiary": beneficiary,
                "beneficiary_count": count,
                "amount": amount,
                "amount_text": words,
                "vat_basis": vat_basis,
                "vat_text": vat_text,
                "procedure": procedure,
                "groupings": groupings,
                "grouping_basis": basis,
                "source_ref": ref,
                "note": note,
                "period_from_table": own,
            },
        )
        put(row, "__pydantic_fields_set__", fields)
        put(row, "__pydantic_extra__", None)
        put(row, "__pydantic_private__", None)
        append(row)
    return rows


assert ROW_FIELDS == (
    "id", "table", "kind", "description", "description_source", "period", "period_text", "status", "beneficiary",
    "beneficiary_count", "amount", "amount_text", "vat_basis", "vat_text", "procedure", "groupings",
    "grouping_basis", "source_ref", "note", "period_from_table",
), "rows_from_columns out of step with Row"  # fmt: skip


def _row(values: dict[str, Any]) -> Row:
    row = _new(Row)
    _set(row, "__dict__", values)
    _set(row, "__pydantic_fields_set__", shared_fields_set(ROW_FIELDS))
    _set(row, "__pydantic_extra__", None)
    _set(row, "__pydantic_private__", None)
    return row
