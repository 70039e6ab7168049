"""Writing cells with real types, safe text, column widths that fit, and print setup.

Every sheet module writes through a ``SheetWriter``: text is always stored as text (a
description that begins with "=" never becomes a formula), amounts are numbers with a euro
format, dates are dates, and a formula carries the value the analysis computed for it, so
that readers that do not recalculate still show the figure (LibreOffice checks that the two agree).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Border, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

import sebrief.render.xlsx.styles as styles
from sebrief.engine.brief import Brief, Evidence
from sebrief.i18n import Translator
from sebrief.reference import LayoutRules
from sebrief.render.xlsx.names import Identifiers
from sebrief.render.xlsx.plan import Plan
from sebrief.render.xlsx.styles import Look, NumberFormats

CachedValue = Decimal | int | str
MIN_WIDTH = 6.0
MAX_WIDTH = 60.0
LINE_HEIGHT = 15.0  # points per line of 11-point text
MAX_ROW_HEIGHT = 409.0  # points: the tallest row Excel allows


@dataclass(frozen=True)
class StreamedRows:
    """Rows of a sheet written as XML straight into the file, after row ``after_row`` of what
    openpyxl writes for that sheet: a table of any size without a cell object per value."""

    sheet: str
    after_row: int
    rows: int
    chunks: Callable[[], Iterator[bytes]]


@dataclass
class Book:
    """The workbook being built, with what every sheet needs to know."""

    brief: Brief
    t: Translator
    formats: NumberFormats
    plan: Plan
    identifiers: Identifiers
    workbook: Workbook
    rules: LayoutRules  # the thresholds of the layout: where the workbook counts or adds up
    look: Look = styles.DEFAULT_LOOK  # the house style's colours and fonts, or sebrief's own
    cached: dict[tuple[str, str], CachedValue] = field(default_factory=dict)
    writers: dict[str, SheetWriter] = field(default_factory=dict)
    streams: list[StreamedRows] = field(default_factory=list)
    _styles: dict[tuple[Any, ...], int] = field(default_factory=dict)
    _scratch: Worksheet | None = None
    _kind_labels: dict[str, str] | None = None

    def style_id(self, base: str, number_format: str | None = None, **style: Any) -> int:
        """The index of a cell format (a named style, then a number format, font, fill or alignment)
        in the workbook, for cells written as XML; a cell of the same format written by openpyxl
        gets the same index."""
        key = (base, number_format, *sorted((name, repr(value)) for name, value in style.items()))
        if key not in self._styles:
            if self._scratch is None:  # a sheet that is never added to the workbook
                self._scratch = Worksheet(self.workbook, title="styles")
            cell = self._scratch.cell(row=1, column=len(self._styles) + 1)
            cell.style = base
            if number_format:
                cell.number_format = number_format
            for name, value in style.items():
                setattr(cell, name, value)
            self._styles[key] = int(cell.style_id)
        return self._styles[key]

    def kind_label(self, kind_code: str) -> str:
        """The label of a kind as the rows give it: what the formulas compare with."""
        if self._kind_labels is None:
            self._kind_labels = {}
            for row in self.brief.rows:
                self._kind_labels.setdefault(row.kind.code, row.kind.label)
        return self._kind_labels[kind_code]

    def add_sheet(self, title: str) -> SheetWriter:
        writer = self.writers[title] = SheetWriter(self, self.workbook.create_sheet(title))
        return writer

    def sheet(self, title: str) -> SheetWriter:
        return self.writers[title]

    def lines(self, first: int, last: int) -> str:
        """'line 12' or 'lines 12-14' of the source."""
        if first == last:
            return self.t("line {first}", first=first)
        return self.t("lines {first}-{last}", first=first, last=last)

    def quote(self, evidence: Evidence) -> str:
        """A passage of the source in quotes, with its lines."""
        if not evidence.first_line:
            return f"“{evidence.text}”"
        return f"“{evidence.text}” ({self.lines(evidence.first_line, evidence.last_line)})"

    def evidence_reference(self, evidence: Evidence) -> str:
        """A passage's id and lines: the passage itself is on the sheet of sources."""
        if not evidence.first_line:
            return evidence.passage_id
        return f"{evidence.passage_id} ({self.lines(evidence.first_line, evidence.last_line)})"

    def define(self, name: str, sheet: str, ref: str) -> None:
        """A workbook-wide defined name (an identifier, the same in every language)."""
        self.workbook.defined_names[name] = DefinedName(name, attr_text=f"{quote(sheet)}!{ref}")


def quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def absolute(row: int, col: int) -> str:
    return f"${get_column_letter(col)}${row}"


def elsewhere(sheet: str, row: int, col: int) -> str:
    """An absolute reference to a cell of another sheet."""
    return f"{quote(sheet)}!{absolute(row, col)}"


def ref(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def safe_text(value: str) -> str:
    """Text as the worksheet XML can hold it (control characters are not allowed there)."""
    return str(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))


@dataclass
class SheetWriter:
    """Writes one worksheet and remembers how wide each column needs to be."""

    book: Book
    ws: Worksheet
    widths: dict[int, float] = field(default_factory=dict)

    # -- cells -------------------------------------------------------------------------------

    def text(self, row: int, col: int, value: str | None, *, measure: bool = True, **style: Any) -> Cell:
        """A text cell; never a formula, whatever the text begins with."""
        cell = self._cell(row, col, style)
        if value is None or value == "":
            return cell
        cell.value = safe_text(value)
        cell.data_type = "s"
        if measure:
            self._measure(col, max((len(line) for line in value.splitlines()), default=0))
        return cell

    def shown_id(self, row: int, col: int, value: str, **style: Any) -> Cell:
        """An id the reader sees, such as a part's number: one of digits only ("1") is a whole number
        shown as it is, so that Excel does not flag a number stored as text; any other ("1a") is text.
        Never for a cell that a formula compares as text (those stay text)."""
        if not whole_number(value):
            return self.text(row, col, value, **style)
        style.setdefault("alignment", styles.LEFT_TOP)  # where the text would stand
        cell = self._cell(row, col, style)
        cell.value = int(value)
        cell.number_format = styles.COUNT_FORMAT
        self._measure(col, len(value))
        return cell

    def money(self, row: int, col: int, value: Decimal | None, **style: Any) -> Cell:
        cell = self._cell(row, col, style, styles.FIGURE_STYLE)
        if value is not None:
            cell.value = float(value)
            cell.number_format = self.book.formats.money
            self._measure(col, number_width(value) + 3)
        return cell

    def number(self, row: int, col: int, value: Decimal | int | None, number_format: str, **style: Any) -> Cell:
        cell = self._cell(row, col, style, styles.FIGURE_STYLE)
        if value is not None:
            cell.value = value if isinstance(value, int) else float(value)
            cell.number_format = number_format
            self._measure(col, len(f"{value:,}") + 2)
        return cell

    def date(self, row: int, col: int, value: dt.date | None, number_format: str | None = None, **style: Any) -> Cell:
        cell = self._cell(row, col, style, styles.FIGURE_STYLE)
        if value is not None:
            cell.value = value
            cell.number_format = number_format or self.book.formats.date
            self._measure(col, len(self.book.t.date(value)) + 1)
        return cell

    def formula(
        self, row: int, col: int, formula: str, cached: CachedValue, number_format: str | None = None, **style: Any
    ) -> Cell:
        """A live formula with the value the analysis computed for it (shown until recalculated)."""
        cell = self._cell(row, col, style, styles.FIGURE_STYLE)
        cell.value = "=" + formula
        if number_format:
            cell.number_format = number_format
        self.book.cached[(self.ws.title, cell.coordinate)] = cached
        self._measure(col, (number_width(cached) if isinstance(cached, Decimal) else len(str(cached))) + 3)
        return cell

    def array_formula(
        self, row: int, col: int, formula: str, cached: list[int], number_format: str | None = None, **style: Any
    ) -> None:
        """An array formula whose results fill the column from ``row`` down, one per value of
        ``cached`` (the results the analysis computed, shown until recalculated)."""
        last = row + len(cached) - 1
        anchor = self._cell(row, col, dict(style), styles.FIGURE_STYLE)
        anchor.value = ArrayFormula(f"{ref(row, col)}:{ref(last, col)}", "=" + formula)
        self.book.cached[(self.ws.title, anchor.coordinate)] = cached[0]
        for offset, value in enumerate(cached[1:], start=1):
            self._cell(row + offset, col, dict(style), styles.FIGURE_STYLE).value = value
        for r in range(row, last + 1):
            if number_format:
                self.ws.cell(row=r, column=col).number_format = number_format
        self._measure(col, max(len(str(value)) for value in cached) + 3)

    def link(
        self, row: int, col: int, label: str, sheet: str, target: str = "A1", *, shown_id: bool = False, **style: Any
    ) -> Cell:
        """A hyperlink to a cell (by default the first) of a sheet of the workbook; ``shown_id``: the
        label is an id, written as ``shown_id`` writes it."""
        write = self.shown_id if shown_id else self.text
        cell = write(row, col, label, font=styles.LINK_FONT, **style)
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quote(sheet)}!{target}", display=safe_text(label))
        return cell

    def _cell(self, row: int, col: int, style: dict[str, Any], base: str = styles.TEXT_STYLE) -> Cell:
        """The cell with a named style (``base=`` overrides it), then its own font, fill or alignment."""
        cell = self.ws.cell(row=row, column=col)
        cell.style = style.pop("base", base)
        for name, value in style.items():
            if value is not None:
                setattr(cell, name, value)
        return cell

    def _measure(self, col: int, length: float) -> None:
        self.widths[col] = max(self.widths.get(col, 0.0), length)

    # -- blocks ------------------------------------------------------------------------------

    def title(self, row: int, value: str) -> None:
        self.text(row, 1, value, measure=False, font=self.book.look.title_font, alignment=styles.TOP)

    def section(self, row: int, value: str) -> None:
        self.text(row, 1, value, measure=False, font=self.book.look.section_font, alignment=styles.TOP)

    def paragraph(self, row: int, value: str, first_col: int, last_col: int, **style: Any) -> None:
        """Long text over several columns, wrapped; its row is made tall enough when the widths are known."""
        self.text(row, first_col, value, measure=False, **style)
        if last_col > first_col:
            self.merge(row, first_col, last_col)

    def merge(self, row: int, first_col: int, last_col: int) -> None:
        """Merges cells of one row. Unlike ``Worksheet.merge_cells`` it does not copy borders and
        protection onto every merged cell: nothing here has them, and that copy is a quarter of
        the rendering time."""
        self.ws.merged_cells.add(MergedCellRange(self.ws, f"{ref(row, first_col)}:{ref(row, last_col)}"))

    def header(self, row: int, labels: list[str], first_col: int = 1) -> None:
        for offset, label in enumerate(labels):
            col = first_col + offset
            self.text(row, col, label, measure=False, base=styles.HEADER_STYLE)
            # A header may wrap onto two lines; its longest word must fit.
            self._measure(col, max(max(len(word) for word in label.split()) + 2, len(label) / 2 + 2))

    def fill_row(
        self,
        row: int,
        first_col: int,
        last_col: int,
        fill: PatternFill | None = None,
        font: Font | None = None,
        border: Border | None = None,
    ) -> None:
        for col in range(first_col, last_col + 1):
            cell = self.ws.cell(row=row, column=col)
            if fill is not None:
                cell.fill = fill
            if font is not None:
                cell.font = font
            if border is not None:
                cell.border = border

    # -- finishing ---------------------------------------------------------------------------

    def finish(
        self, *, title_rows: str | None = None, freeze: str | None = None, max_widths: dict[int, float] | None = None
    ) -> None:
        """Column widths that fit, frozen headers and an A4 landscape print setup."""
        limits = max_widths or {}
        for col, width in sorted(self.widths.items()):
            fitted = min(max(width + 1, MIN_WIDTH), limits.get(col, MAX_WIDTH))
            self.ws.column_dimensions[get_column_letter(col)].width = round(fitted, 1)
        self._size_rows()
        if freeze:
            self.ws.freeze_panes = freeze
        print_setup(self.ws, self.book.brief.header.reference, title_rows)

    def column_width(self, col: int) -> float:
        width = self.ws.column_dimensions[get_column_letter(col)].width
        return float(width) if width else 8.43

    def _size_rows(self) -> None:
        """Row heights for wrapped text: spreadsheet programs do not all fit them when opening a file."""
        spans = {(m.min_row, m.min_col): (m.min_col, m.max_col) for m in self.ws.merged_cells.ranges}
        heights: dict[int, int] = {}
        widths: dict[int, float] = {}
        # The cells written (iter_rows would make a cell of every place in the used range).
        for cell in self.ws._cells.values():
            if cell.data_type != "s" or not cell.value or not cell.alignment.wrap_text:
                continue
            first, last = spans.get((cell.row, cell.column), (cell.column, cell.column))
            width = sum(widths.setdefault(col, self.column_width(col)) for col in range(first, last + 1))
            heights[cell.row] = max(heights.get(cell.row, 1), text_lines(cell.value, width, cell.font.b))
        for row_number, lines in heights.items():
            if lines > 1:
                self.ws.row_dimensions[row_number].height = row_height(lines)


def row_height(lines: int) -> float:
    """The height of a row of ``lines`` lines of text, in points (at most what Excel allows)."""
    return min(lines * LINE_HEIGHT + 2, MAX_ROW_HEIGHT)


def number_width(value: Decimal | int, decimals: int = 2) -> int:
    """How many characters ``Translator.number`` shows for ``value``: digits, a sign, a separator per
    three digits and the decimal sign, in every language sebrief writes (without formatting it)."""
    return len(f"{value:,.{decimals}f}")


def whole_number(text: str) -> bool:
    """Whether ``text`` is a whole number written as Excel would show it: ASCII digits, no leading zero."""
    return text.isascii() and text.isdecimal() and len(text) <= 9 and (text == "0" or not text.startswith("0"))


def text_lines(text: str, width: float, bold: bool | None) -> int:
    """How many lines ``text`` takes, words wrapped, in a column ``width`` characters of '0' wide."""
    per_line = max(int(width * (1.0 if bold else 1.1)) - 1, 1)
    if len(text) <= per_line and text.isprintable():  # one line without a break: it fits
        return 1
    return sum(paragraph_lines(paragraph, per_line) for paragraph in text.splitlines() or [""])


def paragraph_lines(paragraph: str, per_line: int) -> int:
    """The lines of one paragraph, words wrapped greedily at ``per_line`` characters: each line
    ends at the last space that leaves it short enough (``wrapped_lines`` word by word, without a
    loop over the words while no word is longer than a line)."""
    line = " ".join(paragraph.split())
    count, start, end = 1, 0, len(line)
    while end - start > per_line:
        cut = line.rfind(" ", start, start + per_line + 1)
        if cut < 0:  # a word longer than a line: counted word by word
            return count - 1 + wrapped_lines(line[start:].split(), per_line)
        count, start = count + 1, cut + 1
    return count


def wrapped_lines(words: list[str], per_line: int) -> int:
    """The lines of a paragraph's words, wrapped word by word; a word longer than the line breaks
    where it must."""
    count, used = 1, 0
    for word in words:
        if used and used + 1 + len(word) > per_line:
            count, used = count + 1, 0
        if len(word) > per_line:
            count += (used + len(word) - 1) // per_line
            used = (used + len(word)) % per_line
        else:
            used += len(word) + (1 if used else 0)
    return count


def print_setup(ws: Worksheet, reference: str, title_rows: str | None) -> None:
    """A4 landscape, one page wide, header rows repeated, 'page / pages' in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.center.text = "&P / &N"
    ws.oddFooter.right.text = safe_text(reference).replace("&", "&&")
