"""The brief model of the general engine: everything both renderers lay out, decided once.

Frozen dataclasses of plain values, for any question of the genre. The question's parts come in
its own order, each with its status and the blocks that answer it; a block is a table (rows and
totals), a classification (items sorted into categories), figures or text. Amounts are ``Decimal``
to the cent and always carry their VAT basis; texts are in the brief's language, except quotes
from the source, which stay as the source wrote them. Renderers format and place these values;
they add, classify and round nothing of their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

__all__ = [
    "BasisAmount",
    "Brief",
    "CategoryView",
    "Changes",
    "ClassificationView",
    "ColumnView",
    "Definition",
    "Evidence",
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
    "PartSection",
    "RowEntry",
    "Signal",
    "TableView",
    "TextPointView",
    "TextView",
    "Threshold",
    "Timeline",
    "Totals",
]


# --- values shared by every part of the brief ----------------------------------------------


@dataclass(frozen=True)
class Label:
    """A closed-vocabulary value with its label in the brief's language."""

    code: str
    label: str


@dataclass(frozen=True)
class Evidence:
    """A passage of the source cited as evidence, with the source lines it stands on."""

    passage_id: str
    text: str
    part: str
    first_line: int
    last_line: int


@dataclass(frozen=True)
class Person:
    name: str
    role: str


@dataclass(frozen=True)
class Header:
    dataset_id: str
    parliament: str
    document_type: str
    number: int
    session_year: str
    reference: str  # e.g. "Schriftelijke vraag nr. 221 (2017-2018)"
    title: str
    date_asked: dt.date
    date_answered: dt.date | None
    asker: Person
    minister: Person
    source_file: str
    source_description: str
    lang: str  # the brief's language
    source_lang: str  # the language of the source, and so of every quote


@dataclass(frozen=True)
class Threshold:
    id: str
    name: str
    amount: Decimal
    valid_from: dt.date
    valid_to: dt.date | None
    source: str


@dataclass(frozen=True)
class Signal:
    """A point of attention: a signal worth a look, never a finding."""

    id: str
    kind: Label
    title: str
    description: str
    rows: tuple[str, ...]
    supplier: str | None
    amount: Decimal | None  # the amount the signal is about: the rows' sum, or the top supplier's value
    parameters: tuple[tuple[str, str], ...]
    definition: str
    source: str


@dataclass(frozen=True)
class FollowUpQuestion:
    number: int
    text: str
    follows_up_on: tuple[str, ...]  # part ids, sub-action ids, row ids or signal ids
    reason: str


@dataclass(frozen=True)
class KeyPoint:
    label: str
    value: str
    detail: str


@dataclass(frozen=True)
class Definition:
    term: str
    text: str
    source: str


@dataclass(frozen=True)
class ChangeLine:
    """One change since the previous version of the dataset, in the brief's language."""

    section: Label
    subject: str
    kind: Label
    text: str


@dataclass(frozen=True)
class FigureDelta:
    """A key figure in the previous and this version."""

    name: str
    label: str
    previous: Decimal
    current: Decimal
    delta: Decimal
    is_money: bool


@dataclass(frozen=True)
class Changes:
    """What changed since the previous version of the dataset (``--previous``)."""

    previous_id: str
    summary: str
    lines: tuple[ChangeLine, ...]
    figures: tuple[FigureDelta, ...]


@dataclass(frozen=True)
class PartSection:
    """A part (or subpart) of the question, its status and the blocks shown under it."""

    part_id: str
    question: str  # verbatim
    status: Label  # answered | partly | not_answered
    basis: Label  # stated | inferred | not_addressed
    reason: str
    block_ids: tuple[str, ...]  # the blocks laid out in this section, in the dataset's order
    see_also: tuple[str, ...]  # blocks that answer it but are laid out in an earlier section
    subparts: tuple[PartSection, ...] = ()


# --- rows and totals -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)  # slots: a table may have 100,000 rows
class RowEntry:
    """One row of one of the answer's tables."""

    id: str
    number: int  # 1.. within its table
    table_id: str
    kind: Label
    procurement: bool
    description: str
    groupings: tuple[tuple[str, tuple[Label, ...]], ...]  # (grouping id, its values)
    grouping_basis: tuple[tuple[str, Label], ...]
    start: dt.date | None
    end: dt.date | None
    precision: str | None
    period_label: str  # formatted with its precision, or why there is none
    duration_months: Decimal | None
    status: Label
    state_at_question: Label  # finished | running | not_started | in_procedure | no_period
    beneficiary: str | None
    beneficiary_count: int | None
    amount: Decimal | None  # as the answer gives it
    vat_basis: Label
    amount_excl_vat: Decimal | None  # the amount, or converted from incl. VAT; None if not stated
    amount_incl_vat: Decimal | None  # the amount, or an estimate from excl. VAT; None if not stated
    converted: bool  # amount_excl_vat was converted from an amount incl. VAT
    procedure: str | None
    source_ref: str
    source_lines: tuple[int, int] | None
    note: str | None

    def values(self, grouping_id: str) -> tuple[Label, ...]:
        return next((labels for gid, labels in self.groupings if gid == grouping_id), ())


@dataclass(frozen=True)
class MoneyColumn:
    """A column of amounts that may be added up: one kind on one VAT basis."""

    key: str  # "<kind>:<basis>"
    kind: Label  # plural label
    vat_basis: Label
    procurement: bool


@dataclass(frozen=True)
class BasisAmount:
    column: MoneyColumn
    amount: Decimal
    rows: int
    converted: int  # rows incl. VAT counted excl. VAT
    incl_vat_estimate: Decimal | None  # for an excl. VAT total: at the standard rate


@dataclass(frozen=True)
class MonthCount:
    """The rows of one kind whose period starts, ends and runs (shares a day with it) in a month."""

    month: dt.date  # its first day
    starts: int
    ends: int
    running: int


@dataclass(frozen=True)
class KindTotal:
    kind: Label  # plural label
    procurement: bool
    rows: int
    awarded: int
    in_procedure: int
    amounts: tuple[BasisAmount, ...]
    per_month: tuple[MonthCount, ...]  # each month of Brief.timeline.months; empty without a timeline


@dataclass(frozen=True)
class GroupTotal:
    """Totals of a group of rows (a grouping value, a beneficiary), one amount per money column."""

    key: str
    label: str
    rows: int
    awards: int
    amounts: tuple[Decimal, ...]  # aligned with Totals.columns
    procurement_excl_vat: Decimal  # the procurement columns excl. VAT, for shares
    procurement_share: Decimal | None  # of all procurement value excl. VAT


@dataclass(frozen=True)
class OtherGroups:
    """The groups of a ranking after its ``listed`` largest, added up in one line ("Others (count)"):
    a layout that lists only the largest groups shows these for the rest (``listed`` is one of the
    layout rules' numbers of groups listed)."""

    listed: int
    count: int  # the groups added up
    total: GroupTotal  # their rows and amounts added up; its share of all procurement value


@dataclass(frozen=True)
class GroupingTotals:
    grouping: Label  # id and label of the grouping
    multiple: bool  # rows may have several values: the groups overlap and do not add up
    groups: tuple[GroupTotal, ...]  # the largest first, unless they overlap (then the grouping's order)
    total: GroupTotal  # every row once
    note: str
    others: tuple[OtherGroups, ...]  # after each number listed that leaves some out; none if they overlap

    def others_after(self, listed: int) -> OtherGroups | None:
        """The groups after the ``listed`` largest, added up; None when there are no more, or the
        groups overlap (they cannot be added up)."""
        return None if self.multiple else _others_after(self.others, listed, len(self.groups))


@dataclass(frozen=True)
class Totals:
    columns: tuple[MoneyColumn, ...]
    per_kind: tuple[KindTotal, ...]
    per_beneficiary: tuple[GroupTotal, ...]  # awarded rows, the largest first
    beneficiary_total: GroupTotal
    beneficiary_others: tuple[OtherGroups, ...]  # after each number listed that leaves some out
    per_grouping: tuple[GroupingTotals, ...]
    per_year: tuple[GroupTotal, ...]  # every row once, by the year of its start; key "" for no period
    year_total: GroupTotal  # every row once
    vat_rate: Decimal
    vat_note: str
    conversion_note: str | None  # said when an amount incl. VAT was converted

    def other_beneficiaries(self, listed: int) -> OtherGroups | None:
        """The beneficiaries after the ``listed`` largest, added up; None when there are no more."""
        return _others_after(self.beneficiary_others, listed, len(self.per_beneficiary))


def _others_after(lines: tuple[OtherGroups, ...], listed: int, groups: int) -> OtherGroups | None:
    if groups <= listed:
        return None
    found = next((line for line in lines if line.listed == listed), None)
    if found is None:
        raise LookupError(f"no line adds up the groups after the first {listed}: analyse with the same layout rules")
    return found


# --- blocks --------------------------------------------------------------------------------


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


# --- the rest ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timeline:
    date_asked: dt.date
    span_start: dt.date
    span_end: dt.date
    months: tuple[dt.date, ...]  # the first day of each month in the span
    states: tuple[tuple[Label, int], ...]  # each state with its number of rows on the date asked


@dataclass(frozen=True)
class PartCoverage:
    part_id: str
    parent_id: str | None
    question: str
    status: Label
    basis: Label
    reason: str


@dataclass(frozen=True)
class Method:
    curation_notes: tuple[str, ...]
    definitions: tuple[Definition, ...]
    thresholds: tuple[Threshold, ...]
    passages: tuple[Evidence, ...]
    notes: tuple[str, ...]


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
