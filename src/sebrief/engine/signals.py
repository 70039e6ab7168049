"""Points of attention: signals from procurement-integrity indicators, never findings.

Only awards of public procurement count (a subsidy is not a public contract), on amounts excl.
VAT: the caller converts an amount incl. VAT, or leaves out one whose VAT basis is not stated.
Each threshold is taken from the reference data as in force on the contract's start date. The
signals work on ``ContractAward`` values, whatever the dataset format they come from.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, cast

from sebrief.engine.brief import Label, Signal, Threshold
from sebrief.i18n import Translator, _
from sebrief.reference import ProcurementRules, ThresholdRule

SIGNAL_KINDS = {
    "just_below_threshold": _("Just below a threshold"),
    "same_supplier_cluster": _("Related awards to one supplier"),
    "concentration": _("Supplier concentration"),
}
LOW_VALUE = "accepted-invoice"
WORLD_BANK = "World Bank / indicatortoolbox.eu, indicator 5 'Many awards just below threshold'"
IACRC = "IACRC guide, red flags 'Multiple awards just under procurement thresholds' and 'Split purchases'"
DIGIWHIST = "DIGIWHIST / opentender.eu indicator 'Winner contract share'; Herfindahl-Hirschman index"


def signal_kind(t: Translator, code: str) -> Label:
    return Label(code, t(SIGNAL_KINDS[code]))


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class ContractAward:
    """An awarded public contract as the signals see it: supplier, amount excl. VAT, period."""

    id: str
    beneficiary: str
    amount: Decimal  # excl. VAT
    period: Span | None  # None: the answer gives none; the signals that compare periods leave it out


class DatedAward(Protocol):
    """An award with its period: a ``ContractAward`` whose period is given."""

    @property
    def id(self) -> str: ...
    @property
    def beneficiary(self) -> str: ...
    @property
    def amount(self) -> Decimal: ...  # excl. VAT
    @property
    def period(self) -> Span: ...


def dated(awards: list[ContractAward]) -> list[DatedAward]:
    """The awards with a period: what the signals that need one (the threshold in force on the start
    date, overlapping periods) work on. The same awards, not copies: a long table has many."""
    return cast(list[DatedAward], [award for award in awards if award.period is not None])


def as_threshold(rule: ThresholdRule, lang: str) -> Threshold:
    return Threshold(rule.id, rule.name(lang), rule.amount, rule.valid_from, rule.valid_to, rule.source.get(lang))


class InForce:
    """The threshold rules in force on a day, each looked up once per day: a long table has many
    rows and few start dates."""

    def __init__(self, rules: ProcurementRules):
        self.rules = rules
        self.ids = tuple(dict.fromkeys(rule.id for rule in rules.thresholds))
        self.found: dict[tuple[str, dt.date], ThresholdRule | None] = {}

    def rule(self, rule_id: str, day: dt.date) -> ThresholdRule | None:
        key = (rule_id, day)
        if key not in self.found:
            self.found[key] = self.rules.threshold(rule_id, day)
        return self.found[key]


def thresholds_used(awards: list[ContractAward], rules: ProcurementRules, lang: str) -> tuple[Threshold, ...]:
    used: dict[tuple[str, object], Threshold] = {}
    in_force = InForce(rules)
    # Each start date once, in the order the awards first have it: the thresholds in the order found.
    for day in dict.fromkeys(award.period.start for award in awards if award.period is not None):
        for rule_id in in_force.ids:
            rule = in_force.rule(rule_id, day)
            if rule is not None and (rule.id, rule.valid_from) not in used:
                used[(rule.id, rule.valid_from)] = as_threshold(rule, lang)
    return tuple(sorted(used.values(), key=lambda th: (th.amount, th.valid_from)))


def just_below(awards: list[DatedAward], rules: ProcurementRules, t: Translator) -> list[Signal]:
    band = rules.signals.just_below_band
    signals = []
    by_threshold: dict[ThresholdRule, list[DatedAward]] = defaultdict(list)
    in_force = InForce(rules)
    for row in awards:  # the threshold in force is the one on the start date
        rule = in_force.rule(LOW_VALUE, row.period.start)
        if rule and rule.amount * (1 - band) <= row.amount < rule.amount:
            by_threshold[rule].append(row)
    for rule, rows in by_threshold.items():
        low = (rule.amount * (1 - band)).quantize(Decimal("0.01"))
        signals.append(
            Signal(
                id=f"S-BELOW-{int(rule.amount)}",
                kind=signal_kind(t, "just_below_threshold"),
                title=t(
                    "{count} awards just below the {threshold} threshold",
                    count=len(rows),
                    threshold=t.money(rule.amount),
                ),
                description=t(
                    "{count} public contracts have an amount between {low} and {threshold} excl. VAT, within "
                    "{band} below the limit under which a contract may be concluded by accepted invoice (art. 92).",
                    count=len(rows),
                    low=t.money(low),
                    threshold=t.money(rule.amount),
                    band=t.percent(band, 0),
                ),
                rows=tuple(row.id for row in rows),
                supplier=None,
                amount=sum((row.amount for row in rows), Decimal(0)).quantize(Decimal("0.01")),
                parameters=(
                    ("threshold", f"{rule.amount:.2f}"),
                    ("band", f"{band}"),
                    ("valid_from", rule.valid_from.isoformat()),
                ),
                definition=t(
                    "Many contracts just below a competitive-bidding threshold can point to amounts set to avoid "
                    "the stricter procedure. A signal to look at, not a finding."
                ),
                source=f"{WORLD_BANK}; {rule.source.get(t.lang)}",
            )
        )
    return signals


def _overlapping_groups(rows: list[DatedAward]) -> list[list[DatedAward]]:
    """Connected groups of rows whose periods overlap (transitively), in order of start.

    Sorted by start, a row joins the current group when it starts before the group's latest end
    (it then overlaps one of its members); otherwise it opens a new group: one pass.
    """
    groups: list[list[DatedAward]] = []
    latest_end = None
    for row in sorted(rows, key=lambda r: (r.period.start, r.id)):
        if groups and latest_end is not None and row.period.start <= latest_end:
            groups[-1].append(row)
            latest_end = max(latest_end, row.period.end)
        else:
            groups.append([row])
            latest_end = row.period.end
    return [group for group in groups if len(group) > 1]


def same_supplier(awards: list[DatedAward], rules: ProcurementRules, t: Translator) -> list[Signal]:
    """One point per group of overlapping awards to one supplier, naming every threshold it crosses."""
    by_supplier: dict[str, list[DatedAward]] = defaultdict(list)
    in_force = InForce(rules)
    for row in awards:  # overlapping needs periods
        by_supplier[row.beneficiary].append(row)
    signals = []
    for supplier, rows in sorted(by_supplier.items()):
        for group in _overlapping_groups(rows):
            start = min(r.period.start for r in group)
            total = _sum(group)
            crossed: list[tuple[ThresholdRule, list[DatedAward], Decimal]] = []
            for rule_id in in_force.ids:
                rule = in_force.rule(rule_id, start)
                if rule is None:
                    continue
                under = [r for r in group if r.amount < rule.amount]
                if len(under) >= 2 and _sum(under) > rule.amount:
                    crossed.append((rule, under, _sum(under)))
            if crossed:
                signals.append(_cluster_signal(supplier, sorted(crossed, key=lambda c: c[0].amount), total, t))
    return signals


def _cluster_signal(
    supplier: str, crossed: list[tuple[ThresholdRule, list[DatedAward], Decimal]], total: Decimal, t: Translator
) -> Signal:
    """The point for one cluster; ``crossed`` lists each threshold it crosses, lowest first.

    Its rows are those under the highest threshold crossed, which include those under the lower ones.
    """
    lowest, highest = crossed[0][0], crossed[-1][0]
    _, rows, rows_total = crossed[-1]
    if len(crossed) == 1:
        description = t(
            "{count} public contracts awarded to {supplier} run at overlapping times and each stays "
            "under {threshold} excl. VAT ({name}); together they come to {total}.",
            count=len(rows),
            supplier=supplier,
            threshold=t.money(lowest.amount),
            name=lowest.name(t.lang),
            total=t.money(rows_total),
        )
    else:
        description = t(
            "{count} public contracts awarded to {supplier} run at overlapping times; together they come to "
            "{total}. They cross more than one threshold: {crossings}.",
            count=len(rows),
            supplier=supplier,
            total=t.money(rows_total),
            crossings="; ".join(
                t(
                    "{count} of them each stay under {threshold} excl. VAT ({name}) and together come to {total}",
                    count=len(under),
                    threshold=t.money(rule.amount),
                    name=rule.name(t.lang),
                    total=t.money(under_total),
                )
                for rule, under, under_total in crossed
            ),
        )
    return Signal(
        id=f"S-CLUSTER-{_slug(supplier)}-{int(lowest.amount)}",
        kind=signal_kind(t, "same_supplier_cluster"),
        title=t("{count} overlapping awards to {supplier}", count=len(rows), supplier=supplier),
        description=description,
        rows=tuple(r.id for r in rows),
        supplier=supplier,
        amount=rows_total,
        parameters=(
            ("threshold", f"{lowest.amount:.2f}"),
            *((("highest_threshold", f"{highest.amount:.2f}"),) if len(crossed) > 1 else ()),
            ("group_total", f"{total:.2f}"),
        ),
        definition=t(
            "Two or more related purchases from one supplier, each under a threshold, that together "
            "exceed it, can point to a split purchase; splitting a contract to stay under a threshold "
            "is forbidden. A signal to look at, not a finding: the contracts may be distinct."
        ),
        source="; ".join(dict.fromkeys([IACRC, WORLD_BANK, *(rule.source.get(t.lang) for rule, _, _ in crossed)])),
    )


def _sum(rows: list[DatedAward]) -> Decimal:
    return sum((r.amount for r in rows), Decimal(0)).quantize(Decimal("0.01"))


def concentration(awards: list[ContractAward], t: Translator) -> list[Signal]:
    """The share of each supplier in the contract value: every award counts, with a period or not."""
    by_supplier: dict[str, Decimal] = defaultdict(Decimal)
    for row in awards:
        by_supplier[row.beneficiary] += row.amount
    total = sum(by_supplier.values(), Decimal(0))
    if not total:
        return []
    ranked = sorted(by_supplier.items(), key=lambda item: (-item[1], item[0]))
    shares = [(name, amount / total) for name, amount in ranked]
    hhi = sum(((share * 100) ** 2 for _, share in shares), Decimal(0)).quantize(Decimal("1"))
    top_two = sum((share for _, share in shares[:2]), Decimal(0))
    names = [name for name, _ in ranked[:2]]
    return [
        Signal(
            id="S-CONCENTRATION",
            kind=signal_kind(t, "concentration"),
            title=t(
                "Largest supplier: {supplier}, {share} of contract value",
                supplier=names[0],
                share=t.percent(shares[0][1]),
            ),
            description=t(
                "Of {total} in public contracts excl. VAT, {first} received {share1} and the two largest suppliers "
                "together {share2}; {count} suppliers in all. Herfindahl-Hirschman index: {hhi} (of 10 000).",
                total=t.money(total.quantize(Decimal("0.01"))),
                first=names[0],
                share1=t.percent(shares[0][1]),
                share2=t.percent(top_two),
                count=len(ranked),
                hhi=t.number(hhi, 0),
            ),
            rows=tuple(r.id for r in awards if r.beneficiary in names),
            supplier=names[0],
            amount=ranked[0][1].quantize(Decimal("0.01")),
            parameters=(
                ("top_share", f"{shares[0][1]:.4f}"),
                ("top_two_share", f"{top_two:.4f}"),
                ("hhi", f"{hhi}"),
                ("suppliers", str(len(ranked))),
            ),
            definition=t(
                "A supplier's share of a buyer's contract value, on amounts excl. VAT; the Herfindahl-Hirschman "
                "index is the sum of squared shares in percent (10 000 = one supplier). Over a handful of "
                "contracts it describes, it does not judge."
            ),
            source=DIGIWHIST,
        )
    ]


def points_of_attention(awards: list[ContractAward], rules: ProcurementRules, t: Translator) -> tuple[Signal, ...]:
    with_period = dated(awards)  # the signals that compare periods or need the threshold in force
    return tuple(
        itertools.chain(
            just_below(with_period, rules, t), same_supplier(with_period, rules, t), concentration(awards, t)
        )
    )


def clusters_by_amount(signals: tuple[Signal, ...]) -> tuple[str, ...]:
    """The ids of the groups of overlapping awards to one supplier, the largest amount first (by id
    where amounts are equal): those a brief or a list of questions shows when it shows the largest."""
    clusters = [s for s in signals if s.kind.code == "same_supplier_cluster"]
    return tuple(s.id for s in sorted(clusters, key=lambda s: (-(s.amount or 0), s.id)))


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.upper()).strip("-")
