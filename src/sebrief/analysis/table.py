"""Question 2 (parts a-d): the table rows, their totals and their timeline.

Totals are exact: amounts stay ``Decimal`` (an object column in pandas) and are never mixed
across VAT bases; public contracts are excl. VAT, subsidy calls carry no VAT statement.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from dateutil.relativedelta import relativedelta

from sebrief.analysis.labels import label
from sebrief.brief import GrandTotal, GroupTotal, KindTotal, RowEntry, Timeline, Totals
from sebrief.i18n import Translator
from sebrief.model import Dataset, RowKind, RowStatus, TableRow, VatBasis
from sebrief.quotes import SourceText, join_fragments
from sebrief.reference import ProcurementRules

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
STATE_ORDER = ("finished", "running", "not_started", "in_procedure")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def duration_months(start: dt.date, end: dt.date) -> Decimal:
    """Length of a period in months (one decimal): whole months plus the part of the next."""
    after = end + dt.timedelta(days=1)
    delta = relativedelta(after, start)
    whole = delta.years * 12 + delta.months
    anchor = start + relativedelta(months=whole)
    fraction = Decimal(delta.days) / Decimal(calendar.monthrange(anchor.year, anchor.month)[1])
    return (Decimal(whole) + fraction).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def state_on(row: TableRow, day: dt.date) -> str:
    if row.status is RowStatus.IN_PROCEDURE or row.period is None:
        return "in_procedure"
    if row.period.end < day:
        return "finished"
    if row.period.start > day:
        return "not_started"
    return "running"


def incl_vat_estimate(row: TableRow, rate: Decimal) -> Decimal | None:
    if row.amount is None or row.vat_basis is not VatBasis.EXCL_VAT:
        return None
    return cents(row.amount * (1 + rate))


def row_entries(dataset: Dataset, source: SourceText, rules: ProcurementRules, t: Translator) -> tuple[RowEntry, ...]:
    asked = dataset.metadata.date_asked
    entries = []
    for number, row in enumerate(dataset.rows, start=1):
        period = row.period
        located = source.locate(row.description_source or row.description)
        entries.append(
            RowEntry(
                id=row.id,
                number=number,
                kind=label(t, "kind", row.kind.value),
                description=join_fragments(row.description),
                theme=label(t, "theme", row.theme.value),
                start=period.start if period else None,
                end=period.end if period else None,
                precision=period.precision.value if period else None,
                period_label=t.period(period.start, period.end, period.precision.value)
                if period
                else t("In procedure"),
                duration_months=duration_months(period.start, period.end) if period else None,
                status=label(t, "status", row.status.value),
                state_at_question=label(t, "state", state_on(row, asked)),
                beneficiary=row.beneficiary,
                beneficiary_count=row.beneficiary_count,
                amount=cents(row.amount) if row.amount is not None else None,
                vat_basis=label(t, "vat_basis", row.vat_basis.value),
                amount_incl_vat_estimate=incl_vat_estimate(row, rules.vat.standard_rate),
                pillars=row.pillars,
                pillar_basis=label(t, "basis", row.pillar_basis.value),
                source_ref=row.source_ref,
                source_lines=located,
                note=row.note.get(t.lang) if row.note else None,
            )
        )
    return tuple(entries)


def rows_frame(dataset: Dataset) -> pd.DataFrame:
    """One line per row with Decimal amounts (object dtype: no float ever touches them)."""
    records = [
        {
            "id": row.id,
            "kind": row.kind.value,
            "theme": row.theme.value,
            "beneficiary": row.beneficiary or "",
            "awarded": row.is_awarded,
            "amount": row.amount if row.amount is not None else ZERO,
            "pillars": row.pillars,
        }
        for row in dataset.rows
    ]
    return pd.DataFrame.from_records(
        records, columns=["id", "kind", "theme", "beneficiary", "awarded", "amount", "pillars"]
    )


def _sum(values: pd.Series) -> Decimal:
    return cents(sum(values, ZERO))


def group_totals(
    frame: pd.DataFrame, key: str, labels: dict[str, str], contract_total: Decimal
) -> tuple[GroupTotal, ...]:
    totals = []
    for value, group in frame.groupby(key, sort=False):
        subsidy = _sum(group.loc[group["kind"] == RowKind.SUBSIDY_CALL.value, "amount"])
        contracts = _sum(group.loc[group["kind"] == RowKind.PUBLIC_CONTRACT.value, "amount"])
        totals.append(
            GroupTotal(
                key=str(value),
                label=labels.get(str(value), str(value)),
                rows=len(group),
                awards=int(group["awarded"].sum()),
                subsidy_amount=subsidy,
                contract_amount_excl_vat=contracts,
                contract_share=(contracts / contract_total).quantize(Decimal("0.0001")) if contract_total else None,
            )
        )
    return tuple(sorted(totals, key=lambda g: (-(g.contract_amount_excl_vat + g.subsidy_amount), g.label)))


def totals(dataset: Dataset, rules: ProcurementRules, t: Translator) -> Totals:
    frame = rows_frame(dataset)
    rate = rules.vat.standard_rate
    per_kind = []
    for kind in RowKind:
        group = frame[frame["kind"] == kind.value]
        if group.empty:
            continue
        amount = _sum(group["amount"])
        bases = {row.vat_basis for row in dataset.rows if row.kind is kind and row.amount is not None}
        basis = bases.pop() if len(bases) == 1 else VatBasis.NOT_STATED
        per_kind.append(
            KindTotal(
                kind=label(t, "kind_plural", kind.value),
                rows=len(group),
                awarded=int(group["awarded"].sum()),
                in_procedure=int((~group["awarded"]).sum()),
                amount=amount,
                vat_basis=label(t, "vat_basis", basis.value),
                amount_incl_vat_estimate=cents(amount * (1 + rate)) if basis is VatBasis.EXCL_VAT else None,
            )
        )
    contract_total = _sum(frame.loc[frame["kind"] == RowKind.PUBLIC_CONTRACT.value, "amount"])
    theme_labels = {code: label(t, "theme", code).label for code in frame["theme"].unique()}
    awarded = frame[frame["awarded"]]
    per_beneficiary = group_totals(awarded, "beneficiary", {}, contract_total)
    pillar_frame = frame.explode("pillars").dropna(subset=["pillars"])
    pillar_frame["pillars"] = pillar_frame["pillars"].astype(int)
    pillar_labels = {str(n): t("Pillar {number}", number=n) for n in range(1, 6)}
    per_pillar = tuple(
        sorted(
            group_totals(pillar_frame.astype({"pillars": str}), "pillars", pillar_labels, contract_total),
            key=lambda g: g.key,
        )
    )
    subsidy_total = sum((k.amount for k in per_kind if k.kind.code == RowKind.SUBSIDY_CALL.value), ZERO)
    total_label = {"total": t("Total")}
    return Totals(
        per_kind=tuple(per_kind),
        per_theme=group_totals(frame, "theme", theme_labels, contract_total),
        per_beneficiary=per_beneficiary,
        per_pillar=per_pillar,
        theme_total=group_totals(frame.assign(group="total"), "group", total_label, contract_total)[0],
        beneficiary_total=group_totals(awarded.assign(group="total"), "group", total_label, contract_total)[0],
        grand_total=GrandTotal(
            amount=cents(subsidy_total + contract_total),
            composition=t(
                "subsidy calls {subsidy} (no VAT statement in the answer) + public contracts {contracts} excl. VAT; "
                "the two bases differ, so this sum is only an order of magnitude",
                subsidy=t.money(cents(subsidy_total)),
                contracts=t.money(contract_total),
            ),
        ),
        vat_rate=rate,
        vat_note=t(
            "Estimate at the standard Belgian VAT rate of {rate}: some services may be exempt or taxed at "
            "another rate. A total's estimate is computed on the total and can differ by a cent from the sum "
            "of the rows' estimates. Source: {source}.",
            rate=t.percent(rate, 0),
            source=rules.vat.source,
        ),
        pillar_note=t(
            "A row that serves several pillars counts in each of them: pillar totals overlap and do not add up."
        ),
    )


def month_starts(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    months = []
    current = start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return tuple(months)


def timeline(dataset: Dataset, entries: tuple[RowEntry, ...], t: Translator) -> Timeline:
    asked = dataset.metadata.date_asked
    starts = [e.start for e in entries if e.start] + [asked]
    ends = [e.end for e in entries if e.end] + [asked]
    span_start, span_end = min(starts), max(ends)
    counts = {code: sum(1 for e in entries if e.state_at_question.code == code) for code in STATE_ORDER}
    return Timeline(
        date_asked=asked,
        span_start=span_start,
        span_end=span_end,
        months=month_starts(span_start, span_end),
        states=tuple((label(t, "state", code), count) for code, count in counts.items() if count),
    )
