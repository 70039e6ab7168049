"""The rows of the brief's tables and their totals: per kind on each VAT basis, per group of rows
(beneficiary, grouping value, year), and the groups after the largest added up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sebrief.engine.brief_values import Label


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
    period_from_table: bool  # the period is the one the answer gives once for the whole table
    duration_months: Decimal | None
    status: Label  # awarded | in_procedure | in_house
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
    in_house: int  # done by the administration itself: no amount, never in the amounts
    amounts: tuple[BasisAmount, ...]
    per_month: tuple[MonthCount, ...]  # each month of Brief.timeline.months; empty without a timeline
    row_ids: tuple[str, ...]  # the rows of this kind, in their order in the tables


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
    # The places of the groups in ``groups``, the largest first (amounts compared basis by basis,
    # never added up across VAT bases); where the groups overlap, what a chart of the largest shows.
    by_size: tuple[int, ...]

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
