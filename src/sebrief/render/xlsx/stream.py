"""Cells written as worksheet XML, for sheets too large for a cell object per value.

openpyxl keeps every cell of a sheet in memory as an object (with its style) until the file is
saved: for a table of 135,000 rows that is millions of objects. The rows of a table are therefore
written as the XML openpyxl itself would write for them (inline strings, numbers, dates as serial
numbers, formulas with their cached result, the same style indices: see ``Book.style_id``), a
chunk of rows at a time, straight into the file (``package``): ``rowsxml`` writes the cells, with
the helpers here.
"""

from __future__ import annotations

MAX_TEXT = 32767  # characters in a cell, as openpyxl cuts them


def escape(text: str) -> str:
    """Text as XML character data (as ElementTree escapes it)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def number_text(value: float | int) -> str:
    """A number as openpyxl writes it."""
    return f"{value:.16g}"


def row_start(row: int, height: float | None) -> str:
    """A row element, with its height when its wrapped text needs more than one line."""
    if height is not None:
        return f'<row r="{row}" ht="{number_text(height)}" customHeight="1">'
    return f'<row r="{row}">'
