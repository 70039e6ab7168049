"""The rows of every table as the brief lists them: labels, period, state on the date asked, amounts
excl. and incl. VAT, and the lines of the source each row stands on."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from dateutil.relativedelta import relativedelta

from sebrief.dataset.model import Basis, Dataset, Row, RowStatus, VatBasis
from sebrief.engine.brief_totals import RowEntry
from sebrief.engine.brief_values import Label
from sebrief.engine.money import cents
from sebrief.engine.vocabulary import label
from sebrief.i18n import Translator
from sebrief.quotes import SourceText, join_fragments

NOT_STATED, INCL_VAT = VatBasis.NOT_STATED, VatBasis.INCL_VAT
IN_PROCEDURE = RowStatus.IN_PROCEDURE


def state_on(row: Row, day: dt.date) -> str:
    if row.status is IN_PROCEDURE:
        return "in_procedure"
    if row.period is None:
        return "no_period"
    if row.period.end < day:
        return "finished"
    if row.period.start > day:
        return "not_started"
    return "running"


def row_entries(dataset: Dataset, source: SourceText, rate: Decimal, t: Translator) -> tuple[RowEntry, ...]:
    asked = dataset.metadata.date_asked
    kinds = {k.id: Label(k.id, k.label.get(t.lang)) for k in dataset.main.kinds}
    procurement = {k.id for k in dataset.main.kinds if k.procurement}
    labels = Labels(dataset, t)
    divisor = 1 + rate
    entries = []
    numbers: dict[str, int] = defaultdict(int)
    cursor = [0]  # where the previous row stood: rows stand in order in the source
    for row in dataset.rows:
        numbers[row.table] += 1
        period = row.period
        amount, basis = row.amount, row.vat_basis
        amount_excl: Decimal | None
        incl: Decimal | None
        if amount is None or basis is NOT_STATED:  # what money.excl_vat gives, and the amount incl. VAT
            amount_excl, converted, incl = None, False, None
        elif basis is INCL_VAT:
            amount_excl, converted, incl = cents(amount / divisor), True, amount
        else:
            amount_excl, converted, incl = amount, False, cents(amount * divisor)
        description = join_fragments(row.description)
        if description == row.description:
            description = row.description  # the row's own string, not a copy (a long table: 10 MB)
        if period is None:
            start = end = precision = duration = None
            period_label = labels.no_period(row.status)
        else:
            start, end = period.start, period.end
            precision, period_label, duration = labels.period(start, end, period.precision)
        entries.append(
            RowEntry(
                id=row.id,
                number=numbers[row.table],
                table_id=row.table,
                kind=kinds[row.kind],
                procurement=row.kind in procurement,
                description=description,
                groupings=labels.groupings(row.groupings),
                grouping_basis=labels.grouping_basis(row.grouping_basis),
                start=start,
                end=end,
                precision=precision,
                period_label=period_label,
                period_from_table=row.period_from_table,
                duration_months=duration,
                status=labels.member("status", row.status),
                state_at_question=labels.get("state", state_on(row, asked)),
                beneficiary=row.beneficiary,
                beneficiary_count=row.beneficiary_count,
                amount=in_cents(amount) if amount is not None else None,
                vat_basis=labels.member("vat_basis", basis),
                amount_excl_vat=amount_excl,
                amount_incl_vat=incl,
                converted=converted,
                procedure=row.procedure,
                source_ref=row.source_ref,
                source_lines=source_lines(source, row, cursor),
                note=row.note.get(t.lang) if row.note else None,
            )
        )
    return tuple(entries)


Groupings = tuple[tuple[str, tuple[Label, ...]], ...]
GroupingBasis = tuple[tuple[str, Label], ...]
PeriodLabels = tuple[str, str, Decimal]  # precision, formatted period, duration in months


class Labels:
    """Labels, formatted periods and a row's groupings as the brief gives them, each made once: a
    long table repeats the same few thousands (and its rows share them)."""

    def __init__(self, dataset: Dataset, t: Translator):
        self.t = t
        self.values = {(g.id, v.id): Label(v.id, v.label.get(t.lang)) for g in dataset.main.groupings for v in g.values}
        self.vocabulary: dict[tuple[str, str], Label] = {}
        self.members: dict[tuple[str, Enum], Label] = {}
        self.periods: dict[tuple[dt.date, dt.date, Enum], PeriodLabels] = {}
        self.undated: dict[RowStatus, str] = {}
        self.grouped: dict[tuple[tuple[str, tuple[str, ...]], ...], Groupings] = {}
        self.based: dict[tuple[tuple[str, Basis], ...], GroupingBasis] = {}

    def get(self, vocabulary: str, code: str) -> Label:
        key = (vocabulary, code)
        if key not in self.vocabulary:
            self.vocabulary[key] = label(self.t, vocabulary, code)
        return self.vocabulary[key]

    def member(self, vocabulary: str, member: Enum) -> Label:
        """The label of an enumeration's member, by its value."""
        key = (vocabulary, member)
        if key not in self.members:
            self.members[key] = self.get(vocabulary, member.value)
        return self.members[key]

    def value(self, grouping_id: str, value_id: str) -> Label:
        return self.values.get((grouping_id, value_id)) or Label(value_id, value_id)

    def groupings(self, groupings: Mapping[str, tuple[str, ...]]) -> Groupings:
        """A row's grouping values, labelled."""
        key = tuple(groupings.items())
        if key not in self.grouped:
            self.grouped[key] = tuple((gid, tuple(self.value(gid, v) for v in values)) for gid, values in key)
        return self.grouped[key]

    def grouping_basis(self, bases: Mapping[str, Basis]) -> GroupingBasis:
        """On what each of a row's groupings rests, labelled."""
        key = tuple(bases.items())
        if key not in self.based:
            self.based[key] = tuple((gid, self.member("basis", b)) for gid, b in key)
        return self.based[key]

    def no_period(self, status: RowStatus) -> str:
        """Why a row without a period has none."""
        if status not in self.undated:
            in_procedure = status is RowStatus.IN_PROCEDURE
            self.undated[status] = self.t("In procedure") if in_procedure else self.t("No period given")
        return self.undated[status]

    def period(self, start: dt.date, end: dt.date, precision: Enum) -> PeriodLabels:
        """A period's precision, formatted with it, and its length in months."""
        key = (start, end, precision)
        if key not in self.periods:
            self.periods[key] = (
                precision.value,
                self.t.period(start, end, precision.value),
                duration_months(start, end),
            )
        return self.periods[key]


def source_lines(source: SourceText, row: Row, cursor: list[int]) -> tuple[int, int] | None:
    span = source.find(row.description_source or row.description, cursor[0])
    if span is None:
        return None
    cursor[0] = span[0]
    return source.lines(span)


def in_cents(amount: Decimal) -> Decimal:
    """``cents(amount)``: the amount itself when it has cents already (most do), not a copy of it."""
    return amount if amount.as_tuple().exponent == -2 else cents(amount)


def duration_months(start: dt.date, end: dt.date) -> Decimal:
    """Length of a period in months (one decimal): whole months plus the part of the next."""
    after = end + dt.timedelta(days=1)
    delta = relativedelta(after, start)
    whole = delta.years * 12 + delta.months
    anchor = start + relativedelta(months=whole)
    fraction = Decimal(delta.days) / Decimal(calendar.monthrange(anchor.year, anchor.month)[1])
    return (Decimal(whole) + fraction).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
