"""The rows sheet written as XML (render/xlsx/rowsxml.py): texts kept as they are, row heights for
wrapped text, column widths, and the line counting it relies on.

The workbook is made from the bundled question's analysis with three descriptions edited: one that
needs several lines, one with line breaks, one with leading spaces and XML characters.
Line counts are checked against examples counted by hand and against a word-by-word wrapping
written here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sebrief.dataset.load import load_dataset
from sebrief.engine.analyse import analyse
from sebrief.i18n import Translator
from sebrief.render.xlsx import render_workbook
from sebrief.render.xlsx.writer import LINE_HEIGHT, number_width, text_lines

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "sv-221-2017-2018"
TIMESTAMP = dt.datetime(2018, 1, 19, tzinfo=dt.UTC)


def word_by_word(text: str, per_line: int) -> int:
    """Lines of ``text`` wrapped a word at a time at ``per_line`` characters; a word longer than a
    line takes the lines it fills (the rule ``text_lines`` follows)."""
    total = 0
    for paragraph in text.splitlines() or [""]:
        count, used = 1, 0
        for word in paragraph.split():
            if used and used + 1 + len(word) > per_line:
                count, used = count + 1, 0
            if len(word) > per_line:
                count += (used + len(word) - 1) // per_line
                used = (used + len(word)) % per_line
            else:
                used += len(word) + (1 if used else 0)
        total += count
    return total


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("kort", 10, 1),  # 10 * 1.1 - 1 = 10 characters a line
        ("aaaa bbbb cc", 10, 2),  # "aaaa bbbb" (9), then "cc"
        ("aaaa bbbbb c", 10, 2),  # "aaaa bbbbb" is 10: fits; "c" on the next line
        ("aaaaaaaaaa bbbbbbbbbb cccccccccc", 10, 3),  # a word of exactly a line per line
        ("aaaaaaaaaaaaaaaaaaaaaaaaa", 10, 3),  # 25 characters without a space: 10 + 10 + 5
        ("een\ntwee\n\ndrie", 10, 4),  # a line per paragraph, the empty one too
        ("a  b   c", 4, 2),  # 3 characters a line; runs of spaces count as one: "a b", "c"
        ("", 10, 1),
    ],
)
def test_lines_counted_by_hand(text: str, width: float, lines: int) -> None:
    assert text_lines(text, width, False) == lines


@settings(deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab \n\t\u00a0é"), max_size=80)
    | st.lists(st.text(alphabet="w", min_size=1, max_size=15), max_size=12).map(" ".join),
    st.sampled_from([0.5, 1, 2, 3, 5, 6.5, 10, 12.3, 42]),
    st.sampled_from([True, False, None]),
)
def test_lines_are_those_of_wrapping_word_by_word(text: str, width: float, bold: bool | None) -> None:
    per_line = max(int(width * (1.0 if bold else 1.1)) - 1, 1)
    expected = 1 if len(text) <= per_line and text.isprintable() else word_by_word(text, per_line)
    assert text_lines(text, width, bold) == expected


@settings(deadline=None)
@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False))
def test_number_width_is_that_of_the_number_shown(value: Decimal) -> None:
    for lang in ("nl", "en"):
        assert number_width(value) == len(Translator(lang).number(value))


@pytest.fixture(scope="module")
def edited() -> tuple[openpyxl.Workbook, openpyxl.Workbook, dict[str, str]]:
    """The bundled question's analysis with three rows' descriptions edited (and their notes
    removed); the workbook read with its formulas and with their values."""
    brief = analyse(load_dataset(BUNDLED), "nl")
    ids = [row.id for row in brief.rows[:3]]
    descriptions = {
        ids[0]: " ".join(["ondersteuning"] * 12),  # 12 x 13 letters + 11 spaces = 167 characters
        ids[1]: "eerste regel\ntweede regel\nderde regel",
        ids[2]: "  R&D <pilot> & meer",
    }
    rows = tuple(
        dataclasses.replace(row, description=descriptions[row.id], note=None) if row.id in descriptions else row
        for row in brief.rows
    )
    data = render_workbook(dataclasses.replace(brief, rows=rows), timestamp=TIMESTAMP)
    return (
        openpyxl.load_workbook(io.BytesIO(data)),
        openpyxl.load_workbook(io.BytesIO(data), data_only=True),
        descriptions,
    )


def rows_sheet(book: openpyxl.Workbook) -> openpyxl.worksheet.worksheet.Worksheet:
    return next(ws for ws in book.worksheets if ws.tables)


def test_texts_are_kept_as_they_are_and_rows_are_as_tall_as_their_text(
    edited: tuple[openpyxl.Workbook, openpyxl.Workbook, dict[str, str]],
) -> None:
    book, _, descriptions = edited
    ws = rows_sheet(book)
    description = 3  # after the id and the kind
    assert str(ws.cell(4, description).value).startswith("Omschrijving")
    width = ws.column_dimensions[ws.cell(4, description).column_letter].width
    assert width == 42  # the column's maximum width for long text
    by_id = {ws.cell(r, 1).value: r for r in range(5, ws.max_row + 1)}
    for row_id, text in descriptions.items():
        assert ws.cell(by_id[row_id], description).value == text
    long_row, breaks_row, _ = (by_id[row_id] for row_id in descriptions)
    # 45 characters a line (42 x 1.1 - 1); 12 words of 13 letters: three a line (3 x 13 + 2 = 41, four
    # would be 55), so 4 lines; the other cells of the row need fewer.
    assert ws.row_dimensions[long_row].height == 4 * LINE_HEIGHT + 2
    assert ws.row_dimensions[breaks_row].height == 3 * LINE_HEIGHT + 2  # three lines as written


def test_leading_spaces_and_xml_characters_survive(
    edited: tuple[openpyxl.Workbook, openpyxl.Workbook, dict[str, str]],
) -> None:
    _, values, descriptions = edited
    ws = rows_sheet(values)
    found = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(5, ws.max_row + 1)}
    for row_id, text in descriptions.items():
        assert found[row_id] == text
