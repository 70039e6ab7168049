"""Coverage of the question's parts, follow-up questions drawn from the gaps, and key points."""

from __future__ import annotations

from decimal import Decimal

from sebrief.analysis.labels import label
from sebrief.brief import (
    FollowUpQuestion,
    KeyPoint,
    KindTotal,
    PartCoverage,
    Question1,
    RowEntry,
    Signal,
    SubActionAnswer,
    Totals,
)
from sebrief.i18n import Translator
from sebrief.model import Dataset

STATED = "stated"


def coverage(dataset: Dataset, q1: Question1, rows: tuple[RowEntry, ...], t: Translator) -> tuple[PartCoverage, ...]:
    texts = {sub.id: sub.text for part in dataset.main.question.parts for sub in part.subparts}
    groups = {group.group_id: group for group in q1.groups}
    parts = [_part_1ab(t, part_id, texts, groups[part_id].sub_actions) for part_id in ("1a", "1b")]
    silent = len(groups["1c"].sub_actions)
    reason_1c = t(
        "The answer does not say which tasks are no longer offered; {count} sub-action(s) are not addressed at all.",
        count=silent,
    )
    parts.append(PartCoverage("1c", texts.get("1c", ""), label(t, "coverage", "not_answered"), reason_1c))
    awarded = [r for r in rows if r.status.code == "awarded"]
    pending = len(rows) - len(awarded)
    reasons = {
        "2a": t("Every row has a description."),
        "2b": t(
            "{count} row(s) in procedure have no planned period, although the question asks for it.", count=pending
        ),
        "2c": t("Every awarded row names its beneficiaries; the question asks for them only once awarded."),
        "2d": t("Every awarded row has an amount; public contracts excl. VAT, subsidy calls without a VAT statement."),
    }
    counts = {
        "2a": (sum(1 for r in rows if r.description), len(rows)),
        "2b": (sum(1 for r in rows if r.start), len(rows)),
        "2c": (sum(1 for r in awarded if r.beneficiary), len(awarded)),
        "2d": (sum(1 for r in awarded if r.amount is not None), len(awarded)),
    }
    for part_id, (have, total) in counts.items():
        code = "answered" if have == total else ("partly" if have else "not_answered")
        detail = t("{have} of {total} rows.", have=have, total=total)
        parts.append(
            PartCoverage(part_id, texts.get(part_id, ""), label(t, "coverage", code), f"{detail} {reasons[part_id]}")
        )
    return tuple(parts)


def _part_1ab(t: Translator, part_id: str, texts: dict[str, str], members: tuple[SubActionAnswer, ...]) -> PartCoverage:
    stated = sum(1 for m in members if m.basis.code == STATED)
    if stated and stated == len(members):
        code, reason = "answered", t("Every sub-action placed here rests on the answer's own words.")
    elif stated:
        code = "partly"
        reason = t(
            "{stated} of {count} sub-action(s) rest on the answer's words; the others are inferred from the table. "
            "The answer does not link its contracts to the convenant's tasks.",
            stated=stated,
            count=len(members),
        )
    else:
        code = "not_answered"
        reason = t(
            "The answer does not say this; {count} sub-action(s) are placed here by inference.", count=len(members)
        )
    return PartCoverage(part_id, texts.get(part_id, ""), label(t, "coverage", code), reason)


FollowUp = tuple[str, tuple[str, ...], str]


def follow_up_questions(
    q1: Question1,
    rows: tuple[RowEntry, ...],
    signals: tuple[Signal, ...],
    coverage: tuple[PartCoverage, ...],
    t: Translator,
) -> tuple[FollowUpQuestion, ...]:
    items = [*_on_parts(coverage, t), *_on_sub_actions(q1, t), *_on_rows(rows, t), *signal_questions(signals, t)]
    return tuple(
        FollowUpQuestion(number, text, follows, reason) for number, (text, follows, reason) in enumerate(items, start=1)
    )


def _on_parts(coverage: tuple[PartCoverage, ...], t: Translator) -> list[FollowUp]:
    status = {part.part_id: part.status.code for part in coverage}
    items: list[FollowUp] = []
    if status.get("1a") != "answered":
        question = t(
            "Which tasks of the former convenant does the Flemish government (the administration) now carry out itself?"
        )
        items.append((question, ("1a",), t("Part 1a is not answered explicitly.")))
    if status.get("1b") != "answered":
        question = t("For each task of the former convenant, which public contract now carries it out?")
        items.append(
            (question, ("1b",), t("The answer lists contracts but does not link them to the convenant's tasks."))
        )
    return items


def _on_sub_actions(q1: Question1, t: Translator) -> list[FollowUp]:
    groups = {group.group_id: group for group in q1.groups}
    items: list[FollowUp] = []
    for sub in groups["1c"].sub_actions:
        question = t(
            "Is the task '{task}' (convenant action {action}) still offered since 1 September 2017, "
            "and if so, how is it organised?",
            task=sub.text,
            action=sub.action_number,
        )
        items.append((question, ("1c", sub.sub_action_id), t("The answer does not address this sub-action.")))
    for sub in groups["planned"].sub_actions:
        question = t(
            "When will the planned offer '{task}' (convenant action {action}) start, "
            "and how will it be organised and funded?",
            task=sub.text,
            action=sub.action_number,
        )
        items.append((question, (sub.sub_action_id,), t("The answer describes it as planned.")))
    return items


def _on_rows(rows: tuple[RowEntry, ...], t: Translator) -> list[FollowUp]:
    items: list[FollowUp] = []
    for row in rows:
        if row.status.code == "in_procedure":
            question = t(
                "To whom was the contract '{description}' awarded, for what amount excl. VAT and for which period?",
                description=row.description,
            )
            reason = t("The row was still in procedure when the question was answered.")
            items.append((question, ("2b", "2c", "2d", row.id), reason))
    return items


def signal_questions(signals: tuple[Signal, ...], t: Translator) -> list[FollowUp]:
    items: list[FollowUp] = []
    for signal in signals:
        rows = ", ".join(signal.rows)
        if signal.kind.code == "just_below_threshold":
            question = t(
                "Which award procedure was followed for the contracts {rows}, each just below {threshold} "
                "excl. VAT, and were several offers requested?",
                rows=rows,
                threshold=t.money(_param(signal, "threshold")),
            )
        elif signal.kind.code == "same_supplier_cluster":
            question = t(
                "Why were the contracts {rows} with {supplier} (together {total} excl. VAT) awarded separately "
                "rather than as one contract?",
                rows=rows,
                supplier=signal.supplier or "",
                total=t.money(signal.amount or _param(signal, "group_total")),
            )
        else:
            continue
        items.append((question, (signal.id, *signal.rows), t("Point of attention: {title}.", title=signal.title)))
    return items


def _param(signal: Signal, name: str) -> Decimal:
    return Decimal(dict(signal.parameters)[name])


def key_points(
    q1: Question1,
    totals: Totals,
    signals: tuple[Signal, ...],
    coverage: tuple[PartCoverage, ...],
    t: Translator,
) -> tuple[KeyPoint, ...]:
    points = [_kind_point(kind, totals, t) for kind in totals.per_kind]
    suppliers = [g for g in totals.per_beneficiary if g.contract_amount_excl_vat]
    if suppliers:
        top = suppliers[0]
        detail = t(
            "{awards} contract(s), {amount} excl. VAT: {share} of the public-contract value.",
            awards=top.awards,
            amount=t.money(top.contract_amount_excl_vat),
            share=t.percent(top.contract_share or Decimal(0)),
        )
        points.append(KeyPoint(t("Largest supplier"), top.label, detail))
    unanswered = ", ".join(c.part_id for c in coverage if c.status.code != "answered") or t("none")
    detail = t("Parts 1a-1c are reconstructed from the answer and its table; the basis of each item is given.")
    points.append(KeyPoint(t("Parts not fully answered"), unanswered, detail))
    silent = next(g for g in q1.groups if g.group_id == "1c").sub_actions
    silent_list = "; ".join(sub.text for sub in silent) or t("none")
    points.append(KeyPoint(t("Convenant tasks not addressed"), str(len(silent)), silent_list))
    titles = "; ".join(signal.title for signal in signals) or t("none")
    points.append(KeyPoint(t("Points of attention"), str(len(signals)), titles))
    return tuple(points)


def _kind_point(kind: KindTotal, totals: Totals, t: Translator) -> KeyPoint:
    detail = t(
        "{rows} rows: {awarded} awarded, {pending} in procedure.",
        rows=kind.rows,
        awarded=kind.awarded,
        pending=kind.in_procedure,
    )
    if kind.amount_incl_vat_estimate is not None:
        estimate = t(
            "About {amount} incl. VAT (estimate at {rate}).",
            amount=t.money(kind.amount_incl_vat_estimate),
            rate=t.percent(totals.vat_rate, 0),
        )
        detail = f"{detail} {estimate}"
    return KeyPoint(f"{kind.kind.label} ({kind.vat_basis.label})", t.money(kind.amount), detail)
