"""The rows of a table read once for its totals: each row's amount placed in its money column, and
the groups (per beneficiary, grouping value, year of start) added up from those placings.

A long table has many groups; adding each group up over the table's rows would cost the rows
times the groups. Here each row's money column and amount are worked out once (the same rule as
``aggregates.column_of``), and a group is the positions of its rows: adding it up costs its own
rows. Amounts are added in the rows' order, exactly as ``aggregates.column_amounts`` adds them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sebrief.dataset.model import Row, RowStatus, VatBasis
from sebrief.engine.aggregates import added, procurement_value, share
from sebrief.engine.brief_totals import GroupTotal, MoneyColumn
from sebrief.engine.money import ZERO, cents
from sebrief.i18n import Translator

AWARDED = RowStatus.AWARDED
INCL_VAT = VatBasis.INCL_VAT


def rows_by_table(rows: Sequence[Row]) -> dict[str, tuple[Row, ...]]:
    """The rows of each table, in their order (what ``Dataset.rows_of`` gives, in one pass for all)."""
    out: dict[str, list[Row]] = {}
    for row in rows:
        members = out.get(row.table)
        if members is None:
            out[row.table] = [row]
        else:
            members.append(row)
    return {table: tuple(members) for table, members in out.items()}


def placements(rows: Sequence[Row], columns: Sequence[MoneyColumn], rate: Decimal) -> tuple[list[int], list[Decimal]]:
    """Each row's money column (its position in ``columns``, -1 for none) and the amount counted
    there: what ``aggregates.column_of`` gave for the row, worked out once per kind and VAT basis.
    Two lists of numbers rather than a pair per row: nothing per row for the garbage collector."""
    index = {column.key: at for at, column in enumerate(columns)}
    plans: dict[tuple[str, VatBasis], tuple[int, bool]] = {}
    divisor = 1 + rate
    spots: list[int] = []
    amounts: list[Decimal] = []
    for row in rows:
        amount = row.amount
        if amount is None:
            spots.append(-1)
            amounts.append(ZERO)
            continue
        key = (row.kind, row.vat_basis)
        if key in plans:
            spot, convert = plans[key]
        else:
            spot, convert = plans[key] = _plan(row.kind, row.vat_basis, index)
        spots.append(spot)
        amounts.append(cents(amount / divisor) if convert else amount)
    return spots, amounts


def _plan(kind: str, basis: VatBasis, index: dict[str, int]) -> tuple[int, bool]:
    """Where the amounts of ``kind`` on ``basis`` go (-1: nowhere), and whether they are converted
    excl. VAT first (incl. VAT in a kind with a column excl. VAT and none incl. VAT)."""
    if basis is INCL_VAT and f"{kind}:incl_vat" not in index and f"{kind}:excl_vat" in index:
        return index[f"{kind}:excl_vat"], True
    return index.get(f"{kind}:{basis.value}", -1), False


@dataclass(frozen=True)
class Placings:
    """A table's rows as its totals add them up: each row's placed amount and whether it is awarded."""

    spots: list[int]  # each row's money column, -1 for none
    amounts: list[Decimal]  # the amount counted there
    awarded: list[bool]
    columns: tuple[MoneyColumn, ...]
    whole: Decimal  # the procurement value excl. VAT of every row, what shares are taken of

    @classmethod
    def of(cls, rows: Sequence[Row], columns: Sequence[MoneyColumn], rate: Decimal, whole: Decimal) -> Placings:
        spots, amounts = placements(rows, columns, rate)
        return cls(spots, amounts, [row.status is AWARDED for row in rows], tuple(columns), whole)

    def group(self, key: str, label: str, members: Sequence[int]) -> GroupTotal:
        """The rows at ``members`` (positions in the table): their number, the awarded ones, their
        amounts per money column and their share of the procurement value (``aggregates.rows_total``)."""
        sums = [ZERO] * len(self.columns)
        spots, amounts, awarded = self.spots, self.amounts, self.awarded
        awards = 0
        for at in members:
            spot = spots[at]
            if spot >= 0:
                sums[spot] += amounts[at]
            if awarded[at]:
                awards += 1
        totals = tuple(sums)
        procurement = procurement_value(totals, self.columns)
        return GroupTotal(key, label, len(members), awards, totals, procurement, share(procurement, self.whole))


def per_year(rows: Sequence[Row], placings: Placings, t: Translator) -> tuple[tuple[GroupTotal, ...], GroupTotal]:
    """The rows per year of their start, the earliest first and those without a period last (key
    ""), and every row once (key "total")."""
    by_year: dict[int | None, list[int]] = {}
    for at, row in enumerate(rows):
        period = row.period
        year = period.start.year if period is not None else None
        members = by_year.get(year)
        if members is None:
            by_year[year] = [at]
        else:
            members.append(at)
    years = tuple(
        placings.group(str(year), str(year), by_year[year])
        if year is not None
        else placings.group("", t("(none given)"), by_year[year])
        for year in sorted(by_year, key=lambda y: (y is None, y or 0))
    )
    return years, added("total", t("Total"), years, placings.columns, placings.whole)
