"""The answer's blocks as the brief lays them out: a table, a classification, figures or text."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sebrief.engine.brief_totals import Totals
from sebrief.engine.brief_values import Evidence, Label


@dataclass(frozen=True)
class ColumnView:
    column: str  # description | period | beneficiary | amount | procedure | kind | status
    label: str
    part_id: str  # the subpart that asks for it


@dataclass(frozen=True)
class TableView:
    id: str
    title: str
    note: str | None
    evidence: tuple[Evidence, ...]
    columns: tuple[ColumnView, ...]  # the bound columns, in the order of the question's subparts
    groupings: tuple[Label, ...]
    has_procedure: bool
    row_ids: tuple[str, ...]
    totals: Totals  # of this table's rows
    # The period the answer gives once for the whole table, in its words and formatted; the rows
    # without one of their own have it (RowEntry.period_from_table). None when it gives none.
    period_text: str | None
    period_label: str | None
    kind: str = "table"


@dataclass(frozen=True)
class ItemView:
    id: str
    group_id: str | None
    text: str  # verbatim
    categories: tuple[Label, ...]
    basis: Label
    evidence: tuple[Evidence, ...]
    rows: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class CategoryView:
    id: str
    label: str
    part_id: str | None
    question: str | None  # the subpart's words
    not_addressed: bool
    summary: str
    item_ids: tuple[str, ...]
    rows: tuple[str, ...]


@dataclass(frozen=True)
class ItemGroupView:
    id: str
    number: int | None
    text: str  # verbatim
    groupings: tuple[tuple[str, tuple[Label, ...]], ...]


@dataclass(frozen=True)
class ClassificationView:
    id: str
    title: str
    intro: str | None
    evidence: tuple[Evidence, ...]
    categories: tuple[CategoryView, ...]
    groups: tuple[ItemGroupView, ...]
    items: tuple[ItemView, ...]
    kind: str = "classification"


@dataclass(frozen=True)
class FigureView:
    id: str
    label: str
    text: str  # verbatim
    value: Decimal
    unit: Label  # eur | count | fte | percent | other (with its label)
    vat_basis: Label | None
    period_label: str | None
    dimensions: tuple[tuple[str, str], ...]
    source_lines: tuple[int, int] | None


@dataclass(frozen=True)
class FiguresView:
    id: str
    title: str
    note: str | None
    evidence: tuple[Evidence, ...]
    figures: tuple[FigureView, ...]
    chart: bool  # more than two figures of one unit: shown as a chart too
    kind: str = "figures"


@dataclass(frozen=True)
class TextPointView:
    evidence: Evidence
    summary: str | None
    groupings: tuple[tuple[str, tuple[Label, ...]], ...]


@dataclass(frozen=True)
class TextView:
    id: str
    title: str
    note: str | None
    evidence: tuple[Evidence, ...]
    points: tuple[TextPointView, ...]
    kind: str = "text"


BlockView = TableView | ClassificationView | FiguresView | TextView
