"""What sebrief infers about one supplier across the corpus: signals to check, never findings.

Just under a threshold: the supplier's awarded public contracts (rows of a procurement kind, awarded,
with an amount) whose amount lies within the band of the reference data under a procurement
threshold in force on the contract's start date, as the single-answer analysis compares them
(``sebrief.engine.signals``): on amounts excl. VAT, an amount incl. VAT converted at the standard
rate for the comparison only, an amount without a VAT statement left out, and a contract without
a period left out (no threshold can be dated). Several such awards across the answers of one
minister are the signal.

Concentration: the supplier's share of each minister's total in the corpus, on the same VAT
basis (amounts as the answers state them, never converted): of the questions in the corpus only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sebrief.corpus.report_rows import Row
from sebrief.engine.money import cents
from sebrief.reference import ProcurementRules, ThresholdRule

SEVERAL = 2  # awards just under a threshold in the answers of one minister that make a signal
VAT_ORDER = ("excl_vat", "incl_vat", "not_stated")


@dataclass(frozen=True)
class BelowRow:
    """An award just under a threshold: its amount as stated, and excl. VAT as compared."""

    ref: tuple[str, str]  # (dataset id, row id)
    name: str
    amount: Decimal  # as the answer states it
    vat_basis: str
    excl_vat: Decimal  # the amount compared with the threshold
    converted: bool  # incl. VAT in the answer, converted at the standard rate for the comparison
    threshold: ThresholdRule  # the value in force on the start date
    low: Decimal  # the lower end of the band under the threshold
    start: dt.date
    source_ref: str


@dataclass(frozen=True)
class BelowSignal:
    """Several of the supplier's awards just under one threshold in the answers of one minister."""

    minister: str
    rule_id: str
    rows: tuple[BelowRow, ...]
    questions: tuple[str, ...]  # dataset ids, in the rows' order

    @property
    def thresholds(self) -> tuple[ThresholdRule, ...]:
        """The values of the threshold the rows were compared with, oldest first."""
        found = {row.threshold.valid_from: row.threshold for row in self.rows}
        return tuple(found[day] for day in sorted(found))

    @property
    def excl_vat(self) -> Decimal:
        return sum((row.excl_vat for row in self.rows), Decimal("0.00"))


@dataclass(frozen=True)
class Unchecked:
    """An award of the supplier that could not be compared with a threshold: ``reason`` is
    "not_stated" (no VAT statement) or "no_period" (no start date)."""

    ref: tuple[str, str]
    reason: str


@dataclass(frozen=True)
class Share:
    """The supplier's part of one minister's total in the corpus on one VAT basis."""

    minister: str
    vat_basis: str
    amount: Decimal  # the supplier's rows of this minister on this basis
    rows: int
    total: Decimal  # every row with an amount of this minister on this basis, in the corpus
    total_rows: int
    questions: tuple[str, ...]  # the dataset ids of those rows

    @property
    def share(self) -> Decimal:
        return self.amount / self.total


def just_below(rows: Sequence[Row], rules: ProcurementRules) -> tuple[tuple[BelowSignal, ...], tuple[Unchecked, ...]]:
    """The signals per minister and threshold, and the awards that could not be compared."""
    band, rate = rules.signals.just_below_band, rules.vat.standard_rate
    rule_ids = list(dict.fromkeys(rule.id for rule in rules.thresholds))
    found: dict[tuple[str, str], list[BelowRow]] = {}
    unchecked = []
    for row in rows:
        if not row.procurement or row.status != "awarded" or row.amount is None:
            continue
        if row.vat_basis == "not_stated" or row.period_start is None:
            unchecked.append(Unchecked(row.ref, "not_stated" if row.vat_basis == "not_stated" else "no_period"))
            continue
        converted = row.vat_basis == "incl_vat"
        excl = cents(row.amount / (1 + rate)) if converted else row.amount
        for rule_id in rule_ids:
            rule = rules.threshold(rule_id, row.period_start)
            if rule is None or not rule.amount * (1 - band) <= excl < rule.amount:
                continue
            low = cents(rule.amount * (1 - band))
            below = BelowRow(row.ref, row.name, row.amount, row.vat_basis, excl, converted, rule, low,
                             row.period_start, row.source_ref)  # fmt: skip
            found.setdefault((row.minister, rule_id), []).append(below)
    signals = [
        BelowSignal(minister, rule_id, tuple(members), tuple(dict.fromkeys(member.ref[0] for member in members)))
        for (minister, rule_id), members in found.items()
        if len(members) >= SEVERAL
    ]
    order = {rule_id: index for index, rule_id in enumerate(rule_ids)}
    signals.sort(key=lambda signal: (signal.minister, order[signal.rule_id]))
    return tuple(signals), tuple(unchecked)


def shares(rows: Iterable[Row], minister_totals: Iterable[Sequence[Any]]) -> tuple[Share, ...]:
    """The supplier's share of each minister's total per VAT basis; ``minister_totals`` are lines of
    (minister, VAT basis, sum, rows, dataset ids) over every row with an amount in the corpus."""
    mine: dict[tuple[str, str], list[Decimal]] = {}
    for row in rows:
        if row.amount is not None:
            mine.setdefault((row.minister, row.vat_basis), []).append(row.amount)
    out = []
    for minister, basis, total, count, ids in minister_totals:
        amounts = mine.get((minister, basis))
        if not amounts or not total:
            continue
        out.append(Share(minister, basis, sum(amounts, Decimal("0.00")), len(amounts), Decimal(total), count,
                         tuple(ids)))  # fmt: skip
    order = {basis: index for index, basis in enumerate(VAT_ORDER)}
    return tuple(sorted(out, key=lambda share: (share.minister, order[share.vat_basis])))
