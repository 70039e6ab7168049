"""Numbered follow-up questions drawn from every gap the analysis finds: a part not (fully)
answered, an item not addressed or with a question of its own, a row still in procedure, and the
points of attention on the procurement awards."""

from __future__ import annotations

from decimal import Decimal

from sebrief.dataset.fields import shorten
from sebrief.dataset.model import Basis, ClassificationBlock, Coverage, Dataset, RowStatus
from sebrief.engine.brief_values import FollowUpQuestion, Signal
from sebrief.engine.coverage import PartStatus
from sebrief.engine.signals import clusters_by_amount
from sebrief.i18n import Translator

FollowUp = tuple[str, tuple[str, ...], str]


def follow_up_questions(
    dataset: Dataset,
    parts: tuple[PartStatus, ...],
    signals: tuple[Signal, ...],
    t: Translator,
) -> tuple[FollowUpQuestion, ...]:
    items = [*_on_parts(parts, t), *_on_items(dataset, t), *_on_rows(dataset, t), *signal_questions(signals, t)]
    return tuple(FollowUpQuestion(n, text, follows, reason) for n, (text, follows, reason) in enumerate(items, start=1))


def _on_parts(parts: tuple[PartStatus, ...], t: Translator) -> list[FollowUp]:
    """A question for each part or subpart not fully answered (a part whose subparts carry it is left to them)."""
    has_subparts = {p.parent_id for p in parts if p.parent_id}
    items: list[FollowUp] = []
    for part in parts:
        if part.status is Coverage.ANSWERED or part.part_id in has_subparts:
            continue
        if part.basis is Basis.NOT_ADDRESSED and not part.judgements:
            question = t("The answer does not address part {part} (“{question}”). Can the minister answer it?")
        elif part.status is Coverage.PARTLY:
            question = t("Part {part} (“{question}”) is answered only in part. Can the minister complete the answer?")
        else:
            question = t(
                "Part {part} (“{question}”) is not answered explicitly. Can the minister answer it in so many words?"
            )
        quoted = part.question.rstrip(" ;,:")  # a subpart from a list of them, without the list's ";"
        items.append((question.format(part=part.part_id, question=quoted), (part.part_id,), part.reason))
    return items


def _on_items(dataset: Dataset, t: Translator) -> list[FollowUp]:
    """A question for each item the answer does not address, and for each item of a category that
    carries a follow-up question of its own (e.g. what is planned: when will it start)."""
    items: list[FollowUp] = []
    for block in dataset.main.answer.blocks:
        if not isinstance(block, ClassificationBlock):
            continue
        for category in block.categories:
            members = [item for item in block.items if category.id in item.categories]
            parts = (category.answers,) if category.answers else ()
            for item in members:
                if category.follow_up is not None:
                    question = category.follow_up.get(t.lang).replace("{item}", item.text)
                    reason = t("The answer places it under: {category}.", category=category.label.get(t.lang))
                elif category.not_addressed:
                    question = t(
                        "The answer does not address “{item}”: what has become of it, and how is it organised?"
                    ).format(item=item.text)
                    reason = t("The answer does not address this item.")
                else:
                    continue
                items.append((question, (*parts, item.id), reason))
    return items


# Up to this many rows in procedure, or groups of overlapping awards, each gets a question of its
# own; more (a long list) are asked about in one question, so that the questions stay readable.
EACH_UP_TO = 10
# Row ids written out in a question's text; the rest are counted (every id stays in follows_up_on).
IDS_SHOWN = 12


def _on_rows(dataset: Dataset, t: Translator) -> list[FollowUp]:
    in_procedure = RowStatus.IN_PROCEDURE  # looked up once: a long table has many rows
    pending = [row for row in dataset.rows if row.status is in_procedure]
    reason = t("The row was still in procedure when the question was answered.")
    if len(pending) > EACH_UP_TO:
        question = t(
            "{count} rows were still in procedure when the question was answered ({rows}): to whom was each "
            "awarded, for what amount and for which period?",
            count=len(pending),
            rows=listed_ids([row.id for row in pending], t),
        )
        return [(question, tuple(row.id for row in pending), reason)]
    items: list[FollowUp] = []
    for row in pending:
        question = t("To whom was “{description}” awarded, for what amount and for which period?")
        items.append((question.format(description=shorten(row.description, 160)), (row.id,), reason))
    return items


def listed_ids(ids: list[str], t: Translator) -> str:
    """Ids for a sentence: all of them, or the first IDS_SHOWN and how many more."""
    if len(ids) <= IDS_SHOWN:
        return ", ".join(ids)
    return t("{ids} and {count} more", ids=", ".join(ids[:IDS_SHOWN]), count=len(ids) - IDS_SHOWN)


def signal_questions(signals: tuple[Signal, ...], t: Translator) -> list[FollowUp]:
    items: list[FollowUp] = []
    clusters = [s for s in signals if s.kind.code == "same_supplier_cluster"]
    largest = set(clusters_by_amount(signals)[:EACH_UP_TO])
    for signal in signals:
        rows = listed_ids(list(signal.rows), t)
        if signal.kind.code == "just_below_threshold":
            question = t(
                "Which award procedure was followed for the contracts {rows}, each just below {threshold} "
                "excl. VAT, and were several offers requested?",
                rows=rows,
                threshold=t.money(_param(signal, "threshold")),
            )
        elif signal.kind.code == "same_supplier_cluster" and signal.id in largest:
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
    others = [s for s in clusters if s.id not in largest]
    if others:
        question = t(
            "{count} more groups of overlapping awards to one supplier stay each under a threshold that they "
            "exceed together (points of attention {signals}): why were they awarded as separate contracts?",
            count=len(others),
            signals=listed_ids([s.id for s in others], t),
        )
        reason = t("Points of attention of the same kind, after the {count} largest.", count=len(largest))
        items.append((question, tuple(s.id for s in others), reason))
    return items


def _param(signal: Signal, name: str) -> Decimal:
    return Decimal(dict(signal.parameters)[name])
