"""Cells written as worksheet XML, for sheets too large for a cell object per value.

openpyxl keeps every cell of a sheet in memory as an object (with its style) until the file is
saved: for a table of 135,000 rows that is millions of objects. The rows of a table are therefore
written here as the XML openpyxl itself would write for them (inline strings, numbers, dates as
serial numbers, formulas with their cached result, the same style indices: see
``Book.style_id``), a chunk of rows at a time, straight into the file (``package``).
"""

from __future__ import annotations

from decimal import Decimal

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


def empty_cell(ref: str, style: int) -> str:
    """A cell with a format and no value (an amount or date the answer does not give)."""
    return f'<c r="{ref}" s="{style}" t="n" />'


def text_cell(ref: str, style: int, text: str) -> str:
    """A text cell (an inline string): never a formula, whatever the text begins with."""
    stripped = text.strip()
    space = ' xml:space="preserve"' if stripped and stripped != text else ""
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def number_cell(ref: str, style: int, value: float | int) -> str:
    return f'<c r="{ref}" s="{style}" t="n"><v>{number_text(value)}</v></c>'


def formula_cell(ref: str, style: int, formula: str, cached: Decimal | int) -> str:
    """A live formula with the result the analysis computed for it."""
    shown = format(cached, "f") if isinstance(cached, Decimal) else str(cached)
    return f'<c r="{ref}" s="{style}"><f>{escape(formula)}</f><v>{shown}</v></c>'


def row_start(row: int, height: float | None) -> str:
    """A row element, with its height when its wrapped text needs more than one line."""
    if height is not None:
        return f'<row r="{row}" ht="{number_text(height)}" customHeight="1">'
    return f'<row r="{row}">'
