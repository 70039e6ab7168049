"""The plan of the workbook, decided before any sheet is written: which sheets, in which order,
and where each table's rows and totals stand, so that a sheet can refer to another one's cells."""

from __future__ import annotations

from dataclasses import dataclass, field

import sebrief.render.xlsx.names as names
from sebrief.engine.brief import Brief, RowEntry, TableView
from sebrief.i18n import Translator, _
from sebrief.render.xlsx.formulas import TableNames
from sebrief.render.xlsx.names import Identifiers, SheetNames, lower_first

HEADER_ROW = 4  # the header of a table of rows; its title and notes stand above
FIRST_ROW = HEADER_ROW + 1


@dataclass(frozen=True)
class RowColumn:
    key: str  # what it holds: "id", "kind", ... or "grouping:<id>"
    header: str
    width: float | None = None  # a maximum width for long text


# Columns of the totals block below a table of rows (their widths follow the table's columns).
T_KIND, T_ROWS, T_AWARDED, T_PENDING, T_VAT, T_COUNTED, T_CONVERTED, T_AMOUNT, T_INCL, T_SHOWN = range(3, 13)


@dataclass(frozen=True)
class TotalLine:
    """Where one money column's total of one table stands on its rows sheet."""

    row: int
    first_of_kind: bool  # the kind's row counts stand on its first line only


@dataclass(frozen=True)
class TableLayout:
    view: TableView
    sheet: str
    names: TableNames
    rows: tuple[RowEntry, ...]
    columns: tuple[RowColumn, ...]
    lines: tuple[tuple[str, TotalLine], ...]  # money column key -> its line in the totals block
    kinds: frozenset[str]  # the kinds of its rows

    def col(self, key: str) -> int:
        return next(index for index, column in enumerate(self.columns, start=1) if column.key == key)

    def has(self, key: str) -> bool:
        return any(column.key == key for column in self.columns)

    @property
    def last_row(self) -> int:
        return FIRST_ROW + len(self.rows) - 1

    @property
    def totals_top(self) -> int:
        return self.last_row + 2

    def line(self, key: str) -> TotalLine:
        return next(line for k, line in self.lines if k == key)


@dataclass
class Plan:
    overview: str
    changes: str | None
    parts: dict[str, str]  # part id -> its sheet
    tables: dict[str, TableLayout]  # table block id -> its rows sheet
    beneficiaries: str | None
    groupings: dict[str, str]  # grouping id -> its sheet
    timeline: str | None
    attention: str
    follow_up: str
    method: str
    anchors: dict[str, tuple[str, int, str]] = field(default_factory=dict)  # block id -> sheet, row, part id

    def in_order(self) -> list[str]:
        return [
            self.overview,
            *([self.changes] if self.changes else []),
            *self.parts.values(),
            *(layout.sheet for layout in self.tables.values()),
            *([self.beneficiaries] if self.beneficiaries else []),
            *self.groupings.values(),
            *([self.timeline] if self.timeline else []),
            self.attention,
            self.follow_up,
            self.method,
        ]


def make_plan(brief: Brief, t: Translator, identifiers: Identifiers) -> Plan:
    sheets = SheetNames()
    overview = sheets.add(t(names.OVERVIEW))
    changes = sheets.add(t(names.CHANGES)) if brief.changes is not None else None
    parts = {part.part_id: sheets.add(t(names.QUESTION, part=part.part_id)) for part in brief.parts}
    tables = {}
    by_id = {row.id: row for row in brief.rows}
    for view in brief.blocks:
        if isinstance(view, TableView) and view.row_ids:
            rows = tuple(by_id[row_id] for row_id in view.row_ids)
            tables[view.id] = table_layout(brief, view, rows, t, sheets.add(view.title), identifiers)
    totals = brief.totals
    beneficiaries = sheets.add(t(names.BENEFICIARIES)) if totals and totals.per_beneficiary else None
    groupings = {
        grouping.grouping.code: sheets.add(t(names.GROUPING, grouping=lower_first(grouping.grouping.label)))
        for grouping in (totals.per_grouping if totals else ())
    }
    return Plan(
        overview=overview,
        changes=changes,
        parts=parts,
        tables=tables,
        beneficiaries=beneficiaries,
        groupings=groupings,
        timeline=sheets.add(t(names.TIMELINE)) if brief.timeline is not None else None,
        attention=sheets.add(t(names.ATTENTION)),
        follow_up=sheets.add(t(names.FOLLOW_UP)),
        method=sheets.add(t(names.METHOD)),
    )


def table_layout(
    brief: Brief, view: TableView, rows: tuple[RowEntry, ...], t: Translator, sheet: str, identifiers: Identifiers
) -> TableLayout:
    table = identifiers.add("Rows", view.id)
    groupings = tuple((label.code, identifiers.add(table, f"by_{label.code}")) for label in view.groupings)
    lines = []
    r = view_totals_header(rows) + 1
    for kind in view.totals.per_kind:
        for index, amount in enumerate(kind.amounts):
            lines.append((amount.column.key, TotalLine(r, index == 0)))
            r += 1
    return TableLayout(
        view=view,
        sheet=sheet,
        names=TableNames(table, groupings),
        rows=rows,
        columns=row_columns(brief, view, rows, t),
        lines=tuple(lines),
        kinds=frozenset(row.kind.code for row in rows),
    )


def view_totals_header(rows: tuple[RowEntry, ...]) -> int:
    """The header row of the totals block: below the rows, a blank row and the block's title."""
    return FIRST_ROW + len(rows) + 2


def row_columns(brief: Brief, view: TableView, rows: tuple[RowEntry, ...], t: Translator) -> tuple[RowColumn, ...]:
    """The columns of a table of rows; a column a subpart of the question asks for names that subpart."""
    asked: dict[str, list[str]] = {}
    for bound in view.columns:
        asked.setdefault(bound.column, []).append(bound.part_id)

    def header(message: str, column: str) -> str:
        text = t(message)
        if column not in asked:
            return text
        parts = ", ".join(asked[column])
        return f"{text[:-1]}, {parts})" if text.endswith(")") else f"{text} ({parts})"

    columns = [
        RowColumn("id", t("ID")),
        RowColumn("kind", header(_("Kind"), "kind")),
        RowColumn("description", header(_("Description"), "description"), 42),
        *(RowColumn(f"grouping:{label.code}", label.label, 24) for label in view.groupings),
        RowColumn("start", header(_("Start"), "period")),
        RowColumn("end", header(_("End"), "period")),
        RowColumn("period", t("Period as given"), 24),
        RowColumn("status", header(_("Status"), "status")),
        RowColumn("state", t("State on {date}", date=t.date(brief.header.date_asked)), 16),
        RowColumn("beneficiary", header(_("Beneficiary"), "beneficiary"), 24),
    ]
    if any(row.beneficiary_count is not None for row in rows):
        columns.append(RowColumn("count", t("Number of beneficiaries")))
    columns += [
        RowColumn("amount", header(_("Amount (€)"), "amount")),
        RowColumn("vat", t("VAT basis")),
        RowColumn("excl", t("Amount excl. VAT (€)")),
    ]
    if view.has_procedure or "procedure" in asked:
        columns.append(RowColumn("procedure", header(_("Procedure"), "procedure"), 28))
    columns += [
        RowColumn("source", t("Source reference"), 24),
        RowColumn("note", t("Note (curation)"), 34),
        RowColumn("shown", t("Shown by the filter (1 = yes)")),
    ]
    return tuple(unique_headers(columns))


def unique_headers(columns: list[RowColumn]) -> list[RowColumn]:
    """An Excel table's column headers must differ: a grouping named like another column gets a number."""
    seen: set[str] = set()
    out = []
    for column in columns:
        header, number = column.header, 1
        while header.casefold() in seen:
            number += 1
            header = f"{column.header} ({number})"
        seen.add(header.casefold())
        out.append(RowColumn(column.key, header, column.width))
    return out
