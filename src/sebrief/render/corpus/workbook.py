"""The corpus report as a workbook: the supplier's rows, its totals as live formulas over them, the
signals to check and the names taken.

Every total is a SUMPRODUCT over the rows sheet that picks rows by exact comparison (a minister, a
question or a VAT basis with EXACT, as it is written, case included, as the report groups them; a
year with "="), with the report's figure cached as its result. COUNTIFS and SUMIFS would not do:
they read '*', '?', '~' or a leading '<', '>', '=' in a name as a criterion, and ignore case. The
comparison of each award with its threshold is written out as formulas too (the conversion of an
amount incl. VAT, the band under the threshold), so that a reader can follow it and a spreadsheet
recomputes it. Amounts are numbers in euro, in the number format of the
report's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.properties import CalcProperties
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from sebrief.brand import Brand
from sebrief.corpus.report import CorpusReport, Total
from sebrief.i18n import Translator
from sebrief.render.corpus import text
from sebrief.render.corpus.package import Cached, save
from sebrief.render.xlsx.formulas import count_rows, matching, sum_amounts
from sebrief.render.xlsx.styles import (
    COUNT_FORMAT,
    HEADER_STYLE,
    NOTE_FONT,
    PERCENT_FORMAT,
    look,
    number_formats,
    register_styles,
)

ROW_COLUMNS = ("question", "dataset", "minister", "date_asked", "row", "name", "kind", "status", "vat_basis",
               "amount", "amount_text", "period", "year", "source_line")  # fmt: skip
WIDTHS = {"question": 18, "dataset": 30, "minister": 18, "date_asked": 16, "row": 7, "name": 30, "kind": 22,
          "status": 14, "vat_basis": 14, "amount": 16, "amount_text": 22, "period": 26, "year": 12,
          "source_line": 28}  # fmt: skip


class CorpusBook:
    """The workbook being written, with the cached result of each formula."""

    def __init__(self, report: CorpusReport, t: Translator, brand: Brand | None = None) -> None:
        self.report, self.t = report, t
        self.look = look(brand)
        self.labels = text.labels(t)
        self.formats = number_formats(t.locale)
        self.workbook = Workbook()
        self.workbook.remove(self.workbook.active)
        register_styles(self.workbook, self.look)
        self.cached: dict[tuple[str, str], Cached] = {}
        self.qlabel = {q.dataset_id: text.question_label(t, q) for q in report.questions}
        self.rows_title = t("Rows")
        last = len(report.rows) + 1
        self.column = {name: get_column_letter(index) for index, name in enumerate(ROW_COLUMNS, start=1)}
        sheet = quote_sheetname(self.rows_title)
        self.range = {name: f"{sheet}!${letter}$2:${letter}${last}" for name, letter in self.column.items()}

    def formula(self, sheet: Worksheet, row: int, column: int, formula: str, value: Cached, fmt: str) -> None:
        cell = sheet.cell(row=row, column=column, value=formula)
        cell.number_format = fmt
        self.cached[(sheet.title, cell.coordinate)] = value

    def header(self, sheet: Worksheet, row: int, names: Sequence[str]) -> None:
        for index, name in enumerate(names, start=1):
            sheet.cell(row=row, column=index, value=name).style = HEADER_STYLE

    def title(self, sheet: Worksheet, title: str, note: str) -> None:
        sheet.cell(row=1, column=1, value=title).font = self.look.title_font
        sheet.cell(row=2, column=1, value=note).font = NOTE_FONT


def render_workbook(report: CorpusReport, lang: str, timestamp: dt.datetime, brand: Brand | None = None) -> bytes:
    """The workbook of ``report`` as xlsx bytes, in ``brand``'s house style (header fill, title colours
    and fonts); the same report and timestamp give the same bytes."""
    t = Translator(lang)
    book = CorpusBook(report, t, brand)
    add_rows(book)
    add_totals(book)
    add_signals(book)
    add_names(book)
    props = book.workbook.properties
    props.title = t("{supplier} across the corpus", supplier=text.supplier_name(report))
    props.creator = props.lastModifiedBy = "sebrief"
    props.language = t.locale.replace("_", "-")
    book.workbook.calculation = CalcProperties(fullCalcOnLoad=True)
    return save(book.workbook, timestamp, book.cached)


def add_rows(book: CorpusBook) -> None:
    t, labels, report = book.t, book.labels, book.report
    sheet = book.workbook.create_sheet(book.rows_title)
    book.header(sheet, 1, [labels[name] for name in ROW_COLUMNS])
    questions = {q.dataset_id: q for q in report.questions}
    for index, row in enumerate(report.rows, start=2):
        values: list[Any] = [
            book.qlabel[row.dataset_id], row.dataset_id, row.minister, questions[row.dataset_id].date_asked,
            row.row_id, row.name, text.kind(t, row), text.status(t, row.status), text.vat(t, row.vat_basis),
            row.amount, row.amount_text, row.period_text, labels["no_period"] if row.year is None else row.year,
            row.source_ref,
        ]  # fmt: skip
        for column, value in enumerate(values, start=1):
            put(sheet, index, column, value)
        sheet.cell(row=index, column=4).number_format = book.formats.date
        sheet.cell(row=index, column=10).number_format = book.formats.money
        sheet.cell(row=index, column=13).number_format = COUNT_FORMAT
    _widths(sheet, [WIDTHS[name] for name in ROW_COLUMNS])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(ROW_COLUMNS))}{len(report.rows) + 1}"


def add_totals(book: CorpusBook) -> None:
    t, labels, report = book.t, book.labels, book.report
    sheet = book.workbook.create_sheet(t("Totals"))
    book.title(sheet, labels["totals"], labels["totals_intro"])
    line = 4
    sections: list[tuple[str, tuple[Total, ...], str | None, Callable[[Any], Any]]] = [
        (labels["corpus"], report.totals, None, lambda group: labels["whole_corpus"]),
        (labels["per_question"], report.by["question"], "dataset", lambda group: book.qlabel[group]),
        (labels["per_minister"], report.by["minister"], "minister", lambda group: group),
        (labels["per_year"], report.by["year"], "year", lambda g: labels["no_period"] if g is None else g),
    ]
    for heading, items, criterion, name in sections:
        sheet.cell(row=line, column=1, value=heading).font = book.look.section_font
        first = {"dataset": labels["question"], "minister": labels["minister"], "year": labels["year"]}
        dataset = labels["dataset"] if criterion == "dataset" else ""
        head = [first.get(criterion or "", labels["corpus"]), dataset, labels["vat_basis"], labels["row_count"]]
        book.header(sheet, line + 1, [*head, labels["amount"]])
        line += 2
        for item in items:
            put(sheet, line, 1, name(item.group))
            if criterion == "dataset":
                put(sheet, line, 2, item.group)
            sheet.cell(row=line, column=3, value=text.vat(t, item.vat_basis))
            conditions = [matching(book.range["vat_basis"], f"$C{line}")]
            if criterion is not None:
                key = "B" if criterion == "dataset" else "A"
                conditions.append(same(book.range[criterion], f"${key}{line}", criterion))
            book.formula(sheet, line, 4, f"={count_rows(*conditions)}", item.rows, COUNT_FORMAT)
            amount = item.amount if item.amount is not None else Decimal("0.00")
            book.formula(sheet, line, 5, f"={sum_amounts(book.range['amount'], *conditions)}", amount,
                         book.formats.money_or_dash)  # fmt: skip
            line += 1
        line += 1
    _widths(sheet, [24, 30, 14, 10, 18])


def add_signals(book: CorpusBook) -> None:
    t, labels, report = book.t, book.labels, book.report
    sheet = book.workbook.create_sheet(t("Signals"))
    book.title(sheet, labels["signals"], labels["signals_intro"])
    sheet.cell(row=3, column=1, value=labels["vat_rate"])
    sheet.cell(row=3, column=6, value=report.vat_rate).number_format = PERCENT_FORMAT
    sheet.cell(row=4, column=1, value=labels["band"])
    sheet.cell(row=4, column=6, value=report.band).number_format = PERCENT_FORMAT
    sheet.cell(row=6, column=1, value=labels["below"]).font = book.look.section_font
    book.header(sheet, 7, [labels["signal"], labels["minister"], labels["question"], labels["row"], labels["name"],
                           labels["amount"], labels["vat_basis"], labels["excl_compared"], labels["threshold"],
                           labels["low"], labels["just_under"], labels["source_line"]])  # fmt: skip
    line = 8
    for number, signal in enumerate(report.below, start=1):
        sheet.cell(
            row=line, column=1, value=f"{number}. {text.below_title(t, report, signal)}"
        ).font = book.look.section_font
        line += 1
        for row in signal.rows:
            values = [number, signal.minister, book.qlabel[row.ref[0]], row.ref[1], row.name, row.amount,
                      text.vat(t, row.vat_basis)]  # fmt: skip
            for column, value in enumerate(values, start=1):
                put(sheet, line, column, value)
            sheet.cell(row=line, column=6).number_format = book.formats.money
            excl = f"=ROUND(F{line}/(1+$F$3),2)" if row.converted else f"=F{line}"
            book.formula(sheet, line, 8, excl, row.excl_vat, book.formats.money)
            sheet.cell(row=line, column=9, value=row.threshold.amount).number_format = book.formats.money
            book.formula(sheet, line, 10, f"=ROUND(I{line}*(1-$F$4),2)", row.low, book.formats.money)
            book.formula(sheet, line, 11, f"=AND(H{line}>=J{line},H{line}<I{line})", True, "General")
            sheet.cell(row=line, column=12, value=row.source_ref)
            line += 1
        sheet.cell(row=line, column=1, value=f"{labels['to_check']}: {text.below_question(t, signal)}")
        line += 2
    if not report.below:
        sheet.cell(row=line, column=1, value=labels["below_none"]).font = NOTE_FONT
        line += 2
    sheet.cell(row=line, column=1, value=labels["shares"]).font = book.look.section_font
    sheet.cell(row=line + 1, column=1, value=labels["shares_intro"]).font = NOTE_FONT
    line += 2
    book.header(sheet, line, [labels["minister"], labels["vat_basis"], labels["supplier_amount"],
                              labels["minister_total"], labels["share"], labels["questions"]])  # fmt: skip
    line += 1
    for share in report.shares:
        put(sheet, line, 1, share.minister)
        sheet.cell(row=line, column=2, value=text.vat(t, share.vat_basis))
        conditions = (matching(book.range["minister"], f"$A{line}"), matching(book.range["vat_basis"], f"$B{line}"))
        book.formula(sheet, line, 3, f"={sum_amounts(book.range['amount'], *conditions)}", share.amount,
                     book.formats.money)  # fmt: skip
        sheet.cell(row=line, column=4, value=share.total).number_format = book.formats.money
        book.formula(sheet, line, 5, f"=C{line}/D{line}", share.share, PERCENT_FORMAT)
        sheet.cell(row=line, column=6, value=", ".join(book.qlabel.get(q, q) for q in share.questions))
        line += 1
    sheet.cell(row=line + 1, column=1, value=f"{labels['to_check']}: {labels['shares_question']}")
    _widths(sheet, [22, 18, 18, 20, 28, 16, 12, 18, 16, 16, 12, 28])


def add_names(book: CorpusBook) -> None:
    labels, report = book.labels, book.report
    sheet = book.workbook.create_sheet(book.t("Names"))
    book.title(sheet, labels["names"], labels["names_intro"])
    sheet.cell(row=3, column=1, value=labels["names_asked"])
    sheet.cell(row=3, column=2, value=", ".join(report.asked))
    line = 5
    for heading, names in ((labels["names_taken"], report.taken), (labels["names_similar"], report.similar)):
        book.header(sheet, line, [heading, labels["name_rows"]])
        line += 1
        for name, count in names:
            put(sheet, line, 1, name)
            sheet.cell(row=line, column=2, value=count)
            line += 1
        line += 1
    _widths(sheet, [40, 16])


def same(column: str, cell: str, criterion: str) -> str:
    """1 for each row whose ``column`` holds what ``cell`` holds, else 0: text with EXACT (see
    ``matching``), a year with "=", as it is a number (or the label of no period) and LibreOffice's
    EXACT over a range of numbers inside SUMPRODUCT finds none equal (Excel's finds them)."""
    return f"--({column}={cell})" if criterion == "year" else matching(column, cell)


def put(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    """A value in a cell; text stays text (a name that begins with "=" never becomes a formula)."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"


def _widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
