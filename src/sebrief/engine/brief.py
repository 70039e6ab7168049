"""The brief model of the general engine: everything both renderers lay out, decided once.

Frozen dataclasses of plain values, for any question of the genre. The question's parts come in
its own order, each with its status and the blocks that answer it; a block is a table (rows and
totals), a classification (items sorted into categories), figures or text. Amounts are ``Decimal``
to the cent and always carry their VAT basis; texts are in the brief's language, except quotes
from the source, which stay as the source wrote them. Renderers format and place these values;
they add, classify and round nothing of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sebrief.engine.brief_blocks import (
    BlockView,
    CategoryView,
    ClassificationView,
    ColumnView,
    FiguresView,
    FigureView,
    ItemGroupView,
    ItemView,
    TableView,
    TextPointView,
    TextView,
)
from sebrief.engine.brief_changes import ChangeLine, Changes, FigureDelta
from sebrief.engine.brief_totals import (
    BasisAmount,
    GroupingTotals,
    GroupTotal,
    KindTotal,
    MoneyColumn,
    MonthCount,
    OtherGroups,
    RowEntry,
    Totals,
)
from sebrief.engine.brief_values import (
    Definition,
    Evidence,
    FollowUpQuestion,
    Header,
    KeyPoint,
    Label,
    Method,
    PartCoverage,
    PartSection,
    Person,
    Signal,
    Threshold,
    Timeline,
)

__all__ = [
    "BasisAmount",
    "BlockView",
    "Brief",
    "CategoryView",
    "ChangeLine",
    "Changes",
    "ClassificationView",
    "ColumnView",
    "Definition",
    "Evidence",
    "FigureDelta",
    "FigureView",
    "FiguresView",
    "FollowUpQuestion",
    "GroupTotal",
    "GroupingTotals",
    "Header",
    "ItemGroupView",
    "ItemView",
    "KeyPoint",
    "KindTotal",
    "Label",
    "Method",
    "MoneyColumn",
    "MonthCount",
    "OtherGroups",
    "PartCoverage",
    "PartSection",
    "Person",
    "RowEntry",
    "Signal",
    "TableView",
    "TextPointView",
    "TextView",
    "Threshold",
    "Timeline",
    "Totals",
]


@dataclass(frozen=True)
class Brief:
    header: Header
    introduction: tuple[str, ...]  # the question's introduction, verbatim
    parts: tuple[PartSection, ...]
    blocks: tuple[BlockView, ...]
    rows: tuple[RowEntry, ...]  # every table's rows
    totals: Totals | None  # across every table; None when the answer has no table
    timeline: Timeline | None  # None when no row has a period
    signals: tuple[Signal, ...]
    clusters: tuple[str, ...]  # the signals on groups of overlapping awards to one supplier, the largest first
    coverage: tuple[PartCoverage, ...]  # every part and subpart, in the question's order
    follow_up: tuple[FollowUpQuestion, ...]
    key_points: tuple[KeyPoint, ...]
    method: Method
    changes: Changes | None = None

    def row(self, row_id: str) -> RowEntry:
        return self._rows_by_id[row_id]

    def block(self, block_id: str) -> BlockView:
        return self._blocks_by_id[block_id]

    @cached_property
    def _rows_by_id(self) -> dict[str, RowEntry]:
        """Rows by id, made once: renderers look rows up by id for every row of a long table."""
        return {row.id: row for row in self.rows}

    @cached_property
    def _blocks_by_id(self) -> dict[str, BlockView]:
        return {block.id: block for block in self.blocks}
