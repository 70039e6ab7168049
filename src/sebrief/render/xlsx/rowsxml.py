"""The rows of one table as worksheet XML (``stream``), a chunk at a time, for a table of any size.

One line per row with the cells, formats and row heights ``SheetWriter`` would give them. A row's
text cells are made once, when its XML is written; the columns' widths are measured before from
the rows' fields, a column of labels (kind, status...) once per distinct label. A row is made taller
only when one of its texts is longer than its column's line or breaks a line; how many lines a
repeated text (a period, a label) takes is counted once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

import sebrief.render.xlsx.names as names
import sebrief.render.xlsx.styles as styles
from sebrief.engine.brief import RowEntry
from sebrief.render.xlsx.plan import FIRST_ROW, TableLayout
from sebrief.render.xlsx.stream import MAX_TEXT, escape, number_text, row_start
from sebrief.render.xlsx.writer import Book, SheetWriter, number_width, row_height, safe_text, text_lines

CHUNK_ROWS = 1000  # rows of XML handed to the file at a time (about 1 MB)
# Text columns whose values repeat (labels, periods): their line counts are kept per text.
REPEATING = frozenset({"kind", "period", "status", "state", "vat"})
Known = dict[tuple[int, str], tuple[str, int]]  # (style, text) -> the cell after its reference, its lines


def widest(texts: Iterable[str | None]) -> int:
    """The longest line of any of ``texts`` (each distinct text measured once)."""
    distinct = {text for text in set(texts) if text}
    if not distinct:
        return 0
    longest = max(distinct, key=len)
    if longest.isprintable():  # one line: no other text has a longer one
        return len(longest)
    return max(
        len(text) if text.isprintable() else max((len(line) for line in text.splitlines()), default=0)
        for text in distinct
    )


class RowsXml:
    """The rows of ``layout`` as worksheet XML for ``sheet``."""

    def __init__(self, book: Book, sheet: SheetWriter, layout: TableLayout) -> None:
        self.book, self.sheet, self.layout = book, sheet, layout
        formats, style = book.formats, book.style_id
        text, after = style(styles.TEXT_STYLE), style(styles.TEXT_STYLE, alignment=styles.AFTER_FIGURE)
        self.empty_style = style(styles.FIGURE_STYLE)
        self.month_style = style(styles.FIGURE_STYLE, formats.month)
        self.day_style = style(styles.FIGURE_STYLE, formats.date)
        self.count_style = style(styles.FIGURE_STYLE, styles.COUNT_FORMAT)
        self.money_style = style(styles.FIGURE_STYLE, formats.money)
        self.table_period_style = style(styles.TEXT_STYLE, font=styles.NOTE_FONT)  # the table's period
        self.groupings = tuple(label.code for label in layout.view.groupings)
        self.has_count, self.has_procedure = layout.has("count"), layout.has("procedure")
        self.order = tuple(column.key for column in layout.columns)
        self.letter = {key: get_column_letter(index) for index, key in enumerate(self.order, start=1)}
        # The text columns in the order ``texts`` gives them, each with its style (a text right of a
        # figure is indented).
        keys = ["id", "kind", "description", *(f"grouping:{code}" for code in self.groupings)]
        keys += ["period", "status", "state", "beneficiary", "vat", *(["procedure"] if self.has_procedure else [])]
        keys += ["source", "note"]
        self.text_keys = tuple((key, after if key in ("status", "vat") else text) for key in keys)
        self.serials: dict[dt.date, str] = {}
        self.source_lines: dict[tuple[int, int], str] = {}

    def texts(self, row: RowEntry) -> list[str | None]:
        """The text cells of a row, in the order of ``text_keys``."""
        texts: list[str | None] = [row.id, row.kind.label, row.description]
        if self.groupings:
            values = dict(row.groupings)
            for code in self.groupings:
                labels = values.get(code, ())
                texts.append(labels[0].label if len(labels) == 1 else "\n".join(value.label for value in labels))
        texts += [row.period_label, row.status.label, row.state_at_question.label, row.beneficiary, row.vat_basis.label]
        if self.has_procedure:
            texts.append(row.procedure)
        texts += [self.source(row), row.note]
        return texts

    def source(self, row: RowEntry) -> str:
        """The row's source reference with its lines ("... (lines 12-14)"), the words for a span of
        lines made once."""
        if row.source_lines is None:
            return row.source_ref
        shown = self.source_lines.get(row.source_lines)
        if shown is None:
            shown = self.source_lines[row.source_lines] = self.book.lines(*row.source_lines)
        return f"{row.source_ref} ({shown})"

    def measure(self) -> dict[int, float]:
        """How wide each column must be for its values (as ``SheetWriter`` measures them)."""
        t, col, rows = self.book.t, self.layout.col, self.layout.rows
        widths: dict[int, float] = {}
        columns: dict[str, Iterable[str | None]] = {
            "id": (row.id for row in rows),
            "kind": {row.kind.label for row in rows},
            "description": (row.description for row in rows),
            "period": (row.period_label for row in rows),
            "status": {row.status.label for row in rows},
            "state": {row.state_at_question.label for row in rows},
            "beneficiary": (row.beneficiary for row in rows),
            "vat": {row.vat_basis.label for row in rows},
            "procedure": (row.procedure for row in rows),
            "note": (row.note for row in rows),
        }
        if self.groupings:
            values: dict[str, set[tuple[str, ...]]] = {code: set() for code in self.groupings}
            for row in rows:
                for code, labels in row.groupings:
                    if code in values:
                        values[code].add(tuple(value.label for value in labels))
            for code in self.groupings:
                columns[f"grouping:{code}"] = ("\n".join(labels) for labels in values[code])
        columns["source"] = (self.source(row) for row in rows)
        for key, _ in self.text_keys:
            width = widest(columns[key])
            if width:
                widths[col(key)] = width
        for key, dates in (("start", {row.start for row in rows}), ("end", {row.end for row in rows})):
            dates.discard(None)
            if dates:
                widths[col(key)] = max(len(t.date(date)) + 1 for date in dates if date is not None)
        amounts = [row.amount for row in rows if row.amount is not None]
        if amounts:
            widths[col("amount")] = max(number_width(value) + 3 for value in (max(amounts), min(amounts)))
        excl = [row.amount_excl_vat for row in rows if row.amount_excl_vat is not None]
        if excl:
            widths[col("excl")] = max(number_width(value) + 3 for value in (max(excl), min(excl)))
        counts = [row.beneficiary_count for row in rows if row.beneficiary_count is not None]
        if counts and self.has_count:
            widths[col("count")] = max(len(f"{value:,}") + 2 for value in (max(counts), min(counts)))
        widths[col("shown")] = len("1") + 3
        return widths

    def chunks(self) -> Iterator[bytes]:
        """The rows' XML, CHUNK_ROWS rows at a time (called when the file is written, once the
        columns' widths are set)."""
        write = RowWriter(self)
        lines: list[str] = []
        for r, row in enumerate(self.layout.rows, start=FIRST_ROW):
            lines.append(write(r, row))
            if len(lines) == CHUNK_ROWS:
                yield "".join(lines).encode()
                lines = []
        if lines:
            yield "".join(lines).encode()


def text_cell(text: str, style: int, width: float, per_line: int) -> tuple[str, int]:
    """A text cell (an inline string) after its reference, and how many lines its text takes."""
    plain = text.isprintable()  # no line break or control character
    if not plain:
        text = safe_text(text)
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT]
    stripped = text.strip()
    space = ' xml:space="preserve"' if stripped and stripped != text else ""
    shown = escape(text) if "&" in text or "<" in text or ">" in text else text
    lines = text_lines(text, width, False) if not plain or len(text) > per_line else 1
    return f' s="{style}" t="inlineStr"><is><t{space}>{shown}</t></is></c>', lines


class RowWriter:
    """Writes one row's XML; made once the columns' widths are known."""

    def __init__(self, rows: RowsXml) -> None:
        self.rows = rows
        sheet, letter = rows.sheet, rows.letter
        position = {key: index for index, key in enumerate(rows.order)}
        self.size = len(rows.order)
        # Per text column: its place in the row, its letter, style, width, characters on one line (as
        # ``text_lines`` counts them, not bold) and the line counts of its repeated texts.
        self.text_columns: list[
            tuple[int, str, str, int, float, int, dict[tuple[int, str], tuple[str, int]] | None]
        ] = []
        for key, style in rows.text_keys:
            width = sheet.column_width(rows.order.index(key) + 1)
            per_line = max(int(width * 1.1) - 1, 1)
            repeating = key in REPEATING or key.startswith("grouping:")
            cache: Known | None = {} if repeating else None
            self.text_columns.append((position[key], key, letter[key], style, width, per_line, cache))
        self.period_at = position["period"]
        self.start, self.end = (position["start"], letter["start"]), (position["end"], letter["end"])
        self.count = (position["count"], letter["count"]) if rows.has_count else None
        self.amount, self.excl = (position["amount"], letter["amount"]), (position["excl"], letter["excl"])
        self.shown = (position["shown"], letter["shown"])

    def __call__(self, r: int, row: RowEntry) -> str:
        rows, number = self.rows, str(r)
        cells = [""] * self.size
        lines = 1
        for (at, key, letter, style, width, per_line, cache), text in zip(
            self.text_columns, rows.texts(row), strict=True
        ):
            if not text:
                cells[at] = f'<c r="{letter}{number}" s="{style}" t="n" />'
                continue
            if key == "period" and row.period_from_table:
                style = rows.table_period_style
            if cache is None:
                tail, count = text_cell(text, style, width, per_line)
            else:
                known = cache.get((style, text))
                tail, count = (
                    known
                    if known is not None
                    else cache.setdefault((style, text), text_cell(text, style, width, per_line))
                )
            cells[at] = f'<c r="{letter}{number}"{tail}'
            if count > lines:
                lines = count
        date_style = rows.month_style if row.precision == "month" else rows.day_style
        for (at, letter), date in ((self.start, row.start), (self.end, row.end)):
            if date is None:
                cells[at] = f'<c r="{letter}{number}" s="{rows.empty_style}" t="n" />'
            else:
                cells[at] = f'<c r="{letter}{number}" s="{date_style}" t="n"><v>{self.serial(date)}</v></c>'
        if self.count is not None:
            at, letter = self.count
            count_value = row.beneficiary_count
            if count_value is None:
                cells[at] = f'<c r="{letter}{number}" s="{rows.empty_style}" t="n" />'
            else:
                cells[at] = f'<c r="{letter}{number}" s="{rows.count_style}" t="n"><v>{count_value:.16g}</v></c>'
        at, letter = self.amount
        given = letter + number
        if row.amount is None:
            cells[at] = f'<c r="{given}" s="{rows.empty_style}" t="n" />'
        else:
            cells[at] = f'<c r="{given}" s="{rows.money_style}" t="n"><v>{float(row.amount):.16g}</v></c>'
        if row.amount_excl_vat is not None:
            at, letter = self.excl
            formula = f"ROUND({given}/(1+{names.VAT_RATE}),2)" if row.converted else given
            cached = (
                format(row.amount_excl_vat, "f")
                if isinstance(row.amount_excl_vat, Decimal)
                else str(row.amount_excl_vat)
            )
            cells[at] = f'<c r="{letter}{number}" s="{rows.money_style}"><f>{formula}</f><v>{cached}</v></c>'
        at, letter = self.shown
        cells[at] = f'<c r="{letter}{number}" s="{rows.count_style}"><f>SUBTOTAL(103,A{number})</f><v>1</v></c>'
        return f"{row_start(r, row_height(lines) if lines > 1 else None)}{''.join(cells)}</row>"

    def serial(self, date: dt.date) -> str:
        """A date as the serial number a spreadsheet stores (the same few dates recur)."""
        serials = self.rows.serials
        if date not in serials:
            serials[date] = number_text(to_excel(date))
        return serials[date]
