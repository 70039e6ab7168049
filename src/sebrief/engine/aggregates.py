"""Aggregates of a table's rows: groups of rows with their amounts per money column.

Each amount is counted in the money column the analysis counts it in (``column_amounts``): its
kind on its own VAT basis, or excl. VAT, converted at the standard rate, where the kind mixes
amounts excl. and incl. VAT; an amount without a VAT statement only in its own column. Amounts are
exact to the cent; shares of the procurement value have four decimals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from sebrief.dataset.model import Row, VatBasis
from sebrief.engine.brief import GroupTotal, MoneyColumn
from sebrief.engine.money import ZERO, excl_vat

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


def rows_total(
    key: str, label: str, rows: Sequence[Row], columns: Sequence[MoneyColumn], whole: Decimal, rate: Decimal
) -> GroupTotal:
    """A group of rows: their number, the awarded ones, their amounts per money column, and their
    share of ``whole``, the procurement value excl. VAT of every row."""
    amounts = column_amounts(rows, columns, rate)
    procurement = procurement_value(amounts, columns)
    awarded = sum(1 for row in rows if row.is_awarded)
    return GroupTotal(key, label, len(rows), awarded, amounts, procurement, share(procurement, whole))
