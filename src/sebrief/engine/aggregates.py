"""Aggregates of a table's rows for the layouts of long tables, made once with the other totals.

A long table is laid out in totals rather than row by row: its rows per year of start, the rows
starting, ending and running per month (the timeline of many rows), and the largest groups with
the others added up in one line. The renderers only place these figures.

Each amount is counted in the money column the analysis counts it in (``tally.placements``): its
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
from sebrief.engine.money import ZERO
from sebrief.i18n import Translator

SHARE = Decimal("0.0001")


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
        period = row.period
        if period is None:
            continue
        # month_number inlined: a long table may have a million rows
        start = period.start.year * 12 + period.start.month - 1 - first
        end = period.end.year * 12 + period.end.month - 1 - first
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
