"""A sheet per table of the answer: its rows as an Excel table, with live totals per kind below it.

One line per row, with the amount as the answer gives it, its VAT basis, and the amount excl. VAT
(a formula: an amount incl. VAT divided by 1 + the VAT rate, rounded to the cent). The rows are
written as XML straight into the file (``stream``), so that a table of 135,000 rows needs no cell
object per value; the title, header and totals around them are written with openpyxl. The totals are
SUMPRODUCTs that pick rows by exact comparison (``formulas``), one line per money column of the
table (a kind on one VAT basis): never amounts of two kinds or two bases in one sum. The last
column follows the filter (SUBTOTAL), so the totals "shown by the filter" follow it too.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

import sebrief.render.xlsx.names as names
import sebrief.render.xlsx.styles as styles
from sebrief.engine.brief import BasisAmount, KindTotal, RowEntry
from sebrief.engine.vocabulary import label as vocabulary
from sebrief.render.xlsx.formulas import count_rows, literal, matching, money_terms, numeric, sum_amounts
from sebrief.render.xlsx.plan import (
    FIRST_ROW,
    HEADER_ROW,
    T_AMOUNT,
    T_AWARDED,
    T_CONVERTED,
    T_COUNTED,
    T_INCL,
    T_KIND,
    T_PENDING,
    T_ROWS,
    T_SHOWN,
    T_VAT,
    TableLayout,
    view_totals_header,
)
from sebrief.render.xlsx.rowsxml import RowsXml
from sebrief.render.xlsx.writer import Book, SheetWriter, StreamedRows, absolute, safe_text


def add_rows_sheets(book: Book) -> None:
    for layout in book.plan.tables.values():
        add_rows_sheet(book, book.sheet(layout.sheet), layout)


def add_rows_sheet(book: Book, sheet: SheetWriter, layout: TableLayout) -> None:
    t = book.t
    sheet.title(1, layout.view.title)
    last_col = len(layout.columns) - 1  # the filter helper column is not for reading
    sheet.paragraph(
        2,
        t(
            "One line per row of the table in the answer. Use the arrows in the header to filter or sort; the "
            "totals below the table follow. Every amount carries its VAT basis; the amount excl. VAT converts an "
            "amount incl. VAT at the standard rate ({rate}), rounded to the cent, and stays empty where the answer "
            "states no VAT basis. Rows still in procedure have no dates, beneficiary or amount (empty, not zero).",
            rate=t.percent(layout.view.totals.vat_rate, 0),
        )
        + (
            " "
            + t(
                "A period in grey italics is the one the answer gives once for the whole table (“{text}”), for "
                "the rows without a period of their own.",
                text=layout.view.period_text,
            )
            if layout.view.period_text
            else ""
        ),
        1,
        min(last_col, 10),
        font=styles.NOTE_FONT,
    )
    if layout.view.note:
        sheet.paragraph(3, layout.view.note, 1, min(last_col, 10), font=styles.NOTE_FONT)
    sheet.header(HEADER_ROW, [column.header for column in layout.columns])
    rows = RowsXml(book, sheet, layout)
    for col, width in rows.measure().items():
        sheet.widths[col] = max(sheet.widths.get(col, 0.0), width)
    add_table(sheet, layout)
    define_columns(book, layout)
    end = add_totals(book, sheet, layout)
    sheet.finish(
        title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
        freeze=f"B{FIRST_ROW}",
        max_widths={index: c.width for index, c in enumerate(layout.columns, start=1) if c.width},
    )
    sheet.ws.print_area = f"A1:{get_column_letter(last_col)}{end}"
    book.streams.append(StreamedRows(sheet.ws.title, HEADER_ROW, len(layout.rows), rows.chunks))


def add_table(sheet: SheetWriter, layout: TableLayout) -> None:
    ref = f"A{HEADER_ROW}:{get_column_letter(len(layout.columns))}{layout.last_row}"
    table = Table(displayName=layout.names.table, ref=ref)
    # The columns named here: openpyxl would read them from the cells of the whole range.
    table.tableColumns = [
        TableColumn(id=index, name=safe_text(column.header)) for index, column in enumerate(layout.columns, start=1)
    ]
    table.autoFilter = AutoFilter(ref=ref)
    table.tableStyleInfo = TableStyleInfo(
        name="TableStyleMedium2",
        showRowStripes=True,
        showColumnStripes=False,
        showFirstColumn=False,
        showLastColumn=False,
    )
    sheet.ws.add_table(table)


def define_columns(book: Book, layout: TableLayout) -> None:
    """A defined name per column the formulas read: ``<table>_<column>``."""

    def define(name: str, key: str) -> None:
        letter = get_column_letter(layout.col(key))
        book.define(name, layout.sheet, f"${letter}${FIRST_ROW}:${letter}${layout.last_row}")

    for key in ("id", "kind", "start", "end", "status", "state", "beneficiary", "amount", "vat", "excl", "shown"):
        define(layout.names.column(key), key)
    for grouping_id, name in layout.names.groupings:
        define(name, f"grouping:{grouping_id}")


def kind_labels(rows: tuple[RowEntry, ...]) -> dict[str, str]:
    """The label each kind has in the rows: what a total of that kind matches."""
    return {row.kind.code: row.kind.label for row in rows}


def add_totals(book: Book, sheet: SheetWriter, layout: TableLayout) -> int:
    """Totals per kind and money column of this table; returns the last row written."""
    t = book.t
    header = view_totals_header(layout.rows)
    sheet.section(header - 1, t("Totals per kind, on each VAT basis"))
    awarded, pending = (vocabulary(t, "status", code).label for code in ("awarded", "in_procedure"))
    sheet.header(
        header,
        [
            t("Kind (as in the table)"),
            t("Rows"),
            awarded,
            pending,
            t("VAT basis"),
            t("Rows with an amount on this basis"),
            t("Of which converted from incl. VAT"),
            t("Amount (€)"),
            t("Incl. VAT, estimate (€)"),
            t("Amount of the rows shown by the filter (€)"),
        ],
        first_col=T_KIND,
    )
    labels = kind_labels(layout.rows)
    for kind in layout.view.totals.per_kind:
        for amount in kind.amounts:
            line = layout.line(amount.column.key)
            total_line(book, sheet, layout, line.row, kind, amount, labels[kind.kind.code], line.first_of_kind)
    r = layout.lines[-1][1].row + 1 if layout.lines else header + 1
    sheet.text(r, T_KIND, t("Rows shown by the filter"), font=styles.NOTE_FONT)
    sheet.formula(r, T_ROWS, f"SUBTOTAL(103,{layout.names.id})", len(layout.rows), styles.COUNT_FORMAT)
    sheet.fill_row(r, T_KIND, T_SHOWN, fill=styles.TOTAL_FILL, border=styles.TOTAL_BORDER)
    totals = layout.view.totals
    for note in (totals.conversion_note, totals.vat_note):
        if note:
            r += 1
            sheet.paragraph(r, note, T_KIND, T_SHOWN, font=styles.NOTE_FONT)
    return r


def total_line(
    book: Book,
    sheet: SheetWriter,
    layout: TableLayout,
    r: int,
    kind: KindTotal,
    amount: BasisAmount,
    kind_label: str,
    first: bool,
) -> None:
    t, money, table = book.t, book.formats.money, layout.names
    of_kind = matching(table.kind, literal(kind_label))
    sheet.text(r, T_KIND, kind_label, font=styles.BOLD)
    if first:
        sheet.formula(r, T_ROWS, count_rows(of_kind), kind.rows, styles.COUNT_FORMAT)
        for col, code, cached in ((T_AWARDED, "awarded", kind.awarded), (T_PENDING, "in_procedure", kind.in_procedure)):
            status = matching(table.status, literal(vocabulary(t, "status", code).label))
            sheet.formula(r, col, count_rows(of_kind, status), cached, styles.COUNT_FORMAT)
    sheet.text(r, T_VAT, amount.column.vat_basis.label, alignment=styles.AFTER_FIGURE)
    conditions, amounts = money_terms(table, amount.column, kind_label)
    sheet.formula(r, T_COUNTED, count_rows(*conditions, numeric(amounts)), amount.rows, styles.COUNT_FORMAT)
    if amount.column.vat_basis.code == "excl_vat":
        incl = matching(table.vat, literal(vocabulary(t, "vat_basis", "incl_vat").label))
        converted = count_rows(of_kind, incl, numeric(table.amount))
        sheet.formula(r, T_CONVERTED, converted, amount.converted, styles.COUNT_FORMAT)
    sheet.formula(r, T_AMOUNT, sum_amounts(amounts, *conditions), amount.amount, money, font=styles.BOLD)
    if amount.incl_vat_estimate is not None:
        # The estimate of the total, as the analysis makes it (not the sum of rounded row estimates).
        estimate = f"ROUND({absolute(r, T_AMOUNT)}*(1+{names.VAT_RATE}),2)"
        sheet.formula(r, T_INCL, estimate, amount.incl_vat_estimate, money)
    sheet.formula(r, T_SHOWN, sum_amounts(amounts, *conditions, table.shown), amount.amount, money)
