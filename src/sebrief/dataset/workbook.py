"""A table kept in an Excel workbook (.xlsx): its first sheet, or the one the table block names.

Its cells keep their types: a number in the amount column is taken exactly to the cent (Excel's
float 12500.1 is 12500.10, by its shortest form), a date in a date column is that date, a formula
is the value Excel saved with it. Every record comes out as the text a CSV file would hold (see
``sebrief.dataset.tablefile``), so that the checks and their messages are the same as for a CSV
file, "row N" being the Excel row.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sebrief.dataset import tablefile
from sebrief.dataset.fields import shorten
from sebrief.dataset.reading import MAIN_FILE
from sebrief.dataset.tablefile import (
    DATE_COLUMNS,
    MAX_ROWS,
    Batch,
    Record,
    TableFormat,
    header_problem,
    listed,
    too_many_rows,
)
from sebrief.errors import Message, Problem

ERROR_CODES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")


def open_sheet(data: bytes, fmt: TableFormat, sheet: str | None) -> tuple[Any, TableFormat] | Problem:
    """The worksheet of a workbook's bytes (read-only, formulas as written) and the format that
    names it, or the problem that says why it cannot be read."""
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = _load(data, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as error:
        old = (
            Message(" (an old .xls workbook, or one protected by a password, is not an .xlsx file)")
            if data[:4] == (b"\xd0\xcf\x11\xe0")
            else ""
        )
        return Problem(
            fmt.file,
            None,
            Message(
                'not an Excel workbook that can be read{old} ({error}); open it in Excel and save it as "Excel '
                'Workbook (.xlsx)"',
                old=old,
                error=shorten(str(error) or type(error).__name__),
            ),
        )
    names = list(book.sheetnames)
    worksheets = list(book.worksheets)
    if sheet is None:
        if not worksheets:
            return Problem(fmt.file, None, Message("the workbook has no worksheet; put the table on a worksheet"))
        chosen = worksheets[0]
    else:
        found = [ws for ws in worksheets if ws.title == sheet]
        if not found:
            return Problem(
                fmt.file,
                None,
                Message(
                    "no sheet named {sheet} (named by `sheet` in {file}); its sheets are {sheets}: correct the name",
                    sheet=repr(sheet),
                    file=MAIN_FILE,
                    sheets=listed(names),
                ),
            )
        chosen = found[0]
    chosen.reset_dimensions()  # some programs write a wrong size; read every cell there is
    return chosen, TableFormat(fmt.file, separator="", encoding="", sheet=chosen.title)


def _load(data: bytes, data_only: bool) -> Any:
    """A workbook, read-only; openpyxl's warnings about what it leaves out (styles, data validation,
    extensions), which say nothing of the cells, are not shown to the user."""
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)


class _SavedValues:
    """The values Excel saved with the formulas of a sheet, read the first time one is needed and
    then a row at a time along with the formulas."""

    def __init__(self, data: bytes, title: str) -> None:
        self._data = data
        self._title = title
        self._rows: Iterator[tuple[Any, ...]] | None = None
        self._at = 0
        self._row: tuple[Any, ...] = ()

    def row(self, number: int) -> tuple[Any, ...]:
        if self._rows is None:
            try:
                sheet = _load(self._data, data_only=True)[self._title]
            except _DAMAGED as error:
                raise _SheetDamaged() from error
            sheet.reset_dimensions()
            self._rows = _guarded(sheet.iter_rows(values_only=True))
        while self._at < number:
            self._row = next(self._rows, ())
            self._at += 1
        return self._row


_NO_SAVED_VALUE = Message(
    "a formula without the value it computes (the file was saved by a program that does not calculate); "
    "open and save it in Excel, or type the value"
)


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value) if isinstance(value, int) else repr(value)


def excel_amount(value: float | int) -> tuple[str, Message | None]:
    """A number cell of the amount column as an exact amount with two decimals, or its problem.

    A float is taken by its shortest form (12500.1 is 12500.10, never its binary noise); one with
    more decimals is what Excel shows, to its 15 significant digits (0.30000000000000004 is 0.3).
    """
    if isinstance(value, float) and not math.isfinite(value):
        return "", Message("the number {value} is not an amount; type the amount", value=str(value))
    exact = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    exponent = exact.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and isinstance(value, float):
        exact = Decimal(format(value, ".15g"))
        exponent = exact.as_tuple().exponent
    if not isinstance(exponent, int) or exponent < -2:
        return "", Message(
            "the number {value} has more than 2 decimals; amounts are exact to the cent: "
            "round it in the cell (or type the amount as the answer gives it)",
            value=_number_text(value),
        )
    try:
        return str(exact.quantize(Decimal("0.01"))), None
    except InvalidOperation:
        return str(exact), None  # too many digits: the amount's own check says so


def _cell_text(value: Any, column: str) -> tuple[str, Message | None]:
    """A cell's value as the text a CSV file would hold, or the cell's problem."""
    if value is None:
        return "", None
    if isinstance(value, str):
        return value, None
    if isinstance(value, bool):
        return "", Message("a logical value ({value}); type the value the column holds", value=str(value).upper())
    if isinstance(value, (int, float)):
        return excel_amount(value) if column == "amount" else (_number_text(value), None)
    if isinstance(value, (dt.datetime, dt.date)):
        day = value.date() if isinstance(value, dt.datetime) else value
        if column not in DATE_COLUMNS:
            return "", Message(
                "Excel stored a date here ({date}), but this column holds text; "
                "format the cell as Text and type the value again",
                date=day.isoformat(),
            )
        if isinstance(value, dt.datetime) and value.time() != dt.time(0):
            return "", Message(
                "a date with a time of day ({value}); keep only the date", value=value.isoformat(sep=" ")
            )
        return day.isoformat(), None
    if isinstance(value, (dt.time, dt.timedelta)):
        return "", Message("a time, not a date; type the date (for example 2018-01-19) or leave the cell empty")
    return "", Message("a cell of a kind sebrief does not read ({kind}); type the value", kind=type(value).__name__)


# What a damaged workbook raises while its sheet is read (XML parse errors are SyntaxErrors).
_DAMAGED = (SyntaxError, ValueError, KeyError, TypeError, IndexError, zipfile.BadZipFile, zlib.error, EOFError, OSError)


class _SheetDamaged(Exception):
    """openpyxl could not read on in the sheet (the cause is its error)."""


def _guarded(rows: Iterator[Any]) -> Iterator[Any]:
    """The rows of a sheet, a damaged part raised as ``_SheetDamaged`` (and only openpyxl's errors)."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except _DAMAGED as error:
            raise _SheetDamaged() from error
        yield row


def batched(records: Iterator[Record]) -> Iterator[Batch]:
    """Records (of a workbook) in batches of the same columns."""
    batch: Batch | None = None
    for line, record, cell_problems in records:
        names = tuple(record)
        if (
            batch is None or names != batch.names or len(batch.records) >= tablefile.BATCH
        ):  # (read now: tests make it small)
            if batch is not None:
                yield batch
            batch = Batch(names, [], [], {})
        if cell_problems:
            batch.troubles[len(batch.records)] = cell_problems
        batch.lines.append(line)
        batch.records.append(list(record.values()))
    if batch is not None:
        yield batch


def xlsx_records(
    data: bytes,
    sheet: Any,
    fmt: TableFormat,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    problems: list[Problem],
) -> Iterator[Record]:
    """The records of a worksheet after its header row, the empty rows skipped; cells keep their
    types until they are made text for the checks (see ``_cell_text``)."""
    last = 0
    try:
        for record in _sheet_records(data, sheet, fmt, required, optional, problems):
            last = record[0]
            yield record
    except _SheetDamaged as damaged:
        error = damaged.__cause__ or damaged
        after = Message(" after row {row}", row=last) if last else ""
        problems.append(
            Problem(
                fmt.file,
                None,
                Message(
                    "the sheet {sheet} cannot be read{after} ({error}); "
                    "the file is damaged: open it in Excel and save it again",
                    sheet=repr(fmt.sheet),
                    after=after,
                    error=shorten(str(error) or type(error).__name__),
                ),
            )
        )


def _sheet_records(
    data: bytes,
    sheet: Any,
    fmt: TableFormat,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    problems: list[Problem],
) -> Iterator[Record]:
    from openpyxl.utils import get_column_letter

    saved = _SavedValues(data, fmt.sheet)
    rows = _guarded(sheet.iter_rows())
    header = next(rows, None)
    names = [str(cell.value).strip() if cell.value is not None else "" for cell in header or ()]
    while names and not names[-1]:
        names.pop()  # empty columns after the last one named
    if not names:
        problems.append(
            Problem(
                fmt.file,
                fmt.where(1),
                Message(
                    "no header; the first row of the sheet names the columns: {columns}", columns=",".join(required)
                ),
            )
        )
        return
    problem = header_problem(names, required, optional, fmt)
    if problem is not None:
        problems.append(problem)
        return
    for number, cells in enumerate(rows, start=2):
        if number - 1 > MAX_ROWS:
            problems.append(Problem(fmt.file, fmt.where(number), too_many_rows()))
            return
        values: list[Any] = []
        for index, cell in enumerate(cells):
            value = cell.value
            if getattr(cell, "data_type", None) == "f":
                saved_row = saved.row(number)
                value = saved_row[index] if index < len(saved_row) else None
                if value is None:
                    value = _NoValue
                elif isinstance(value, str) and value in ERROR_CODES:
                    value = _ExcelError(value)  # the formula's saved value is an error
            elif getattr(cell, "data_type", None) == "e":
                value = _ExcelError(str(value))
            values.append(value)
        if all(value is None or (isinstance(value, str) and not value.strip()) for value in values):
            continue
        record: dict[str, str] = {}
        cell_problems: dict[str, Message] = {}
        trouble: Message | None
        for index, value in enumerate(values):
            if index >= len(names):
                if value is not None and not (isinstance(value, str) and not value.strip()):
                    letter = get_column_letter(index + 1)
                    problems.append(
                        Problem(
                            fmt.file,
                            fmt.where(number, letter),
                            Message(
                                "a value in column {letter}, after the last column named in row 1; "
                                "name the column in row 1 or clear the cell",
                                letter=letter,
                            ),
                        )
                    )
                continue
            column = names[index]
            if value is _NoValue:
                text, trouble = "", _NO_SAVED_VALUE
            elif isinstance(value, _ExcelError):
                text, trouble = (
                    "",
                    Message("the cell holds the Excel error {code}; correct its formula or value", code=value.code),
                )
            else:
                text, trouble = _cell_text(value, column)
            record[column] = text
            if trouble:
                cell_problems[column] = trouble
        for column in names[len(values) :]:
            record[column] = ""
        yield number, record, cell_problems


class _NoValue:
    """A formula cell saved without its value."""


@dataclass(frozen=True)
class _ExcelError:
    code: str
