"""The key figures of a diff: per kind of row, its rows and its total on each VAT basis as the
answer states them (amounts on different bases are never added up, nor converted), in the old
and the new version; last the rows in procedure. The figures per kind come from
``sebrief.engine.money.kind_sums``, as the brief's totals do."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sebrief.dataset.model import Dataset, VatBasis
from sebrief.engine.money import ZERO, KindSum, kind_sums
from sebrief.reference import procurement_rules


@dataclass(frozen=True)
class KeyFigure:
    """One key figure in the old and the new version: rows of a kind, a kind's total on one VAT
    basis, or the rows in procedure."""

    name: str  # "rows.<kind>", "total.<kind>.<vat basis>", "rows_in_procedure", "rows_in_house"
    kind: str | None
    vat_basis: VatBasis | None
    old: Decimal | int
    new: Decimal | int

    @property
    def is_money(self) -> bool:
        return self.vat_basis is not None

    @property
    def delta(self) -> Decimal | int:
        return self.new - self.old

    @property
    def changed(self) -> bool:
        return self.old != self.new


def key_figures(old: Dataset, new: Dataset) -> tuple[KeyFigure, ...]:
    """Per kind of row (the new version's order, then kinds only the old one has): its rows, then
    its total on each VAT basis either version has amounts on; last the rows in procedure. None
    when neither version has rows."""
    if not old.rows and not new.rows:
        return ()
    before = _by_kind(old)
    after = _by_kind(new)
    kinds = [k.id for k in new.main.kinds] + [k.id for k in old.main.kinds]
    figures: list[KeyFigure] = []
    for kind in dict.fromkeys(kinds):
        was, now = before.get(kind), after.get(kind)
        if was is None and now is None:
            continue
        figures.append(KeyFigure(f"rows.{kind}", kind, None, was.rows if was else 0, now.rows if now else 0))
        stated_before = dict(was.stated) if was else {}
        stated_after = dict(now.stated) if now else {}
        for basis in VatBasis:
            if basis in stated_before or basis in stated_after:
                figures.append(
                    KeyFigure(
                        f"total.{kind}.{basis.value}",
                        kind,
                        basis,
                        stated_before.get(basis, ZERO),
                        stated_after.get(basis, ZERO),
                    )
                )
    figures.append(
        KeyFigure(
            "rows_in_procedure",
            None,
            None,
            sum(k.in_procedure for k in before.values()),
            sum(k.in_procedure for k in after.values()),
        )
    )
    in_house = (sum(k.in_house for k in before.values()), sum(k.in_house for k in after.values()))
    if any(in_house):  # only where a version has work done in house
        figures.append(KeyFigure("rows_in_house", None, None, *in_house))
    return tuple(figures)


def _by_kind(dataset: Dataset) -> dict[str, KindSum]:
    """The kind sums of ``dataset``'s rows; of their totals the key figures take those as stated."""
    rate = procurement_rules().vat.standard_rate
    return {k.kind: k for k in kind_sums(dataset, dataset.rows, rate)}
