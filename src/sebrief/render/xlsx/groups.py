"""Sheets "Per beneficiary" and "Per theme": counts and sums over the table, one column per kind.

A group's rows are those whose beneficiary or theme is exactly its name (``question2.matching``):
a name is never read as a criterion with wildcards or a comparison, as COUNTIFS/SUMIFS would.

Subsidy calls (no VAT statement) and public contracts (excl. VAT) stay in separate columns and
are never added into one total; a native bar chart shows the amounts per beneficiary.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.pagebreak import Break

from sebrief.brief import GroupTotal, KindTotal
from sebrief.render.xlsx import names, styles
from sebrief.render.xlsx.question2 import count_rows, matching, sum_amounts
from sebrief.render.xlsx.writer import Book, SheetWriter, ref

HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1


@dataclass(frozen=True)
class GroupLayout:
    """One sheet of group totals: which groups, which table column they match, what it says."""

    groups: tuple[GroupTotal, ...]
    total: GroupTotal  # the column sums, as the analysis made them
    column: str  # the table column the groups match (a Rows_<column> defined name)
    label: str
    intro: str
    chart_title: str
    awarded_column: bool

    @property
    def first_amount_col(self) -> int:
        return 4 if self.awarded_column else 3


def kind_amount(group: GroupTotal, kind: KindTotal) -> Decimal:
    return group.subsidy_amount if kind.kind.code == "subsidy_call" else group.contract_amount_excl_vat


def add_beneficiaries(book: Book, sheet: SheetWriter) -> None:
    t = book.t
    sheet.title(1, t("Amounts per beneficiary"))
    intro = t("Awarded rows only: a row in procedure has no beneficiary yet.")
    groups = book.brief.totals.per_beneficiary
    add_group_sheet(
        book,
        sheet,
        GroupLayout(
            groups,
            book.brief.totals.beneficiary_total,
            "beneficiary",
            t("Beneficiary"),
            intro,
            t("Amount per beneficiary (€)"),
            awarded_column=False,
        ),
    )


def add_themes(book: Book, sheet: SheetWriter) -> None:
    t = book.t
    sheet.title(1, t("Amounts per theme"))
    intro = t("Every row of the table, awarded or in procedure, by its theme.")
    groups = book.brief.totals.per_theme
    total = book.brief.totals.theme_total
    layout = GroupLayout(groups, total, "theme", t("Theme"), intro, t("Amount per theme (€)"), awarded_column=True)
    add_group_sheet(book, sheet, layout)


def add_group_sheet(book: Book, sheet: SheetWriter, layout: GroupLayout) -> None:
    t, kinds = book.t, book.brief.totals.per_kind
    explanation = t(
        "Live totals (SUMPRODUCT, names compared exactly) over the table on the sheet '{sheet}'. "
        "Each kind has its own column: subsidy calls carry no VAT statement, public contracts are excl. VAT, "
        "so the columns are not added up.",
        sheet=book.names.question2,
    )
    last_col = layout.first_amount_col + len(kinds)
    sheet.paragraph(2, f"{layout.intro} {explanation}", 1, last_col, font=styles.NOTE_FONT)
    headers = [layout.label, t("Rows")] + ([t("Awarded rows")] if layout.awarded_column else [])
    headers += [t("{kind} (€, {vat})", kind=k.kind.label, vat=k.vat_basis.label) for k in kinds]
    sheet.header(HEADER_ROW, [*headers, t("Share of the public-contract value (excl. VAT)")])
    for r, group in enumerate(layout.groups, start=FIRST_ROW):
        group_row(book, sheet, r, layout, group)
    total_row(book, sheet, FIRST_ROW + len(layout.groups), layout)
    add_chart(book, sheet, layout)
    sheet.finish(title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"B{FIRST_ROW}", max_widths={1: 40})


def group_row(book: Book, sheet: SheetWriter, r: int, layout: GroupLayout, group: GroupTotal) -> None:
    in_group = matching(layout.column, ref(r, 1))
    sheet.text(r, 1, group.label)
    sheet.formula(r, 2, count_rows(in_group), group.rows, styles.COUNT_FORMAT)
    if layout.awarded_column:
        awarded = count_rows(in_group, matching("status", names.STATUS_AWARDED))
        sheet.formula(r, 3, awarded, group.awards, styles.COUNT_FORMAT)
    contracts = None
    for col, kind in enumerate(book.brief.totals.per_kind, start=layout.first_amount_col):
        formula = sum_amounts(in_group, matching("kind", names.KIND_LABEL[kind.kind.code]))
        sheet.formula(r, col, formula, kind_amount(group, kind), book.formats.money_or_dash)
        contracts = ref(r, col) if kind.kind.code == "public_contract" else contracts
    if group.contract_share is not None and contracts is not None:
        share_col = layout.first_amount_col + len(book.brief.totals.per_kind)
        total = names.TOTAL_PUBLIC_CONTRACTS
        share = f'IF({total}=0,"",{contracts}/{total})'
        sheet.formula(r, share_col, share, group.contract_share, styles.PERCENT_FORMAT)


def total_row(book: Book, sheet: SheetWriter, r: int, layout: GroupLayout) -> None:
    """Column sums; per kind they equal the table's totals (the LibreOffice test checks it)."""
    total = layout.total
    sheet.text(r, 1, total.label, font=styles.BOLD)
    cached: list[Decimal | int] = [total.rows]
    if layout.awarded_column:
        cached.append(total.awards)
    cached += [kind_amount(total, kind) for kind in book.brief.totals.per_kind]
    for col, value in enumerate(cached, start=2):
        number_format = styles.COUNT_FORMAT if isinstance(value, int) else book.formats.money
        sheet.formula(r, col, f"SUM({ref(FIRST_ROW, col)}:{ref(r - 1, col)})", value, number_format, font=styles.BOLD)
    sheet.fill_row(r, 1, len(cached) + 2, fill=styles.TOTAL_FILL, border=styles.TOTAL_BORDER)


def add_chart(book: Book, sheet: SheetWriter, layout: GroupLayout) -> None:
    """A clustered bar chart, one series per kind (never stacked: the VAT bases differ)."""
    count, kinds = len(layout.groups), book.brief.totals.per_kind
    chart = BarChart()
    chart.type, chart.grouping, chart.style, chart.gapWidth = "bar", "clustered", 10, 40
    chart.title = layout.chart_title
    first, last = layout.first_amount_col, layout.first_amount_col + len(kinds) - 1
    chart.add_data(
        Reference(sheet.ws, min_col=first, max_col=last, min_row=HEADER_ROW, max_row=HEADER_ROW + count),
        titles_from_data=True,
    )
    chart.set_categories(Reference(sheet.ws, min_col=1, min_row=FIRST_ROW, max_row=HEADER_ROW + count))
    for series, kind in zip(chart.series, kinds, strict=True):
        series.graphicalProperties.solidFill = styles.KIND_COLOURS.get(kind.kind.code, "A5A5A5")
        series.graphicalProperties.line.noFill = True
    chart.x_axis.scaling.orientation = "maxMin"  # the table's order, top to bottom
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.y_axis.number_format = "#,##0"
    chart.y_axis.majorGridlines = None
    chart.legend.position = "b"
    chart.width, chart.height = 24.0, 3.0 + 0.9 * count
    anchor = FIRST_ROW + count + 2
    sheet.ws.add_chart(chart, f"A{anchor}")
    sheet.ws.row_breaks.append(Break(id=anchor - 1))  # the chart prints on a page of its own
