"""The rows of every table as the brief lists them: labels, period, state on the date asked, amounts
excl. and incl. VAT, and the lines of the source each row stands on."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

from sebrief.dataset.model import Dataset, Row, RowStatus, VatBasis
from sebrief.engine.brief_totals import RowEntry
from sebrief.engine.brief_values import Label
from sebrief.engine.money import cents, excl_vat
from sebrief.engine.vocabulary import label
from sebrief.i18n import Translator
from sebrief.quotes import SourceText, join_fragments


def state_on(row: Row, day: dt.date) -> str:
    if row.status is RowStatus.IN_PROCEDURE:
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
    entries = []
    numbers: dict[str, int] = defaultdict(int)
    cursor = [0]  # where the previous row stood: rows stand in order in the source
    for row in dataset.rows:
        numbers[row.table] += 1
        period = row.period
        amount_excl, converted = excl_vat(row, rate)
        incl: Decimal | None
        if row.amount is None or row.vat_basis is VatBasis.NOT_STATED:
            incl = None
        elif row.vat_basis is VatBasis.INCL_VAT:
            incl = row.amount
        else:
            incl = cents(row.amount * (1 + rate))
        entries.append(
            RowEntry(
                id=row.id,
                number=numbers[row.table],
                table_id=row.table,
                kind=kinds[row.kind],
                procurement=row.kind in procurement,
                description=join_fragments(row.description),
                groupings=tuple(
                    (gid, tuple(labels.value(gid, v) for v in values)) for gid, values in row.groupings.items()
                ),
                grouping_basis=tuple((gid, labels.get("basis", b.value)) for gid, b in row.grouping_basis.items()),
                start=period.start if period else None,
                end=period.end if period else None,
                precision=period.precision.value if period else None,
                period_label=labels.period(row),
                period_from_table=row.period_from_table,
                duration_months=labels.duration(period.start, period.end) if period else None,
                status=labels.get("status", row.status.value),
                state_at_question=labels.get("state", state_on(row, asked)),
                beneficiary=row.beneficiary,
                beneficiary_count=row.beneficiary_count,
                amount=cents(row.amount) if row.amount is not None else None,
                vat_basis=labels.get("vat_basis", row.vat_basis.value),
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


class Labels:
    """Labels and formatted periods, each made once: a long table repeats the same few thousands."""

    def __init__(self, dataset: Dataset, t: Translator):
        self.t = t
        self.values = {(g.id, v.id): Label(v.id, v.label.get(t.lang)) for g in dataset.main.groupings for v in g.values}
        self.vocabulary: dict[tuple[str, str], Label] = {}
        self.periods: dict[tuple[dt.date, dt.date, str], str] = {}
        self.durations: dict[tuple[dt.date, dt.date], Decimal] = {}

    def get(self, vocabulary: str, code: str) -> Label:
        key = (vocabulary, code)
        if key not in self.vocabulary:
            self.vocabulary[key] = label(self.t, vocabulary, code)
        return self.vocabulary[key]

    def value(self, grouping_id: str, value_id: str) -> Label:
        return self.values.get((grouping_id, value_id)) or Label(value_id, value_id)

    def period(self, row: Row) -> str:
        period = row.period
        if period is None:
            return self.t("In procedure") if row.status is RowStatus.IN_PROCEDURE else self.t("No period given")
        key = (period.start, period.end, period.precision.value)
        if key not in self.periods:
            self.periods[key] = self.t.period(*key)
        return self.periods[key]

    def duration(self, start: dt.date, end: dt.date) -> Decimal:
        if (start, end) not in self.durations:
            self.durations[(start, end)] = duration_months(start, end)
        return self.durations[(start, end)]


def source_lines(source: SourceText, row: Row, cursor: list[int]) -> tuple[int, int] | None:
    span = source.find(row.description_source or row.description, cursor[0])
    if span is None:
        return None
    cursor[0] = span[0]
    return source.line_at(span[0]), source.line_at(span[1] - 1)


def duration_months(start: dt.date, end: dt.date) -> Decimal:
    """Length of a period in months (one decimal): whole months plus the part of the next."""
    after = end + dt.timedelta(days=1)
    delta = relativedelta(after, start)
    whole = delta.years * 12 + delta.months
    anchor = start + relativedelta(months=whole)
    fraction = Decimal(delta.days) / Decimal(calendar.monthrange(anchor.year, anchor.month)[1])
    return (Decimal(whole) + fraction).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
