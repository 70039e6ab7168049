"""Amounts on their VAT basis: never added up or compared across bases without converting.

A row's amount is kept as the answer gives it (excl. VAT, incl. VAT, or without a VAT statement).
For comparisons with procurement thresholds (which are excl. VAT) and for totals of a kind whose
rows mix the two known bases, an amount incl. VAT is converted at the standard rate, and the
conversion is said. An amount without a VAT statement is never converted: it is totalled apart
and left out of threshold comparisons.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sebrief.dataset.model import Dataset, Row, RowStatus, VatBasis
from sebrief.engine.signals import ContractAward, Span

AWARDED = RowStatus.AWARDED
CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def excl_vat(row: Row, rate: Decimal) -> tuple[Decimal | None, bool]:
    """The row's amount excl. VAT and whether it was converted; None when its basis is not stated."""
    if row.amount is None or row.vat_basis is VatBasis.NOT_STATED:
        return None, False
    if row.vat_basis is VatBasis.INCL_VAT:
        return cents(row.amount / (1 + rate)), True
    return row.amount, False


@dataclass(frozen=True)
class BasisTotal:
    """A sum of amounts on one VAT basis; ``converted`` rows were incl. VAT and are counted excl. VAT."""

    vat_basis: VatBasis
    amount: Decimal
    rows: int
    converted: int = 0


@dataclass(frozen=True)
class KindSum:
    """The rows of one kind: how many, awarded, in procedure and done in house (never in the
    amounts: it has none), and their amounts on each VAT basis.

    ``totals``: added up where their bases allow (see ``basis_totals``); ``stated``: the amounts as
    the answer states them, added up per VAT basis and never converted (each basis the kind's rows
    have amounts on, in the order of ``VatBasis``)."""

    kind: str
    procurement: bool
    rows: int
    awarded: int
    in_procedure: int
    in_house: int
    totals: tuple[BasisTotal, ...]  # one per basis that cannot be added to another
    stated: tuple[tuple[VatBasis, Decimal], ...]


def kind_sums(dataset: Dataset, rows: tuple[Row, ...], rate: Decimal) -> tuple[KindSum, ...]:
    """The totals per kind of ``rows`` (in the dataset's order of kinds; a kind without rows is left out).

    The one place that counts rows and adds amounts per kind: the brief's totals, the key figures
    of a diff and the summary of ``sebrief validate`` all take them from here."""
    by_kind: dict[str, list[Row]] = {kind.id: [] for kind in dataset.main.kinds}
    for row in rows:
        if row.kind in by_kind:
            by_kind[row.kind].append(row)
    out = []
    for kind in dataset.main.kinds:
        members = by_kind[kind.id]
        if not members:
            continue
        statuses = Counter(row.status for row in members)
        out.append(
            KindSum(
                kind=kind.id,
                procurement=kind.procurement,
                rows=len(members),
                awarded=statuses[RowStatus.AWARDED],
                in_procedure=statuses[RowStatus.IN_PROCEDURE],
                in_house=statuses[RowStatus.IN_HOUSE],
                totals=basis_totals(members, rate),
                stated=stated_totals(members),
            )
        )
    return tuple(out)


def stated_totals(rows: list[Row]) -> tuple[tuple[VatBasis, Decimal], ...]:
    """The amounts of ``rows`` added up on each VAT basis they are stated on, none converted."""
    sums: dict[VatBasis, Decimal] = {}
    for row in rows:
        if row.amount is not None:
            sums[row.vat_basis] = sums.get(row.vat_basis, ZERO) + row.amount
    return tuple((basis, sums[basis]) for basis in VatBasis if basis in sums)


def basis_totals(rows: list[Row], rate: Decimal) -> tuple[BasisTotal, ...]:
    """The rows' amounts added up where their bases allow: excl. and incl. VAT together excl. VAT
    (converting the incl. VAT ones) when both occur, amounts without a VAT statement apart."""
    priced = [row for row in rows if row.amount is not None]
    bases = {row.vat_basis for row in priced}
    totals: list[BasisTotal] = []
    known = [row for row in priced if row.vat_basis is not VatBasis.NOT_STATED]
    if known:
        if bases >= {VatBasis.EXCL_VAT, VatBasis.INCL_VAT}:
            values = [excl_vat(row, rate) for row in known]
            amount = sum((value for value, _ in values if value is not None), ZERO)
            converted = sum(1 for _, was in values if was)
            totals.append(BasisTotal(VatBasis.EXCL_VAT, cents(amount), len(known), converted))
        else:
            basis = known[0].vat_basis
            totals.append(BasisTotal(basis, cents(sum((row.amount or ZERO for row in known), ZERO)), len(known)))
    silent = [row for row in priced if row.vat_basis is VatBasis.NOT_STATED]
    if silent:
        amount = sum((row.amount or ZERO for row in silent), ZERO)
        totals.append(BasisTotal(VatBasis.NOT_STATED, cents(amount), len(silent)))
    return tuple(totals)


def awards(dataset: Dataset, rate: Decimal) -> tuple[list[ContractAward], list[Row]]:
    """The awarded procurement rows as the signals see them (amounts excl. VAT; a row without a
    period has none, and only the signals that need no period count it), and the rows left out
    because their VAT basis is not stated. Rows in procedure or done in house are no awards."""
    procurement = {kind.id for kind in dataset.main.kinds if kind.procurement}
    found: list[ContractAward] = []
    left_out: list[Row] = []
    spans: dict[tuple[dt.date, dt.date], Span] = {}  # one per distinct period: rows share them
    for row in dataset.rows:
        if row.kind not in procurement or row.status is not AWARDED or row.amount is None:
            continue
        amount, _ = excl_vat(row, rate)
        if amount is None:
            left_out.append(row)
            continue
        span = None
        if row.period:
            key = (row.period.start, row.period.end)
            span = spans.get(key) or spans.setdefault(key, Span(*key))
        found.append(ContractAward(row.id, row.beneficiary or "", amount, span))
    return found, left_out
