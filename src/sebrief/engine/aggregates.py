"""Aggregates of a table's rows for the layouts of long tables, made once with the other totals.

A long table is laid out in totals rather than row by row: its rows per year of start, the rows
starting, ending and running per month (the timeline of many rows), and the largest groups with
the others added up in one line. The renderers only place these figures.

Each amount is counted in the money column the analysis counts it in (``column_amounts``): its
kind on its own VAT basis, or excl. VAT, converted at the standard rate, where the kind mixes
amounts excl. and incl. VAT; an amount without a VAT statement only in its own column. Amounts are
exact to the cent; shares of the procurement value have four decimals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from sebrief.dataset.model import Row, VatBasis
from sebrief.engine.brief import GroupTotal, MoneyColumn, MonthCount, OtherGroups
from sebrief.engine.money import ZERO, excl_vat
from sebrief.i18n import Translator

SHARE = Decimal("0.0001")


def column_of(row: Row, index: dict[str, int], rate: Decimal) -> tuple[int, Decimal] | None:
    """The money column (its position in ``index``, by key) a row's amount is counted in, and that
    amount: converted excl. VAT where the kind has a column excl. VAT but none incl. VAT."""
    if row.amount is None:
        return None
    basis = row.vat_basis.value
    if row.vat_basis is VatBasis.INCL_VAT and f"{row.kind}:incl_vat" not in index and f"{row.kind}:excl_vat" in index:
        amount, _ = excl_vat(row, rate)
        return (index[f"{row.kind}:excl_vat"], amount) if amount is not None else None
    key = f"{row.kind}:{basis}"
    return (index[key], row.amount) if key in index else None


def column_amounts(rows: Iterable[Row], columns: Sequence[MoneyColumn], rate: Decimal) -> tuple[Decimal, ...]:
    """The rows' amounts added up per money column (aligned with ``columns``), to the cent."""
    index = {column.key: at for at, column in enumerate(columns)}
    sums = [ZERO] * len(columns)
    for row in rows:
        placed = column_of(row, index, rate)
        if placed is not None:
            sums[placed[0]] += placed[1]
    return tuple(sums)


def procurement_value(amounts: Sequence[Decimal], columns: Sequence[MoneyColumn]) -> Decimal:
    """The part of ``amounts`` (aligned with ``columns``) in procurement columns excl. VAT: what a
    share of the procurement value is taken of."""
    return sum(
        (a for a, c in zip(amounts, columns, strict=True) if c.procurement and c.vat_basis.code == "excl_vat"), ZERO
    )


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    return (part / whole).quantize(SHARE) if whole else None


def size_key(group: GroupTotal, columns: Sequence[MoneyColumn]) -> tuple[Decimal, ...]:
    """What ranks a group among others, the largest first: its amounts excl. VAT, then incl. VAT,
    then without a VAT statement, each added up over the kinds (amounts on different VAT bases
    are never added up), negated so that the largest sorts first."""
    return tuple(
        -sum((a for a, c in zip(group.amounts, columns, strict=True) if c.vat_basis.code == basis.value), ZERO)
        for basis in VatBasis
    )


def rows_total(
    key: str, label: str, rows: Sequence[Row], columns: Sequence[MoneyColumn], whole: Decimal, rate: Decimal
) -> GroupTotal:
    """A group of rows: their number, the awarded ones, their amounts per money column, and their
    share of ``whole``, the procurement value excl. VAT of every row."""
    amounts = column_amounts(rows, columns, rate)
    procurement = procurement_value(amounts, columns)
    awarded = sum(1 for row in rows if row.is_awarded)
    return GroupTotal(key, label, len(rows), awarded, amounts, procurement, share(procurement, whole))


def per_year(
    rows: Sequence[Row], columns: Sequence[MoneyColumn], whole: Decimal, rate: Decimal, t: Translator
) -> tuple[tuple[GroupTotal, ...], GroupTotal]:
    """The rows per year of their start, the earliest first and those without a period last (key
    ""), and every row once (key "total")."""
    by_year: dict[int | None, list[Row]] = {}
    for row in rows:
        by_year.setdefault(row.period.start.year if row.period else None, []).append(row)
    years = tuple(
        rows_total(str(year), str(year), by_year[year], columns, whole, rate)
        if year is not None
        else rows_total("", t("(none given)"), by_year[year], columns, whole, rate)
        for year in sorted(by_year, key=lambda y: (y is None, y or 0))
    )
    return years, added("total", t("Total"), years, columns, whole)


def added(
    key: str, label: str, groups: Sequence[GroupTotal], columns: Sequence[MoneyColumn], whole: Decimal
) -> GroupTotal:
    """Groups that do not overlap (no row in two), taken together: their counts and amounts added up."""
    amounts = tuple(sum((group.amounts[at] for group in groups), ZERO) for at in range(len(columns)))
    procurement = sum((group.procurement_excl_vat for group in groups), ZERO)
    return GroupTotal(
        key=key,
        label=label,
        rows=sum(group.rows for group in groups),
        awards=sum(group.awards for group in groups),
        amounts=amounts,
        procurement_excl_vat=procurement,
        procurement_share=share(procurement, whole),
    )


def other_groups(
    groups: Sequence[GroupTotal],
    listed: Iterable[int],
    columns: Sequence[MoneyColumn],
    whole: Decimal,
    t: Translator,
) -> tuple[OtherGroups, ...]:
    """For each number of groups a layout lists (``listed``, see ``LayoutRules.listed_groups``) that
    leaves some of ``groups`` out: those, added up in one line. ``groups`` must not overlap and be
    ranked, the largest first."""
    out = []
    for first in sorted(set(listed)):
        rest = groups[first:]
        if rest:
            label = t("Others ({count})", count=t.number(len(rest), 0))
            out.append(OtherGroups(first, len(rest), added("others", label, rest, columns, whole)))
    return tuple(out)


def month_number(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_counts(rows: Iterable[Row], months: Sequence[dt.date]) -> tuple[MonthCount, ...]:
    """Per month of ``months`` (consecutive first days, spanning every row's period): the rows whose
    period starts in it, ends in it, and runs in it (shares at least a day with it). Rows without a
    period are not counted."""
    if not months:
        return ()
    first = month_number(months[0])
    starts, ends = [0] * len(months), [0] * len(months)
    for row in rows:
        if row.period is None:
            continue
        start, end = month_number(row.period.start) - first, month_number(row.period.end) - first
        if not 0 <= start <= end < len(months):
            raise ValueError(f"the months do not span the period of row {row.id}")
        starts[start] += 1
        ends[end] += 1
    out = []
    running = 0
    for at, month in enumerate(months):  # running: those that ran the month before and did not end in it, and starts
        running += starts[at] - (ends[at - 1] if at else 0)
        out.append(MonthCount(month, starts[at], ends[at], running))
    return tuple(out)
