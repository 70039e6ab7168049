"""Coverage of the question's parts, follow-up questions drawn from the gaps, and key points."""

from __future__ import annotations

from decimal import Decimal

from sebrief.analysis.labels import label
from sebrief.brief import (
    FollowUpQuestion,
    KeyPoint,
    PartCoverage,
    Question1,
    RowEntry,
    Signal,
    Totals,
)
from sebrief.i18n import Translator
from sebrief.model import Dataset

STATED = "stated"


def coverage(dataset: Dataset, q1: Question1, rows: tuple[RowEntry, ...], t: Translator) -> tuple[PartCoverage, ...]:
    texts = {sub.id: sub.text for part in dataset.main.question.parts for sub in part.subparts}
    groups = {group.group_id: group for group in q1.groups}
    parts = []
    for part_id in ("1a", "1b"):
        members = groups[part_id].sub_actions
        stated = [m for m in members if m.basis.code == STATED]
        if stated and len(stated) == len(members):
            code, reason = "answered", t("Every sub-action placed here rests on the answer's own words.")
        elif stated:
            code = "partly"
            reason = t(
                "{stated} of {count} sub-action(s) rest on the answer's words; the others are inferred from the table. "
                "The answer does not link its contracts to the convenant's tasks.",
                stated=len(stated),
                count=len(members),
            )
        else:
            code = "not_answered"
            reason = t(
                "The answer does not say this; {count} sub-action(s) are placed here by inference.", count=len(members)
            )
        parts.append(PartCoverage(part_id, texts.get(part_id, ""), label(t, "coverage", code), reason))
    silent = groups["1c"].sub_actions
    parts.append(
        PartCoverage(
            "1c",
            texts.get("1c", ""),
            label(t, "coverage", "not_answered"),
            t(
                "The answer does not say which tasks are no longer offered; {count} sub-action(s) are not addressed at all.",
                count=len(silent),
            ),
        )
    )
    awarded = [r for r in rows if r.status.code == "awarded"]
    pending = [r for r in rows if r.status.code != "awarded"]
    parts.append(_row_part(t, "2a", texts, len([r for r in rows if r.description]), len(rows),
                           t("Every row has a description.")))  # fmt: skip
    parts.append(
        _row_part(
            t, "2b", texts, len([r for r in rows if r.start]), len(rows),
            t("{count} row(s) in procedure have no planned period, although the question asks for it.", count=len(pending)),
        )
    )  # fmt: skip
    parts.append(_row_part(t, "2c", texts, len([r for r in awarded if r.beneficiary]), len(awarded),
                           t("Every awarded row names its beneficiaries; the question asks for them only once awarded.")))  # fmt: skip
    parts.append(
        _row_part(
            t, "2d", texts, len([r for r in awarded if r.amount is not None]), len(awarded),
            t("Every awarded row has an amount; public contracts excl. VAT, subsidy calls without a VAT statement."),
        )
    )  # fmt: skip
    return tuple(parts)


def _row_part(t: Translator, part_id: str, texts: dict[str, str], have: int, total: int, reason: str) -> PartCoverage:
    code = "answered" if have == total else ("partly" if have else "not_answered")
    detail = t("{have} of {total} rows.", have=have, total=total)
    return PartCoverage(part_id, texts.get(part_id, ""), label(t, "coverage", code), f"{detail} {reason}")


def follow_up_questions(
    q1: Question1, rows: tuple[RowEntry, ...], signals: tuple[Signal, ...], coverage: tuple[PartCoverage, ...],
    t: Translator,
) -> tuple[FollowUpQuestion, ...]:  # fmt: skip
    items: list[tuple[str, tuple[str, ...], str]] = []
    status = {part.part_id: part.status.code for part in coverage}
    if status.get("1a") != "answered":
        items.append((
            t("Which tasks of the former convenant does the Flemish government (the administration) now carry out itself?"),
            ("1a",),
            t("Part 1a is not answered explicitly."),
        ))  # fmt: skip
    if status.get("1b") != "answered":
        items.append((
            t("For each task of the former convenant, which public contract now carries it out?"),
            ("1b",),
            t("The answer lists contracts but does not link them to the convenant's tasks."),
        ))  # fmt: skip
    groups = {group.group_id: group for group in q1.groups}
    for sub in groups["1c"].sub_actions:
        items.append((
            t("Is the task '{task}' (convenant action {action}) still offered since 1 September 2017, and if so, how "
              "is it organised?", task=sub.text, action=sub.action_number),
            ("1c", sub.sub_action_id),
            t("The answer does not address this sub-action."),
        ))  # fmt: skip
    for sub in groups["planned"].sub_actions:
        items.append((
            t("When will the planned offer '{task}' (convenant action {action}) start, and how will it be organised and funded?", task=sub.text, action=sub.action_number),
            (sub.sub_action_id,),
            t("The answer describes it as planned."),
        ))  # fmt: skip
    for row in rows:
        if row.status.code == "in_procedure":
            items.append((
                t("To whom was the contract '{description}' awarded, for what amount excl. VAT and for which period?",
                  description=row.description),
                ("2b", "2c", "2d", row.id),
                t("The row was still in procedure when the question was answered."),
            ))  # fmt: skip
    for signal in signals:
        if signal.kind.code == "just_below_threshold":
            text = t("Which award procedure was followed for the contracts {rows}, each just below {threshold} excl. VAT, "
                     "and were several offers requested?", rows=", ".join(signal.rows),
                     threshold=t.money(_param(signal, "threshold")))  # fmt: skip
        elif signal.kind.code == "same_supplier_cluster":
            text = t("Why were the contracts {rows} with {supplier} (together {total} excl. VAT) awarded separately "
                     "rather than as one contract?", rows=", ".join(signal.rows), supplier=signal.supplier or "",
                     total=t.money(signal.amount or _param(signal, "group_total")))  # fmt: skip
        else:
            continue
        items.append((text, (signal.id, *signal.rows), t("Point of attention: {title}.", title=signal.title)))
    return tuple(
        FollowUpQuestion(number, text, follows, reason) for number, (text, follows, reason) in enumerate(items, start=1)
    )


def _param(signal: Signal, name: str) -> Decimal:
    return Decimal(dict(signal.parameters)[name])


def key_points(
    q1: Question1, rows: tuple[RowEntry, ...], totals: Totals, signals: tuple[Signal, ...],
    coverage: tuple[PartCoverage, ...], t: Translator,
) -> tuple[KeyPoint, ...]:  # fmt: skip
    points = []
    for kind in totals.per_kind:
        detail = t("{rows} rows: {awarded} awarded, {pending} in procedure.", rows=kind.rows, awarded=kind.awarded,
                   pending=kind.in_procedure)  # fmt: skip
        if kind.amount_incl_vat_estimate is not None:
            detail += " " + t("About {amount} incl. VAT (estimate at {rate}).",
                              amount=t.money(kind.amount_incl_vat_estimate), rate=t.percent(totals.vat_rate, 0))  # fmt: skip
        points.append(KeyPoint(f"{kind.kind.label} ({kind.vat_basis.label})", t.money(kind.amount), detail))
    suppliers = [g for g in totals.per_beneficiary if g.contract_amount_excl_vat]
    if suppliers:
        top = suppliers[0]
        points.append(KeyPoint(
            t("Largest supplier"), top.label,
            t("{awards} contract(s), {amount} excl. VAT: {share} of the public-contract value.", awards=top.awards,
              amount=t.money(top.contract_amount_excl_vat), share=t.percent(top.contract_share or Decimal(0))),
        ))  # fmt: skip
    unanswered = [c.part_id for c in coverage if c.status.code != "answered"]
    points.append(KeyPoint(
        t("Parts not fully answered"), ", ".join(unanswered) if unanswered else t("none"),
        t("Parts 1a-1c are reconstructed from the answer and its table; the basis of each item is given."),
    ))  # fmt: skip
    silent = next(g for g in q1.groups if g.group_id == "1c").sub_actions
    points.append(KeyPoint(
        t("Convenant tasks not addressed"), str(len(silent)),
        "; ".join(sub.text for sub in silent) if silent else t("none"),
    ))  # fmt: skip
    points.append(KeyPoint(
        t("Points of attention"), str(len(signals)), "; ".join(signal.title for signal in signals) or t("none"),
    ))  # fmt: skip
    return tuple(points)
