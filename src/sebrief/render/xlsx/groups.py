"""Sheets "Per beneficiary" and one per grouping: counts and sums over every table of rows.

A group's rows are those whose beneficiary is exactly its name, or whose grouping column lists
exactly its value (``formulas``): a name is never read as a criterion with wildcards or a
comparison, as COUNTIFS/SUMIFS would. Each money column of the analysis (a kind on one VAT
basis) has its own column: columns of different kinds or bases are never added into one total.
Where the groups of a grouping overlap (a row may have several values), the sheet says so and its
total counts every row once. A bar chart shows the amounts, the largest groups and the others.

With more groups than the layout rules' ``group_lines`` (the beneficiaries of a large table), the
sheet lists the largest and adds up the others in one line, "Others (count)": the total minus the
groups listed, so that the sheet's formulas stay few whatever the number of groups (a group's line
reads every row). The cached results of that line and of the chart's bar of others are the
analysis' own sums (``OtherGroups``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from openpyxl.chart import Reference
from openpyxl.worksheet.pagebreak import Break

import sebrief.render.xlsx.styles as styles
from sebrief.engine.brief import GroupTotal, MoneyColumn, OtherGroups, Totals
from sebrief.engine.vocabulary import label as vocabulary
from sebrief.render.xlsx.formulas import (
    added,
    blank,
    count_rows,
    listing,
    literal,
    matching,
    money_terms,
    sum_amounts,
)
from sebrief.render.xlsx.names import lower_first
from sebrief.render.xlsx.plan import TableLayout
from sebrief.render.xlsx.writer import Book, SheetWriter, absolute, ref

HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1


@dataclass(frozen=True)
class GroupLayout:
    """One sheet of group totals: which groups, how a row belongs to one, what the sheet says."""

    groups: tuple[GroupTotal, ...]
    total: GroupTotal
    label: str  # the header of the first column
    intro: str
    chart_title: str
    grouping: str | None  # the grouping id; None for beneficiaries
    multiple: bool  # the groups overlap: the total is every row once, not the sum of the groups
    count: int = 0  # the groups, listed or not
    others: OtherGroups | None = None  # the groups not listed, added up in one line
    chart_others: OtherGroups | None = None  # the groups the chart shows in one bar
    by_size: tuple[int, ...] = ()  # the places of the groups, the largest first (the analysis' ranking)

    @property
    def beneficiaries(self) -> bool:
        return self.grouping is None

    @property
    def others_row(self) -> int | None:
        return FIRST_ROW + len(self.groups) if self.others else None

    @property
    def total_row(self) -> int:
        return FIRST_ROW + len(self.groups) + (1 if self.others else 0)


def listed(layout: GroupLayout, others: Callable[[int], OtherGroups | None], book: Book) -> GroupLayout:
    """The layout with its largest groups listed and the others in one line, when there are more
    than the layout rules' ``group_lines`` (groups that overlap cannot be added up: all of them stay
    listed, and ``others`` gives None). ``others(n)``: the groups after the ``n`` largest, as the
    analysis added them up."""
    rules = book.rules
    rest, bar = others(rules.group_lines), others(rules.chart_groups)
    # The analysis ranks the groups that do not overlap by their amounts, the largest first.
    groups = layout.groups[: rules.group_lines] if rest else layout.groups
    return replace(layout, groups=groups, count=len(layout.groups), others=rest, chart_others=bar)


def money_columns(book: Book) -> tuple[MoneyColumn, ...]:
    return book.brief.totals.columns if book.brief.totals else ()


def add_beneficiaries(book: Book) -> None:
    totals = book.brief.totals
    if book.plan.beneficiaries is None or totals is None:
        return
    t = book.t
    sheet = book.sheet(book.plan.beneficiaries)
    sheet.title(1, t("Amounts per beneficiary"))
    layout = GroupLayout(
        totals.per_beneficiary,
        totals.beneficiary_total,
        t("Beneficiary"),
        t("Awarded rows only: a row in procedure has no beneficiary yet."),
        t("Amount per beneficiary (€)"),
        grouping=None,
        multiple=False,
    )
    add_group_sheet(book, sheet, listed(layout, totals.other_beneficiaries, book))


def add_groupings(book: Book) -> None:
    totals = book.brief.totals
    if totals is None:
        return
    t = book.t
    for grouping in totals.per_grouping:
        sheet = book.sheet(book.plan.groupings[grouping.grouping.code])
        sheet.title(1, t("Amounts per {grouping}", grouping=lower_first(grouping.grouping.label)))
        intro = t("Every row of the tables, awarded or in procedure, by its value of this grouping.")
        layout = GroupLayout(
            grouping.groups,
            grouping.total,
            grouping.grouping.label,
            " ".join(filter(None, (intro, grouping.note))),
            t("Amount per {grouping} (€)", grouping=lower_first(grouping.grouping.label)),
            grouping=grouping.grouping.code,
            multiple=grouping.multiple,
            by_size=grouping.by_size,
        )
        add_group_sheet(book, sheet, listed(layout, grouping.others_after, book))


def shares(totals: Totals, layout: GroupLayout) -> bool:
    return any(group.procurement_share is not None for group in layout.groups) and any(
        column.procurement and column.vat_basis.code == "excl_vat" for column in totals.columns
    )


def add_group_sheet(book: Book, sheet: SheetWriter, layout: GroupLayout) -> None:
    t, totals = book.t, book.brief.totals
    assert totals is not None
    columns = totals.columns
    tables = ", ".join(f"'{table.sheet}'" for table in book.plan.tables.values())
    explanation = t(
        "Live totals (SUMPRODUCT, names compared exactly) over the rows on the sheets {sheets}. Each kind, on "
        "each VAT basis, has its own column: columns of different kinds or VAT bases are never added up.",
        sheets=tables,
    )
    first_amount = 4
    with_share = shares(totals, layout)
    last_col = first_amount + len(columns) - 1 + (1 if with_share else 0)
    intro = [layout.intro, explanation]
    if layout.others:
        intro.append(
            t(
                "The {listed} groups with the largest amounts are listed, of {count}; the other {others} are added "
                "up in one line. Filter a table of rows to see any of them: its totals 'shown by the filter' follow.",
                listed=layout.others.listed,
                count=t.number(layout.count, 0),
                others=t.number(layout.others.count, 0),
            )
        )
    sheet.paragraph(2, " ".join(intro), 1, max(last_col, 6), font=styles.NOTE_FONT)
    headers = [layout.label, t("Rows"), t("Awarded rows")]
    headers += [money_header(book, column) for column in columns]
    if with_share:
        headers.append(t("Share of the procurement value (excl. VAT)"))
    sheet.header(HEADER_ROW, headers)
    for r, group in enumerate(layout.groups, start=FIRST_ROW):
        group_row(book, sheet, r, layout, group, with_share)
    if layout.others_row is not None:
        others_row(book, sheet, layout.others_row, layout, with_share)
    total = layout.total_row
    total_row(book, sheet, total, layout, with_share)
    add_chart(book, sheet, layout, total)
    sheet.finish(title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"B{FIRST_ROW}", max_widths={1: 40})


def money_header(book: Book, column: MoneyColumn) -> str:
    return book.t("{kind} (€, {vat})", kind=column.kind.label, vat=column.vat_basis.label)


def conditions_in(book: Book, table: TableLayout, layout: GroupLayout, r: int | None) -> tuple[str, ...] | None:
    """The conditions that pick, in one table, the rows of the group whose label is in row ``r``
    (None: every row of the sheet's scope); None when no row of that table can belong to it."""
    names = table.names
    if layout.beneficiaries:
        awarded = matching(names.status, literal(vocabulary(book.t, "status", "awarded").label))
        if r is None:
            return (awarded,)
        group = layout.groups[r - FIRST_ROW]
        return (awarded, blank(names.beneficiary) if group.key == "" else matching(names.beneficiary, ref(r, 1)))
    if r is None:
        return ()
    group = layout.groups[r - FIRST_ROW]
    column = names.grouping(layout.grouping or "")
    if column is None:  # the table has no such grouping: its rows have no value
        return () if group.key == "" else None
    if group.key == "":
        return (blank(column),)
    return (listing(column, ref(r, 1)) if layout.multiple else matching(column, ref(r, 1)),)


def formulas(book: Book, layout: GroupLayout, r: int | None) -> tuple[str, str, list[str]]:
    """Rows, awarded rows and one amount per money column of a group (or of the whole scope)."""
    rows: list[str] = []
    awarded: list[str] = []
    amounts: list[list[str]] = [[] for _ in money_columns(book)]
    for table in book.plan.tables.values():
        conditions = conditions_in(book, table, layout, r)
        if conditions is None:
            continue
        names = table.names
        rows.append(count_rows(*conditions) if conditions else f"ROWS({names.id})")
        status = matching(names.status, literal(vocabulary(book.t, "status", "awarded").label))
        awarded.append(count_rows(*dict.fromkeys((*conditions, status))))
        for index, column in enumerate(money_columns(book)):
            if column.kind.code not in table.kinds:
                continue
            terms, sums = money_terms(names, column, book.kind_label(column.kind.code))
            amounts[index].append(sum_amounts(sums, *conditions, *terms))
    return added(rows), added(awarded), [added(terms) for terms in amounts]


def group_row(book: Book, sheet: SheetWriter, r: int, layout: GroupLayout, group: GroupTotal, with_share: bool) -> None:
    if group.key == "":
        sheet.text(r, 1, book.t("(none given)"), font=styles.NOTE_FONT)
    else:
        sheet.text(r, 1, group.label)
    write_figures(book, sheet, r, layout, group, formulas(book, layout, r), with_share)


def others_row(book: Book, sheet: SheetWriter, r: int, layout: GroupLayout, with_share: bool) -> None:
    """The groups not listed in one line: the total minus the groups listed."""
    assert layout.others is not None
    others = layout.others.total
    sheet.text(r, 1, others.label, font=styles.NOTE_FONT)
    first, last, total = FIRST_ROW, r - 1, layout.total_row
    sums = [
        f"{ref(total, col)}-SUM({ref(first, col)}:{ref(last, col)})" for col in range(2, 4 + len(money_columns(book)))
    ]
    write_figures(book, sheet, r, layout, others, (sums[0], sums[1], sums[2:]), with_share)


def total_row(book: Book, sheet: SheetWriter, r: int, layout: GroupLayout, with_share: bool) -> None:
    """The column sums (groups that do not overlap), or every row once (groups that do, or groups
    not all listed)."""
    total = layout.total
    if layout.multiple:
        sheet.text(r, 1, book.t("Every row once (the groups overlap)"), font=styles.BOLD)
        figures = formulas(book, layout, None)
    elif layout.others:
        sheet.text(r, 1, total.label, font=styles.BOLD)
        figures = formulas(book, layout, None)
    else:
        sheet.text(r, 1, total.label, font=styles.BOLD)
        sums = [f"SUM({ref(FIRST_ROW, col)}:{ref(r - 1, col)})" for col in range(2, 4 + len(money_columns(book)))]
        figures = (sums[0], sums[1], sums[2:])
    write_figures(book, sheet, r, layout, total, figures, with_share, bold=True)
    sheet.fill_row(r, 1, 3 + len(money_columns(book)) + (1 if with_share else 0), fill=styles.TOTAL_FILL,
                   border=styles.TOTAL_BORDER)  # fmt: skip


def write_figures(
    book: Book,
    sheet: SheetWriter,
    r: int,
    layout: GroupLayout,
    group: GroupTotal,
    figures: tuple[str, str, list[str]],
    with_share: bool,
    bold: bool = False,
) -> None:
    font = styles.BOLD if bold else None
    rows, awarded, amounts = figures
    money = book.formats.money if bold else book.formats.money_or_dash
    sheet.formula(r, 2, rows, group.rows, styles.COUNT_FORMAT, font=font)
    sheet.formula(r, 3, awarded, group.awards, styles.COUNT_FORMAT, font=font)
    columns = money_columns(book)
    for col, (formula, cached) in enumerate(zip(amounts, group.amounts, strict=True), start=4):
        sheet.formula(r, col, formula, cached, money, font=font)
    if not with_share or group.procurement_share is None:
        return
    total_row_number = layout.total_row
    procurement = [col for col, c in enumerate(columns, start=4) if c.procurement and c.vat_basis.code == "excl_vat"]
    part = "+".join(ref(r, col) for col in procurement)
    whole = "+".join(absolute(total_row_number, col) for col in procurement)
    share = f'IF(({whole})=0,"",({part})/({whole}))'
    sheet.formula(r, 4 + len(columns), share, group.procurement_share, styles.PERCENT_FORMAT, font=font)


def add_chart(book: Book, sheet: SheetWriter, layout: GroupLayout, total: int) -> None:
    """A clustered bar chart, one series per money column (never stacked: kinds and bases differ).

    With more groups than a chart can show, it shows the largest and the others together in one
    bar (groups that overlap have no "others": it would count rows twice).
    """
    columns = money_columns(book)
    groups = list(enumerate(layout.groups, start=FIRST_ROW))
    if not columns or not groups:  # no amount to show (every row still in procedure)
        return
    first_amount = 4
    if len(groups) <= book.rules.chart_groups and not layout.others:
        header, first, last, label_col, value_col = HEADER_ROW, FIRST_ROW, total - 1, 1, first_amount
    else:
        header, first, last, label_col, value_col = chart_data(book, sheet, layout, groups)
    chart = styles.bar_chart(layout.chart_title)
    chart.add_data(
        Reference(sheet.ws, min_col=value_col, max_col=value_col + len(columns) - 1, min_row=header, max_row=last),
        titles_from_data=True,
    )
    chart.set_categories(Reference(sheet.ws, min_col=label_col, min_row=first, max_row=last))
    styles.colour_series(chart, book.look)
    chart.legend.position = "b"
    bars = last - first + 1
    chart.width, chart.height = 24.0, 4.0 + 0.5 * bars * max(1, len(columns))
    anchor = total + 3
    sheet.ws.add_chart(chart, f"A{anchor}")
    sheet.ws.row_breaks.append(Break(id=anchor - 1))  # the chart prints on a page of its own


def chart_data(
    book: Book, sheet: SheetWriter, layout: GroupLayout, groups: list[tuple[int, GroupTotal]]
) -> tuple[int, int, int, int, int]:
    """The chart's data beside the table: the largest groups, then the others in one line (the
    analysis' sum of the groups after the largest, ``layout.chart_others``)."""
    t, columns, shown = book.t, money_columns(book), book.rules.chart_groups
    label_col = 4 + len(columns) + 2
    if layout.multiple:  # the groups stand in the grouping's order: the analysis' largest, in that order
        chosen = sorted((groups[at] for at in layout.by_size[:shown]), key=lambda item: item[0])
    else:  # ranked by the analysis, the largest first
        chosen = groups[:shown]
    picked = {row for row, _ in chosen}
    others = [row for row, _ in groups if row not in picked]
    if layout.others_row is not None:  # the groups the sheet adds up in one line
        others.append(layout.others_row)
    sheet.header(HEADER_ROW, [t("In the chart"), *(money_header(book, column) for column in columns)], label_col)
    r = HEADER_ROW
    for r, (row, group) in enumerate(chosen, start=FIRST_ROW):
        sheet.text(r, label_col, book.t("(none given)") if group.key == "" else group.label)
        for offset, cached in enumerate(group.amounts):
            sheet.formula(r, label_col + 1 + offset, ref(row, 4 + offset), cached, book.formats.money_or_dash)
    if others and layout.chart_others is not None:
        r += 1
        bar = layout.chart_others.total
        sheet.text(r, label_col, bar.label, font=styles.NOTE_FONT)
        for offset, cached in enumerate(bar.amounts):
            cells = "+".join(ref(row, 4 + offset) for row in others)
            sheet.formula(r, label_col + 1 + offset, cells, cached, book.formats.money_or_dash)
    elif others:
        sheet.paragraph(
            r + 1,
            t("The {count} groups with the largest amounts; the groups overlap.", count=len(chosen)),
            label_col,
            label_col + len(columns),
            font=styles.NOTE_FONT,
        )
    return HEADER_ROW, FIRST_ROW, r, label_col, label_col + 1
