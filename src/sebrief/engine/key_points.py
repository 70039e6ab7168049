"""The key points that open the brief: totals per kind, the largest supplier, the parts not fully
answered, what the answer does not address, and the points of attention."""

from __future__ import annotations

from decimal import Decimal

from sebrief.dataset.model import ClassificationBlock, Coverage, Dataset
from sebrief.engine.brief_totals import Totals
from sebrief.engine.brief_values import KeyPoint, PartCoverage, Signal
from sebrief.engine.coverage import and_listed
from sebrief.i18n import Translator


def key_points(
    dataset: Dataset,
    totals: Totals | None,
    signals: tuple[Signal, ...],
    coverage: tuple[PartCoverage, ...],
    t: Translator,
) -> tuple[KeyPoint, ...]:
    points = []
    for kind in totals.per_kind if totals else ():
        detail = t.plural(
            "{count} row: {awarded} awarded, {pending} in procedure.",
            "{count} rows: {awarded} awarded, {pending} in procedure.",
            kind.rows,
            awarded=kind.awarded,
            pending=kind.in_procedure,
        )
        if kind.in_house:
            detail += " " + t("{count} done in house, without an amount.", count=kind.in_house)
        for amount in kind.amounts:
            text = detail
            if amount.incl_vat_estimate is not None:
                text += " " + t(
                    "About {amount} incl. VAT (estimate at {rate}).",
                    amount=t.money(amount.incl_vat_estimate),
                    rate=t.percent(totals.vat_rate if totals else Decimal(0), 0),
                )
            if amount.converted:
                text += " " + t.plural(
                    "{count} amount converted from incl. VAT.",
                    "{count} amounts converted from incl. VAT.",
                    amount.converted,
                )
            points.append(
                KeyPoint(f"{kind.kind.label} ({amount.column.vat_basis.label})", t.money(amount.amount), text)
            )
    suppliers = [g for g in (totals.per_beneficiary if totals else ()) if g.procurement_excl_vat]
    if suppliers:
        top = max(suppliers, key=lambda g: (g.procurement_excl_vat, g.label))
        points.append(
            KeyPoint(
                t("Largest supplier"),
                top.label,
                t.plural(
                    "{count} contract, {amount} excl. VAT: {share} of the public-contract value.",
                    "{count} contracts, {amount} excl. VAT: {share} of the public-contract value.",
                    top.awards,
                    amount=t.money(top.procurement_excl_vat),
                    share=t.percent(top.procurement_share or Decimal(0)),
                ),
            )
        )
    open_parts = [c.part_id for c in coverage if c.status.code != Coverage.ANSWERED.value]
    listed = and_listed(open_parts, t)
    named = t.plural("part {parts}", "parts {parts}", len(open_parts), parts=listed)
    points.append(
        KeyPoint(
            t("Not fully answered"),
            named if open_parts else t("none"),
            t("{count} of {total} parts and subparts.", count=len(open_parts), total=len(coverage)),
        )
    )
    for block in dataset.main.answer.blocks:
        if isinstance(block, ClassificationBlock):
            silent = [
                item
                for item in block.items
                if any(c.not_addressed and c.id in item.categories for c in block.categories)
            ]
            points.append(
                KeyPoint(
                    t("Not addressed in the answer: {block}", block=block.title.get(t.lang)),
                    str(len(silent)),
                    first_few([item.text for item in silent], t) or t("none"),
                    count=len(silent),
                )
            )
    points.append(
        KeyPoint(
            t("Points of attention"),
            str(len(signals)),
            first_few([s.title for s in signals], t) or t("none"),
            count=len(signals),
        )
    )
    return tuple(points)


def first_few(texts: list[str], t: Translator, shown: int = 5) -> str:
    """Texts for a key point: the first ``shown`` and how many more, so that a key point stays short."""
    if len(texts) <= shown:
        return "; ".join(texts)
    return t("{ids} and {count} more", ids="; ".join(texts[:shown]), count=len(texts) - shown)
