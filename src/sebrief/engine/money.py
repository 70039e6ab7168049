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
INCL_VAT = VatBasis.INCL_VAT
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
        members = by_kind.get(row.kind)
        if members is not None:
            members.append(row)
    out = []
    for kind in dataset.main.kinds:
        members = by_kind[kind.id]
        if not members:
            continue
        statuses = Counter(row.status for row in members)
        sums = _basis_sums(members)
        out.append(
            KindSum(
                kind=kind.id,
                procurement=kind.procurement,
                rows=len(members),
                awarded=statuses[RowStatus.AWARDED],
                in_procedure=statuses[RowStatus.IN_PROCEDURE],
                in_house=statuses[RowStatus.IN_HOUSE],
                totals=_totals(members, sums, rate),
                stated=tuple((basis, amount) for basis, (amount, _) in sums.items()),
            )
        )
    return tuple(out)


def _basis_sums(rows: list[Row]) -> dict[VatBasis, tuple[Decimal, int]]:
    """The amounts of ``rows`` added up on each VAT basis they are stated on (none converted), and
    how many, in the order of ``VatBasis``: one pass over the rows."""
    sums = {basis: ZERO for basis in VatBasis}
    counts = dict.fromkeys(VatBasis, 0)
    for row in rows:
        if row.amount is not None:
            sums[row.vat_basis] += row.amount
            counts[row.vat_basis] += 1
    return {basis: (sums[basis], counts[basis]) for basis in VatBasis if counts[basis]}


def stated_totals(rows: list[Row]) -> tuple[tuple[VatBasis, Decimal], ...]:
    """The amounts of ``rows`` added up on each VAT basis they are stated on, none converted."""
    return tuple((basis, amount) for basis, (amount, _) in _basis_sums(rows).items())


def basis_totals(rows: list[Row], rate: Decimal) -> tuple[BasisTotal, ...]:
    """The rows' amounts added up where their bases allow: excl. and incl. VAT together excl. VAT
    (converting the incl. VAT ones) when both occur, amounts without a VAT statement apart."""
    return _totals(rows, _basis_sums(rows), rate)


def _totals(rows: list[Row], sums: dict[VatBasis, tuple[Decimal, int]], rate: Decimal) -> tuple[BasisTotal, ...]:
    """``basis_totals`` from the rows' ``_basis_sums``: the amounts incl. VAT are converted one by
    one (each to the cent) only where the kind mixes them with amounts excl. VAT."""
    totals: list[BasisTotal] = []
    excl, incl = sums.get(VatBasis.EXCL_VAT), sums.get(VatBasis.INCL_VAT)
    if excl and incl:
        divisor = 1 + rate
        converted = sum(
            (cents(row.amount / divisor) for row in rows if row.amount is not None and row.vat_basis is INCL_VAT),
            ZERO,
        )
        totals.append(BasisTotal(VatBasis.EXCL_VAT, cents(excl[0] + converted), excl[1] + incl[1], incl[1]))
    else:
        for basis, known in ((VatBasis.EXCL_VAT, excl), (VatBasis.INCL_VAT, incl)):  # one of them at most
            if known:
                totals.append(BasisTotal(basis, cents(known[0]), known[1]))
    silent = sums.get(VatBasis.NOT_STATED)
    if silent:
        totals.append(BasisTotal(VatBasis.NOT_STATED, cents(silent[0]), silent[1]))
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
