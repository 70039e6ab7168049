"""The answer's blocks, laid out on the sheet of the part they answer.

A classification is a matrix (items down, categories across) with each item's basis, the passages
it rests on, the rows it links to and our reading, then what each category says; figures are a
small table (and a chart where the analysis asks for one); text is its quoted passages with
summaries; a table is a link to its rows sheet with its totals, live from that sheet.

Every block starts in column A; column B holds the long texts (items, quotes, labels), the
columns after it the short ones, and a classification's last column our reading.
"""

from __future__ import annotations

import math
from decimal import Decimal

from openpyxl.chart import Reference
from openpyxl.utils import get_column_letter

import sebrief.render.xlsx.styles as styles
from sebrief.engine.brief import ClassificationView, Evidence, FiguresView, FigureView, TableView, TextView
from sebrief.i18n import _
from sebrief.render.xlsx.plan import T_AMOUNT, T_COUNTED, T_INCL
from sebrief.render.xlsx.writer import Book, SheetWriter, elsewhere

ID, MAIN, DETAIL = 1, 2, 3
MARK = "●"
CM_PER_ROW = 0.53  # a row of default height
KIND_TITLES = {
    "table": _("Table"),
    "classification": _("Classification"),
    "figures": _("Figures"),
    "text": _("Text"),
}

BlockView = TableView | ClassificationView | FiguresView | TextView


def columns_needed(view: BlockView) -> int:
    """How many columns a block takes on its part's sheet."""
    if isinstance(view, ClassificationView):
        return DETAIL + len(view.categories) + 3
    if isinstance(view, FiguresView):
        return DETAIL + 5 + len(dimension_keys(view)) + (1 if chart_labels(view) else 0)
    return DETAIL + 3


def chart_labels(view: FiguresView) -> list[str] | None:
    """Where figures of a chart share a label: each label with what tells them apart (the chart's
    categories, in a column of their own); None where the labels tell them apart already."""
    labels = [figure.label for figure in view.figures]
    if not view.chart or len(set(labels)) == len(labels):
        return None
    return [
        f"{figure.label}, {', '.join(value for _, value in figure.dimensions) or figure.period_label or figure.id}"
        for figure in view.figures
    ]


def wide_columns(view: BlockView) -> tuple[int, ...]:
    """Columns after B that hold long text."""
    return (columns_needed(view),) if isinstance(view, ClassificationView) else ()


def write_block(book: Book, sheet: SheetWriter, r: int, view: BlockView, last_col: int) -> int:
    """Lays out ``view`` from row ``r``; returns the first free row after it."""
    t = book.t
    sheet.section(r, f"{t(KIND_TITLES[view.kind])}: {view.title}")
    r += 1
    intro = view.intro if isinstance(view, ClassificationView) else view.note
    if intro:
        sheet.paragraph(r, intro, ID, last_col, font=styles.NOTE_FONT)
        r += 1
    if isinstance(view, TableView):
        return write_table(book, sheet, r, view, last_col)
    if isinstance(view, ClassificationView):
        return write_classification(book, sheet, r, view, last_col)
    if isinstance(view, FiguresView):
        return write_figures(book, sheet, r, view, last_col)
    return write_text(book, sheet, r, view, last_col)


def write_evidence(book: Book, sheet: SheetWriter, r: int, view: BlockView, last_col: int) -> int:
    """The passages of the answer the block rests on, quoted."""
    if not view.evidence:
        return r
    t = book.t
    sheet.header(r, [t("Passage"), t("Quote from the answer")])
    sheet.header(r, [t("Lines")], first_col=DETAIL)
    r += 1
    for evidence in view.evidence:
        quote(book, sheet, r, evidence)
        r += 1
    return r + 1


def quote(book: Book, sheet: SheetWriter, r: int, evidence: Evidence) -> None:
    """A passage of the answer on row ``r``: its id, its words in quotes, its lines in the source."""
    sheet.text(r, ID, evidence.passage_id)
    sheet.text(r, MAIN, f"“{evidence.text}”")
    if evidence.first_line:
        sheet.text(r, DETAIL, book.lines(evidence.first_line, evidence.last_line))


# --- table ---------------------------------------------------------------------------------


def write_table(book: Book, sheet: SheetWriter, r: int, view: TableView, last_col: int) -> int:
    t = book.t
    layout = book.plan.tables.get(view.id)
    if layout is None:
        sheet.paragraph(r, t("The table has no rows."), ID, last_col)
        return r + 2
    sheet.link(
        r,
        MAIN,
        t(
            "The {count} rows are on the sheet '{sheet}', with live totals.",
            count=t.number(len(view.row_ids), 0),
            sheet=layout.sheet,
        ),
        layout.sheet,
        measure=False,
    )
    sheet.merge(r, MAIN, last_col)
    r += 1
    if view.columns:
        asked = "; ".join(f"{column.part_id}: {column.label}" for column in view.columns)
        sheet.paragraph(r, t("Asked column by column: {columns}.", columns=asked), MAIN, last_col)
        r += 1
    r = write_evidence(book, sheet, r + 1, view, last_col)
    sheet.header(
        r,
        [t("Kind"), t("VAT basis"), t("Rows with an amount"), t("Amount (€)"), t("Incl. VAT, estimate (€)")],
        first_col=MAIN,
    )
    r += 1
    money = book.formats.money
    for kind in view.totals.per_kind:
        for amount in kind.amounts:
            line = layout.line(amount.column.key)
            sheet.text(r, MAIN, kind.kind.label, font=styles.BOLD)
            sheet.text(r, MAIN + 1, amount.column.vat_basis.label)
            sheet.formula(r, MAIN + 2, elsewhere(layout.sheet, line.row, T_COUNTED), amount.rows, styles.COUNT_FORMAT)
            sheet.formula(
                r, MAIN + 3, elsewhere(layout.sheet, line.row, T_AMOUNT), amount.amount, money, font=styles.BOLD
            )
            if amount.incl_vat_estimate is not None:
                estimate = elsewhere(layout.sheet, line.row, T_INCL)
                sheet.formula(r, MAIN + 4, estimate, amount.incl_vat_estimate, money)
            r += 1
    if view.totals.conversion_note:
        sheet.paragraph(r, view.totals.conversion_note, MAIN, last_col, font=styles.NOTE_FONT)
        r += 1
    return r + 1


# --- classification ------------------------------------------------------------------------


def write_classification(book: Book, sheet: SheetWriter, r: int, view: ClassificationView, last_col: int) -> int:
    t = book.t
    r = write_evidence(book, sheet, r, view, last_col)
    r = write_legend(book, sheet, r, view)
    first_category = DETAIL
    basis, evidence, rows, note = (DETAIL + len(view.categories) + offset for offset in range(4))
    sheet.header(
        r,
        [
            t("ID"),
            t("Item (as the source writes it)"),
            *(category.label for category in view.categories),
            t("Basis"),
            t("Passages (see the sources)"),
            t("Rows"),
            t("Our reading (sebrief, not the minister)"),
        ],
    )
    r += 1
    grouped = [(group.id, group) for group in view.groups] + [(None, None)]
    for group_id, group in grouped:
        items = [item for item in view.items if item.group_id == group_id]
        if group is not None:
            values = "; ".join(label.label for _, labels in group.groupings for label in labels)
            number = f"{group.number}. " if group.number is not None else ""
            heading = f"{number}{group.text}" + (f" ({values})" if values else "")
            sheet.text(r, ID, group.id, font=book.look.group_font)
            sheet.paragraph(r, heading, MAIN, note, font=book.look.group_font)
            sheet.fill_row(r, ID, note, fill=book.look.group_fill)
            r += 1
        for item in items:
            sheet.text(r, ID, item.id)
            sheet.text(r, MAIN, item.text)
            codes = {category.code for category in item.categories}
            for col, category in enumerate(view.categories, start=first_category):
                if category.id in codes:
                    sheet.text(r, col, MARK, alignment=styles.CENTRE, measure=False)
            sheet.text(r, basis, item.basis.label, font=styles.BOLD)
            sheet.text(r, evidence, "\n".join(book.evidence_reference(e) for e in item.evidence) or "–")
            sheet.text(r, rows, ", ".join(item.rows))
            sheet.text(r, note, item.note, font=styles.INFERRED_FONT)
            fill = styles.BASIS_FILLS.get(item.basis.code)
            if fill is not None:
                sheet.fill_row(r, ID, note, fill=fill)
            r += 1
    return write_categories(book, sheet, r + 1, view, last_col)


def write_legend(book: Book, sheet: SheetWriter, r: int, view: ClassificationView) -> int:
    """The fills of the bases the items use, with the brief's own labels."""
    bases = {item.basis.code: item.basis.label for item in view.items}
    sheet.text(r, ID, book.t("Legend"), font=styles.BOLD)
    for col, code in enumerate((code for code in styles.BASIS_FILLS if code in bases), start=MAIN):
        sheet.text(r, col, bases[code], fill=styles.BASIS_FILLS[code], measure=False)
    return r + 2


def write_categories(book: Book, sheet: SheetWriter, r: int, view: ClassificationView, last_col: int) -> int:
    t = book.t
    sheet.header(r, [t("Part"), t("Category"), t("Items"), t("Rows")])
    sheet.header(r, [t("What the answer says (sebrief's summary)")], first_col=DETAIL + 2)
    sheet.merge(r, DETAIL + 2, last_col)
    r += 1
    for category in view.categories:
        sheet.shown_id(r, ID, category.part_id or "–", alignment=styles.CENTRE)
        label = category.label + (f"\n“{category.question}”" if category.question else "")
        sheet.text(r, MAIN, label, font=styles.BOLD)
        sheet.text(r, DETAIL, ", ".join(category.item_ids) or "–")
        sheet.text(r, DETAIL + 1, ", ".join(category.rows) or "–")
        sheet.paragraph(r, category.summary, DETAIL + 2, last_col)
        if category.not_addressed:
            sheet.fill_row(r, ID, last_col, fill=styles.BASIS_FILLS["not_addressed"])
        r += 1
    return r + 1


# --- figures -------------------------------------------------------------------------------


def dimension_keys(view: FiguresView) -> list[str]:
    return list(dict.fromkeys(key for figure in view.figures for key, _ in figure.dimensions))


def value_format(figure: FigureView) -> str:
    """A value with the decimals the answer gives it."""
    decimals = decimal_places(figure.value)
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def write_figures(book: Book, sheet: SheetWriter, r: int, view: FiguresView, last_col: int) -> int:
    t = book.t
    r = write_evidence(book, sheet, r, view, last_col)
    dimensions = dimension_keys(view)
    sheet.header(
        r,
        [
            t("ID"),
            t("Figure"),
            t("As the answer writes it"),
            t("Value"),
            t("Unit"),
            t("VAT basis"),
            t("Period"),
            t("Lines"),
            *dimensions,
        ],
    )
    categories = chart_labels(view)
    category_col = DETAIL + 6 + len(dimensions) if categories else MAIN
    if categories:
        sheet.header(r, [t("In the chart")], first_col=category_col)
    header = r
    for r, figure in enumerate(view.figures, start=header + 1):
        sheet.text(r, ID, figure.id)
        sheet.text(r, MAIN, figure.label)
        sheet.text(r, DETAIL, f"“{figure.text}”")
        if figure.unit.code == "eur":
            sheet.money(r, DETAIL + 1, figure.value)
        else:
            sheet.number(r, DETAIL + 1, figure.value, value_format(figure))
        sheet.text(r, DETAIL + 2, figure.unit.label, alignment=styles.AFTER_FIGURE)
        sheet.text(r, DETAIL + 3, figure.vat_basis.label if figure.vat_basis else None)
        sheet.text(r, DETAIL + 4, figure.period_label)
        if figure.source_lines:
            sheet.text(r, DETAIL + 5, book.lines(*figure.source_lines))
        values = dict(figure.dimensions)
        for col, key in enumerate(dimensions, start=DETAIL + 6):
            sheet.text(r, col, values.get(key))
        if categories:
            sheet.text(r, category_col, categories[r - header - 1])
    r = header + len(view.figures) + 2
    if view.chart and view.figures:
        r = add_figures_chart(sheet, header, r, view, category_col)
    return r


def add_figures_chart(sheet: SheetWriter, header: int, r: int, view: FiguresView, category_col: int) -> int:
    """A bar chart of the figures (all of one unit), below their table; returns the row after it."""
    count = len(view.figures)
    chart = styles.bar_chart(f"{view.title} ({view.figures[0].unit.label})")
    chart.add_data(Reference(sheet.ws, min_col=DETAIL + 1, min_row=header + 1, max_row=header + count))
    chart.set_categories(Reference(sheet.ws, min_col=category_col, min_row=header + 1, max_row=header + count))
    styles.colour_series(chart, sheet.book.look)
    chart.legend = None
    height = 3.0 + 0.6 * count
    chart.width, chart.height = 24.0, height
    sheet.ws.add_chart(chart, f"{get_column_letter(MAIN)}{r}")
    return r + math.ceil(height / CM_PER_ROW) + 2


# --- text ----------------------------------------------------------------------------------


def write_text(book: Book, sheet: SheetWriter, r: int, view: TextView, last_col: int) -> int:
    t = book.t
    quoted = {point.evidence.passage_id for point in view.points}
    extra = [evidence for evidence in view.evidence if evidence.passage_id not in quoted]
    grouped = any(point.groupings for point in view.points)
    summary = DETAIL + (2 if grouped else 1)
    sheet.header(r, [t("Passage"), t("Quote from the answer"), t("Lines")])
    if grouped:
        sheet.header(r, [t("Grouping")], first_col=DETAIL + 1)
    sheet.header(r, [t("In short (sebrief)")], first_col=summary)
    sheet.merge(r, summary, last_col)
    r += 1
    for point in view.points:
        quote(book, sheet, r, point.evidence)
        if grouped:
            values = [label.label for _, labels in point.groupings for label in labels]
            sheet.text(r, DETAIL + 1, "\n".join(values) or "–")
        sheet.paragraph(r, point.summary or "", summary, last_col, font=styles.INFERRED_FONT)
        r += 1
    for evidence in extra:
        quote(book, sheet, r, evidence)
        r += 1
    return r + 1


def decimal_places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return int(-exponent) if isinstance(exponent, int) and exponent < 0 else 0
