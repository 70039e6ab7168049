"""A table's CSV file as the browser's grid shows it, and written back as it was written: the
same separator, encoding (a BOM kept) and line ends."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from sebrief.dataset.load import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from sebrief.dataset.tablefile import decode_csv, detect_separator
from sebrief.errors import Problem
from sebrief.skeleton import ROW_COLUMNS


@dataclass
class Grid:
    """A table's CSV file as the grid shows it."""

    file: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]  # the line each row starts on
    separator: str = ","
    encoding: str = "utf-8"
    newline: str = "\n"
    editable: bool = True
    note: str = ""


def read_grid(path: Path, name: str) -> Grid:
    """The grid of the table file ``path`` (named ``name`` in the dataset)."""
    if not name.lower().endswith(".csv"):
        return Grid(name, [], [], [], editable=False, note="xlsx")
    try:
        data = path.read_bytes()
    except FileNotFoundError:  # a new table: its file is written with the first row
        return Grid(name, list(ROW_COLUMNS), [], [], note="missing")
    except OSError:
        return Grid(name, [], [], [], editable=False, note="unreadable")
    decoded = decode_csv(data, name)
    if isinstance(decoded, Problem):
        return Grid(name, [], [], [], editable=False, note="unreadable")
    text, encoding = decoded
    separator = detect_separator(text, REQUIRED_COLUMNS, {*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS})
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        header = next(reader, [])
        rows, lines = [], []
        previous = reader.line_num
        for values in reader:
            lines.append(previous + 1)
            previous = reader.line_num
            rows.append(values + [""] * (len(header) - len(values)))
    except csv.Error:
        return Grid(name, [], [], [], editable=False, note="unreadable")
    newline = "\r\n" if "\r\n" in text else "\n"
    return Grid(name, header, rows, lines, separator, encoding, newline)


def grid_bytes(grid: Grid) -> bytes:
    """The file of ``grid``, its empty rows left out."""
    rows = [row for row in grid.rows if any(value.strip() for value in row)]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=grid.separator, lineterminator=grid.newline)
    writer.writerow(grid.header)
    writer.writerows(rows)
    return buffer.getvalue().encode(grid.encoding)
